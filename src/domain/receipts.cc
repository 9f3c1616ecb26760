#include "domain/receipts.h"

#include "domain/case_record.h"

namespace qc::domain {

EventDraft ReceiptDraft(ReceiptKind kind, const std::string& body_id, const std::string& body_name,
                        const std::optional<std::string>& recipient) {
  Receipt r;
  r.kind = kind;
  if (recipient && !recipient->empty()) r.recipient = recipient;
  if (!body_name.empty()) r.sealed_by = body_name;
  return {"ReceiptIssued", EventData(r), NumberRequest{"receipt_no", body_id, kReceiptSeries, kReceiptWord}};
}

EventDraft ReceiptDraft(const CaseState& c, ReceiptKind kind) {
  std::optional<std::string> recipient;
  if (!c.parties.empty() && !c.parties[0].name.empty()) recipient = c.parties[0].name;
  return ReceiptDraft(kind, c.body_id.empty() ? c.unit_id : c.body_id, c.body_name, recipient);
}

}  // namespace qc::domain
