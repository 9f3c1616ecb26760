// The working-day calendar as the log records it: the years QuanCheng ships
// (domain::WorkCalendar::Shipped), overlaid in log order by the CalendarYearSet events the
// administrator records (PUT /api/v1/calendar/{year}). Read from the events themselves (a partial
// index finds them), so live projection, rebuild and verify use the same calendar.
#pragma once

#include <vector>

#include "common/status.h"
#include "domain/event.h"
#include "domain/work_calendar.h"
#include "store/db.h"

namespace qc::store {

struct CalendarYearSet {
  domain::CalendarYear year;
  int64_t index = 0;
  TimePoint at;
  domain::ActorRef by;
};

// Every well-formed CalendarYearSet, in log order (a malformed one is the replay's to report).
StatusOr<std::vector<CalendarYearSet>> ReadCalendarYearSets(Db& db);
// The shipped years with the recorded ones applied in order.
StatusOr<domain::WorkCalendar> LoadWorkCalendar(Db& db);

}  // namespace qc::store
