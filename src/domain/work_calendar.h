// Working days (工作日) for the time limits the law counts in them (行政许可法 第八十二条: 本法规定的期限以
// 工作日计算，不含法定节假日): Monday to Friday, except the official holidays, plus the weekend days made
// working days (调休上班) — per year, as the General Office of the State Council publishes them
// (国务院办公厅关于部分节假日安排的通知). Days are China Standard Time days.
//
// A period in days does not count the day it starts on (民法典 第二百零一条: 开始的当日不计入), so an
// application received on Friday 2026-12-04 has 5 working days to Friday 2026-12-11, 23:59:59.999.
//
//   const WorkCalendar& cal = WorkCalendar::Shipped();
//   TimePoint due = cal.EndOfWorkingDaysAfter(received_at, 5);
//
// The years QuanCheng ships are in work_calendar_data.cc; a year not known counts Monday to Friday
// (Known() says which years are known, and `provisional` marks a year shipped before the State
// Council published it).
#pragma once

#include <chrono>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "common/canonical_json.h"
#include "common/clock.h"
#include "common/status.h"

namespace qc::domain {

// One year's arrangement: the days off that would be working days (法定节假日及调休放假) and the
// weekend days that are working days (调休上班), each "YYYY-MM-DD".
struct CalendarYear {
  int year = 0;
  std::vector<std::string> holidays;
  std::vector<std::string> workdays;
  bool provisional = false;  // weekends only until the year's arrangement is published
  std::string source;        // the notice it follows
};

// The data of a CalendarYearSet event: {year, holidays, workdays, provisional, source}.
Json ToJson(const CalendarYear& y);
// Throws (std::invalid_argument, nlohmann's type_error) on data of the wrong shape.
CalendarYear CalendarYearFromJson(const Json& j);

class WorkCalendar {
 public:
  // The years shipped with QuanCheng (work_calendar_data.cc).
  static const WorkCalendar& Shipped();

  // Adds or replaces a year (check it with Validate first: malformed dates are ignored here).
  void Set(const CalendarYear& y);
  // OK when `y` is well formed, else InvalidArgument naming the field (year, holidays, workdays).
  static Status Validate(const CalendarYear& y);

  bool Known(int year) const { return years_.count(year) > 0; }
  const std::map<int, CalendarYear>& years() const { return years_; }

  bool IsWorkingDay(std::chrono::sys_days day) const;
  // The last instant (China Standard Time) of the `n`-th working day after the day of `from`.
  TimePoint EndOfWorkingDaysAfter(TimePoint from, int n) const;

 private:
  std::map<int, CalendarYear> years_;
  std::set<std::chrono::sys_days> off_, on_;
};

}  // namespace qc::domain
