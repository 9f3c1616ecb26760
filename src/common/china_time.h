// China Standard Time (UTC+8, no daylight saving) for the calendar the measures count in: case-number
// years, "today" of the 工作台, dates given as deadlines. Events keep UTC (common/clock.h); only these
// helpers turn an instant into a Chinese calendar day or back.
#pragma once

#include <optional>
#include <string>

#include "common/clock.h"

namespace qc {

// The calendar date "YYYY-MM-DD" of `t` in China Standard Time.
std::string ChinaDate(TimePoint t);
// The calendar year of `t` in China Standard Time.
int ChinaYear(TimePoint t);
// The first instant of the China Standard Time day `days` after the day of `t` (0: `t`'s own day).
TimePoint StartOfChinaDay(TimePoint t, int days = 0);
// The last millisecond of the day "YYYY-MM-DD" in China Standard Time; nullopt unless a real date in
// exactly that shape.
std::optional<TimePoint> EndOfChinaDay(const std::string& date);

}  // namespace qc
