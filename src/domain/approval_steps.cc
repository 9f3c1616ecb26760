// The steps of the approval chain that record without deciding (Art. 19, 20):
//
//   ApprovalStepRecorded {approval_id, step: expert_opinion, opinion, detail: {experts: [{name, title}]}}
//   ApprovalStepRecorded {approval_id, step: collective_discussion, opinion: conclusion,
//                         detail: {held_at, participants, discussion}}
//
// 专家论证 is optional and taken in legal review (by the 法制员) or while the 负责人 decides; 集体讨论
// is the 负责人's, before deciding, and the approval of a major case's decision waits for it
// (DecideApprovalStep; 行政处罚法第五十七条第二款).
#include "domain/authorization.h"
#include "domain/case_commands.h"
#include "domain/event_json.h"
#include "domain/field_rules.h"

namespace qc::domain {
namespace {

using Drafts = std::vector<EventDraft>;
using namespace event_json;  // NOLINT(build/namespaces)

StatusOr<const Approval*> OpenApproval(const CaseState& c, const Actor& a, const std::string& approval_id) {
  const Approval* ap = nullptr;
  for (const auto& x : c.approvals)
    if (x.id == approval_id) ap = &x;
  if (ap == nullptr) return Status::NotFound("审批事项不存在", "approval_id");
  if (!ap->open())
    return Status::Conflict("illegal_transition", "该审批事项已办结（" + std::string(Label(ap->state)) + "）");
  Resource step_of = CaseResource(c);
  step_of.approval_id = approval_id;
  QC_RETURN_IF_ERROR(Authorize(a, Action::kDecideApprovalStep, step_of));  // the pending role only
  return ap;
}

}  // namespace

bool HasStep(const Approval& a, ApprovalStepKind kind) {
  for (const auto& s : a.steps)
    if (s.step == kind) return true;
  return false;
}

StatusOr<Drafts> DecideRecordExpertOpinion(const CaseState& c, const Actor& a, const std::string& approval_id,
                                           const ExpertOpinion& e) {
  QC_ASSIGN_OR_RETURN(const Approval* ap, OpenApproval(c, a, approval_id));
  if (ap->state != ApprovalState::kLegalReview && ap->state != ApprovalState::kDeciding)
    return Status::Conflict("illegal_transition", "专家论证在法制审核或负责人决定时记录（第十九条）");
  if (e.experts.empty()) return Status::InvalidArgument("missing_field", "请填写参加论证的专家", "experts");
  Json experts = Json::array();
  for (size_t i = 0; i < e.experts.size(); ++i) {
    std::string at = "experts[" + std::to_string(i) + "]";
    QC_RETURN_IF_ERROR(RequireText(e.experts[i].first, at + ".name", "专家姓名", 2));
    experts.push_back({{"name", e.experts[i].first}, {"title", e.experts[i].second}});
  }
  QC_RETURN_IF_ERROR(RequireText(e.opinion, "opinion", "专家论证意见（第十九条）", 4));
  return Drafts{{"ApprovalStepRecorded",
                 {{"approval_id", approval_id},
                  {"step", ToString(ApprovalStepKind::kExpert)},
                  {"opinion", e.opinion},
                  {"detail", {{"experts", std::move(experts)}}}}}};
}

StatusOr<Drafts> DecideRecordCollectiveDiscussion(const CaseState& c, const Actor& a, const std::string& approval_id,
                                                  const CollectiveDiscussion& d, TimePoint now) {
  QC_ASSIGN_OR_RETURN(const Approval* ap, OpenApproval(c, a, approval_id));
  if (ap->state != ApprovalState::kDeciding)
    return Status::Conflict("illegal_transition", "集体讨论在负责人决定前记录（第二十条）");
  QC_RETURN_IF_ERROR(RequirePast(d.held_at, now, "held_at", "讨论时间"));
  if (d.held_at < ap->submitted_at)
    return Status::InvalidArgument("invalid_field", "讨论时间不能早于提交审批的时间", "held_at");
  if (d.participants.size() < 3)
    return Status::InvalidArgument("too_short", "集体讨论须列明参加人员（至少三人，第二十条）", "participants");
  for (size_t i = 0; i < d.participants.size(); ++i)
    QC_RETURN_IF_ERROR(RequireText(d.participants[i], "participants[" + std::to_string(i) + "]", "参加人员姓名", 2));
  QC_RETURN_IF_ERROR(RequireText(d.discussion, "discussion", "讨论情况（第二十条）", 4));
  QC_RETURN_IF_ERROR(RequireText(d.conclusion, "conclusion", "讨论结论（第二十条）", 2));
  return Drafts{{"ApprovalStepRecorded",
                 {{"approval_id", approval_id},
                  {"step", ToString(ApprovalStepKind::kCollective)},
                  {"opinion", d.conclusion},
                  {"detail",
                   {{"held_at", FormatRfc3339(d.held_at)},
                    {"participants", Strings(d.participants)},
                    {"discussion", d.discussion}}}}}};
}

Status ApplyApprovalStepRecorded(CaseState& c, const Event& e) {
  const Json& d = e.data;
  Approval* ap = nullptr;
  for (auto& x : c.approvals)
    if (x.id == Str(d, "approval_id")) ap = &x;
  auto step = ParseApprovalStepKind(Str(d, "step"));
  if (ap == nullptr || !step || (*step != ApprovalStepKind::kExpert && *step != ApprovalStepKind::kCollective))
    return Status::Internal("ApprovalStepRecorded: approval_id or step");
  ApprovalStep s{*step, e.actor, ApprovalDecision::kOpinion, Str(d, "opinion"), "", e.at};
  s.detail = d.value("detail", Json::object());
  ap->steps.push_back(std::move(s));
  ap->updated_at = e.at;
  return Status();
}

}  // namespace qc::domain
