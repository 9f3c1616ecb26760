#include "common/china_time.h"

#include <charconv>
#include <cstdio>

namespace qc {

using std::chrono::days;
using std::chrono::hours;
using std::chrono::milliseconds;

namespace {
constexpr hours kOffset{8};

std::chrono::year_month_day ChinaDay(TimePoint t) {
  return std::chrono::year_month_day{std::chrono::floor<days>(t + kOffset)};
}
}  // namespace

std::string ChinaDate(TimePoint t) {
  auto ymd = ChinaDay(t);
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", static_cast<int>(ymd.year()), static_cast<unsigned>(ymd.month()),
                static_cast<unsigned>(ymd.day()));
  return buf;
}

int ChinaYear(TimePoint t) { return static_cast<int>(ChinaDay(t).year()); }

TimePoint StartOfChinaDay(TimePoint t, int n) {
  auto day = std::chrono::floor<days>(t + kOffset) + days(n);
  return std::chrono::time_point_cast<milliseconds>(day - kOffset);
}

std::optional<TimePoint> EndOfChinaDay(const std::string& date) {
  if (date.size() != 10 || date[4] != '-' || date[7] != '-') return std::nullopt;
  int y = 0;
  unsigned m = 0, d = 0;
  auto num = [&](size_t pos, size_t len, auto& out) {
    auto r = std::from_chars(date.data() + pos, date.data() + pos + len, out);
    return r.ec == std::errc() && r.ptr == date.data() + pos + len;
  };
  if (!num(0, 4, y) || !num(5, 2, m) || !num(8, 2, d)) return std::nullopt;
  std::chrono::year_month_day ymd{std::chrono::year(y), std::chrono::month(m), std::chrono::day(d)};
  if (!ymd.ok()) return std::nullopt;
  // Midnight after the date in UTC+8 is 16:00 UTC of the date; one millisecond before it.
  auto midnight_utc = std::chrono::sys_days(ymd) + hours(16);
  return std::chrono::time_point_cast<milliseconds>(midnight_utc) - milliseconds(1);
}

}  // namespace qc
