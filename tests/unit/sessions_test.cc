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
  EXPECT_EQ(s.Touch("t"), "u1");  // extends the idle window
  clock.Advance(29min);
  EXPECT_EQ(s.Touch("t"), "u1");
  for (int i = 0; i < 3; ++i) {
    clock.Advance(20min);
    EXPECT_EQ(s.Touch("t"), "u1");
  }
  clock.Advance(10min);  // 2 h 8 min after creation: past the absolute limit
  EXPECT_EQ(s.Touch("t"), std::nullopt);
  EXPECT_FALSE(s.Known("t"));
}

TEST(SessionStore, IdleTimeoutExpires) {
  FakeClock clock(TimePoint(1000000000000ms));
  SessionStore s(clock, 30min, 12h);
  s.Create("t", "u1");
  clock.Advance(30min);
  EXPECT_EQ(s.Touch("t"), std::nullopt);
}

TEST(SessionStore, RemoveUserEndsAllTheirSessions) {
  FakeClock clock(TimePoint(1000000000000ms));
  SessionStore s(clock, 30min, 12h);
  s.Create("a", "u1");
  s.Create("b", "u1");
  s.Create("c", "u2");
  s.RemoveUser("u1");
  EXPECT_FALSE(s.Touch("a"));
  EXPECT_FALSE(s.Touch("b"));
  EXPECT_EQ(s.Touch("c"), "u2");
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
