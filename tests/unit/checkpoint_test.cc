// The App's checkpoints: keys made once and kept, checkpoints signed only when the log grew, and a
// tree head inconsistent with the last checkpoint refused.
#include <gtest/gtest.h>

#include <filesystem>

#include "app/app.h"
#include "ledger/checkpoint.h"
#include "ledger/note.h"
#include "store/checkpoints.h"
#include "store/db.h"
#include "test_dir.h"

namespace qc::app {
namespace {

using namespace std::chrono_literals;
namespace fs = std::filesystem;
using qc::testing::TempDir;

class CheckpointTest : public ::testing::Test {
 protected:
  // background: the checkpointer runs (on the fake clock, so it signs only when the test advances it
  // by the interval, and once at close).
  void Open(bool background = false) {
    app_.reset();
    Options o;
    o.data_dir = dir_.path();
    o.background = background;
    auto app = App::Open(o, clock_);
    ASSERT_TRUE(app.ok()) << app.status().ToString();
    app_ = std::move(*app);
  }
  void AddUnit(const std::string& name, const std::string& code) {
    ASSERT_TRUE(app_->directory().CreateUnit(domain::Actor::System(), name, code, "").ok());
  }
  int64_t LatestSize() {
    auto db = std::move(store::Db::Open(dir_.File("quancheng.db"), false).value());
    auto c = *store::LatestCheckpoint(*db);
    return c ? c->size : 0;
  }
  TempDir dir_;
  FakeClock clock_{TimePoint(1795741323456ms)};
  std::unique_ptr<App> app_;
};

TEST_F(CheckpointTest, KeysAreMadeOnceWithPrivateModesAndKept) {
  Open();
  for (const char* f : {"checkpoint-ed25519.pem", "checkpoint-sm2.pem"})
    EXPECT_EQ(fs::status(dir_.File(std::string("keys/") + f)).permissions() & fs::perms::all,
              fs::perms::owner_read | fs::perms::owner_write)
        << f;
  std::string vkey = app_->ledger().ledger_keys().Verifiers()[1].Encode();
  EXPECT_EQ(app_->ledger().ledger_keys().origin(), "yixian.gaj/quancheng");
  AddUnit("易县公安局", "易公");
  ASSERT_TRUE(app_->ledger().SignCheckpoint().ok());
  Open();
  EXPECT_EQ(app_->ledger().ledger_keys().Verifiers()[1].Encode(), vkey) << "a restart keeps the keys";
  // With checkpoints signed, a missing key is an error, never silently replaced.
  app_.reset();
  fs::remove(dir_.File("keys/checkpoint-sm2.pem"));
  Options o;
  o.data_dir = dir_.path();
  EXPECT_FALSE(App::Open(o, clock_).ok());
}

TEST_F(CheckpointTest, SignsOnlyWhenTheLogGrewAndVerifiesWithTheServedKeys) {
  Open(/*background=*/true);
  ASSERT_TRUE(app_->ledger().SignCheckpoint().ok());
  EXPECT_EQ(LatestSize(), 0) << "nothing to sign in an empty log";
  EXPECT_EQ(app_->ledger().LatestCheckpointNote().status().error_code(), ErrorCode::kNotFound);
  AddUnit("易县公安局", "易公");
  AddUnit("第一执法队", "易公一队");
  ASSERT_TRUE(app_->ledger().SignCheckpoint().ok());
  ASSERT_TRUE(app_->ledger().SignCheckpoint().ok());
  EXPECT_EQ(LatestSize(), 2);
  auto list = app_->ledger().ListCheckpoints(0, 10);
  ASSERT_TRUE(list.ok());
  EXPECT_EQ((*list)["checkpoints"].size(), 1u) << "no second checkpoint for the same size";
  auto note = ledger::ParseNote(*app_->ledger().LatestCheckpointNote());
  ASSERT_TRUE(note.ok());
  EXPECT_TRUE(ledger::VerifyNote(*note, app_->ledger().ledger_keys().Verifiers()).ok());
  EXPECT_EQ(ledger::ParseCheckpointText(note->text)->size, 2);
  // Closing signs what was written since.
  AddUnit("第二执法队", "易公二队");
  app_.reset();
  EXPECT_EQ(LatestSize(), 3);
}

TEST_F(CheckpointTest, RefusesAHeadInconsistentWithTheLastCheckpoint) {
  Open();
  AddUnit("易县公安局", "易公");
  AddUnit("第一执法队", "易公一队");
  ASSERT_TRUE(app_->ledger().SignCheckpoint().ok());
  // History rewritten underneath, consistently for the tree (leaf 0 and node (1, 0)).
  {
    auto db = std::move(store::Db::Open(dir_.File("quancheng.db"), false).value());
    ASSERT_TRUE(db->Exec("DROP TRIGGER events_append_only_update; DROP TRIGGER tree_nodes_append_only_update;"
                         "UPDATE events SET leaf_hash = zeroblob(32) WHERE idx = 0;"
                         "UPDATE tree_nodes SET hash = zeroblob(32) WHERE level = 1 AND idx = 0;")
                    .ok());
  }
  AddUnit("第二执法队", "易公二队");
  Status st = app_->ledger().SignCheckpoint();
  EXPECT_FALSE(st.ok());
  EXPECT_NE(st.message().find("不一致"), std::string::npos) << st.message();
  EXPECT_EQ(LatestSize(), 2) << "nothing signed";
}

// The checkpointer signs once an interval has passed on the clock, not before; without it (CLI commands)
// nothing is signed behind the caller's back.
TEST_F(CheckpointTest, TheCheckpointerSignsEachIntervalOnTheClock) {
  Open(/*background=*/true);
  clock_.AwaitSleeps(1);
  AddUnit("易县公安局", "易公");
  AddUnit("第一执法队", "易公一队");
  clock_.Advance(999ms);
  EXPECT_EQ(LatestSize(), 0) << "signed before the interval passed";
  clock_.Advance(1ms);
  clock_.AwaitSleeps(2);  // it signed, then went to sleep again
  EXPECT_EQ(LatestSize(), 2);
  AddUnit("第二执法队", "易公二队");
  clock_.Advance(1000ms);
  clock_.AwaitSleeps(3);
  EXPECT_EQ(LatestSize(), 3);
  auto list = app_->ledger().ListCheckpoints(0, 10);
  EXPECT_EQ((*list)["checkpoints"].size(), 2u);

  Open(/*background=*/false);
  AddUnit("第三执法队", "易公三队");
  app_.reset();
  EXPECT_EQ(LatestSize(), 3) << "no checkpointer, no checkpoint at close";
}

}  // namespace
}  // namespace qc::app
