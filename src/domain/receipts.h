// Art. 9 — the written 凭证 an application is owed: on receipt of its materials (at registration and
// when the supplement arrives), on acceptance and on non-acceptance. 行政许可法 第三十二条第二款: 受理或者
// 不予受理，应当出具加盖本行政机关专用印章和注明日期的书面凭证. The system issues each with the act that
// owes it — it cannot be forgotten — numbered in the enforcement body's 凭字 series
// (易公凭字〔2026〕3号), in the body's name (`sealed_by`, whose seal it bears) and dated by its event.
//
//   out.push_back(ReceiptDraft(c, ReceiptKind::kAcceptance));
#pragma once

#include <optional>
#include <string>

#include "domain/case_state.h"
#include "domain/event.h"

namespace qc::domain {

inline constexpr const char* kReceiptSeries = "receipt";
inline constexpr const char* kReceiptWord = "凭字";

// A ReceiptIssued draft whose number the app assigns (NumberRequest on "receipt_no").
EventDraft ReceiptDraft(ReceiptKind kind, const std::string& body_id, const std::string& body_name,
                        const std::optional<std::string>& recipient);
// The same for a recorded case: its body (its unit for a case from before enforcement bodies), and the
// applicant (the first party) as recipient.
EventDraft ReceiptDraft(const CaseState& c, ReceiptKind kind);

}  // namespace qc::domain
