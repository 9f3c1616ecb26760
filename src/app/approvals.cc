// The approval inbox and approval decisions (Art. 7: 承办人 → 审核人 → [法制审核] → 批准人).
#include "app/case_service.h"
#include "app/page_json.h"
#include "store/case_repo.h"

namespace qc::app {

using domain::Actor;
using domain::Role;

namespace {

Json ApprovalRowJson(const store::ApprovalRow& r) {
  auto kind = domain::ParseApprovalKind(r.kind);
  auto state = domain::ParseApprovalState(r.state);
  Json j{{"id", r.id},
         {"case_id", r.case_id},
         {"case_number", r.case_number},
         {"case_title", r.case_title},
         {"kind", r.kind},
         {"kind_label", kind ? domain::Label(*kind) : ""},
         {"state", r.state},
         {"state_label", state ? domain::Label(*state) : ""},
         {"round", r.round},
         {"pending_role", r.pending_role ? Json(*r.pending_role) : Json(nullptr)},
         {"submitted_by_name", r.submitted_by_name},
         {"submitted_at", r.submitted_at},
         {"updated_at", r.updated_at},
         {"major", r.major},
         {"urgent", r.urgent},
         {"start_mode", r.start_mode}};
  if (!r.my_decision.empty()) {
    auto d = domain::ParseApprovalDecision(r.my_decision);
    j["my_decision"] = r.my_decision;
    j["my_decision_label"] = d ? domain::Label(*d) : "";
    j["my_decided_at"] = r.my_decided_at;
  }
  return j;
}

}  // namespace

StatusOr<Json> CaseService::ApprovalInbox(const Actor& a, ApprovalScope scope, int page, int page_size) {
  QC_RETURN_IF_ERROR(ctx_.Allow(a, domain::Action::kViewApprovalInbox));
  store::PageRequest p{page, page_size};
  auto db = ctx_.reads->Acquire();
  if (scope == ApprovalScope::kDone) {
    // 已办: what this user decided (审核 / 法制审核 / 批准), in the units they still see.
    if (a.role != Role::kReviewer && a.role != Role::kLegal && a.role != Role::kApprover) return EmptyPageJson(p);
    QC_ASSIGN_OR_RETURN(auto units, ctx_.VisibleUnits(a));
    QC_ASSIGN_OR_RETURN(auto rows, store::ListApprovalsDecidedBy(*db, a.user_id, units, p));
    return PageJson(rows, p, ApprovalRowJson);
  }
  // Reviewers, legal officers and approvers see the steps waiting for their role in their units;
  // officers see start approvals of their cases that were returned to them for revision.
  store::ApprovalInboxFilter f;
  if (a.role == Role::kOfficer) {
    f.returned_to = a.user_id;
  } else if (a.role == Role::kReviewer || a.role == Role::kLegal || a.role == Role::kApprover) {
    f.pending_role = std::string(domain::ToString(a.role));
    QC_ASSIGN_OR_RETURN(f.units, ctx_.VisibleUnits(a));
    if (a.role == Role::kApprover) {
      // The 负责人 approves for the enforcement body they head (Art. 7): its units only, and none when
      // the account sits in a unit that is not a body.
      QC_ASSIGN_OR_RETURN(auto tree, ctx_.Units());
      std::erase_if(*f.units, [&](const std::string& id) { return tree->BodyOf(id) != a.unit_id; });
    }
  } else {
    return EmptyPageJson(p);
  }
  QC_ASSIGN_OR_RETURN(auto rows, store::ListApprovalInbox(*db, f, p));
  return PageJson(rows, p, ApprovalRowJson);
}

StatusOr<CommandResult> CaseService::ActOnApproval(const Actor& a, const std::string& approval_id,
                                                   const Decider& decide) {
  std::optional<std::string> case_id;
  {
    auto db = ctx_.reads->Acquire();
    QC_ASSIGN_OR_RETURN(case_id, store::CaseOfApproval(*db, approval_id));
  }
  if (!case_id) return Status::NotFound("审批事项不存在", "id");
  return ActOnCase(a, *case_id, decide);
}

StatusOr<CommandResult> CaseService::DecideApproval(const Actor& a, const std::string& approval_id,
                                                    const std::string& decision, const std::string& opinion) {
  return ActOnApproval(a, approval_id, [&](const domain::CaseState& c) {
    return domain::DecideApprovalStep(c, a, approval_id, decision, opinion);
  });
}

StatusOr<CommandResult> CaseService::RecordExpertOpinion(const Actor& a, const std::string& approval_id,
                                                         const domain::ExpertOpinion& e) {
  return ActOnApproval(a, approval_id, [&](const domain::CaseState& c) {
    return domain::DecideRecordExpertOpinion(c, a, approval_id, e);
  });
}

StatusOr<CommandResult> CaseService::RecordCollectiveDiscussion(const Actor& a, const std::string& approval_id,
                                                                const domain::CollectiveDiscussion& d) {
  TimePoint now = ctx_.clock.Now();
  return ActOnApproval(a, approval_id, [&](const domain::CaseState& c) {
    return domain::DecideRecordCollectiveDiscussion(c, a, approval_id, d, now);
  });
}

}  // namespace qc::app
