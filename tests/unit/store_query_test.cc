// The store's query helpers (store/query.h) and repositories: conditions with IN lists, pages cut from
// an ordered total, and the repositories answering with rows from a real SQLite database.
#include <gtest/gtest.h>

#include "store/case_repo.h"
#include "store/db.h"
#include "store/directory_repo.h"
#include "store/query.h"
#include "store/schema.h"
#include "store/upload_repo.h"
#include "test_dir.h"

namespace qc::store {
namespace {

using qc::testing::TempDir;

class StoreQueryTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto db = Db::Open(dir_.File("q.db"), true);
    ASSERT_TRUE(db.ok()) << db.status().ToString();
    db_ = std::move(*db);
    ASSERT_TRUE(db_->Exec("CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT NOT NULL, unit TEXT NOT NULL)").ok());
    for (int i = 1; i <= 25; ++i)
      ASSERT_TRUE(Execute(*db_, "INSERT INTO t(id, name, unit) VALUES (?, ?, ?)",
                          {int64_t{i}, "n" + std::to_string(i), i % 2 ? std::string("a") : std::string("b")})
                      .ok());
  }
  static int64_t Id(Stmt& s) { return s.Int(0); }

  TempDir dir_;
  std::unique_ptr<Db> db_;
};

TEST_F(StoreQueryTest, WhereJoinsConditionsAndKeepsArgumentsInOrder) {
  Where w;
  EXPECT_EQ(w.Sql(), "");
  w.And("a = ?", {int64_t{1}}).In("b", {"x", "y"}).And("c > ?", {std::string("z")});
  EXPECT_EQ(w.Sql(), " WHERE a = ? AND b IN (?,?) AND c > ?");
  ASSERT_EQ(w.args().size(), 4u);
  EXPECT_EQ(std::get<int64_t>(w.args()[0]), 1);
  EXPECT_EQ(std::get<std::string>(w.args()[1]), "x");
  EXPECT_EQ(std::get<std::string>(w.args()[3]), "z");
}

TEST_F(StoreQueryTest, AnEmptyInListMatchesNothing) {
  Where w;
  w.In("unit", {});
  auto page = ReadPage<int64_t>(*db_, "SELECT id", "FROM t", w, "id", {1, 10}, Id);
  ASSERT_TRUE(page.ok()) << page.status().ToString();
  EXPECT_EQ(page->total, 0);
  EXPECT_TRUE(page->items.empty());
}

TEST_F(StoreQueryTest, PagesCoverTheFilteredRowsOnceInOrder) {
  Where w;
  w.In("unit", {"a"});  // the 13 odd ids
  std::vector<int64_t> seen;
  for (int p = 1; p <= 3; ++p) {
    auto page = ReadPage<int64_t>(*db_, "SELECT id", "FROM t", w, "id DESC", {p, 5}, Id);
    ASSERT_TRUE(page.ok()) << page.status().ToString();
    EXPECT_EQ(page->total, 13);
    EXPECT_EQ(page->items.size(), p < 3 ? 5u : 3u);
    seen.insert(seen.end(), page->items.begin(), page->items.end());
  }
  std::vector<int64_t> want;
  for (int i = 25; i >= 1; i -= 2) want.push_back(i);
  EXPECT_EQ(seen, want);
}

TEST_F(StoreQueryTest, AFailingRowCallbackStopsAndTheStatementCanRunAgain) {
  auto s = db_->Prepare("SELECT id FROM t ORDER BY id");
  ASSERT_TRUE(s.ok());
  int rows = 0;
  Status st = ForEachRow(**s, [&](Stmt&) { return ++rows == 3 ? Status::Internal("stop") : Status(); });
  EXPECT_EQ(st.message(), "stop");
  EXPECT_EQ(rows, 3);
  // Reset on the failing path: the same cached statement starts from the first row again.
  auto first = ReadFirst<int64_t>(**s, Id);
  ASSERT_TRUE(first.ok());
  EXPECT_EQ(first->value_or(-1), 1);
}

TEST(StoreRepos, AnswerWithRowsFromTheSchema) {
  TempDir dir;
  auto db = Db::Open(dir.File("r.db"), true);
  ASSERT_TRUE(db.ok());
  ASSERT_TRUE(EnsureSchema(**db).ok());
  Db& d = **db;
  ASSERT_TRUE(d.Exec("INSERT INTO units(id, name, parent_id, code, created_at) VALUES "
                     "('u1', '易县公安局', NULL, '易公', '2026-01-01T00:00:00Z'), "
                     "('u2', '城关派出所', 'u1', '易城', '2026-01-02T00:00:00Z')")
                  .ok());
  auto units = ListUnits(d);
  ASSERT_TRUE(units.ok()) << units.status().ToString();
  ASSERT_EQ(units->size(), 2u);
  EXPECT_EQ((*units)[0].parent_id, "");
  EXPECT_EQ((*units)[1].parent_id, "u1");
  EXPECT_EQ(FindUnitClash(d, "城关派出所", "x").value(), UnitClash::kName);
  EXPECT_EQ(FindUnitClash(d, "新单位", "易城").value(), UnitClash::kCode);
  EXPECT_EQ(FindUnitClash(d, "新单位", "新").value(), UnitClash::kNone);
  EXPECT_EQ(FindUnitId(d, "城关派出所").value().value_or(""), "u2");
  EXPECT_FALSE(FindUnitId(d, "无此单位").value().has_value());

  // Case list: an unknown sort key is the client's mistake, named by its field.
  CaseFilter f;
  f.sort = "detail; DROP TABLE cases";
  auto bad = ListCases(d, f, {1, 20});
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.status().field(), "sort");
  f.sort = "number";
  auto none = ListCases(d, f, {1, 20});
  ASSERT_TRUE(none.ok()) << none.status().ToString();
  EXPECT_EQ(none->total, 0);

  // Uploads: a receiving upload counts towards its owner's open bytes until it is complete.
  UploadRow u;
  u.id = "upl_1";
  u.owner_id = "user_1";
  u.length = 1000;
  u.metadata = "";
  u.params = "{}";
  u.case_id = "case_1";
  u.expires_at = "2026-12-31T00:00:00Z";
  ASSERT_TRUE(InsertUpload(d, u, "2026-12-01T00:00:00Z").ok());
  EXPECT_EQ(OpenUploadBytes(d, "user_1", "2026-12-02T00:00:00Z").value(), 1000);
  EXPECT_EQ(PendingUploadBytes(d, "2026-12-02T00:00:00Z").value(), 1000);
  ASSERT_TRUE(CommitUploadOffset(d, "upl_1", 400, "2026-12-31T00:00:00Z").ok());
  EXPECT_EQ(PendingUploadBytes(d, "2026-12-02T00:00:00Z").value(), 600);
  ASSERT_TRUE(CommitUploadOffset(d, "upl_1", 100, "2026-12-31T00:00:00Z").ok());  // never backwards
  EXPECT_EQ(GetUpload(d, "upl_1").value()->received, 400);
  EXPECT_EQ(OpenUploadBytes(d, "user_1", "2027-01-01T00:00:00Z").value(), 0);  // expired
  ASSERT_TRUE(MarkUploadComplete(d, "upl_1", "s", "m", "{\"a\":1}").ok());
  EXPECT_EQ(OpenUploadBytes(d, "user_1", "2026-12-02T00:00:00Z").value(), 0);
  EXPECT_EQ(UploadMedia(d, "upl_1").value(), "{\"a\":1}");
  auto unfinished = UnfinishedUploads(d);
  ASSERT_TRUE(unfinished.ok());
  ASSERT_EQ(unfinished->size(), 1u);
  EXPECT_EQ((*unfinished)[0].state, "complete");
}

}  // namespace
}  // namespace qc::store
