#include "store/calendar_repo.h"

namespace qc::store {

StatusOr<std::vector<CalendarYearSet>> ReadCalendarYearSets(Db& db) {
  std::vector<CalendarYearSet> out;
  // The literal type lets SQLite use the partial index events_calendar (schema.cc).
  QC_ASSIGN_OR_RETURN(Stmt * s,
                      db.Prepare("SELECT idx, bytes FROM events WHERE type = 'CalendarYearSet' ORDER BY idx"));
  for (;;) {
    QC_ASSIGN_OR_RETURN(bool row, s->Step());
    if (!row) break;
    int64_t idx = s->Int(0);
    auto j = ParseJson(s->Blob(1));
    if (!j.ok()) continue;
    auto e = domain::EventFromJson(std::move(*j));
    if (!e.ok()) continue;
    try {
      domain::CalendarYear y = domain::CalendarYearFromJson(e->data);
      if (!domain::WorkCalendar::Validate(y).ok()) continue;
      out.push_back({std::move(y), idx, e->at, e->actor});
    } catch (const std::exception&) {
      // a wrong-typed field: the projection replay reports the event
    }
  }
  s->Reset();
  return out;
}

StatusOr<domain::WorkCalendar> LoadWorkCalendar(Db& db) {
  domain::WorkCalendar cal = domain::WorkCalendar::Shipped();
  QC_ASSIGN_OR_RETURN(auto sets, ReadCalendarYearSets(db));
  for (const auto& s : sets) cal.Set(s.year);
  return cal;
}

}  // namespace qc::store
