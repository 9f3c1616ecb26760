// bench_ledger — the tamper-evident ledger, measured against baselines run in the same process.
//
//   bench_ledger --dir DIR [--seconds S] [--events N] [--samples K] [--keep 1]
//
//  1. appends: durable ledger appends/s through the group-commit writer (64 submitting threads, one
//     event per job; each append writes the event and the tree nodes it completes), printed beside
//     SQLite's one-row-per-transaction rate (synchronous=FULL) on the same disk.
//  2. proofs: builds a ledger of N realistic events (default 1,000,000: copies of a real case's
//     lifecycle recorded through the App — opened, parties, start approval reviewed and approved,
//     stages advanced), signs checkpoints, then times K inclusion and K consistency proofs at random
//     indexes against the full tree (p50/p99), beside one primary-key point read of a leaf.
//  3. verify: times `quancheng verify` (VerifyDataDir) of that directory, beside a bare pass that only
//     reads every event and hashes it.
// DIR must be empty or absent; it is removed at the end (unless --keep 1).
#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include <sqlite3.h>

#include "app/app.h"
#include "app/setup.h"
#include "app/verify.h"
#include "crypto/hash.h"
#include "ledger/merkle.h"
#include "store/db.h"
#include "store/event_log.h"
#include "store/rebuild.h"
#include "store/schema.h"
#include "store/writer.h"

namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;
using qc::Json;
using qc::Status;

double Seconds(Clock::time_point a, Clock::time_point b) { return std::chrono::duration<double>(b - a).count(); }

[[noreturn]] void Die(const std::string& what) {
  std::fprintf(stderr, "bench_ledger: %s\n", what.c_str());
  std::exit(1);
}
void Check(const Status& s, const char* what) {
  if (!s.ok()) Die(std::string(what) + ": " + s.ToString());
}

// SQLite alone: one 300-byte row per BEGIN/INSERT/COMMIT, WAL, synchronous=FULL.
double SqliteOneRowPerTxn(const std::string& path, double seconds) {
  auto db = std::move(qc::store::Db::Open(path, true).value());
  Check(db->Exec("CREATE TABLE t (k INTEGER PRIMARY KEY, v BLOB NOT NULL)"), "create");
  std::string blob(300, 'x');
  int64_t n = 0;
  auto t0 = Clock::now();
  while (Seconds(t0, Clock::now()) < seconds) {
    Check(db->Exec("BEGIN"), "begin");
    auto s = db->Prepare("INSERT INTO t(k, v) VALUES (?, ?)").value();
    s->Bind(1, n).BindBlob(2, blob);
    Check(s->Run(), "insert");
    Check(db->Exec("COMMIT"), "commit");
    ++n;
  }
  return n / Seconds(t0, Clock::now());
}

// Ledger appends through the writer: `threads` callers, each submitting one event per job.
double WriterAppends(const std::string& path, double seconds, int threads) {
  {
    auto db = std::move(qc::store::Db::Open(path, true).value());
    Check(qc::store::EnsureSchema(*db).status(), "schema");
  }
  auto writer = std::move(qc::store::Writer::Open(path).value());
  std::atomic<bool> stop{false};
  std::atomic<int64_t> done{0};
  auto t0 = Clock::now();
  std::vector<std::thread> pool;
  for (int t = 0; t < threads; ++t)
    pool.emplace_back([&, t] {
      for (int64_t i = 0; !stop.load(); ++i) {
        Status st = writer->Run([&](qc::store::WriteTx& tx) -> Status {
          qc::domain::Event e;
          e.type = "BenchMark";
          e.actor = {"system", "系统", "system"};
          e.at = qc::TimePoint(std::chrono::milliseconds(1795741323456));
          e.data = {{"thread", t}, {"i", i}, {"note", std::string(200, 'x')}};
          qc::store::EventLog log(tx.db());
          return log.Append(e).status();
        });
        Check(st, "append");
        done.fetch_add(1);
      }
    });
  std::this_thread::sleep_for(std::chrono::duration<double>(seconds));
  stop = true;
  for (auto& th : pool) th.join();
  double secs = Seconds(t0, Clock::now());
  auto stats = writer->stats();
  std::printf("  writer: %lld jobs in %lld batches (%.1f jobs per commit)\n", static_cast<long long>(stats.jobs),
              static_cast<long long>(stats.batches), stats.batches ? double(stats.jobs) / stats.batches : 0.0);
  return done.load() / secs;
}

// One real case's lifecycle, recorded through the App; returns its events (bytes) for copying.
std::vector<std::string> TemplateCase(const std::string& dir, std::string* case_id, std::string* number,
                                      std::vector<std::string>* approval_ids) {
  qc::SystemClock clock;
  qc::app::InitOptions io;
  io.data_dir = dir;
  io.demo = true;
  Check(qc::app::InitDataDir(io, clock), "init");
  qc::app::Options o;
  o.data_dir = dir;
  auto app = std::move(qc::app::App::Open(o, clock).value());
  auto actor = [&](const char* u) {
    return app->directory().LoadActor(app->directory().FindUserId(u).value()).value();
  };
  auto officer = actor("officer1"), reviewer = actor("reviewer1"), approver = actor("approver1");
  qc::app::NewCase nc;
  nc.cmd.mode = qc::domain::StartMode::kExOfficio;
  nc.cmd.title = "某网吧接纳未成年人上网案";
  nc.co_officer_ids = {app->directory().FindUserId("officer3").value()};  // two officers (行政处罚法第四十二条)
  nc.cmd.parties = {qc::domain::PartyFromJson({{"kind", "legal_person"},
                                               {"name", "易县星空网络服务有限公司"},
                                               {"id_number", "91130633MA0D4E5F6N"},
                                               {"legal_representative", "吴刚"}})};
  nc.cmd.start_form = qc::domain::StartFormFromJson({{"cause", "日常检查发现该网吧接纳未成年人上网"}});
  auto opened = app->cases().OpenCase(officer, nc).value();
  *case_id = opened.body["id"];
  *number = opened.body["number"];
  auto act = [&](const qc::app::CaseAction& a) { Check(app->cases().Act(officer, *case_id, a).status(), "act"); };
  act(qc::app::AddParty{
      qc::domain::PartyFromJson({{"kind", "natural_person"}, {"name", "吴刚"}, {"id_number", "130633198001011234"}})});
  act(qc::app::SubmitStartApproval{"建议立案调查", "证据初步确实", std::nullopt});
  auto inbox = app->cases().ApprovalInbox(reviewer, qc::app::CaseService::ApprovalScope::kTodo, 1, 100).value();
  std::string apv;
  for (const auto& item : inbox["items"])
    if (item["case_id"] == *case_id) apv = item["id"];
  approval_ids->push_back(apv);
  Check(app->cases().DecideApproval(reviewer, apv, "approve", "同意").status(), "review");
  Check(app->cases().DecideApproval(approver, apv, "approve", "同意启动").status(), "approve");
  act(qc::app::AdvanceStage{qc::domain::Stage::kReviewDecision, "调查终结"});
  // The decision runs the chain (issue 12 §7), then it is served and executed before 归档管理.
  act(qc::app::SubmitDecision{
      qc::domain::DecisionFromJson(
          {{"decision_no", "易公（治）行罚决字〔2026〕1号"},
           {"kind", "penalty"},
           {"content", "没收赌博功能电子游戏机，罚款人民币三万元（娱乐场所管理条例第四十五条）"}}),
      "拟作出行政处罚决定"});
  inbox = app->cases().ApprovalInbox(reviewer, qc::app::CaseService::ApprovalScope::kTodo, 1, 100).value();
  std::string decision_apv;
  for (const auto& item : inbox["items"])
    if (item["case_id"] == *case_id) decision_apv = item["id"];
  approval_ids->push_back(decision_apv);
  Check(app->cases().DecideApproval(reviewer, decision_apv, "approve", "同意").status(), "review decision");
  Check(app->cases().DecideApproval(approver, decision_apv, "approve", "同意").status(), "approve decision");
  act(qc::app::AdvanceStage{qc::domain::Stage::kServiceExecution, "决定已作出"});
  std::string now = qc::FormatRfc3339(clock.Now());
  act(qc::app::RecordService{qc::domain::ServiceFromJson({{"document_no", "易公（治）行罚决字〔2026〕1号"},
                                                          {"method", "direct"},
                                                          {"recipient", "吴刚"},
                                                          {"served_at", now},
                                                          {"proof", "送达回证第1号"}})});
  act(qc::app::RecordExecution{qc::domain::ExecutionFromJson(
      {{"manner", "performed"}, {"note", "罚款已缴纳，票据号 0000001"}, {"completed_at", now}})});
  act(qc::app::AdvanceStage{qc::domain::Stage::kArchiving, "执行完毕"});
  auto db = std::move(qc::store::Db::Open(dir + "/quancheng.db", false).value());
  auto s = db->Prepare("SELECT bytes FROM events WHERE case_id = ? ORDER BY idx").value();
  s->Bind(1, *case_id);
  std::vector<std::string> out;
  while (s->Step().value()) out.push_back(s->Blob(0));
  s->Reset();
  return out;
}

void ReplaceAll(std::string& s, const std::string& from, const std::string& to) {
  for (size_t p = s.find(from); p != std::string::npos; p = s.find(from, p + to.size())) s.replace(p, from.size(), to);
}

// Appends copies of the template case until the log holds `target` events, in large jobs; then the
// projections are materialised by the same code that replays them, and checkpoints are signed.
void BuildLedger(const std::string& dir, int64_t target) {
  std::string case_id, number;
  std::vector<std::string> apvs;
  auto events = TemplateCase(dir, &case_id, &number, &apvs);
  std::printf("  template case: %zu events (%s)\n", events.size(), case_id.c_str());
  std::string path = dir + "/quancheng.db";
  auto writer = std::move(qc::store::Writer::Open(path).value());
  int64_t copy = 0, n = 0;
  {
    auto db = std::move(qc::store::Db::Open(path, false).value());
    n = qc::store::EventLog(*db).Size().value();
  }
  auto t0 = Clock::now();
  while (n < target) {
    Check(writer->Run([&](qc::store::WriteTx& tx) -> Status {
      qc::store::EventLog log(tx.db());
      for (int k = 0; k < 2000 && n < target; ++k, ++copy) {
        char suffix[32];
        std::snprintf(suffix, sizeof suffix, "%010lld", static_cast<long long>(copy));
        std::string new_case = case_id.substr(0, case_id.size() - 10) + suffix;
        std::string new_number = "易公一队〔2026〕B" + std::string(suffix) + "号";
        for (const auto& bytes : events) {
          if (n >= target) break;
          std::string b = bytes;
          ReplaceAll(b, case_id, new_case);
          ReplaceAll(b, number, new_number);
          for (const auto& a : apvs) ReplaceAll(b, a, a.substr(0, a.size() - 10) + suffix);
          QC_ASSIGN_OR_RETURN(Json j, qc::ParseJson(b));
          QC_ASSIGN_OR_RETURN(qc::domain::Event e, qc::domain::EventFromJson(j));
          QC_RETURN_IF_ERROR(log.Append(e).status());
          ++n;
        }
      }
      return Status();
    }),
          "append copies");
  }
  writer.reset();
  std::printf("  appended to %lld events in %.1f s\n", static_cast<long long>(n), Seconds(t0, Clock::now()));
  // Projections: drop and replay (the copies were appended without them).
  t0 = Clock::now();
  {
    auto db = std::move(qc::store::Db::Open(path, false).value());
    for (const auto& t : qc::store::kProjectionTables) Check(db->Exec("DELETE FROM " + std::string(t.name)), "clear");
    Check(qc::store::RebuildProjections(*db, *db), "project");
  }
  std::printf("  projections written in %.1f s\n", Seconds(t0, Clock::now()));
  qc::SystemClock clock;
  qc::app::Options o;
  o.data_dir = dir;
  o.checkpoint_interval = std::chrono::hours(1);
  auto app = std::move(qc::app::App::Open(o, clock).value());
  Check(app->ledger().SignCheckpoint(), "checkpoint");
}

struct Latency {
  double p50_us, p99_us;
};
template <typename F>
Latency Time(int samples, F f) {
  std::vector<double> us;
  us.reserve(samples);
  for (int i = 0; i < samples; ++i) {
    auto t0 = Clock::now();
    f(i);
    us.push_back(Seconds(t0, Clock::now()) * 1e6);
  }
  std::sort(us.begin(), us.end());
  return {us[us.size() / 2], us[us.size() * 99 / 100]};
}

}  // namespace

int main(int argc, char** argv) {
  std::string dir;
  double seconds = 5;
  int64_t events = 1000000;
  int samples = 20000;
  bool keep = false;
  for (int i = 1; i + 1 < argc; i += 2) {
    std::string a = argv[i];
    if (a == "--dir")
      dir = argv[i + 1];
    else if (a == "--seconds")
      seconds = std::atof(argv[i + 1]);
    else if (a == "--events")
      events = std::atoll(argv[i + 1]);
    else if (a == "--samples")
      samples = std::atoi(argv[i + 1]);
    else if (a == "--keep")
      keep = std::string(argv[i + 1]) == "1";
    else
      Die("unknown option " + a);
  }
  if (dir.empty() || (fs::exists(dir) && !fs::is_empty(dir))) Die("--dir must name an empty or absent directory");
  fs::create_directories(dir);

  std::printf("1. durable appends (%.0f s each)\n", seconds);
  double sqlite_rate = SqliteOneRowPerTxn(dir + "/baseline.db", seconds);
  std::printf("  SQLite, one row per transaction: %.0f rows/s\n", sqlite_rate);
  double ledger_rate = WriterAppends(dir + "/appends.db", seconds, 64);
  std::printf("  ledger appends, group commit:    %.0f events/s  (%.2fx SQLite)\n", ledger_rate,
              ledger_rate / sqlite_rate);
  std::printf("appends_per_sec=%.0f sqlite_rows_per_sec=%.0f\n", ledger_rate, sqlite_rate);

  std::string data = dir + "/data";
  std::printf("2. building a ledger of %lld events\n", static_cast<long long>(events));
  BuildLedger(data, events);
  auto db = std::move(qc::store::Db::Open(data + "/quancheng.db", false).value());
  qc::store::EventLog log(*db);
  int64_t n = log.Size().value();
  std::mt19937_64 rng(42);
  std::vector<int64_t> idx(samples), from(samples);
  for (int i = 0; i < samples; ++i) {
    idx[i] = static_cast<int64_t>(rng() % n);
    from[i] = 1 + static_cast<int64_t>(rng() % n);
  }
  auto point = db->Prepare("SELECT leaf_hash FROM events WHERE idx = ?").value();
  Latency base = Time(samples, [&](int i) {
    point->Bind(1, idx[i]);
    (void)point->Step();
    point->Reset();
  });
  Latency inc = Time(samples, [&](int i) { Check(log.InclusionProof(idx[i], n).status(), "inclusion"); });
  Latency con = Time(samples, [&](int i) { Check(log.ConsistencyProof(from[i], n).status(), "consistency"); });
  std::printf("  point read of a leaf:  p50 %.1f us  p99 %.1f us\n", base.p50_us, base.p99_us);
  std::printf("  inclusion proof:       p50 %.1f us  p99 %.1f us  (p99 %.1fx the point read)\n", inc.p50_us, inc.p99_us,
              inc.p99_us / base.p99_us);
  std::printf("  consistency proof:     p50 %.1f us  p99 %.1f us  (p99 %.1fx the point read)\n", con.p50_us, con.p99_us,
              con.p99_us / base.p99_us);
  db.reset();

  std::printf("3. verify of %lld events\n", static_cast<long long>(n));
  auto t0 = Clock::now();
  {
    auto d = std::move(qc::store::Db::Open(data + "/quancheng.db", false).value());
    auto s = d->Prepare("SELECT bytes FROM events ORDER BY idx").value();
    int64_t k = 0;
    while (s->Step().value()) k += qc::ledger::HashLeaf(s->Blob(0)).size() > 0;
    s->Reset();
  }
  double bare = Seconds(t0, Clock::now());
  t0 = Clock::now();
  auto report = qc::app::VerifyDataDir(data);
  double full = Seconds(t0, Clock::now());
  if (!report.ok()) Die("verify: " + report.status().ToString());
  if (!report->divergences.empty()) Die("verify found divergences: " + report->divergences.front());
  std::printf("  %s\n", report->Summary().c_str());
  std::printf("  read + hash every event: %.1f s;  verify: %.1f s  (%.1fx)\n", bare, full, full / bare);
  if (!keep) fs::remove_all(dir);
  return 0;
}
