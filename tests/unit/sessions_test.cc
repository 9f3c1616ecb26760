#include <gtest/gtest.h>

#include "app/sessions.h"

namespace qc::app {
namespace {

using namespace std::chrono_literals;

TEST(SessionStore, IdleExpiryIsSlidingAndAbsoluteIsNot) {
  FakeClock clock(TimePoint(1000000000000ms));
  SessionStore s(clock, 30min, 2h);
  s.Create("t", "u1");
  clock.Advance(29min);
  EXPECT_EQ(s.Touch("t").user_id, "u1");  // extends the idle window
  clock.Advance(29min);
  EXPECT_EQ(s.Touch("t").user_id, "u1");
  for (int i = 0; i < 3; ++i) {
    clock.Advance(20min);
    EXPECT_EQ(s.Touch("t").user_id, "u1");
  }
  clock.Advance(10min);  // 2 h 8 min after creation: past the absolute limit
  EXPECT_EQ(s.Touch("t").state, SessionStore::Touched::kExpired);
  EXPECT_FALSE(s.Known("t"));
}

TEST(SessionStore, IdleTimeoutExpires) {
  FakeClock clock(TimePoint(1000000000000ms));
  SessionStore s(clock, 30min, 12h);
  s.Create("t", "u1");
  clock.Advance(30min);
  EXPECT_EQ(s.Touch("t").state, SessionStore::Touched::kExpired);
}

TEST(SessionStore, RemoveUserEndsAllTheirSessions) {
  FakeClock clock(TimePoint(1000000000000ms));
  SessionStore s(clock, 30min, 12h);
  s.Create("a", "u1");
  s.Create("b", "u1");
  s.Create("c", "u2");
  s.RemoveUser("u1");
  EXPECT_EQ(s.Touch("a").state, SessionStore::Touched::kUnknown);
  EXPECT_EQ(s.Touch("b").state, SessionStore::Touched::kUnknown);
  EXPECT_EQ(s.Touch("c").user_id, "u2");
}

TEST(SessionStore, RestoredSessionKeepsItsIdleWindowFromItsLastUse) {
  FakeClock clock(TimePoint(1000000000000ms));
  SessionStore s(clock, 30min, 12h);
  TimePoint last_seen = clock.Now();
  clock.Advance(40min);  // the server was down, the session idle
  s.Restore("t", "u1", last_seen + 12h, last_seen, last_seen);
  EXPECT_EQ(s.Touch("t").state, SessionStore::Touched::kExpired) << "a restart must not revive an idle session";
  s.Restore("t2", "u1", clock.Now() + 1h, clock.Now() - 10min, clock.Now() - 10min);
  SessionStore::Touched t = s.Touch("t2");
  EXPECT_EQ(t.state, SessionStore::Touched::kLive);
  EXPECT_TRUE(t.persist_last_seen) << "last persisted use was 10 minutes ago";
  EXPECT_FALSE(s.Touch("t2").persist_last_seen) << "at most once a minute";
}

TEST(SessionStore, RemovedOrRevokedSessionsCannotBeRestored) {
  FakeClock clock(TimePoint(1000000000000ms));
  SessionStore s(clock, 30min, 12h);
  TimePoint created = clock.Now();
  s.Create("t", "u1");
  s.Remove("t");  // logout, while another request has just read the persisted row
  EXPECT_FALSE(s.Restore("t", "u1", created + 12h, created, created));
  EXPECT_EQ(s.Touch("t").state, SessionStore::Touched::kUnknown);
  clock.Advance(1min);
  s.RemoveUser("u2");  // password reset
  EXPECT_FALSE(s.Restore("old", "u2", created + 12h, created, created));
  clock.Advance(1min);
  EXPECT_TRUE(s.Restore("new", "u2", clock.Now() + 12h, clock.Now(), clock.Now())) << "a login after the reset";
}

TEST(LoginThrottle, SlowsDownAfterRepeatedFailures) {
  FakeClock clock(TimePoint(1000000000000ms));
  LoginThrottle t(clock);
  for (int i = 0; i < LoginThrottle::kFreeFailures - 1; ++i) {
    t.Failed("u:officer1");
    EXPECT_EQ(t.RetryAfter("u:officer1"), 0) << i;
  }
  t.Failed("u:officer1");
  EXPECT_EQ(t.RetryAfter("u:officer1"), 1);
  clock.Advance(1s);
  EXPECT_EQ(t.RetryAfter("u:officer1"), 0);
  t.Failed("u:officer1");
  EXPECT_EQ(t.RetryAfter("u:officer1"), 2);
  for (int i = 0; i < 30; ++i) t.Failed("u:officer1");
  EXPECT_EQ(t.RetryAfter("u:officer1"), 15 * 60) << "capped";
  EXPECT_EQ(t.RetryAfter("u:other"), 0) << "keys are independent";
  t.Succeeded("u:officer1");
  EXPECT_EQ(t.RetryAfter("u:officer1"), 0);
}

}  // namespace
}  // namespace qc::app
