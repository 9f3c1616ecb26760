#include "domain/work_calendar.h"

#include "common/china_time.h"

#include <stdexcept>

namespace qc::domain {

using std::chrono::days;
using std::chrono::sys_days;

namespace {

// "YYYY-MM-DD" as a day, via the China-day helper (the date's own civil day).
std::optional<sys_days> ParseDay(const std::string& text) {
  auto end = EndOfChinaDay(text);
  if (!end) return std::nullopt;
  // EndOfChinaDay is 15:59:59.999 UTC of that date: its UTC day is the date.
  return std::chrono::floor<days>(*end);
}

int YearOf(sys_days d) { return static_cast<int>(std::chrono::year_month_day{d}.year()); }

bool Weekend(sys_days d) {
  std::chrono::weekday w{d};
  return w == std::chrono::Saturday || w == std::chrono::Sunday;
}

}  // namespace

Json ToJson(const CalendarYear& y) {
  return Json{{"year", y.year},
              {"holidays", y.holidays},
              {"workdays", y.workdays},
              {"provisional", y.provisional},
              {"source", y.source}};
}

CalendarYear CalendarYearFromJson(const Json& j) {
  if (!j.is_object()) throw std::invalid_argument("calendar year");
  CalendarYear y;
  y.year = j.at("year").get<int>();
  y.holidays = j.value("holidays", std::vector<std::string>{});
  y.workdays = j.value("workdays", std::vector<std::string>{});
  y.provisional = j.value("provisional", false);
  y.source = j.value("source", "");
  return y;
}

Status WorkCalendar::Validate(const CalendarYear& y) {
  auto bad = [](const std::string& message, const char* field) {
    return Status::InvalidArgument("invalid_field", message, field);
  };
  if (y.year < 2000 || y.year > 2200) return bad("年份应在 2000 至 2200 之间", "year");
  std::set<sys_days> seen;
  for (const auto* list : {&y.holidays, &y.workdays}) {
    bool holidays = list == &y.holidays;
    const char* field = holidays ? "holidays" : "workdays";
    for (const auto& text : *list) {
      auto d = ParseDay(text);
      if (!d) return bad("日期格式应为 YYYY-MM-DD：" + text, field);
      if (YearOf(*d) != y.year) return bad("日期不在 " + std::to_string(y.year) + " 年内：" + text, field);
      if (!seen.insert(*d).second) return bad("日期重复或同时列为放假和上班：" + text, field);
      if (!holidays && !Weekend(*d)) return bad("调休上班日应为周六或周日：" + text, field);
    }
  }
  return Status();
}

void WorkCalendar::Set(const CalendarYear& y) {
  if (auto old = years_.find(y.year); old != years_.end()) {
    for (const auto& t : old->second.holidays)
      if (auto d = ParseDay(t)) off_.erase(*d);
    for (const auto& t : old->second.workdays)
      if (auto d = ParseDay(t)) on_.erase(*d);
  }
  years_[y.year] = y;
  for (const auto& t : y.holidays)
    if (auto d = ParseDay(t)) off_.insert(*d);
  for (const auto& t : y.workdays)
    if (auto d = ParseDay(t)) on_.insert(*d);
}

bool WorkCalendar::IsWorkingDay(sys_days day) const {
  if (on_.count(day)) return true;
  if (off_.count(day)) return false;
  return !Weekend(day);
}

TimePoint WorkCalendar::EndOfWorkingDaysAfter(TimePoint from, int n) const {
  // The China day of `from` as a civil day; count from the next one.
  sys_days start = std::chrono::floor<days>(StartOfChinaDay(from) + std::chrono::hours(8));
  int k = 0, counted = 0;
  while (counted < n) {
    ++k;
    if (IsWorkingDay(start + days(k))) ++counted;
  }
  return StartOfChinaDay(from, k + 1) - std::chrono::milliseconds(1);
}

}  // namespace qc::domain
