// Deadlines (期限) across cases: the 工作台's "items near a deadline". The rows are projections of
// domain::Deadlines, so this is a read of one indexed table.
#include "app/app.h"
#include "common/china_time.h"

namespace qc::app {

using domain::Actor;

StatusOr<Json> App::ListDeadlines(const Actor& a, const DeadlineQuery& q) {
  QC_ASSIGN_OR_RETURN(auto visible, VisibleUnits(a));
  Json empty{{"items", Json::array()}, {"total", 0}, {"page", q.page}, {"page_size", q.page_size}};
  if (visible && visible->empty()) return empty;
  bool mine = q.mine.value_or(a.role == domain::Role::kOfficer);
  TimePoint now = clock_.Now();
  std::string where = " WHERE d.due_at < ?";
  // Calendar days in China Standard Time: "within 7 days" is due by the end of the 7th day after today,
  // so a date given as a deadline 7 days ahead (due at that day's end) is within 7 days.
  std::vector<std::string> args{FormatRfc3339(StartOfChinaDay(now, q.within_days + 1))};
  if (visible) {
    where += " AND d.unit_id IN (";
    for (size_t i = 0; i < visible->size(); ++i) {
      where += i ? ",?" : "?";
      args.push_back((*visible)[i]);
    }
    where += ")";
  }
  if (mine) {
    where += " AND EXISTS (SELECT 1 FROM case_officers o WHERE o.case_id = d.case_id AND o.user_id = ?)";
    args.push_back(a.user_id);
  }
  auto db = reads_->Acquire();
  QC_ASSIGN_OR_RETURN(store::Stmt * cnt, db->Prepare("SELECT COUNT(*) FROM case_deadlines d" + where));
  for (size_t i = 0; i < args.size(); ++i) cnt->Bind(static_cast<int>(i + 1), args[i]);
  QC_ASSIGN_OR_RETURN(bool crow, cnt->Step());
  int64_t total = crow ? cnt->Int(0) : 0;
  cnt->Reset();

  QC_ASSIGN_OR_RETURN(store::Stmt * s, db->Prepare(
      "SELECT d.case_id, c.number, c.title, c.stage, c.status, d.kind, d.label, d.article, d.since, d.due_at "
      "FROM case_deadlines d JOIN cases c ON c.id = d.case_id" + where +
      " ORDER BY d.due_at, d.case_id, d.kind LIMIT ? OFFSET ?"));
  int n = 1;
  for (const auto& arg : args) s->Bind(n++, arg);
  s->Bind(n, q.page_size).Bind(n + 1, static_cast<int64_t>(q.page - 1) * q.page_size);
  std::string now_text = FormatRfc3339(now);
  Json items = Json::array();
  for (;;) {
    QC_ASSIGN_OR_RETURN(bool row, s->Step());
    if (!row) break;
    auto stage = domain::ParseStage(s->Text(3));
    auto status = domain::ParseCaseStatus(s->Text(4));
    std::string due = s->Text(9);
    auto due_tp = ParseRfc3339(due);
    int64_t remaining = due_tp.ok() ? std::chrono::duration_cast<std::chrono::seconds>(*due_tp - now).count() : 0;
    items.push_back({{"case_id", s->Text(0)}, {"number", s->Text(1)}, {"title", s->Text(2)},
                     {"stage", s->Text(3)}, {"stage_label", stage ? std::string(domain::Label(*stage)) : ""},
                     {"status", s->Text(4)}, {"status_label", status ? std::string(domain::Label(*status)) : ""},
                     {"kind", s->Text(5)}, {"label", s->Text(6)}, {"article", s->Text(7)}, {"since", s->Text(8)},
                     {"due_at", due}, {"overdue", due < now_text}, {"remaining_seconds", remaining}});
  }
  s->Reset();
  return Json{{"items", std::move(items)}, {"total", total}, {"page", q.page}, {"page_size", q.page_size},
              {"now", now_text}};
}

}  // namespace qc::app
