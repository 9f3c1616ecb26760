// Applies events to the projection tables. The same code runs live (inside the writer's
// transaction, right after the append) and when rebuilding from the events alone, which is what
// makes "rebuild equals live" true by construction and checkable by tests.
//
// Not thread-safe: the writer thread owns one Projector; a rebuild makes its own.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <variant>
#include <vector>

#include "common/status.h"
#include "domain/case_state.h"
#include "domain/event.h"
#include "domain/work_calendar.h"
#include "store/db.h"

namespace qc::store {

// One projection row as stored: its table and its values in the table's column order.
using Cell = std::variant<std::monostate, int64_t, std::string>;  // NULL, INTEGER, TEXT
struct ProjectionRow {
  std::string_view table;
  std::vector<Cell> cells;
};
// The text a cell reads back as from SQLite (integers in decimal; NULL as "\x01NULL"), which is how
// rows are compared.
std::string CellText(const Cell& c);

class Projector {
 public:
  // The current state of a case, from the cache or by folding its events (those with index <
  // `before`, all when negative). NotFound when the case has no events.
  StatusOr<const domain::CaseState*> LoadCase(Db& db, const std::string& case_id, int64_t before = -1);
  // Applies one appended event (e.index set) to the projections.
  Status Apply(Db& db, const domain::Event& e);
  // Drops cached state, e.g. after a rolled-back transaction.
  void Forget(const std::string& case_id) { cache_.erase(case_id); }
  void Clear() { cache_.clear(); }

  // The projection rows of a directory event (units, users), and of one case's current state
  // (cases, case_parties, case_officers, approvals, case_deadlines, case_media). Public for the rebuild, which folds a
  // case's events in memory and writes its rows once.
  static Status ApplyDirectory(Db& db, const domain::Event& e);
  // `cal`: the working-day calendar the deadlines count in (store/calendar_repo.h) — the log's final
  // one: a CalendarYearSet rewrites every application case (the only ones whose rows depend on it).
  static Status WriteCase(Db& db, const domain::CaseState& c, const domain::WorkCalendar& cal);
  // The rows WriteCase stores for a case: cases, then case_parties, case_officers, approvals, case_deadlines,
  // case_media.
  static std::vector<ProjectionRow> CaseRows(const domain::CaseState& c, const domain::WorkCalendar& cal);
  // Folds every case from its events and writes its rows again (after a schema change).
  static Status RewriteAllCases(Db& db);

 private:
  static constexpr size_t kMaxCached = 4096;
  // The calendar, loaded from the log on first use and kept current by the CalendarYearSet events.
  StatusOr<const domain::WorkCalendar*> Calendar(Db& db);
  Status CalendarChanged(Db& db, const domain::Event& e);
  std::unordered_map<std::string, domain::CaseState> cache_;
  std::optional<domain::WorkCalendar> calendar_;
};

}  // namespace qc::store
