// Commands on a case and the pure functions that decide them: given the current CaseState and the
// acting user, each returns the events to append or a Status naming the article or field at fault.
// Field syntax (types, lengths, required) is checked at the edge; these check the rules.
//
//   auto events = DecideSubmitStartApproval(c, actor, {.approval_id = id, .opinion = "拟立案调查"});
//   if (!events.ok()) return events.status();   // e.g. 409 illegal_transition
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "common/status.h"
#include "domain/case_state.h"
#include "domain/event.h"
#include "domain/policy.h"

namespace qc::domain {

struct OpenCaseCommand {
  std::string case_id, number, unit_id, title;
  // The enforcement body (执法主体) the unit acts for: the case's documents go out in its name and its
  // 负责人 approves (Art. 7). Set by the application layer from the unit tree.
  std::string body_id, body_name;
  StartMode mode = StartMode::kExOfficio;
  Procedure procedure = Procedure::kOrdinary;
  std::string procedure_reason;
  bool major = false;
  std::string major_reason;
  bool urgent = false;  // ex officio only (Art. 10: 情况紧急的，可以事后补报)
  std::string urgent_reason;
  std::optional<UrgentMeasure> urgent_measure;  // required when urgent (domain/urgent_start.h)
  TimePoint opened_at;                          // now, for the checks of the measure's time
  std::vector<Party> parties;
  std::vector<CaseOfficer> co_officers;    // besides the acting officer, who becomes the lead
  std::optional<Application> application;  // application mode (the registration; nothing folded yet)
  std::optional<Complaint> complaint;      // complaint mode
  std::optional<StartForm> start_form;     // ex officio: the cause (承办人意见 comes with the submission)
  std::optional<Offence> offence;          // 案由、违法时间、违法地点, when known at the start
};

StatusOr<std::vector<EventDraft>> DecideOpen(const Actor& a, const OpenCaseCommand& cmd);

// The commands on an existing case. Each Decide function below first asks CheckCommand, which holds
// the rules that depend only on the case and the actor (who, which status, which stage); the rest of a
// Decide function checks the command's input. So AvailableActions, which the API sends with every case,
// says exactly what the Decide functions would refuse, with the same reason — the web client does not
// re-implement these rules. What the command's content lacks (a reason, the parties the start approval
// form must name) is the command's answer, not a reason to withhold it.
enum class CaseCommand {
  kSubmitStartApproval,  // 提交启动审批 (Art. 7, 10)
  kAdvanceStage,         // 进入下一阶段 (Art. 4)
  kAddParty,             // 增加当事人
  kDecideApplication,    // 受理 / 不予受理 (Art. 9)
  kComplaintNotStarted,  // 投诉举报不予启动 (Art. 11)
  kCorrectApplication,   // 申请材料当场更正 (Art. 9)
  kSupplementNotice,     // 一次性告知补正 (Art. 9)
  kSupplementReceived,   // 补正材料已收到 (Art. 9)
  kIssueReceipt,         // 出具凭证 (Art. 9)
  kChangeProcedure,      // 变更程序类型 (Art. 23)
  kChangeMajor,          // 重大复杂标记 (Art. 5)
  kAssignOfficer,        // 指派协办人员
  kOnTheSpotDecision,    // 当场处罚决定 (Art. 23, domain/simple_procedure.h)
  kFileSimpleCase,       // 当场处罚备案 (Art. 23(5))
  kReleaseMeasure,       // 解除现场措施 (Art. 10; 行政强制法 第十九条, domain/urgent_start.h)
  kIdentifyParty,        // 查明当事人身份 (Art. 10)
  kRecordOffence,        // 登记案由、违法时间和地点
  kSubmitDecision,       // 提交处理决定审批 (Art. 21, domain/stage_records.h)
  kRecordService,        // 登记送达 (Art. 24–28)
  kRecordExecution,      // 登记执行情况 (Art. 29–32)
  kArchiveCase,          // 归档封存 (档案管理员, Art. 33–35)
  kAcceptComplaint,  // 受案，出具受案回执 (Art. 11; 程序规定 第六十一条, domain/complaint_outcome.h)
  kTransferComplaint,     // 移送有管辖权的单位 (24 小时内)
  kServeComplaintNotice,  // 不予启动的书面告知 (Art. 11)
};
inline constexpr CaseCommand kAllCaseCommands[] = {
    CaseCommand::kSubmitStartApproval, CaseCommand::kAdvanceStage,        CaseCommand::kAddParty,
    CaseCommand::kDecideApplication,   CaseCommand::kComplaintNotStarted, CaseCommand::kCorrectApplication,
    CaseCommand::kSupplementNotice,    CaseCommand::kSupplementReceived,  CaseCommand::kIssueReceipt,
    CaseCommand::kChangeProcedure,     CaseCommand::kChangeMajor,         CaseCommand::kAssignOfficer,
    CaseCommand::kOnTheSpotDecision,   CaseCommand::kFileSimpleCase,      CaseCommand::kReleaseMeasure,
    CaseCommand::kIdentifyParty,       CaseCommand::kRecordOffence,       CaseCommand::kSubmitDecision,
    CaseCommand::kRecordService,       CaseCommand::kRecordExecution,     CaseCommand::kArchiveCase,
    CaseCommand::kAcceptComplaint,     CaseCommand::kTransferComplaint,   CaseCommand::kServeComplaintNotice};
std::string_view ToString(CaseCommand c);
std::string_view Label(CaseCommand c);
// OK when `a` may issue `cmd` on `c` now (input aside), else the Status the command would fail with.
Status CheckCommand(const CaseState& c, const Actor& a, CaseCommand cmd);
// The receipt kinds (凭证) the case may still issue: 材料接收 any number of times, 受理 / 不予受理 once
// each after that decision.
std::vector<ReceiptKind> IssuableReceiptKinds(const CaseState& c);
// {"<command>": {"allowed": bool, "label": "...", "reason"?: "...", "code"?: "..."}, ...}; the receipt
// entry also lists its "receipt_kinds".
Json AvailableActions(const CaseState& c, const Actor& a);

// Art. 9 — application handling.
// (The `at` and `by` members of the inputs are the event's: ignored here.)
StatusOr<std::vector<EventDraft>> DecideCorrectApplication(const CaseState& c, const Actor& a,
                                                           const ApplicationCorrection& correction);
StatusOr<std::vector<EventDraft>> DecideSupplementNotice(const CaseState& c, const Actor& a,
                                                         const SupplementNotice& notice);
StatusOr<std::vector<EventDraft>> DecideSupplementReceived(const CaseState& c, const Actor& a,
                                                           const SupplementReceipt& received);
// 受理 takes effect at once; 不予受理 is submitted to the chain (Art. 7) as an ApprovalSubmitted of kind
// non_acceptance and is recorded when the 负责人 approves it.
struct ApplicationDecisionCommand {
  std::string approval_id;  // fresh id chosen by the caller, for a refusal
  bool accepted = false;
  std::string reason;
  std::optional<NonAcceptanceGround> ground;
  std::optional<std::string> competent_authority;
  std::string opinion;  // 承办人意见 on a refusal (the reason when empty)
};
inline constexpr size_t kMinReasonChars = 4;  // a reason shorter than this states no ground
// The remedies a refusal states (行政复议法 第二十条, 行政诉讼法 第四十六条).
inline constexpr std::string_view kRemedies =
    "如不服本决定，可以自知道该决定之日起六十日内依法申请行政复议，或者自知道该决定之日起六个月内依法"
    "向人民法院提起行政诉讼。";
StatusOr<std::vector<EventDraft>> DecideApplication(const CaseState& c, const Actor& a,
                                                    const ApplicationDecisionCommand& cmd);
StatusOr<std::vector<EventDraft>> DecideIssueReceipt(const CaseState& c, const Actor& a, const Receipt& receipt);

// Art. 11 — complaint not started: the reason, the notice's number and the authority the complainant
// is told to turn to, submitted to the chain (kind not_start) and recorded as ComplaintNotStarted when
// the 负责人 approves it; the written notice is served after that (DecideServeComplaintNotice,
// domain/complaint_outcome.h). `notice.notice_method` must be empty here.
StatusOr<std::vector<EventDraft>> DecideComplaintNotStarted(const CaseState& c, const Actor& a,
                                                            const std::string& approval_id,
                                                            const ComplaintNotice& notice);

// Art. 7 — an approval other than the start's submitted to the chain: its kind, the 承办人's opinion
// and the proposal, the data of the event the 负责人's approval records; rounds count per kind.
int NextRound(const CaseState& c, ApprovalKind kind);
EventDraft ApprovalSubmitted(const CaseState& c, const std::string& approval_id, ApprovalKind kind,
                             const std::string& opinion, Json proposal);

// Art. 7 and 10 — the start approval chain.
struct SubmitStartApproval {
  std::string approval_id;           // fresh id chosen by the caller
  std::string opinion;               // 承办人意见
  std::string reasons;               // 理由
  std::optional<std::string> cause;  // revised 启动原因
};
StatusOr<std::vector<EventDraft>> DecideSubmitStartApproval(const CaseState& c, const Actor& a,
                                                            const SubmitStartApproval& cmd);
// One step of the chain. Every step states an opinion; the 审核人 and the 法制员 approve or return (a
// disagreement is a return with its opinion), and only the 负责人 refuses (不予批准). The 负责人's
// approval records what the approval was about (Approval::proposal).
// Whether the approval's current round holds a step of `kind`.
bool HasStep(const Approval& a, ApprovalStepKind kind);

// 专家论证 (Art. 19; optional, recorded by the 法制员 in legal review or the 负责人 deciding) and 集体讨论
// (Art. 20; recorded by the 负责人 before deciding — required for a major case's decision): steps of
// the chain that record without moving it (ApprovalStepRecorded, domain/approval_steps.cc).
struct ExpertOpinion {
  std::vector<std::pair<std::string, std::string>> experts;  // name, title / field
  std::string opinion;
};
struct CollectiveDiscussion {
  TimePoint held_at;
  std::vector<std::string> participants;
  std::string discussion, conclusion;
};
StatusOr<std::vector<EventDraft>> DecideRecordExpertOpinion(const CaseState& c, const Actor& a,
                                                            const std::string& approval_id, const ExpertOpinion& e);
StatusOr<std::vector<EventDraft>> DecideRecordCollectiveDiscussion(const CaseState& c, const Actor& a,
                                                                   const std::string& approval_id,
                                                                   const CollectiveDiscussion& d, TimePoint now);
Status ApplyApprovalStepRecorded(CaseState& c, const Event& e);

StatusOr<std::vector<EventDraft>> DecideApprovalStep(const CaseState& c, const Actor& a, const std::string& approval_id,
                                                     const std::string& decision, const std::string& opinion);

// Art. 4 — the next stage, never a skip.
StatusOr<std::vector<EventDraft>> DecideAdvanceStage(const CaseState& c, const Actor& a, Stage to,
                                                     const std::string& reason);

// 案由、违法时间、违法地点 recorded or corrected (at `now`); not once the case is in 归档管理.
StatusOr<std::vector<EventDraft>> DecideRecordOffence(const CaseState& c, const Actor& a, const Offence& o,
                                                      TimePoint now);
StatusOr<std::vector<EventDraft>> DecideAddParty(const CaseState& c, const Actor& a, const Party& party);
StatusOr<std::vector<EventDraft>> DecideAssignOfficer(const CaseState& c, const Actor& a, const CaseOfficer& o);
StatusOr<std::vector<EventDraft>> DecideSetProcedure(const CaseState& c, const Actor& a, Procedure p,
                                                     const std::string& reason);
// Marking a case 重大复杂 takes effect at once; clearing the mark removes the legal review (Art. 5), so it
// is submitted to the 负责人 (kind clear_major) and recorded when approved.
StatusOr<std::vector<EventDraft>> DecideSetMajor(const CaseState& c, const Actor& a, const std::string& approval_id,
                                                 bool major, const std::string& reason);

}  // namespace qc::domain
