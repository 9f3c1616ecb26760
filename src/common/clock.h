// Time is injected: nothing in QuanCheng reads the system clock directly, so the 24-hour and
// 30-day rules (Art. 33) and session expiry are testable to the millisecond.
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <set>
#include <string>

#include "common/status.h"

namespace qc {

using TimePoint = std::chrono::time_point<std::chrono::system_clock, std::chrono::milliseconds>;
// Monotonic time: for intervals, time-outs and back-off; never shown or recorded.
using MonoTime = std::chrono::steady_clock::time_point;

// A stop signal that a sleeping thread wakes up for: Set() ends every SleepUntil waiting on it, now
// and later. Thread-safe.
class Wakeup {
 public:
  void Set();
  bool IsSet() const;

 private:
  friend class SystemClock;
  friend class FakeClock;
  mutable std::mutex mu_;
  std::condition_variable cv_;
  bool set_ = false;
};

// Wall time (recorded in events), monotonic time and sleeping. Every wait of the server and the agent
// (checkpoint interval, upload expiry, retry back-off, settle time) goes through a Clock, so tests run
// them on a FakeClock without sleeping.
class Clock {
 public:
  virtual ~Clock() = default;
  virtual TimePoint Now() const = 0;
  virtual MonoTime Monotonic() const = 0;
  // Blocks until Monotonic() >= deadline or `wake` is set. Returns true when woken by `wake`.
  virtual bool SleepUntil(MonoTime deadline, Wakeup& wake) const = 0;
  bool SleepFor(std::chrono::milliseconds d, Wakeup& wake) const { return SleepUntil(Monotonic() + d, wake); }
  // Sleeps with nothing to wake it early.
  void SleepFor(std::chrono::milliseconds d) const {
    Wakeup never;
    SleepUntil(Monotonic() + d, never);
  }
};

class SystemClock final : public Clock {
 public:
  TimePoint Now() const override {
    return std::chrono::time_point_cast<std::chrono::milliseconds>(std::chrono::system_clock::now());
  }
  MonoTime Monotonic() const override { return std::chrono::steady_clock::now(); }
  bool SleepUntil(MonoTime deadline, Wakeup& wake) const override;
};

// A clock that only moves when told to: both its wall and its monotonic time advance together, and
// sleepers wake when Advance passes their deadline. Thread-safe.
class FakeClock final : public Clock {
 public:
  explicit FakeClock(TimePoint start) : ms_(start.time_since_epoch().count()) {}
  TimePoint Now() const override { return TimePoint(std::chrono::milliseconds(ms_.load())); }
  MonoTime Monotonic() const override { return MonoTime(std::chrono::milliseconds(mono_ms_.load())); }
  bool SleepUntil(MonoTime deadline, Wakeup& wake) const override;
  void Advance(std::chrono::milliseconds d);
  // Blocks until `n` sleeps have begun on this clock since it was made: a test's event to wait for
  // (the sleeper has done its work and waits again), not a sleep.
  void AwaitSleeps(int64_t n) const;

 private:
  std::atomic<int64_t> ms_;
  std::atomic<int64_t> mono_ms_{1'000'000};
  mutable std::mutex mu_;
  mutable std::condition_variable sleepers_cv_;
  mutable std::multiset<Wakeup*> sleepers_;
  mutable int64_t sleeps_begun_ = 0;
};

// RFC 3339 UTC with milliseconds: "2026-11-27T01:02:03.456Z".
std::string FormatRfc3339(TimePoint t);
// Accepts "YYYY-MM-DDTHH:MM:SS[.fff](Z|+hh:mm|-hh:mm)"; anything else is InvalidArgument.
StatusOr<TimePoint> ParseRfc3339(const std::string& s);

}  // namespace qc
