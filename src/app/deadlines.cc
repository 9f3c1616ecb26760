// Deadlines (期限) across cases: the 工作台's "items near a deadline". The rows are projections of
// domain::Deadlines, so this is a read of one indexed table.
#include "app/case_service.h"
#include "app/page_json.h"
#include "common/china_time.h"
#include "store/case_repo.h"

namespace qc::app {

using domain::Actor;

StatusOr<Json> CaseService::ListDeadlines(const Actor& a, const DeadlineQuery& q) {
  store::PageRequest p{q.page, q.page_size};
  store::DeadlineFilter f;
  QC_ASSIGN_OR_RETURN(f.units, ctx_.VisibleUnits(a));
  if (f.units && f.units->empty()) return EmptyPageJson(p);
  if (q.mine.value_or(a.role == domain::Role::kOfficer)) f.officer_id = a.user_id;
  TimePoint now = ctx_.clock.Now();
  // Calendar days in China Standard Time: "within 7 days" is due by the end of the 7th day after today,
  // so a date given as a deadline 7 days ahead (due at that day's end) is within 7 days.
  f.due_before = FormatRfc3339(StartOfChinaDay(now, q.within_days + 1));
  std::optional<store::Page<store::DeadlineRow>> rows;
  {
    auto db = ctx_.reads->Acquire();
    QC_ASSIGN_OR_RETURN(rows, store::ListDeadlines(*db, f, p));
  }
  std::string now_text = FormatRfc3339(now);
  Json out = PageJson(*rows, p, [&](const store::DeadlineRow& d) {
    auto stage = domain::ParseStage(d.stage);
    auto status = domain::ParseCaseStatus(d.status);
    auto due_tp = ParseRfc3339(d.due_at);
    int64_t remaining = due_tp.ok() ? std::chrono::duration_cast<std::chrono::seconds>(*due_tp - now).count() : 0;
    return Json{{"case_id", d.case_id},
                {"number", d.number},
                {"title", d.title},
                {"stage", d.stage},
                {"stage_label", stage ? std::string(domain::Label(*stage)) : ""},
                {"status", d.status},
                {"status_label", status ? std::string(domain::Label(*status)) : ""},
                {"kind", d.kind},
                {"label", d.label},
                {"article", d.article},
                {"since", d.since},
                {"due_at", d.due_at},
                {"overdue", d.due_at < now_text},
                {"remaining_seconds", remaining}};
  });
  out["now"] = now_text;
  return out;
}

}  // namespace qc::app
