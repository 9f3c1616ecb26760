// The event store: append-only at the database level, gap-free indexes, group commit, and
// projections that a replay of the events reproduces exactly.
#include <gtest/gtest.h>

#include <thread>

#include "app/app.h"
#include "app/setup.h"
#include "common/hex.h"
#include "crypto/hash.h"
#include "ledger/merkle.h"
#include "store/db.h"
#include "store/event_log.h"
#include "store/rebuild.h"
#include "store/schema.h"
#include "store/sequences.h"
#include "store/writer.h"
#include "demo_app.h"
#include "test_dir.h"

namespace qc::store {
namespace {

using namespace std::chrono_literals;
using qc::testing::TempDir;

domain::Event UnitEvent(const std::string& id) {
  domain::Event e;
  e.type = "UnitCreated";
  e.actor = {"system", "系统", "system"};
  e.at = TimePoint(1795741323456ms);
  e.data = {{"unit_id", id}, {"name", "单位" + id}, {"code", id}, {"parent_id", ""}};
  return e;
}

TEST(EventLog, AppendsCanonicalBytesWithTheirLeafHash) {
  TempDir dir;
  auto db = Db::Open(dir.File("t.db"), true);
  ASSERT_TRUE(db.ok());
  ASSERT_TRUE(EnsureSchema(**db).ok());
  EventLog log(**db);
  domain::Event e = UnitEvent("u1");
  auto appended = log.Append(e);
  ASSERT_TRUE(appended.ok()) << appended.status().ToString();
  EXPECT_EQ(e.index, 0);
  EXPECT_EQ(appended->index, 0);
  auto stored = log.ReadRange(0, 1);
  ASSERT_TRUE(stored.ok());
  const std::string& bytes = (*stored)[0].bytes;
  EXPECT_EQ(bytes, R"({"actor":{"id":"system","name":"系统","role":"system"},"at":"2026-11-27T01:02:03.456Z",)"
                   R"("data":{"code":"u1","name":"单位u1","parent_id":"","unit_id":"u1"},"type":"UnitCreated","v":1})");
  EXPECT_EQ(appended->leaf_hash, ledger::HashLeaf(bytes));
  EXPECT_EQ((*stored)[0].leaf_hash, appended->leaf_hash);
  domain::Event e2 = UnitEvent("u2");
  ASSERT_TRUE(log.Append(e2).ok());
  EXPECT_EQ(e2.index, 1);
  auto range = log.ReadRange(0, 10);
  ASSERT_TRUE(range.ok());
  ASSERT_EQ(range->size(), 2u);
  EXPECT_EQ((*range)[0].bytes, bytes);
}

TEST(EventLog, KeepsTheMerkleTreeOfItsEvents) {
  TempDir dir;
  auto db = Db::Open(dir.File("t.db"), true);
  ASSERT_TRUE(EnsureSchema(**db).ok());
  EventLog log(**db);
  std::vector<std::string> leaves;
  std::vector<std::string> roots{ledger::HashEmpty()};
  for (int i = 0; i < 37; ++i) {
    domain::Event e = UnitEvent("u" + std::to_string(i));
    auto a = log.Append(e);
    ASSERT_TRUE(a.ok());
    leaves.push_back(a->leaf_hash);
    auto root = log.Root(i + 1);
    ASSERT_TRUE(root.ok()) << root.status().ToString();
    roots.push_back(*root);
  }
  EXPECT_EQ(*log.Root(1), leaves[0]);
  EXPECT_EQ(*log.Root(2), ledger::HashChildren(leaves[0], leaves[1]));
  for (int n : {1, 2, 5, 16, 37}) {
    for (int m = 0; m < n; ++m) {
      auto p = log.InclusionProof(m, n);
      ASSERT_TRUE(p.ok());
      EXPECT_TRUE(ledger::VerifyInclusion(m, n, leaves[m], *p, roots[n]).ok()) << m << " in " << n;
      auto c = log.ConsistencyProof(m + 1, n);
      ASSERT_TRUE(c.ok());
      EXPECT_TRUE(ledger::VerifyConsistency(m + 1, n, *c, roots[m + 1], roots[n]).ok()) << m + 1 << " to " << n;
    }
  }
  EXPECT_EQ(log.Root(38).status().field(), "size");
  EXPECT_FALSE(log.InclusionProof(37, 37).ok());
  auto nodes = (*db)->Prepare("SELECT COUNT(*) FROM tree_nodes");
  ASSERT_TRUE((*nodes)->Step().value());
  EXPECT_EQ((*nodes)->Int(0), 37 - 3) << "n - popcount(n) perfect subtrees above the leaves";
  EXPECT_FALSE((*db)->Exec("UPDATE tree_nodes SET hash = zeroblob(32)").ok());
  EXPECT_FALSE((*db)->Exec("DELETE FROM tree_nodes").ok());
}

TEST(EventLog, DatabaseRefusesUpdateDeleteAndGaps) {
  TempDir dir;
  auto db = Db::Open(dir.File("t.db"), true);
  ASSERT_TRUE(EnsureSchema(**db).ok());
  EventLog log(**db);
  domain::Event e = UnitEvent("u1");
  ASSERT_TRUE(log.Append(e).ok());
  Status upd = (*db)->Exec("UPDATE events SET bytes = x'00' WHERE idx = 0");
  EXPECT_FALSE(upd.ok());
  EXPECT_NE(upd.message().find("append-only"), std::string::npos) << upd.ToString();
  EXPECT_FALSE((*db)->Exec("DELETE FROM events WHERE idx = 0").ok());
  EXPECT_FALSE((*db)->Exec("DELETE FROM events").ok());
  Status gap =
      (*db)->Exec("INSERT INTO events(idx, type, at, bytes, leaf_hash) VALUES (5, 'X', 'now', x'00', zeroblob(32))");
  EXPECT_FALSE(gap.ok()) << "index 5 after index 0 would leave a gap";
  Status dup =
      (*db)->Exec("INSERT INTO events(idx, type, at, bytes, leaf_hash) VALUES (0, 'X', 'now', x'00', zeroblob(32))");
  EXPECT_FALSE(dup.ok());
  EXPECT_EQ(*log.Size(), 1);
}

TEST(Writer, GroupsConcurrentJobsIntoFewerTransactions) {
  TempDir dir;
  auto w = Writer::Open(dir.File("t.db"));
  ASSERT_TRUE(w.ok());
  constexpr int kThreads = 16, kPerThread = 20;
  std::atomic<int> failures{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < kPerThread; ++i) {
        Status st = (*w)->Run([&](WriteTx& tx) -> Status {
          return tx.Append(UnitEvent("u" + std::to_string(t) + "_" + std::to_string(i))).status();
        });
        if (!st.ok()) failures++;
      }
    });
  }
  for (auto& th : threads) th.join();
  EXPECT_EQ(failures.load(), 0);
  Writer::Stats s = (*w)->stats();
  EXPECT_EQ(s.jobs, kThreads * kPerThread);
  EXPECT_LT(s.batches, s.jobs) << "concurrent writers must share transactions (group commit)";
  w->reset();
  auto db = Db::Open(dir.File("t.db"), false);
  auto q = (*db)->Prepare("SELECT COUNT(*), MIN(idx), MAX(idx), COUNT(DISTINCT idx) FROM events");
  ASSERT_TRUE((*q)->Step().value());
  EXPECT_EQ((*q)->Int(0), kThreads * kPerThread);
  EXPECT_EQ((*q)->Int(1), 0);
  EXPECT_EQ((*q)->Int(2), kThreads * kPerThread - 1);
  EXPECT_EQ((*q)->Int(3), kThreads * kPerThread);
}

TEST(Writer, AFailingJobRollsBackAloneAndLeavesNoGap) {
  TempDir dir;
  auto w = Writer::Open(dir.File("t.db"));
  ASSERT_TRUE(w.ok());
  ASSERT_TRUE((*w)->Run([](WriteTx& tx) { return tx.Append(UnitEvent("a")).status(); }).ok());
  Status bad = (*w)->Run([](WriteTx& tx) -> Status {
    QC_RETURN_IF_ERROR(tx.Append(UnitEvent("b")).status());
    return Status::Conflict("test", "fails after appending");
  });
  EXPECT_EQ(bad.code(), "test");
  // A duplicate unit id violates the projection's primary key: the event must not stay either.
  Status dup = (*w)->Run([](WriteTx& tx) { return tx.Append(UnitEvent("a")).status(); });
  EXPECT_FALSE(dup.ok());
  ASSERT_TRUE((*w)->Run([](WriteTx& tx) { return tx.Append(UnitEvent("c")).status(); }).ok());
  w->reset();
  auto db = Db::Open(dir.File("t.db"), false);
  EventLog log(**db);
  auto all = log.ReadRange(0, 100);
  ASSERT_EQ(all->size(), 2u);
  EXPECT_EQ((*all)[1].event.index, 1);
  EXPECT_EQ((*all)[1].event.data["unit_id"], "c");
}

// Drives the demo and more through the use cases, then replays every event into fresh projections.
class RebuildTest : public ::testing::Test {
 public:
  TempDir& dir() { return dir_; }
  FakeClock& clock() { return clock_; }

 protected:
  void SetUp() override { app_ = qc::testing::OpenDemoApp(dir_.path(), clock_); }
  domain::Actor Login(const std::string& username) {
    return app_->directory().LoadActor(*app_->directory().FindUserId(username)).value();
  }
  TempDir dir_;
  FakeClock clock_{TimePoint(1795741323456ms)};
  std::unique_ptr<app::App> app_;
};

TEST_F(RebuildTest, ReplayedProjectionsEqualLiveOnes) {
  domain::Actor reviewer = Login("reviewer1"), approver = Login("approver1"), officer = Login("officer1"),
                admin = Login("admin");
  auto inbox = app_->cases().ApprovalInbox(reviewer, app::CaseService::ApprovalScope::kTodo, 1, 10);
  ASSERT_TRUE(inbox.ok());
  ASSERT_EQ((*inbox)["total"], 1);
  std::string approval = (*inbox)["items"][0]["id"];
  clock_.Advance(1h);
  ASSERT_TRUE(app_->cases().DecideApproval(reviewer, approval, "approve", "同意").ok());
  ASSERT_TRUE(app_->cases().DecideApproval(approver, approval, "approve", "同意启动").ok());
  std::string case_id = (*inbox)["items"][0]["case_id"];
  ASSERT_TRUE(app_->cases()
                  .ActOnCase(officer, case_id,
                             [&](const domain::CaseState& c) {
                               return domain::DecideAddParty(
                                   c, officer, domain::PartyFromJson({{"kind", "natural_person"}, {"name", "周涛"}}));
                             })
                  .ok());
  ASSERT_TRUE(app_->directory().ChangeUser(admin, officer.user_id, {.cert_no = std::string("040099")}).ok());

  TempDir rebuilt_dir;
  auto live = Db::Open(dir_.File("quancheng.db"), false);
  auto rebuilt = Db::Open(rebuilt_dir.File("r.db"), true);
  ASSERT_TRUE(live.ok() && rebuilt.ok());
  Status st = RebuildProjections(**live, **rebuilt);
  ASSERT_TRUE(st.ok()) << st.ToString();
  auto diffs = CompareProjections(**live, **rebuilt);
  ASSERT_TRUE(diffs.ok());
  EXPECT_TRUE(diffs->empty()) << (*diffs)[0];
  auto cases = (*rebuilt)->Prepare("SELECT COUNT(*) FROM cases WHERE stage = 'investigation'");
  ASSERT_TRUE((*cases)->Step().value());
  EXPECT_EQ((*cases)->Int(0), 1);

  // The comparison is not vacuous: a changed row in each kind of table is named.
  ASSERT_TRUE((*live)->Exec("UPDATE cases SET title = '改' WHERE id = '" + case_id + "'").ok());
  ASSERT_TRUE((*live)->Exec("DELETE FROM case_officers WHERE lead = 1 AND case_id = '" + case_id + "'").ok());
  ASSERT_TRUE((*live)->Exec("UPDATE users SET role = 'admin' WHERE username = 'officer2'").ok());
  diffs = CompareProjections(**live, **rebuilt);
  ASSERT_EQ(diffs->size(), 3u);
  std::string all = (*diffs)[0] + "\n" + (*diffs)[1] + "\n" + (*diffs)[2];
  EXPECT_NE(all.find("cases " + case_id + ": 与重放事件的结果不符"), std::string::npos) << all;
  EXPECT_NE(all.find("case_officers " + case_id + "/"), std::string::npos) << all;
  EXPECT_NE(all.find("users "), std::string::npos) << all;
}

// Makes the demo's data directory look as an older version left it (`sql`), checks that verify sees
// the difference, opens it (Writer::Open migrates) and returns it read-only, verified again.
std::unique_ptr<Db> MigratedOnOpen(RebuildTest& t, const std::string& sql) {
  {
    auto db = Db::Open(t.dir().File("quancheng.db"), true);
    EXPECT_TRUE(db.ok());
    EXPECT_TRUE((*db)->Exec(sql).ok());
    auto diffs = VerifyProjections(**db);
    EXPECT_FALSE(diffs.ok() && diffs->empty()) << "the old rows differ from what this version renders";
  }
  app::Options ao;
  ao.data_dir = t.dir().path();
  auto a = app::App::Open(ao, t.clock());
  EXPECT_TRUE(a.ok()) << a.status().ToString();
  if (a.ok()) a->reset();
  auto db = std::move(Db::Open(t.dir().File("quancheng.db"), false).value());
  auto diffs = VerifyProjections(*db);
  EXPECT_TRUE(diffs.ok());
  if (diffs.ok()) EXPECT_TRUE(diffs->empty()) << (*diffs)[0];
  return db;
}

// A data directory of schema 2 (no case_deadlines, case details without closed_at and deadlines)
// is brought up to date when it is opened, and then verifies.
TEST_F(RebuildTest, SchemaTwoIsMigratedOnOpen) {
  app_.reset();
  auto db = MigratedOnOpen(*this,
                           "DROP TABLE case_deadlines; UPDATE meta SET value = '2' WHERE key = 'schema_version';"
                           "UPDATE cases SET detail = json_remove(detail, '$.deadlines', '$.closed_at')");
  auto n = db->Prepare("SELECT COUNT(*) FROM case_deadlines WHERE kind = 'supplement'");
  ASSERT_TRUE((*n)->Step().value());
  EXPECT_EQ((*n)->Int(0), 1) << "the demo's supplement notice has a date";
  auto v = db->Prepare("SELECT value FROM meta WHERE key = 'schema_version'");
  ASSERT_TRUE((*v)->Step().value());
  EXPECT_EQ((*v)->Text(0), std::to_string(kSchemaVersion));
}

// A data directory of schema 3 rendered its deadlines in calendar days: opening it renders every case
// again, and then it verifies.
TEST_F(RebuildTest, SchemaThreeIsRenderedAgainOnOpen) {
  app_.reset();
  MigratedOnOpen(*this,
                 "UPDATE meta SET value = '3' WHERE key = 'schema_version';"
                 "UPDATE case_deadlines SET due_at = '2000-01-01T00:00:00.000Z';"
                 "UPDATE cases SET detail = json_remove(detail, '$.deadlines')");
}

// Schema 4 had no approval_steps (the 已办 list) and no enforcement-body flag on units: opening fills
// the steps from the cases' approvals and flags the top unit.
TEST_F(RebuildTest, SchemaFourGainsApprovalStepsOnOpen) {
  app_.reset();
  auto db = MigratedOnOpen(*this,
                           "UPDATE meta SET value = '4' WHERE key = 'schema_version'; DELETE FROM approval_steps;"
                           "ALTER TABLE units DROP COLUMN enforcement_body");
  auto bodies = db->Prepare("SELECT group_concat(name) FROM units WHERE enforcement_body = 1");
  ASSERT_TRUE((*bodies)->Step().value());
  EXPECT_EQ((*bodies)->Text(0), "易县公安局");
  auto n = db->Prepare("SELECT COUNT(*) FROM approval_steps WHERE step = 'submit'");
  ASSERT_TRUE((*n)->Step().value());
  EXPECT_GE((*n)->Int(0), 2) << "the demo's submitted approvals";
}

}  // namespace
}  // namespace qc::store

namespace qc::store {
namespace {

// Thousands of events span many of the replay's batches, decoded ahead on other threads: a case
// whose events straddle them still replays in order, and verify's in-memory rows equal the tables.
TEST_F(RebuildTest, ReplayAcrossManyBatchesKeepsOrder) {
  domain::Actor officer = Login("officer1");
  auto inbox = app_->cases().ApprovalInbox(Login("reviewer1"), app::CaseService::ApprovalScope::kTodo, 1, 10);
  std::string case_id = (*inbox)["items"][0]["case_id"];
  std::vector<domain::Event> units;
  for (int i = 0; i < 5000; ++i) {
    domain::Event e;
    e.type = "UnitCreated";
    e.data = {{"unit_id", "unit_bulk" + std::to_string(i)},
              {"name", "单位" + std::to_string(i)},
              {"code", "批" + std::to_string(i)},
              {"parent_id", ""}};
    units.push_back(std::move(e));
  }
  ASSERT_TRUE(app_->RecordSystem(std::move(units)).ok());
  for (const char* name : {"周涛", "吴刚"})  // after the bulk: the case's last events come 5,000 later
    ASSERT_TRUE(app_->cases()
                    .ActOnCase(officer, case_id,
                               [&](const domain::CaseState& c) {
                                 return domain::DecideAddParty(
                                     c, officer, domain::PartyFromJson({{"kind", "natural_person"}, {"name", name}}));
                               })
                    .ok());

  auto live = Db::Open(dir_.File("quancheng.db"), false);
  ASSERT_TRUE(live.ok());
  auto diffs = VerifyProjections(**live);
  ASSERT_TRUE(diffs.ok()) << diffs.status().ToString();
  EXPECT_TRUE(diffs->empty()) << (*diffs)[0];
  TempDir rebuilt_dir;
  auto rebuilt = Db::Open(rebuilt_dir.File("r.db"), true);
  ASSERT_TRUE(RebuildProjections(**live, **rebuilt).ok());
  auto parties = (*rebuilt)->Prepare("SELECT group_concat(name, ',') FROM case_parties WHERE case_id = ?");
  (*parties)->Bind(1, case_id);
  ASSERT_TRUE((*parties)->Step().value());
  EXPECT_EQ((*parties)->Text(0), "易县金嗓子娱乐有限公司,周涛,吴刚");
  (*parties)->Reset();

  // One changed row is named, and only it.
  ASSERT_TRUE((*live)->Exec("UPDATE units SET name = '改' WHERE id = 'unit_bulk4321'").ok());
  ASSERT_TRUE((*live)->Exec("UPDATE case_parties SET name = '改' WHERE case_id = '" + case_id + "' AND pos = 2").ok());
  diffs = VerifyProjections(**live);
  ASSERT_TRUE(diffs.ok());
  ASSERT_EQ(diffs->size(), 2u);
  EXPECT_EQ((*diffs)[0].rfind("units unit_bulk4321: ", 0), 0u) << (*diffs)[0];
  EXPECT_EQ((*diffs)[1].rfind("case_parties " + case_id + "/2: ", 0), 0u) << (*diffs)[1];
}

TEST_F(RebuildTest, CaseNumbersAreSequentialPerEnforcementBodyAndYear) {
  domain::Actor officer = Login("officer1"), officer2 = Login("officer2");
  auto open = [&](const domain::Actor& a) {
    app::NewCase nc;
    nc.cmd.mode = domain::StartMode::kComplaint;
    nc.cmd.title = "编号测试";
    nc.cmd.complaint = domain::ComplaintFromJson({{"channel", "phone"}, {"content", "x"}});
    return app_->cases().OpenCase(a, nc).value().body["number"].get<std::string>();
  };
  // The demo opened three cases for 易县公安局 in 2026 (China Standard Time); its teams act in its name
  // and share its sequence, numbered without padding (GB/T 9704: 不编虚位).
  EXPECT_EQ(open(officer), "易公〔2026〕4号");
  EXPECT_EQ(open(officer), "易公〔2026〕5号");
  EXPECT_EQ(open(officer2), "易公〔2026〕6号");
  clock_.Advance(std::chrono::hours(24 * 40));  // into 2027
  EXPECT_EQ(open(officer), "易公〔2027〕1号");

  // A data directory from before sequences (no row): the sequence starts after the highest number
  // given, including past 99999 where the numbers grow a digit.
  app_.reset();
  {
    auto db = Db::Open(dir_.File("quancheng.db"), true).value();
    ASSERT_TRUE(db->Exec("DELETE FROM number_sequences;"
                         "UPDATE cases SET number = '易公〔2027〕123456号' WHERE number = '易公〔2027〕1号'")
                    .ok());
  }
  app::Options ao;
  ao.data_dir = dir_.path();
  app_ = std::move(app::App::Open(ao, clock_).value());
  EXPECT_EQ(open(officer), "易公〔2027〕123457号");
  EXPECT_EQ(open(officer2), "易公〔2027〕123458号");
}

// A command that fails after taking its number gives it back: numbers stay gap-free.
TEST(Sequences, ARolledBackNumberIsGivenAgain) {
  TempDir dir;
  auto db = Db::Open(dir.File("s.db"), true).value();
  ASSERT_TRUE(EnsureSchema(*db).ok());
  int seeded = 0;
  auto seed = [&]() -> StatusOr<int64_t> {
    ++seeded;
    return int64_t{41};
  };
  EXPECT_EQ(NextInSequence(*db, "unit_a", "case", 2026, seed).value(), 42);
  ASSERT_TRUE(db->Exec("SAVEPOINT job").ok());
  EXPECT_EQ(NextInSequence(*db, "unit_a", "case", 2026, seed).value(), 43);
  ASSERT_TRUE(db->Exec("ROLLBACK TO job; RELEASE job").ok());
  EXPECT_EQ(NextInSequence(*db, "unit_a", "case", 2026, seed).value(), 43);
  EXPECT_EQ(NextInSequence(*db, "unit_a", "doc", 2026, seed).value(), 42) << "each kind its own sequence";
  EXPECT_EQ(NextInSequence(*db, "unit_b", "case", 2026, seed).value(), 42);
  EXPECT_EQ(seeded, 3) << "the seed is asked once per sequence";
}

}  // namespace
}  // namespace qc::store
