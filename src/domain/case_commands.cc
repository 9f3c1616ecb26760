#include "domain/case_commands.h"
#include "domain/party_rules.h"

#include "domain/authorization.h"
#include "domain/officer_rules.h"
#include "domain/receipts.h"
#include "domain/stage_records.h"

#include "common/utf8.h"

namespace qc::domain {
namespace {

using Drafts = std::vector<EventDraft>;

Status Illegal(const std::string& message, const std::string& field = "") {
  return Status::Conflict("illegal_transition", message, field);
}

// Only an officer assigned to the case acts on it (the rule: domain/authorization.cc).
Status RequireCaseOfficer(const CaseState& c, const Actor& a) {
  return Authorize(a, Action::kActOnCase, CaseResource(c));
}

Status RequireNotTerminal(const CaseState& c) {
  if (IsTerminal(c.status)) return Illegal("案件已终结（" + std::string(Label(c.status)) + "），不能再办理");
  return Status();
}

// Art. 33–35: in 归档管理 the case file is the custodian's to arrange and seal; officers add nothing.
Status RequireNotArchiving(const CaseState& c) {
  if (c.stage == Stage::kArchiving) return Illegal("案件已进入归档管理阶段，不能再增加记录（第三十三条）");
  return Status();
}

Status RequireApplication(const CaseState& c) {
  if (c.mode != StartMode::kApplication || !c.application) return Illegal("只有依申请启动的案件才有申请办理环节");
  return RequireNotTerminal(c);
}

Status RequireApplicationUndecided(const CaseState& c) {
  QC_RETURN_IF_ERROR(RequireApplication(c));
  if (c.application && c.application->decision) return Illegal("申请已作出受理决定，不能再更改");
  if (const Approval* open = c.open_approval())
    return Illegal(std::string(Label(open->kind)) + "进行中，待审批办结后再办理");
  return Status();
}

// The next round of approvals of a kind (resubmissions after a return count up).
Status RequireReason(const std::string& reason, const std::string& what, const std::string& field) {
  if (reason.empty()) return Status::InvalidArgument("missing_field", what + "须说明理由", field);
  if (Utf8Length(reason) < kMinReasonChars)
    return Status::InvalidArgument(
        "too_short", what + "的理由须写明事实和依据（至少 " + std::to_string(kMinReasonChars) + " 个字）", field);
  return Status();
}

Status CheckReceiptKind(const CaseState& c, ReceiptKind kind) {
  if (!c.application) return Illegal("只有依申请启动的案件出具申请凭证");
  const auto& dec = c.application->decision;
  if (kind == ReceiptKind::kAcceptance && !(dec && dec->accepted))
    return Illegal("申请未受理，不能出具受理凭证", "kind");
  if (kind == ReceiptKind::kNonAcceptance && !(dec && !dec->accepted))
    return Illegal("未作出不予受理决定，不能出具不予受理凭证", "kind");
  for (const auto& r : c.application->receipts)
    if (r.kind == kind && kind != ReceiptKind::kMaterials) return Illegal("该凭证已出具", "kind");
  return Status();
}

// The rules of each command that depend on the case's state (CheckCommand, without the officer check).
Status CheckState(const CaseState& c, CaseCommand cmd) {
  switch (cmd) {
    case CaseCommand::kSubmitStartApproval: {
      QC_RETURN_IF_ERROR(RequireNotTerminal(c));
      if (c.mode == StartMode::kApplication) return Illegal("依申请案件以受理决定启动，无需程序启动审批");
      if (c.procedure == Procedure::kSimple)
        return Illegal("简易程序当场办理，无需程序启动审批（第二十三条；公安机关办理行政案件程序规定第三十七条）");
      if (c.open_approval() != nullptr) return Illegal("已有正在审批的程序启动审批表");
      if (c.start_approved) return Illegal("程序启动已经批准");
      // 程序规定 第六十一条第一款第一项: a complaint is first accepted (受案登记, 受案回执).
      if (c.mode == StartMode::kComplaint && !c.complaint->accepted)
        return Status::Conflict(
            "missing_record",
            "投诉举报须先受案并出具受案回执，再提交程序启动审批（公安机关办理行政案件程序规定第六十一条）");
      bool may_submit = c.status == CaseStatus::kPending || c.status == CaseStatus::kReturned ||
                        (c.urgent && c.status == CaseStatus::kInProgress);
      if (!may_submit) return Illegal("当前状态不能提交程序启动审批");
      return Status();
    }
    case CaseCommand::kAdvanceStage:
      QC_RETURN_IF_ERROR(RequireNotTerminal(c));
      if (c.stage == Stage::kInitiation)
        return Illegal("程序尚未启动：依申请案件须受理，依职权和投诉举报案件须经程序启动审批", "to");
      if (c.stage == Stage::kArchiving) return Illegal("案件已在归档管理阶段，没有下一阶段", "to");
      if (c.urgent && !c.start_approved) return Illegal("紧急启动的案件须先补报程序启动审批并获批准（第十条）", "to");
      if (c.open_approval() != nullptr) return Illegal("审批进行中，不能进入下一阶段", "to");
      return CheckStageMinimum(c);
    case CaseCommand::kSubmitDecision:
      QC_RETURN_IF_ERROR(RequireNotTerminal(c));
      if (c.procedure == Procedure::kSimple) return Illegal("简易程序的处罚决定当场作出（第二十三条）");
      if (c.stage != Stage::kReviewDecision) return Illegal("处理决定在审查决定阶段作出");
      if (c.decision) return Illegal("处理决定已作出");
      if (c.open_approval() != nullptr) return Illegal("审批进行中，待审批办结后再提交");
      // 行政处罚法 第四十二条: the case was investigated by at least two police officers.
      return RequireTwoOfficers(c);
    case CaseCommand::kRecordService:
      QC_RETURN_IF_ERROR(RequireNotTerminal(c));
      if (c.stage != Stage::kServiceExecution) return Illegal("送达在送达执行阶段登记");
      if (!DecisionIssued(c)) return Illegal("尚未作出处理决定，没有可送达的决定书");
      return Status();
    case CaseCommand::kRecordExecution:
      QC_RETURN_IF_ERROR(RequireNotTerminal(c));
      if (c.stage != Stage::kServiceExecution) return Illegal("执行情况在送达执行阶段登记");
      if (!DecisionServed(c)) return Illegal("处理决定尚未送达，不能登记执行（第二十四条）");
      if (DecisionExecuted(c)) return Illegal("执行情况已登记");
      return Status();
    case CaseCommand::kArchiveCase:
      if (c.archive) return Illegal("案卷已归档封存");
      if (c.stage != Stage::kArchiving && !IsTerminal(c.status))
        return Illegal("案件尚未移交归档（送达执行完毕后进入归档管理阶段）");
      if (c.complaint && c.complaint->not_started && !c.complaint->not_started->served())
        return Status::Conflict("missing_record", "不予启动尚未书面告知投诉人，案卷不完整（第十一条）");
      return Status();
    case CaseCommand::kAcceptComplaint: return CheckAcceptComplaint(c);
    case CaseCommand::kTransferComplaint: return CheckTransferComplaint(c);
    case CaseCommand::kServeComplaintNotice: return CheckServeComplaintNotice(c);
    case CaseCommand::kAddParty:
    case CaseCommand::kRecordOffence:
    case CaseCommand::kAssignOfficer: QC_RETURN_IF_ERROR(RequireNotTerminal(c)); return RequireNotArchiving(c);
    case CaseCommand::kDecideApplication:
    case CaseCommand::kCorrectApplication: return RequireApplicationUndecided(c);
    case CaseCommand::kSupplementNotice:
      QC_RETURN_IF_ERROR(RequireApplicationUndecided(c));
      // Art. 9: everything to supplement is told at once — there is no second notice.
      if (c.application->supplement_notice) return Illegal("补正内容应当一次性告知，本申请已出具过补正告知（第九条）");
      return Status();
    case CaseCommand::kSupplementReceived: {
      QC_RETURN_IF_ERROR(RequireApplicationUndecided(c));
      const auto& n = c.application->supplement_notice;
      if (!n) return Illegal("尚未出具补正告知，无需登记补正材料");
      if (n->received) return Illegal("补正材料已登记");
      return Status();
    }
    case CaseCommand::kIssueReceipt:
      // Also after 不予受理 (its receipt).
      if (c.mode != StartMode::kApplication) return Illegal("只有依申请启动的案件出具申请凭证");
      return Status();
    case CaseCommand::kComplaintNotStarted:
      if (c.mode != StartMode::kComplaint) return Illegal("只有投诉举报案件可以作出不予启动决定");
      QC_RETURN_IF_ERROR(RequireNotTerminal(c));
      if (c.status != CaseStatus::kPending && c.status != CaseStatus::kReturned)
        return Illegal("案件已进入启动审批或已启动，不能作出不予启动决定");
      return Status();
    case CaseCommand::kChangeProcedure:
      QC_RETURN_IF_ERROR(RequireNotTerminal(c));
      if (c.mode == StartMode::kApplication && c.procedure == Procedure::kOrdinary)
        return Illegal("依申请的许可事项不适用简易程序（简易程序是行政处罚程序）", "procedure");
      if (c.stage > Stage::kInvestigation) return Illegal("审查决定阶段之后不能变更程序类型");
      if (c.open_approval() != nullptr) return Illegal("审批进行中，不能变更程序类型");
      // A simple-procedure case started on the spot without approval; an ordinary procedure needs one.
      if (c.procedure == Procedure::kSimple && c.stage > Stage::kInitiation && !c.start_approved)
        return Illegal("简易程序案件已当场启动；转为普通程序须另行登记并报批程序启动审批表（第十条）");
      return Status();
    case CaseCommand::kOnTheSpotDecision:
      QC_RETURN_IF_ERROR(RequireNotTerminal(c));
      if (c.procedure != Procedure::kSimple) return Illegal("只有适用简易程序的案件可以当场作出处罚决定（第二十三条）");
      if (c.on_the_spot) return Illegal("已作出当场处罚决定");
      if (c.stage != Stage::kInvestigation) return Illegal("当场处罚决定在调查取证阶段作出");
      if (c.parties.empty()) return Status::Conflict("missing_party", "当场处罚须先登记被处罚的当事人", "parties");
      if (c.parties.front().identity_unknown)
        return Status::Conflict("missing_party", "当事人身份不明，不能当场处罚", "parties");
      return Status();
    case CaseCommand::kFileSimpleCase:
      if (!c.on_the_spot) return Illegal("尚未作出当场处罚决定，无需备案");
      if (c.on_the_spot->filing) return Illegal("当场处罚决定已备案");
      return Status();
    case CaseCommand::kReleaseMeasure:
      if (!c.urgent_measure) return Illegal("本案没有紧急启动时采取的现场措施");
      if (c.urgent_measure->released) return Illegal("现场措施已解除");
      if (c.status != CaseStatus::kRejected)
        return Illegal("负责人不予批准程序启动的，才须解除现场措施（行政强制法第十九条）");
      return Status();
    case CaseCommand::kIdentifyParty: {
      QC_RETURN_IF_ERROR(RequireNotTerminal(c));
      QC_RETURN_IF_ERROR(RequireNotArchiving(c));
      for (const auto& p : c.parties)
        if (p.identity_unknown) return Status();
      return Illegal("本案没有身份不明的当事人");
    }
    case CaseCommand::kChangeMajor:
      QC_RETURN_IF_ERROR(RequireNotTerminal(c));
      if (c.open_approval() != nullptr) return Illegal("审批进行中，不能变更重大复杂标记");
      return Status();
  }
  return Status::Internal("unknown case command");
}

}  // namespace

int NextRound(const CaseState& c, ApprovalKind kind) {
  int round = 1;
  for (const auto& ap : c.approvals)
    if (ap.kind == kind) ++round;
  return round;
}

EventDraft ApprovalSubmitted(const CaseState& c, const std::string& approval_id, ApprovalKind kind,
                             const std::string& opinion, Json proposal) {
  return {"ApprovalSubmitted",
          {{"approval_id", approval_id},
           {"kind", ToString(kind)},
           {"round", NextRound(c, kind)},
           {"opinion", opinion},
           {"reasons", ""},
           {"proposal", std::move(proposal)}}};
}

std::string_view ToString(CaseCommand c) {
  switch (c) {
    case CaseCommand::kSubmitStartApproval: return "submit_start_approval";
    case CaseCommand::kOnTheSpotDecision: return "on_the_spot_decision";
    case CaseCommand::kFileSimpleCase: return "file_simple_case";
    case CaseCommand::kReleaseMeasure: return "release_measure";
    case CaseCommand::kIdentifyParty: return "identify_party";
    case CaseCommand::kRecordOffence: return "record_offence";
    case CaseCommand::kSubmitDecision: return "submit_decision";
    case CaseCommand::kRecordService: return "record_service";
    case CaseCommand::kRecordExecution: return "record_execution";
    case CaseCommand::kArchiveCase: return "archive_case";
    case CaseCommand::kAcceptComplaint: return "accept_complaint";
    case CaseCommand::kTransferComplaint: return "transfer_complaint";
    case CaseCommand::kServeComplaintNotice: return "serve_complaint_notice";
    case CaseCommand::kAdvanceStage: return "advance_stage";
    case CaseCommand::kAddParty: return "add_party";
    case CaseCommand::kDecideApplication: return "decide_application";
    case CaseCommand::kComplaintNotStarted: return "complaint_not_started";
    case CaseCommand::kCorrectApplication: return "correct_application";
    case CaseCommand::kSupplementNotice: return "supplement_notice";
    case CaseCommand::kSupplementReceived: return "supplement_received";
    case CaseCommand::kIssueReceipt: return "issue_receipt";
    case CaseCommand::kChangeProcedure: return "change_procedure";
    case CaseCommand::kChangeMajor: return "change_major";
    case CaseCommand::kAssignOfficer: return "assign_officer";
  }
  return "";
}

std::string_view Label(CaseCommand c) {
  switch (c) {
    case CaseCommand::kSubmitStartApproval: return "提交启动审批";
    case CaseCommand::kOnTheSpotDecision: return "当场处罚决定";
    case CaseCommand::kFileSimpleCase: return "当场处罚备案";
    case CaseCommand::kReleaseMeasure: return "解除现场措施";
    case CaseCommand::kIdentifyParty: return "查明当事人身份";
    case CaseCommand::kRecordOffence: return "登记案由和违法时间地点";
    case CaseCommand::kSubmitDecision: return "提交处理决定审批";
    case CaseCommand::kRecordService: return "登记送达";
    case CaseCommand::kRecordExecution: return "登记执行情况";
    case CaseCommand::kArchiveCase: return "归档封存";
    case CaseCommand::kAcceptComplaint: return "受案";
    case CaseCommand::kTransferComplaint: return "移送有管辖权的单位";
    case CaseCommand::kServeComplaintNotice: return "登记书面告知";
    case CaseCommand::kAdvanceStage: return "进入下一阶段";
    case CaseCommand::kAddParty: return "增加当事人";
    case CaseCommand::kDecideApplication: return "受理 / 不予受理";
    case CaseCommand::kComplaintNotStarted: return "不予启动";
    case CaseCommand::kCorrectApplication: return "当场更正";
    case CaseCommand::kSupplementNotice: return "一次性告知补正材料";
    case CaseCommand::kSupplementReceived: return "补正材料已收到";
    case CaseCommand::kIssueReceipt: return "出具回执/凭证";
    case CaseCommand::kChangeProcedure: return "变更程序类型";
    case CaseCommand::kChangeMajor: return "重大复杂标记";
    case CaseCommand::kAssignOfficer: return "指派协办人员";
  }
  return "";
}

Status CheckCommand(const CaseState& c, const Actor& a, CaseCommand cmd) {
  // Art. 33–35: the case file handed over is the custodian's alone.
  if (cmd == CaseCommand::kArchiveCase)
    QC_RETURN_IF_ERROR(Authorize(a, Action::kArchiveCase, CaseResource(c)));
  else
    QC_RETURN_IF_ERROR(RequireCaseOfficer(c, a));
  return CheckState(c, cmd);
}

std::vector<ReceiptKind> IssuableReceiptKinds(const CaseState& c) {
  std::vector<ReceiptKind> out;
  if (c.mode != StartMode::kApplication) return out;
  for (ReceiptKind kind : {ReceiptKind::kAcceptance, ReceiptKind::kNonAcceptance, ReceiptKind::kMaterials})
    if (CheckReceiptKind(c, kind).ok()) out.push_back(kind);
  return out;
}

Json AvailableActions(const CaseState& c, const Actor& a) {
  Json out = Json::object();
  for (CaseCommand cmd : kAllCaseCommands) {
    Status st = CheckCommand(c, a, cmd);
    Json entry = {{"allowed", st.ok()}, {"label", Label(cmd)}};
    if (!st.ok()) {
      entry["reason"] = st.message();
      entry["code"] = st.code();
    }
    if (cmd == CaseCommand::kIssueReceipt) {
      Json kinds = Json::array();
      for (ReceiptKind k : IssuableReceiptKinds(c)) kinds.push_back(ToString(k));
      entry["receipt_kinds"] = std::move(kinds);
    }
    out[std::string(ToString(cmd))] = std::move(entry);
  }
  return out;
}

StatusOr<Drafts> DecideCorrectApplication(const CaseState& c, const Actor& a, const ApplicationCorrection& correction) {
  QC_RETURN_IF_ERROR(CheckCommand(c, a, CaseCommand::kCorrectApplication));
  return Drafts{{"ApplicationCorrected", EventData(correction)}};
}

StatusOr<Drafts> DecideSupplementNotice(const CaseState& c, const Actor& a, const SupplementNotice& notice) {
  QC_RETURN_IF_ERROR(CheckCommand(c, a, CaseCommand::kSupplementNotice));
  return Drafts{{"SupplementNoticeIssued", EventData(notice)}};
}

StatusOr<Drafts> DecideSupplementReceived(const CaseState& c, const Actor& a, const SupplementReceipt& received) {
  QC_RETURN_IF_ERROR(CheckCommand(c, a, CaseCommand::kSupplementReceived));
  return Drafts{{"SupplementReceived", EventData(received)}, ReceiptDraft(c, ReceiptKind::kMaterials)};
}

StatusOr<Drafts> DecideApplication(const CaseState& c, const Actor& a, const ApplicationDecisionCommand& cmd) {
  QC_RETURN_IF_ERROR(CheckCommand(c, a, CaseCommand::kDecideApplication));
  const auto& n = c.application->supplement_notice;
  if (cmd.accepted) {
    if (n && !n->received) return Illegal("申请人尚未补正告知所列材料，不能受理");
    Json d = {{"accepted", true}};
    if (!cmd.reason.empty()) d["reason"] = cmd.reason;
    return Drafts{{"ApplicationDecided", std::move(d)},
                  ReceiptDraft(c, ReceiptKind::kAcceptance),
                  {"StageAdvanced", {{"from", "initiation"}, {"to", "investigation"}, {"reason", "申请已受理"}}}};
  }
  // 不予受理 (行政许可法 第三十二条): the ground, the competent authority where it is another's matter,
  // the remedies; through the chain (Art. 7).
  QC_RETURN_IF_ERROR(RequireReason(cmd.reason, "不予受理", "reason"));
  if (!cmd.ground) return Status::InvalidArgument("missing_field", "请选择不予受理的依据", "ground");
  if (*cmd.ground == NonAcceptanceGround::kNotCompetent && cmd.competent_authority.value_or("").empty())
    return Status::InvalidArgument("missing_field", "申请事项不属于本机关职权范围的，须告知申请人向有关行政机关申请",
                                   "competent_authority");
  ApplicationDecision dec;
  dec.accepted = false;
  dec.reason = cmd.reason;
  dec.ground = cmd.ground;
  dec.competent_authority = cmd.competent_authority;
  dec.remedies = std::string(kRemedies);
  std::string opinion = cmd.opinion.empty() ? "拟不予受理：" + cmd.reason : cmd.opinion;
  return Drafts{ApprovalSubmitted(c, cmd.approval_id, ApprovalKind::kNonAcceptance, opinion, EventData(dec))};
}

StatusOr<Drafts> DecideIssueReceipt(const CaseState& c, const Actor& a, const Receipt& receipt) {
  QC_RETURN_IF_ERROR(CheckCommand(c, a, CaseCommand::kIssueReceipt));
  QC_RETURN_IF_ERROR(CheckReceiptKind(c, receipt.kind));
  // A number from a paper receipt book is kept; otherwise the body's 凭字 series gives one.
  EventDraft d = ReceiptDraft(c, receipt.kind);
  if (receipt.recipient) d.data["recipient"] = *receipt.recipient;
  if (!receipt.receipt_no.empty()) {
    d.data["receipt_no"] = receipt.receipt_no;
    d.number.reset();
  }
  return Drafts{std::move(d)};
}

StatusOr<Drafts> DecideComplaintNotStarted(const CaseState& c, const Actor& a, const std::string& approval_id,
                                           const ComplaintNotice& notice) {
  QC_RETURN_IF_ERROR(CheckCommand(c, a, CaseCommand::kComplaintNotStarted));
  QC_RETURN_IF_ERROR(RequireReason(notice.reason, "不予启动", "reason"));
  // Art. 11: the written notice is served once the 负责人 has approved (DecideServeComplaintNotice).
  if (!notice.notice_method.empty() || notice.notified_at || notice.impossible_reason)
    return Status::InvalidArgument(
        "invalid_field", "书面告知在负责人批准不予启动后登记（POST /api/v1/cases/{id}/complaint/notice）",
        notice.notice_method.empty() ? (notice.notified_at ? "notified_at" : "impossible_reason") : "notice_method");
  return Drafts{
      ApprovalSubmitted(c, approval_id, ApprovalKind::kNotStart, "拟不予启动：" + notice.reason, EventData(notice))};
}

StatusOr<Drafts> DecideSubmitStartApproval(const CaseState& c, const Actor& a, const SubmitStartApproval& cmd) {
  QC_RETURN_IF_ERROR(CheckCommand(c, a, CaseCommand::kSubmitStartApproval));
  std::string cause = cmd.cause.value_or(c.start_form ? c.start_form->cause.value_or("") : "");
  if (cause.empty()) return Status::InvalidArgument("missing_field", "程序启动审批表须载明启动原因（第十条）", "cause");
  if (c.parties.empty())
    return Status::Conflict("missing_party", "程序启动审批表须载明当事人基本情况（第十条），请先登记当事人", "parties");
  if (cmd.opinion.empty()) return Status::InvalidArgument("missing_field", "请填写承办人意见（第七条）", "opinion");
  Json d = {{"approval_id", cmd.approval_id},
            {"round", NextRound(c, ApprovalKind::kStart)},
            {"opinion", cmd.opinion},
            {"reasons", cmd.reasons}};
  if (cmd.cause) d["cause"] = *cmd.cause;
  return Drafts{{"StartApprovalSubmitted", std::move(d)}};
}

StatusOr<Drafts> DecideApprovalStep(const CaseState& c, const Actor& a, const std::string& approval_id,
                                    const std::string& decision, const std::string& opinion) {
  const Approval* ap = nullptr;
  for (const auto& x : c.approvals)
    if (x.id == approval_id) ap = &x;
  if (ap == nullptr) return Status::NotFound("审批事项不存在", "approval_id");
  if (!ap->open()) return Illegal("该审批事项已办结（" + std::string(Label(ap->state)) + "）");
  Role need = *ap->pending_role();
  Resource step_of = CaseResource(c);
  step_of.approval_id = approval_id;
  QC_RETURN_IF_ERROR(Authorize(a, Action::kDecideApprovalStep, step_of));  // Art. 7
  auto dec = ParseApprovalDecision(decision);
  if (!dec || *dec == ApprovalDecision::kSubmit || *dec == ApprovalDecision::kOpinion)
    return Status::InvalidArgument("invalid_field", "审批结论应为 approve、return 或 reject", "decision");
  ApprovalStepKind step = need == Role::kReviewer ? ApprovalStepKind::kReview
                          : need == Role::kLegal  ? ApprovalStepKind::kLegalReview
                                                  : ApprovalStepKind::kDecide;
  // Art. 7: 审核人 and 法制员 who disagree return the matter with their opinion; the 负责人 decides.
  if (*dec == ApprovalDecision::kReject && step != ApprovalStepKind::kDecide)
    return Status::InvalidArgument(
        "invalid_field", std::string(Label(step)) + "不同意的，应当退回并写明意见；不予批准由负责人决定（第七条）",
        "decision");
  if (opinion.empty())
    return Status::InvalidArgument("missing_field", "请填写" + std::string(Label(step)) + "意见（第七条）", "opinion");
  // 行政处罚法第五十七条第二款 (Art. 20): a major case's decision is discussed collectively first.
  if (step == ApprovalStepKind::kDecide && *dec == ApprovalDecision::kApprove &&
      ap->proposal.value("collective_discussion", false) && !HasStep(*ap, ApprovalStepKind::kCollective))
    return Status::Conflict(
        "missing_record",
        "重大复杂案件的处理决定须经负责人集体讨论决定：请先记录集体讨论（第二十条，行政处罚法第五十七条第二款）",
        "decision");
  Drafts out{
      {"ApprovalDecided",
       {{"approval_id", approval_id}, {"step", ToString(step)}, {"decision", ToString(*dec)}, {"opinion", opinion}}}};
  if (step != ApprovalStepKind::kDecide || *dec != ApprovalDecision::kApprove) return out;
  switch (ap->kind) {
    case ApprovalKind::kStart:
      if (c.stage == Stage::kInitiation)
        out.push_back(
            {"StageAdvanced", {{"from", "initiation"}, {"to", "investigation"}, {"reason", "程序启动已批准"}}});
      break;
    case ApprovalKind::kNonAcceptance:
      out.push_back({"ApplicationDecided", ap->proposal});
      out.push_back(ReceiptDraft(c, ReceiptKind::kNonAcceptance));  // 行政许可法 第三十二条第二款
      break;
    case ApprovalKind::kNotStart: out.push_back({"ComplaintNotStarted", ap->proposal}); break;
    case ApprovalKind::kClearMajor: out.push_back({"MajorFlagChanged", ap->proposal}); break;
    case ApprovalKind::kDecision: out.push_back({"DecisionIssued", ap->proposal}); break;
    case ApprovalKind::kDocument: out.push_back(DocumentIssuedByApproval(c, ap->proposal)); break;
    case ApprovalKind::kCorrection: out.push_back(DocumentCorrectedByApproval(c, ap->id, ap->proposal)); break;
  }
  return out;
}

StatusOr<Drafts> DecideAdvanceStage(const CaseState& c, const Actor& a, Stage to, const std::string& reason) {
  QC_RETURN_IF_ERROR(CheckCommand(c, a, CaseCommand::kAdvanceStage));
  if (static_cast<int>(to) != static_cast<int>(c.stage) + 1)
    return Illegal("只能进入下一阶段（当前阶段：" + std::string(Label(c.stage)) + "），不能跳过或回退", "to");
  return Drafts{{"StageAdvanced", {{"from", ToString(c.stage)}, {"to", ToString(to)}, {"reason", reason}}}};
}

StatusOr<Drafts> DecideRecordOffence(const CaseState& c, const Actor& a, const Offence& o, TimePoint now) {
  QC_RETURN_IF_ERROR(CheckCommand(c, a, CaseCommand::kRecordOffence));
  QC_RETURN_IF_ERROR(CheckOffence(o, now, ""));
  return Drafts{{"OffenceRecorded", EventData(o)}};
}

StatusOr<Drafts> DecideAddParty(const CaseState& c, const Actor& a, const Party& party) {
  QC_RETURN_IF_ERROR(CheckCommand(c, a, CaseCommand::kAddParty));
  QC_RETURN_IF_ERROR(CheckParty(party, ""));
  Json d = Json::object();
  d["party"] = ToJson(party);
  return Drafts{{"PartyAdded", std::move(d)}};
}

StatusOr<Drafts> DecideAssignOfficer(const CaseState& c, const Actor& a, const CaseOfficer& o) {
  QC_RETURN_IF_ERROR(CheckCommand(c, a, CaseCommand::kAssignOfficer));
  if (c.HasOfficer(o.user_id)) return Status::Conflict("already_assigned", "该执法人员已在本案中", "user_id");
  // A 辅警 assists without a 人民警察证 (domain/officer_rules.h); a police officer needs it (Art. 12).
  if (o.cert_no.empty() && !o.auxiliary)
    return Status::Conflict("missing_certificate", "该人员没有执法证件编号，不能承办案件（第十二条）", "user_id");
  Json d = {{"user_id", o.user_id}, {"name", o.name}, {"cert_no", o.cert_no}};
  if (o.auxiliary) d["auxiliary"] = true;
  return Drafts{{"OfficerAssigned", std::move(d)}};
}

StatusOr<Drafts> DecideSetProcedure(const CaseState& c, const Actor& a, Procedure p, const std::string& reason) {
  QC_RETURN_IF_ERROR(CheckCommand(c, a, CaseCommand::kChangeProcedure));
  if (p == c.procedure) return Illegal("程序类型未变化", "procedure");
  if (p == Procedure::kSimple && c.mode == StartMode::kApplication)
    return Status::InvalidArgument("invalid_field", "依申请的许可事项不适用简易程序（简易程序是行政处罚程序）",
                                   "procedure");
  if (reason.empty()) return Status::InvalidArgument("missing_field", "变更程序类型须说明理由（第二十三条）", "reason");
  Drafts out{{"ProcedureChanged", {{"procedure", ToString(p)}, {"reason", reason}}}};
  // Changed to the simple procedure before it started: it starts on the spot, like a simple case opened.
  if (p == Procedure::kSimple && c.stage == Stage::kInitiation)
    out.push_back({"StageAdvanced",
                   {{"from", "initiation"},
                    {"to", "investigation"},
                    {"reason", "适用简易程序当场办理，无需程序启动审批（第二十三条）"}}});
  return out;
}

StatusOr<Drafts> DecideSetMajor(const CaseState& c, const Actor& a, const std::string& approval_id, bool major,
                                const std::string& reason) {
  QC_RETURN_IF_ERROR(CheckCommand(c, a, CaseCommand::kChangeMajor));
  if (major == c.major) return Illegal("重大复杂标记未变化", "major");
  if (reason.empty()) return Status::InvalidArgument("missing_field", "请说明理由（第五条）", "reason");
  Json change = {{"major", major}, {"reason", reason}};
  if (major) return Drafts{{"MajorFlagChanged", std::move(change)}};
  // Clearing the mark removes the legal review (Art. 5): the 负责人 approves it.
  return Drafts{
      ApprovalSubmitted(c, approval_id, ApprovalKind::kClearMajor, "拟撤销重大复杂认定：" + reason, std::move(change))};
}

}  // namespace qc::domain
