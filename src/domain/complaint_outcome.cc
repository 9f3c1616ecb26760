#include "domain/complaint_outcome.h"

#include "domain/case_commands.h"
#include "domain/case_state.h"
#include "domain/event_json.h"
#include "domain/field_rules.h"

namespace qc::domain {
namespace {

using Drafts = std::vector<EventDraft>;
using namespace event_json;  // NOLINT(build/namespaces)

Status Illegal(const std::string& message) { return Status::Conflict("illegal_transition", message); }

bool Anonymous(const CaseState& c) {
  const auto& who = c.complaint ? c.complaint->complainant : std::nullopt;
  return !who || who->anonymous || who->name.value_or("").empty();
}

// 受案 or 移送 is decided while the complaint waits in 程序启动, before anything else became of it.
Status RequireUndecided(const CaseState& c, const char* what) {
  if (c.mode != StartMode::kComplaint) return Illegal(std::string("只有投诉举报案件可以") + what);
  if (IsTerminal(c.status)) return Illegal("案件已终结（" + std::string(Label(c.status)) + "）");
  if (c.complaint->transferred) return Illegal("投诉举报已移送");
  if (c.status != CaseStatus::kPending && c.status != CaseStatus::kReturned)
    return Illegal(std::string("案件已进入审批或已启动，不能") + what);
  return Status();
}

}  // namespace

Json EventData(const ComplaintAcceptance& a) {
  Json j = Json::object();
  PutOpt(j, "receipt_no", a.receipt_no);
  PutOpt(j, "recipient", a.recipient);
  PutOpt(j, "no_receipt_reason", a.no_receipt_reason);
  return j;
}
Json EventData(const ComplaintTransfer& t) {
  Json j = Json::object();
  j["to_authority"] = t.to_authority;
  j["reason"] = t.reason;
  j["transferred_at"] = FormatRfc3339(t.transferred_at);
  PutOpt(j, "complainant_told", t.complainant_told);
  if (t.late) j["late"] = true;
  return j;
}
Json EventData(const ComplaintNoticeService& s) {
  Json j = Json::object();
  j["method"] = s.method;
  PutOptTime(j, "notified_at", s.notified_at);
  PutOpt(j, "proof", s.proof);
  PutOpt(j, "impossible_reason", s.impossible_reason);
  if (s.electronic_consent) j["electronic_consent"] = true;
  return j;
}
Json ToJson(const ComplaintAcceptance& a) {
  Json j = EventData(a);
  PutAtBy(j, a.at, a.by);
  return j;
}
Json ToJson(const ComplaintTransfer& t) {
  Json j = EventData(t);
  j["late"] = t.late;
  PutAtBy(j, t.at, t.by);
  return j;
}
ComplaintAcceptance ComplaintAcceptanceFromJson(const Json& j) {
  Object(j, "complaint acceptance");
  return {OptStr(j, "receipt_no"), OptStr(j, "recipient"), OptStr(j, "no_receipt_reason"), TimePoint{}, ActorRef{}};
}
ComplaintTransfer ComplaintTransferFromJson(const Json& j) {
  Object(j, "complaint transfer");
  ComplaintTransfer t;
  t.to_authority = Str(j, "to_authority");
  t.reason = Str(j, "reason");
  t.transferred_at = ReqTime(j, "transferred_at");
  t.complainant_told = OptStr(j, "complainant_told");
  t.late = j.contains("late") && j["late"].get<bool>();
  return t;
}
ComplaintNoticeService ComplaintNoticeServiceFromJson(const Json& j) {
  Object(j, "complaint notice service");
  ComplaintNoticeService s;
  s.method = Str(j, "method");
  s.notified_at = OptTime(j, "notified_at");
  s.proof = OptStr(j, "proof");
  s.impossible_reason = OptStr(j, "impossible_reason");
  s.electronic_consent = j.contains("electronic_consent") && j["electronic_consent"].get<bool>();
  return s;
}

TimePoint ComplaintReceivedAt(const CaseState& c) {
  return c.complaint && c.complaint->received_at ? *c.complaint->received_at : c.created_at;
}

Status CheckAcceptComplaint(const CaseState& c) {
  QC_RETURN_IF_ERROR(RequireUndecided(c, "受案"));
  if (c.complaint->accepted) return Illegal("已受案并出具受案回执");
  return Status();
}

Status CheckTransferComplaint(const CaseState& c) {
  QC_RETURN_IF_ERROR(RequireUndecided(c, "移送"));
  if (c.complaint->accepted) return Illegal("已由本单位受案，不再移送");
  if (c.open_approval() != nullptr) return Illegal("审批进行中，不能移送");
  return Status();
}

Status CheckServeComplaintNotice(const CaseState& c) {
  if (c.mode != StartMode::kComplaint) return Illegal("只有投诉举报案件有不予启动告知");
  if (!c.complaint->not_started) return Illegal("负责人批准不予启动后，才书面告知投诉人（第十一条）");
  if (c.complaint->not_started->served()) return Illegal("不予启动告知已登记");
  return Status();
}

StatusOr<Drafts> DecideAcceptComplaint(const CaseState& c, const Actor& a,
                                       const std::optional<std::string>& no_receipt_reason) {
  QC_RETURN_IF_ERROR(CheckCommand(c, a, CaseCommand::kAcceptComplaint));
  ComplaintAcceptance acc;
  if (Anonymous(c)) {
    // 程序规定 第六十一条第一款第一项: the 受案回执 goes to the complainant — none to hand to an anonymous one.
    QC_RETURN_IF_ERROR(RequireText(no_receipt_reason.value_or(""), "no_receipt_reason", "无法交付受案回执的原因", 4));
    acc.no_receipt_reason = no_receipt_reason;
    return Drafts{{"ComplaintAccepted", EventData(acc)}};
  }
  if (no_receipt_reason)
    return Status::InvalidArgument("invalid_field", "投诉人已登记姓名，应当出具受案回执", "no_receipt_reason");
  acc.recipient = c.complaint->complainant->name;
  return Drafts{{"ComplaintAccepted", EventData(acc),
                 NumberRequest{"receipt_no", c.body_id.empty() ? c.unit_id : c.body_id, kComplaintReceiptSeries,
                               kComplaintReceiptWord}}};
}

StatusOr<Drafts> DecideTransferComplaint(const CaseState& c, const Actor& a, const ComplaintTransfer& t,
                                         TimePoint now) {
  QC_RETURN_IF_ERROR(CheckCommand(c, a, CaseCommand::kTransferComplaint));
  QC_RETURN_IF_ERROR(RequireText(t.to_authority, "to_authority", "有管辖权的单位", 2));
  QC_RETURN_IF_ERROR(RequireText(t.reason, "reason", "移送理由", kMinReasonChars));
  QC_RETURN_IF_ERROR(RequirePast(t.transferred_at, now, "transferred_at", "移送时间"));
  TimePoint received = ComplaintReceivedAt(c);
  if (t.transferred_at < std::chrono::floor<std::chrono::seconds>(received))
    return Status::InvalidArgument("invalid_field", "移送时间不能早于接报时间", "transferred_at");
  // …并告知报案人、控告人、举报人 (第六十一条第一款第二项) — unless there is nobody to tell.
  if (!Anonymous(c))
    QC_RETURN_IF_ERROR(RequireText(t.complainant_told.value_or(""), "complainant_told", "告知投诉人的情况", 4));
  ComplaintTransfer out = t;
  out.late = t.transferred_at - received > kComplaintTransferWithin;
  return Drafts{{"ComplaintTransferred", EventData(out)}};
}

StatusOr<Drafts> DecideServeComplaintNotice(const CaseState& c, const Actor& a, const ComplaintNoticeService& s,
                                            TimePoint now) {
  QC_RETURN_IF_ERROR(CheckCommand(c, a, CaseCommand::kServeComplaintNotice));
  // Art. 11 "书面告知": in writing, or why none can be given.
  if (s.method == "impossible") {
    QC_RETURN_IF_ERROR(RequireText(s.impossible_reason.value_or(""), "impossible_reason", "无法书面告知的原因", 4));
    if (s.notified_at || s.proof)
      return Status::InvalidArgument("invalid_field", "无法书面告知的，不填写告知时间和送达凭证", "notified_at");
    return Drafts{{"ComplaintNoticeServed", EventData(s)}};
  }
  if (s.method != "direct" && s.method != "mail" && s.method != "email")
    return Status::InvalidArgument("invalid_field",
                                   "电话、短信不是书面告知：应当直接送达、邮寄或经投诉人同意以电子方式送达；"
                                   "无法书面告知的，请选择“无法书面告知”并说明理由（第十一条）",
                                   "method");
  if (s.method == "email" && !s.electronic_consent)
    return Status::InvalidArgument("invalid_field", "电子方式送达须经投诉人同意", "electronic_consent");
  QC_RETURN_IF_ERROR(RequirePast(s.notified_at.value_or(TimePoint{}), now, "notified_at", "告知时间"));
  // A time written down to the second: the approval's second counts as after it.
  if (*s.notified_at < std::chrono::floor<std::chrono::seconds>(c.complaint->not_started->at))
    return Status::InvalidArgument("invalid_field", "告知时间不能早于负责人批准不予启动的时间", "notified_at");
  QC_RETURN_IF_ERROR(RequireText(s.proof.value_or(""), "proof", "送达凭证（送达回证、邮寄单号或电子送达记录）", 2));
  return Drafts{{"ComplaintNoticeServed", EventData(s)}};
}

}  // namespace qc::domain
