#include "common/clock.h"

#include <cstdio>
#include <ctime>

namespace qc {

void Wakeup::Set() {
  std::lock_guard<std::mutex> lock(mu_);
  set_ = true;
  cv_.notify_all();
}

bool Wakeup::IsSet() const {
  std::lock_guard<std::mutex> lock(mu_);
  return set_;
}

bool SystemClock::SleepUntil(MonoTime deadline, Wakeup& wake) const {
  std::unique_lock<std::mutex> lock(wake.mu_);
  return wake.cv_.wait_until(lock, deadline, [&] { return wake.set_; });
}

bool FakeClock::SleepUntil(MonoTime deadline, Wakeup& wake) const {
  {
    std::lock_guard<std::mutex> lock(mu_);
    sleepers_.insert(&wake);
    ++sleeps_begun_;
  }
  sleepers_cv_.notify_all();
  bool woken;
  {
    // Advance moves the time before it takes wake.mu_ to notify, so a deadline passed between the
    // check and the wait is not missed.
    std::unique_lock<std::mutex> lock(wake.mu_);
    wake.cv_.wait(lock, [&] { return wake.set_ || Monotonic() >= deadline; });
    woken = wake.set_;
  }
  std::lock_guard<std::mutex> lock(mu_);
  sleepers_.erase(sleepers_.find(&wake));
  return woken;
}

void FakeClock::Advance(std::chrono::milliseconds d) {
  ms_ += d.count();
  mono_ms_ += d.count();
  std::lock_guard<std::mutex> lock(mu_);
  for (Wakeup* w : sleepers_) {
    std::lock_guard<std::mutex> wl(w->mu_);
    w->cv_.notify_all();
  }
}

void FakeClock::AwaitSleeps(int64_t n) const {
  std::unique_lock<std::mutex> lock(mu_);
  sleepers_cv_.wait(lock, [&] { return sleeps_begun_ >= n; });
}

std::string FormatRfc3339(TimePoint t) {
  int64_t ms = t.time_since_epoch().count();
  int64_t secs = ms >= 0 ? ms / 1000 : (ms - 999) / 1000;
  int millis = static_cast<int>(ms - secs * 1000);
  std::time_t tt = static_cast<std::time_t>(secs);
  std::tm tm{};
  gmtime_r(&tt, &tm);
  char buf[64];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday,
                tm.tm_hour, tm.tm_min, tm.tm_sec, millis);
  return buf;
}

StatusOr<TimePoint> ParseRfc3339(const std::string& s) {
  auto bad = [] {
    return Status::InvalidArgument("invalid_time", "时间格式应为 RFC 3339，例如 2026-11-27T08:00:00+08:00");
  };
  // "YYYY-MM-DDTHH:MM:SS": digits exactly where digits belong (no signs, no spaces).
  static const char kShape[] = "dddd-dd-ddTdd:dd:dd";
  if (s.size() < 20) return bad();
  for (size_t i = 0; i < 19; ++i) {
    bool digit = s[i] >= '0' && s[i] <= '9';
    if (kShape[i] == 'd' ? !digit : (s[i] != kShape[i] && !(kShape[i] == 'T' && s[i] == 't'))) return bad();
  }
  auto num = [&](size_t pos, size_t len) {
    int v = 0;
    for (size_t i = pos; i < pos + len; ++i) v = v * 10 + (s[i] - '0');
    return v;
  };
  int Y = num(0, 4), M = num(5, 2), D = num(8, 2), h = num(11, 2), m = num(14, 2), sec = num(17, 2);
  static const int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  bool leap = (Y % 4 == 0 && Y % 100 != 0) || Y % 400 == 0;
  if (M < 1 || M > 12 || D < 1 || h > 23 || m > 59 || sec > 59) return bad();
  if (D > kDays[M - 1] + (M == 2 && leap ? 1 : 0)) return bad();
  size_t i = 19;
  int millis = 0;
  if (i < s.size() && s[i] == '.') {
    ++i;
    int digits = 0;
    while (i < s.size() && s[i] >= '0' && s[i] <= '9') {
      if (digits < 3) millis = millis * 10 + (s[i] - '0');
      ++digits;
      ++i;
    }
    if (digits == 0) return bad();
    for (int d = digits; d < 3; ++d) millis *= 10;
  }
  int offset_min = 0;
  if (i < s.size() && (s[i] == 'Z' || s[i] == 'z') && i + 1 == s.size()) {
  } else if (i + 6 == s.size() && (s[i] == '+' || s[i] == '-') && s[i + 3] == ':') {
    int oh, om;
    if (std::sscanf(s.c_str() + i + 1, "%2d:%2d", &oh, &om) != 2 || oh > 23 || om > 59) return bad();
    offset_min = (oh * 60 + om) * (s[i] == '+' ? 1 : -1);
  } else {
    return bad();
  }
  std::tm tm{};
  tm.tm_year = Y - 1900;
  tm.tm_mon = M - 1;
  tm.tm_mday = D;
  tm.tm_hour = h;
  tm.tm_min = m;
  tm.tm_sec = sec;
  std::time_t tt = timegm(&tm);
  int64_t ms = (static_cast<int64_t>(tt) - offset_min * 60) * 1000 + millis;
  return TimePoint(std::chrono::milliseconds(ms));
}

}  // namespace qc
