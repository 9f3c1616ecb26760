// `quancheng verify` on a data directory made by `init --demo`: intact it says so in one line; each
// kind of tampering Art. 38 speaks of is reported, naming what was changed, and nothing unrelated is.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <regex>
#include <set>
#include <sstream>

#include "cli_run.h"
#include "common/canonical_json.h"
#include "crypto/hash.h"
#include "common/hex.h"
#include "store/db.h"

namespace qc::testing {
namespace {

namespace fs = std::filesystem;

std::vector<std::string> Lines(const std::string& s) {
  std::vector<std::string> out;
  std::istringstream in(s);
  for (std::string line; std::getline(in, line);)
    if (!line.empty()) out.push_back(line);
  return out;
}

class VerifyTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    pristine_ = new std::string(fs::temp_directory_path() / ("qc-verify-" + std::to_string(::getpid())));
    fs::remove_all(*pristine_);
    CliRun init = RunQuancheng("init --demo --data " + *pristine_);
    ASSERT_EQ(init.status, 0) << init.output;
    // One blob, as ingest would store it: blobs/sha256/ab/cd/<sha256>.
    std::string content = "body camera footage, 执法记录仪";
    blob_ = new std::string(ToHex(crypto::Sha256(content)));
    fs::path dir = fs::path(*pristine_) / "blobs" / "sha256" / blob_->substr(0, 2) / blob_->substr(2, 2);
    fs::create_directories(dir);
    std::ofstream(dir / *blob_, std::ios::binary) << content;
  }
  static void TearDownTestSuite() {
    fs::remove_all(*pristine_);
    delete pristine_;
    delete blob_;
  }

  void SetUp() override {
    dir_ = *pristine_ + "-" + ::testing::UnitTest::GetInstance()->current_test_info()->name();
    fs::remove_all(dir_);
    fs::copy(*pristine_, dir_, fs::copy_options::recursive);
  }
  void TearDown() override { fs::remove_all(dir_); }

  // Runs SQL on the copy as an attacker with file access would: triggers dropped first when asked.
  void Tamper(const std::string& sql) {
    auto db = store::Db::Open(dir_ + "/quancheng.db", false);
    ASSERT_TRUE(db.ok());
    Status st = (*db)->Exec(sql);
    ASSERT_TRUE(st.ok()) << st.ToString();
  }
  std::string Query(const std::string& sql) {
    auto db = std::move(store::Db::Open(dir_ + "/quancheng.db", false).value());
    auto s = *db->Prepare(sql);
    std::string out = *s->Step() ? s->Text(0) : "";
    s->Reset();
    return out;
  }
  // The demo's events (the one checkpoint init signs covers them all).
  int64_t Size() { return std::stoll(Query("SELECT COUNT(*) FROM events")); }
  static std::string Str(int64_t n) { return std::to_string(n); }

  // With the public keys as kept apart from the data (here: the pristine copy's), as operators should.
  CliRun Verify() {
    return RunQuancheng("verify --data " + dir_ + " --key " + *pristine_ + "/keys/checkpoint-ed25519.vkey --key " +
                        *pristine_ + "/keys/checkpoint-sm2.vkey");
  }

  // Identifiers an event touches: its index, its case, and every id in its data (users, units,
  // approvals), plus the approvals of its case. A report line about anything else is unrelated.
  std::set<std::string> Touched(const std::vector<int64_t>& indexes) {
    std::set<std::string> ids;
    auto db = std::move(store::Db::Open(*pristine_ + "/quancheng.db", false).value());
    for (int64_t i : indexes) {
      ids.insert("event " + std::to_string(i) + ":");
      auto s = *db->Prepare("SELECT bytes, COALESCE(case_id, '') FROM events WHERE idx = ?");
      s->Bind(1, i);
      EXPECT_TRUE(*s->Step());
      std::string bytes = s->Blob(0), case_id = s->Text(1);
      s->Reset();
      std::regex id_re("(case|user|unit|apv)_[0-9a-f]+");
      for (auto it = std::sregex_iterator(bytes.begin(), bytes.end(), id_re); it != std::sregex_iterator(); ++it)
        ids.insert(it->str());
      if (!case_id.empty()) {
        ids.insert(case_id);
        auto a = *db->Prepare("SELECT id FROM approvals WHERE case_id = ?");
        a->Bind(1, case_id);
        while (*a->Step()) ids.insert(a->Text(0));
        a->Reset();
      }
    }
    return ids;
  }

  // Every line of `out` names one of `ids`, or is a tree node over one of `indexes`, or matches `also`.
  void ExpectOnlyAbout(const std::string& out, const std::set<std::string>& ids, const std::vector<int64_t>& indexes,
                       const std::string& also = "^$") {
    std::regex span("over events ([0-9]+)–([0-9]+)");
    for (const auto& line : Lines(out)) {
      bool ok = std::regex_search(line, std::regex(also));
      for (const auto& id : ids) ok = ok || line.find(id) != std::string::npos;
      std::smatch m;
      if (std::regex_search(line, m, span))
        for (int64_t i : indexes) ok = ok || (std::stoll(m[1]) <= i && i <= std::stoll(m[2]));
      EXPECT_TRUE(ok) << "unrelated report: " << line;
    }
  }

  static std::string* pristine_;
  static std::string* blob_;
  std::string dir_;
};
std::string* VerifyTest::pristine_ = nullptr;
std::string* VerifyTest::blob_ = nullptr;

TEST_F(VerifyTest, IntactDirectoryIsOneSummaryLine) {
  CliRun r = Verify();
  EXPECT_EQ(r.status, 0) << r.output;
  ASSERT_EQ(Lines(r.output).size(), 1u) << r.output;
  // A tree of n leaves keeps one node per complete subtree above the leaves: n - popcount(n).
  int64_t n = Size();
  int64_t nodes = n - __builtin_popcountll(static_cast<unsigned long long>(n));
  EXPECT_EQ(r.output.rfind("intact: " + Str(n) + " events, " + Str(nodes) + " tree nodes, 1 checkpoints", 0), 0u)
      << r.output;
  EXPECT_NE(r.output.find("1 blobs"), std::string::npos);
  EXPECT_EQ(RunQuancheng("verify --data " + dir_ + "/nowhere").status, 1);
  // Without --key the keys in the directory are used, with a warning that they could be swapped, and
  // the key IDs are shown for checking.
  CliRun own = RunQuancheng("verify --data " + dir_);
  EXPECT_EQ(own.status, 0) << own.output;
  EXPECT_NE(own.output.find("注意：检查点公钥取自数据目录"), std::string::npos) << own.output;
  std::ifstream vkey(*pristine_ + "/keys/checkpoint-sm2.vkey");
  std::string line;
  std::getline(vkey, line);
  std::string id = line.substr(line.find('+') + 1, 8);
  EXPECT_NE(own.output.find("sm2-sm3 " + id), std::string::npos) << own.output;
}

TEST_F(VerifyTest, AlteredEventBytes) {
  // The title of case A, rewritten in place.
  int64_t idx = std::stoll(Query("SELECT idx FROM events WHERE type = 'CaseOpened' ORDER BY idx LIMIT 1"));
  std::string bytes = Query("SELECT bytes FROM events WHERE idx = " + std::to_string(idx));
  size_t at = bytes.find("\"title\":\"");
  ASSERT_NE(at, std::string::npos);
  bytes.replace(at + 9, 3, "改");
  Tamper("DROP TRIGGER events_append_only_update; UPDATE events SET bytes = CAST(x'" + ToHex(bytes) +
         "' AS BLOB) WHERE idx = " + std::to_string(idx));
  CliRun r = Verify();
  EXPECT_EQ(r.status, 1);
  EXPECT_NE(r.output.find("event " + std::to_string(idx) + ": 内容与其叶子哈希不符"), std::string::npos) << r.output;
  ExpectOnlyAbout(r.output, Touched({idx}), {idx});
}

TEST_F(VerifyTest, OneRowInEachProjectionTable) {
  struct Case {
    const char* table;
    const char* sql;
    const char* key;
  };
  const Case cases[] = {
      {"units", "UPDATE units SET name = '假单位' WHERE id = (SELECT MIN(id) FROM units)", "SELECT MIN(id) FROM units"},
      {"users", "UPDATE users SET role = 'admin' WHERE username = 'officer1'",
       "SELECT id FROM users WHERE username = 'officer1'"},
      {"cases", "UPDATE cases SET status = 'rejected' WHERE id = (SELECT MIN(id) FROM cases)",
       "SELECT MIN(id) FROM cases"},
      {"case_parties", "UPDATE case_parties SET name = '张三' WHERE case_id = (SELECT MIN(case_id) FROM case_parties)",
       "SELECT MIN(case_id) FROM case_parties"},
      {"case_officers",
       "UPDATE case_officers SET cert_no = '0' WHERE case_id = (SELECT MIN(case_id) FROM case_officers)",
       "SELECT MIN(case_id) FROM case_officers"},
      {"approvals", "DELETE FROM approvals WHERE id = (SELECT MIN(id) FROM approvals)",
       "SELECT MIN(id) FROM approvals"},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.table);
    SetUp();
    std::string key = Query(c.key);
    ASSERT_FALSE(key.empty());
    Tamper(c.sql);
    CliRun r = Verify();
    EXPECT_EQ(r.status, 1);
    auto lines = Lines(r.output);
    ASSERT_EQ(lines.size(), 1u) << r.output;
    EXPECT_EQ(lines[0].rfind(std::string(c.table) + " " + key, 0), 0u) << lines[0];
  }
}

TEST_F(VerifyTest, DeletedEvent) {
  int64_t idx = 16;  // in the middle: the first demo case's correction
  Tamper("DROP TRIGGER events_append_only_delete; DELETE FROM events WHERE idx = 16");
  CliRun r = Verify();
  EXPECT_EQ(r.status, 1);
  EXPECT_NE(r.output.find("event 16: 缺失（事件被删除）"), std::string::npos) << r.output;
  ExpectOnlyAbout(r.output, Touched({idx}), {idx});
}

TEST_F(VerifyTest, SwappedEvents) {
  // Two events of different cases trade places (all columns but the index): the last of the first demo
  // case and the second case's opening, so two level-1 nodes no longer match their children.
  Tamper(
      "DROP TRIGGER events_append_only_update;"
      "CREATE TEMP TABLE s AS SELECT * FROM events WHERE idx IN (17, 18);"
      "UPDATE events SET type = (SELECT type FROM s WHERE idx = 35 - events.idx),"
      " case_id = (SELECT case_id FROM s WHERE idx = 35 - events.idx), at = (SELECT at FROM s WHERE idx = 35 - "
      "events.idx),"
      " bytes = (SELECT bytes FROM s WHERE idx = 35 - events.idx),"
      " leaf_hash = (SELECT leaf_hash FROM s WHERE idx = 35 - events.idx) WHERE idx IN (17, 18)");
  ASSERT_EQ(Query("SELECT type FROM events WHERE idx = 17"), "CaseOpened");
  CliRun r = Verify();
  EXPECT_EQ(r.status, 1);
  EXPECT_NE(r.output.find("tree node (level 1, index 8) over events 16–17"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("tree node (level 1, index 9) over events 18–19"), std::string::npos) << r.output;
  ExpectOnlyAbout(r.output, Touched({17, 18}), {17, 18});
}

TEST_F(VerifyTest, TruncatedBelowASignedCheckpoint) {
  int64_t n = Size();
  std::set<std::string> touched = Touched({n - 3, n - 2, n - 1});
  Tamper("DROP TRIGGER events_append_only_delete; DELETE FROM events WHERE idx >= " + Str(n - 3));
  CliRun r = Verify();
  EXPECT_EQ(r.status, 1);
  EXPECT_NE(
      r.output.find("checkpoint " + Str(n) + ": 已签名覆盖 " + Str(n) + " 条事件，而账本只有 " + Str(n - 3) + " 条"),
      std::string::npos)
      << r.output;
  ExpectOnlyAbout(r.output, touched, {n - 3, n - 2, n - 1}, "^checkpoint " + Str(n) + ":");
}

TEST_F(VerifyTest, ForgedCheckpoint) {
  // The note now claims another root; the signatures are the log's, over the old text.
  int64_t n = Size();
  std::string note = Query("SELECT note FROM checkpoints WHERE size = " + Str(n));
  std::string root_line = note.substr(note.find('\n', note.find('\n') + 1) + 1, 44);
  std::string forged = note;
  forged.replace(forged.find(root_line), 44, std::string(43, 'A') + "=");
  Tamper("DROP TRIGGER checkpoints_append_only_update; UPDATE checkpoints SET note = '" + forged +
         "' WHERE size = " + Str(n));
  CliRun r = Verify();
  EXPECT_EQ(r.status, 1);
  auto lines = Lines(r.output);
  ASSERT_EQ(lines.size(), 1u) << r.output;
  EXPECT_EQ(lines[0].rfind("checkpoint " + Str(n) + ": 签名无效", 0), 0u) << lines[0];
}

TEST_F(VerifyTest, FlippedByteInABlob) {
  fs::path p = fs::path(dir_) / "blobs" / "sha256" / blob_->substr(0, 2) / blob_->substr(2, 2) / *blob_;
  std::fstream f(p, std::ios::in | std::ios::out | std::ios::binary);
  f.seekp(5);
  f.put('X');
  f.close();
  CliRun r = Verify();
  EXPECT_EQ(r.status, 1);
  auto lines = Lines(r.output);
  ASSERT_EQ(lines.size(), 1u) << r.output;
  EXPECT_EQ(lines[0].rfind("blob " + *blob_ + ": ", 0), 0u) << lines[0];
}

TEST_F(VerifyTest, CheckpointsRemovedLeaveEventsUncovered) {
  int64_t n = Size();
  Tamper("DROP TRIGGER checkpoints_append_only_delete; DELETE FROM checkpoints");
  CliRun r = Verify();
  EXPECT_EQ(r.status, 1);
  auto reports = Lines(r.output);
  ASSERT_EQ(reports.size(), 1u) << r.output;
  EXPECT_EQ(reports[0].rfind("events 0–" + Str(n - 1) + ": 未被任何签名检查点覆盖", 0), 0u) << reports[0];
}

TEST_F(VerifyTest, HostileIndexAndWrongTypesAreReportedNotFatal) {
  // An event far beyond the end, and a CaseOpened whose title is a number: reported, no crash, no hang.
  int64_t n = Size();
  std::string bytes = Query("SELECT bytes FROM events WHERE type = 'CaseOpened' ORDER BY idx LIMIT 1");
  int64_t idx = std::stoll(Query("SELECT idx FROM events WHERE type = 'CaseOpened' ORDER BY idx LIMIT 1"));
  size_t at = bytes.find("\"title\":\"");
  size_t end = bytes.find('"', at + 9);
  std::string altered = bytes.substr(0, at) + "\"title\":1" + bytes.substr(end + 1);
  Tamper(
      "DROP TRIGGER events_append_only_update; DROP TRIGGER events_gap_free;"
      "UPDATE events SET bytes = CAST(x'" +
      ToHex(altered) + "' AS BLOB) WHERE idx = " + std::to_string(idx) +
      ";"
      "INSERT INTO events SELECT 1125899906842624, type, case_id, at, bytes, leaf_hash FROM events WHERE idx = " +
      Str(n - 1));
  CliRun r = Verify();
  EXPECT_EQ(r.status, 1) << r.output;
  EXPECT_NE(r.output.find("events " + Str(n) + "–1125899906842623: 缺失"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("event " + std::to_string(idx) + ": 内容与其叶子哈希不符"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("event " + std::to_string(idx) + ": 无法重放"), std::string::npos) << r.output;
}

}  // namespace
}  // namespace qc::testing
