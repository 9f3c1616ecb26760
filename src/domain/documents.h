// The written records of a case (issue 13 §2), one generic life for every type of the catalogue
// (domain/catalogue.h): drafted with its fields, revised while a draft (each revision a new version),
// then issued — at once for a type without approval, through the approval chain (Art. 7, 21: kind
// `document`) for one whose `approval` is `decision` — and never edited once issued. A type with a
// 文号 gets it when issued, from the enforcement body's sequence of its series (易公行罚决字〔2026〕12号).
//
//   DocumentDrafted  {document_id, type, fields, version: 1}
//   DocumentRevised  {document_id, fields, version}
//   DocumentIssued   {document_id, version, number?}        (by the officer, or by the 负责人's approval)
//
// Signatures, service and corrections follow (issue 13 §4).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "common/canonical_json.h"
#include "common/clock.h"
#include "common/status.h"
#include "domain/catalogue.h"
#include "domain/event.h"

namespace qc::domain {

struct Actor;
struct CaseState;

// A record as the case holds it.
struct Document {
  std::string id, type, name;  // name: the type's Chinese name when drafted
  Json fields = Json::object();
  int version = 1;
  std::string status = "draft";  // draft | awaiting_approval | issued
  std::optional<std::string> number;
  TimePoint drafted_at, updated_at;
  ActorRef drafted_by;
  std::optional<TimePoint> issued_at;
  std::optional<ActorRef> issued_by;
};
Json ToJson(const Document& d);

// The appliers' halves (case_state.cc folds the events with them).
Status ApplyDocumentDrafted(CaseState& c, const Json& data, TimePoint at, const ActorRef& by);
Status ApplyDocumentRevised(CaseState& c, const Json& data, TimePoint at);
Status ApplyDocumentIssued(CaseState& c, const Json& data, TimePoint at, const ActorRef& by);
const Document* FindDocument(const CaseState& c, const std::string& id);

// Drafting a record of `t` in the case: by its officers, in a stage and procedure the type allows,
// with valid fields (the party fields naming parties of the case).
StatusOr<std::vector<EventDraft>> DecideDraftDocument(const CaseState& c, const Actor& a, const DocumentType& t,
                                                      const std::string& document_id, const Json& fields);
StatusOr<std::vector<EventDraft>> DecideReviseDocument(const CaseState& c, const Actor& a, const DocumentType& t,
                                                       const std::string& document_id, const Json& fields);
// Issuing a type without approval; submitting one whose approval is `decision` (its 负责人's approval
// issues it: DocumentIssuedByApproval).
StatusOr<std::vector<EventDraft>> DecideIssueDocument(const CaseState& c, const Actor& a, const DocumentType& t,
                                                      const std::string& document_id);
StatusOr<std::vector<EventDraft>> DecideSubmitDocument(const CaseState& c, const Actor& a, const DocumentType& t,
                                                       const std::string& document_id, const std::string& approval_id,
                                                       const std::string& opinion);
// The DocumentIssued draft the approval of a `document` approval records (its proposal as submitted).
EventDraft DocumentIssuedByApproval(const CaseState& c, const Json& proposal);

}  // namespace qc::domain
