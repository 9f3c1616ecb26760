// The approval inbox and approval decisions (Art. 7: 承办人 → 审核人 → [法制审核] → 批准人).
#include "app/app.h"

namespace qc::app {

using domain::Actor;
using domain::Role;

StatusOr<Json> App::ApprovalInbox(const Actor& a, int page, int page_size) {
  QC_RETURN_IF_ERROR(Allow(a, domain::Action::kViewApprovalInbox));
  // Reviewers, legal officers and approvers see the steps waiting for their role in their units;
  // officers see start approvals of their cases that were returned to them for revision.
  std::string where;
  std::vector<std::string> args;
  if (a.role == Role::kOfficer) {
    where = " WHERE ap.state = 'returned' AND EXISTS (SELECT 1 FROM case_officers co WHERE co.case_id = ap.case_id "
            "AND co.user_id = ?) AND NOT EXISTS (SELECT 1 FROM approvals later WHERE later.case_id = ap.case_id "
            "AND later.round > ap.round)";
    args.push_back(a.user_id);
  } else if (a.role == Role::kReviewer || a.role == Role::kLegal || a.role == Role::kApprover) {
    QC_ASSIGN_OR_RETURN(auto visible, VisibleUnits(a));
    where = " WHERE ap.pending_role = ? AND ap.unit_id IN (";
    args.push_back(std::string(domain::ToString(a.role)));
    for (size_t i = 0; i < visible->size(); ++i) {
      where += i ? ",?" : "?";
      args.push_back((*visible)[i]);
    }
    where += visible->empty() ? "NULL)" : ")";
  } else {
    return Json{{"items", Json::array()}, {"total", 0}, {"page", page}, {"page_size", page_size}};
  }
  auto db = reads_->Acquire();
  QC_ASSIGN_OR_RETURN(store::Stmt * cnt, db->Prepare("SELECT COUNT(*) FROM approvals ap" + where));
  for (size_t i = 0; i < args.size(); ++i) cnt->Bind(static_cast<int>(i + 1), args[i]);
  QC_ASSIGN_OR_RETURN(bool crow, cnt->Step());
  int64_t total = crow ? cnt->Int(0) : 0;
  cnt->Reset();
  QC_ASSIGN_OR_RETURN(store::Stmt * s, db->Prepare(
      "SELECT ap.id, ap.case_id, c.number, c.title, ap.kind, ap.state, ap.round, ap.pending_role, "
      "COALESCE(u.name, ''), ap.submitted_at, ap.updated_at, c.major, c.urgent, c.start_mode "
      "FROM approvals ap JOIN cases c ON c.id = ap.case_id LEFT JOIN users u ON u.id = ap.submitted_by" +
      where + " ORDER BY ap.updated_at, ap.id LIMIT ? OFFSET ?"));
  int n = 1;
  for (const auto& arg : args) s->Bind(n++, arg);
  s->Bind(n, page_size);
  s->Bind(n + 1, static_cast<int64_t>(page - 1) * page_size);
  Json items = Json::array();
  for (;;) {
    QC_ASSIGN_OR_RETURN(bool row, s->Step());
    if (!row) break;
    items.push_back({{"id", s->Text(0)}, {"case_id", s->Text(1)}, {"case_number", s->Text(2)},
                     {"case_title", s->Text(3)}, {"kind", s->Text(4)}, {"kind_label", "程序启动审批"},
                     {"state", s->Text(5)}, {"round", s->Int(6)},
                     {"pending_role", s->IsNull(7) ? Json(nullptr) : Json(s->Text(7))},
                     {"submitted_by_name", s->Text(8)}, {"submitted_at", s->Text(9)}, {"updated_at", s->Text(10)},
                     {"major", s->Int(11) != 0}, {"urgent", s->Int(12) != 0}, {"start_mode", s->Text(13)}});
  }
  s->Reset();
  return Json{{"items", std::move(items)}, {"total", total}, {"page", page}, {"page_size", page_size}};
}

StatusOr<CommandResult> App::DecideApproval(const Actor& a, const std::string& approval_id,
                                            const std::string& decision, const std::string& opinion) {
  std::string case_id;
  {
    auto db = reads_->Acquire();
    QC_ASSIGN_OR_RETURN(store::Stmt * s, db->Prepare("SELECT case_id FROM approvals WHERE id = ?"));
    s->Bind(1, approval_id);
    QC_ASSIGN_OR_RETURN(bool row, s->Step());
    if (row) case_id = s->Text(0);
    s->Reset();
    if (!row) return Status::NotFound("审批事项不存在", "id");
  }
  return ActOnCase(a, case_id, [&](const domain::CaseState& c) {
    return domain::DecideApprovalStep(c, a, approval_id, decision, opinion);
  });
}

}  // namespace qc::app
