// Sessions through the App, with a fake clock and restarts (a second App on the same data).
#include <gtest/gtest.h>

#include <atomic>
#include <thread>
#include <vector>

#include "app/app.h"
#include "app/setup.h"
#include "test_dir.h"

namespace qc::app {
namespace {

using namespace std::chrono_literals;
using qc::testing::TempDir;

class AppAuthTest : public ::testing::Test {
 protected:
  void SetUp() override {
    InitOptions o;
    o.data_dir = dir_.path();
    o.demo = true;
    ASSERT_TRUE(InitDataDir(o, clock_).ok());
    Restart();
  }
  void Restart() {
    app_.reset();
    Options ao;
    ao.data_dir = dir_.path();
    app_ = std::move(App::Open(ao, clock_).value());
  }
  TempDir dir_;
  FakeClock clock_{TimePoint(1795741323456ms)};
  std::unique_ptr<App> app_;
};

TEST_F(AppAuthTest, IdleSessionExpiresAndIsNotRevivedFromTheDatabase) {
  auto login = app_->auth().Login("officer1", kDemoPassword, "127.0.0.1");
  ASSERT_TRUE(login.ok());
  EXPECT_TRUE(app_->auth().Authenticate(login->token).ok());
  clock_.Advance(31min);
  EXPECT_EQ(app_->auth().Authenticate(login->token).status().error_code(), ErrorCode::kUnauthenticated);
  EXPECT_EQ(app_->auth().Authenticate(login->token).status().error_code(), ErrorCode::kUnauthenticated) << "second try";
  Restart();
  EXPECT_EQ(app_->auth().Authenticate(login->token).status().error_code(), ErrorCode::kUnauthenticated)
      << "after restart";
}

TEST_F(AppAuthTest, RestartKeepsALiveSessionButNotItsIdleTime) {
  auto login = app_->auth().Login("officer1", kDemoPassword, "127.0.0.1");
  ASSERT_TRUE(login.ok());
  clock_.Advance(5min);
  ASSERT_TRUE(app_->auth().Authenticate(login->token).ok());  // persists last use (5 min after login)
  Restart();
  clock_.Advance(20min);
  EXPECT_TRUE(app_->auth().Authenticate(login->token).ok()) << "25 min after login, 20 min idle";
  Restart();
  clock_.Advance(31min);
  EXPECT_FALSE(app_->auth().Authenticate(login->token).ok()) << "idle since before the restart";
}

TEST_F(AppAuthTest, PasswordResetEndsSessionsEvenAcrossRestarts) {
  auto login = app_->auth().Login("officer1", kDemoPassword, "127.0.0.1");
  ASSERT_TRUE(login.ok());
  std::string id = *app_->directory().FindUserId("officer1");
  ASSERT_TRUE(
      app_->directory().ChangeUser(domain::Actor::System(), id, {.password = std::string("New#Pass2026")}).ok());
  EXPECT_FALSE(app_->auth().Authenticate(login->token).ok());
  Restart();
  EXPECT_FALSE(app_->auth().Authenticate(login->token).ok());
  EXPECT_FALSE(app_->auth().Login("officer1", kDemoPassword, "x").ok());
  EXPECT_TRUE(app_->auth().Login("officer1", "New#Pass2026", "x").ok());
}

TEST_F(AppAuthTest, AbsoluteExpiryHoldsWhateverTheActivity) {
  auto login = app_->auth().Login("officer1", kDemoPassword, "127.0.0.1");
  ASSERT_TRUE(login.ok());
  for (int i = 0; i < 12 * 3; ++i) {
    clock_.Advance(20min);
    if (!app_->auth().Authenticate(login->token).ok()) {
      EXPECT_GE(i, 12 * 3 - 1) << "expired early, after " << (i + 1) * 20 << " min";
      return;
    }
  }
  FAIL() << "a session outlived its absolute expiry";
}

TEST_F(AppAuthTest, AdministratorSeesNoCaseRecords) {
  domain::Actor admin = app_->directory().LoadActor(*app_->directory().FindUserId("admin")).value();
  CaseQuery q;
  auto list = app_->cases().ListCases(admin, q);
  ASSERT_TRUE(list.ok());
  EXPECT_EQ((*list)["total"], 0);
  domain::Actor officer = app_->directory().LoadActor(*app_->directory().FindUserId("officer1")).value();
  std::string id = (*app_->cases().ListCases(officer, q))["items"][0]["id"];
  EXPECT_EQ(app_->cases().GetCaseJson(admin, id).status().error_code(), ErrorCode::kPermissionDenied);
}

// Security probe: 40 parallel wrong passwords had 36 checked. Each attempt counts before its password
// is checked, so no more than the free failures are ever evaluated, however many arrive at once.
TEST_F(AppAuthTest, ParallelGuessesAreThrottledAsTheyArrive) {
  std::atomic<int> evaluated{0}, throttled{0};
  std::vector<std::thread> threads;
  for (int i = 0; i < 40; ++i)
    threads.emplace_back([&, i] {
      auto r = app_->auth().Login("reviewer1", "wrong-" + std::to_string(i), "10.0.0.9");
      if (r.status().error_code() == ErrorCode::kUnauthenticated) ++evaluated;
      if (r.status().error_code() == ErrorCode::kResourceExhausted) ++throttled;
    });
  for (auto& t : threads) t.join();
  EXPECT_EQ(evaluated.load(), LoginThrottle::kFreeFailures);
  EXPECT_EQ(throttled.load(), 40 - LoginThrottle::kFreeFailures);
  // A username differing only in case is the same throttled account.
  EXPECT_EQ(app_->auth().Login("REVIEWER1", kDemoPassword, "10.0.0.10").status().error_code(),
            ErrorCode::kResourceExhausted);
  // The right password from another address, once the wait is over, logs in and clears the account.
  clock_.Advance(LoginThrottle::kMaxDelay);
  EXPECT_TRUE(app_->auth().Login("reviewer1", kDemoPassword, "10.0.0.10").ok());
}

}  // namespace
}  // namespace qc::app
