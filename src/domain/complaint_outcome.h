// Art. 11 and 公安机关办理行政案件程序规定 第六十一条 — what becomes of a complaint or report (投诉、举报,
// 报案、控告) once registered:
//
//   受案   within the body's own jurisdiction: investigated at once, with the 受案登记表 (the case) and a
//          受案回执 for the complainant (ComplaintAccepted; numbered in the body's 受案字 series) — then
//          the start approval follows as for an ex officio case (Art. 10);
//   移送   the police's matter but another unit's (不属于本单位管辖): transferred to the competent unit
//          within 24 hours and the complainant told (ComplaintTransferred; the case ends 已移送);
//   不予启动 not within this body's responsibilities (不属于本机关职责范围) or otherwise not started: through
//          the approval chain (Art. 7), then the complainant is told in writing — served directly, by
//          post, or electronically where the complainant agreed, with the time and the proof of service;
//          never by telephone or SMS — or, where no written notice can be given (anonymous, no address),
//          the reason is recorded instead (ComplaintNoticeServed).
//
// The deadline complaint_handling (domain/deadlines.h) runs 24 hours from receipt until one of the three.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "common/canonical_json.h"
#include "common/clock.h"
#include "common/status.h"
#include "domain/event.h"

namespace qc::domain {

struct Actor;
struct CaseState;

// 受案, with its 受案回执 (receipt_no from the body's series) — or why none could be handed over.
struct ComplaintAcceptance {
  std::optional<std::string> receipt_no, recipient, no_receipt_reason;
  TimePoint at;
  ActorRef by;
};

// 移送: to whom, why, when; how the complainant was told (unless anonymous). `late`: transferred more
// than 24 hours after receipt (decided when recorded, kept in the event).
struct ComplaintTransfer {
  std::string to_authority, reason;
  TimePoint transferred_at;
  std::optional<std::string> complainant_told;
  bool late = false;
  TimePoint at;
  ActorRef by;
};

// The written notice of 不予启动 as served. method: direct 直接送达 | mail 邮寄 | email 电子送达 (with the
// complainant's consent) | impossible 无法书面告知 (with its reason).
struct ComplaintNoticeService {
  std::string method;
  std::optional<TimePoint> notified_at;
  std::optional<std::string> proof, impossible_reason;
  bool electronic_consent = false;
};

inline constexpr const char* kComplaintReceiptSeries = "case_receipt";
inline constexpr const char* kComplaintReceiptWord = "受案字";
inline constexpr auto kComplaintTransferWithin = std::chrono::hours(24);

Json EventData(const ComplaintAcceptance& a);     // ComplaintAccepted
Json EventData(const ComplaintTransfer& t);       // ComplaintTransferred
Json EventData(const ComplaintNoticeService& s);  // ComplaintNoticeServed
Json ToJson(const ComplaintAcceptance& a);        // with at, by
Json ToJson(const ComplaintTransfer& t);          // with at, by
ComplaintAcceptance ComplaintAcceptanceFromJson(const Json& j);
ComplaintTransfer ComplaintTransferFromJson(const Json& j);
ComplaintNoticeService ComplaintNoticeServiceFromJson(const Json& j);

// When the complaint was received: `received_at`, else its registration.
TimePoint ComplaintReceivedAt(const CaseState& c);

// The state rules of the three commands (CheckCommand asks them).
Status CheckAcceptComplaint(const CaseState& c);
Status CheckTransferComplaint(const CaseState& c);
Status CheckServeComplaintNotice(const CaseState& c);

StatusOr<std::vector<EventDraft>> DecideAcceptComplaint(const CaseState& c, const Actor& a,
                                                        const std::optional<std::string>& no_receipt_reason);
StatusOr<std::vector<EventDraft>> DecideTransferComplaint(const CaseState& c, const Actor& a,
                                                          const ComplaintTransfer& t, TimePoint now);
StatusOr<std::vector<EventDraft>> DecideServeComplaintNotice(const CaseState& c, const Actor& a,
                                                             const ComplaintNoticeService& s, TimePoint now);

}  // namespace qc::domain
