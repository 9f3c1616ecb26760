// The written records of a case (issue 13 §2), one generic life for every type of the catalogue
// (domain/catalogue.h): drafted with its fields, revised while a draft (each revision a new version),
// then issued — at once for a type without approval, through the approval chain (Art. 7, 21: kind
// `document`) for one whose `approval` is `decision` — and never edited once issued. A type with a
// 文号 gets it when issued, from the enforcement body's sequence of its series (易公行罚决字〔2026〕12号).
//
//   DocumentDrafted  {document_id, type, name, fields, version: 1, footage, rules}
//   DocumentRevised  {document_id, fields, version, footage}
//   DocumentIssued   {document_id, version, number?}        (by the officer, or by the 负责人's approval)
//   DocumentSigned / DocumentSignatureRefused              (domain/document_signatures.cc)
//   DocumentServiceRecorded                                (domain/document_service.cc)
//   DocumentCorrected {document_id, approval_id, corrects_version, version, fields, reason, changed}
//                     an issued record corrected through the approval chain (kind `correction`,
//                     Art. 38): a new version; the original stays in `versions`.
//
// The type's rules are copied into DocumentDrafted (`rules`), so a record keeps the obligations it was
// made under when the catalogue changes later. A type without approval is issued only when complete:
// its officers' signatures (at least `officers_sign`, 辅警 not counted), the party's signature or
// recorded refusal where required, and its footage where audio-video is mandatory (Art. 12–14).
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

// The obligations of the type a record was drafted under (domain/catalogue.h).
struct DocumentRules {
  int officers_sign = 0;
  std::vector<std::string> signers;
  std::string party_signature = "none", av = "none", approval = "none", completes = "none";
  std::string completes_field;
  std::vector<std::string> completes_values;
  bool served = false;
  std::vector<DeadlineSpec> deadlines;  // the time limits it starts once issued (domain/deadlines.h)
};
DocumentRules RulesOf(const DocumentType& t);

struct DocumentVersion {
  int version = 1;
  Json fields = Json::object();
  TimePoint at;
  ActorRef by;
};

// A signature on a record (Art. 12): an officer (by account, with the 执法证件编号), or a party,
// guardian, witness, interpreter, recorder, server or recipient whose drawn signature is an image in
// the blob store — or the refusal to sign, with its reason and the witnesses or footage. It binds the
// version signed and its content hash (SHA-256 of the canonical {type, version, number, fields}).
struct Refusal {
  std::string reason;
  std::vector<std::string> witnesses, media;
};
struct DocumentSignature {
  int seq = 0;
  std::string role, name;
  std::optional<int> party;
  std::string user_id, cert_no;  // officer and server: the account that signed
  bool auxiliary = false;        // 辅警: signs, but is not one of the officers the law counts
  std::string image_sha256;      // the drawn signature (empty for an officer or a refusal)
  bool certificates_seen = false;
  std::optional<Refusal> refused;
  int version = 1;
  std::string content_sha256;
  TimePoint at;
  ActorRef by;
};

// One attempt to serve a record (Art. 24–28): its method, whether it succeeded, and the facts that
// method needs (domain/document_service.cc).
struct DocumentService {
  int seq = 0;
  std::string method, outcome;  // outcome: served | failed
  TimePoint served_at;          // when served, or attempted
  std::string recipient;
  std::optional<int> party;
  std::string failure_reason;
  Json facts = Json::object();
  std::vector<std::string> media;  // footage and scanned proofs: records of the case
  TimePoint at;
  ActorRef by;
};

struct DocumentCorrection {
  std::string approval_id, reason;
  int corrects_version = 1, version = 2;
  std::vector<std::string> changed;  // the field paths corrected
  TimePoint at;
  ActorRef by;
};

// A record as the case holds it.
struct Document {
  std::string id, type, name;        // name: the type's Chinese name when drafted
  Stage stage = Stage::kInitiation;  // the case's stage when it was drafted
  Json fields = Json::object();
  int version = 1;
  std::string status = "draft";  // draft | awaiting_approval | issued
  std::optional<std::string> number;
  TimePoint drafted_at, updated_at;
  ActorRef drafted_by;
  std::optional<TimePoint> issued_at;
  std::optional<ActorRef> issued_by;
  DocumentRules rules;
  std::vector<DocumentVersion> versions;  // every version, the first drafted
  std::vector<DocumentSignature> signatures;
  std::vector<DocumentService> services;
  std::vector<DocumentCorrection> corrections;
  // The audio-video and attachment records its media fields link (in order, without repeats): the
  // footage of the act it records (Art. 14), kept with each version's event.
  std::vector<std::string> footage;

  // Served successfully at least once.
  bool Served() const;
  // Issued, and (with `completes_when`) its field has a completing value.
  bool Completes(std::string_view what) const;
};
// The whole record: fields, versions, signatures, service, corrections (GET …/documents/{doc}).
Json ToJson(const Document& d);
// What the case JSON lists of a record: no fields, versions, signatures or service — so that the
// case a write renders and the API returns stays small however many records it holds.
Json SummaryJson(const Document& d);
Json ToJson(const DocumentService& s);

// The appliers' halves (case_state.cc folds the events with them).
Status ApplyDocumentDrafted(CaseState& c, const Json& data, TimePoint at, const ActorRef& by);
Status ApplyDocumentRevised(CaseState& c, const Json& data, TimePoint at, const ActorRef& by);
Status ApplyDocumentIssued(CaseState& c, const Json& data, TimePoint at, const ActorRef& by);
Status ApplyDocumentSigned(CaseState& c, const Json& data, TimePoint at, const ActorRef& by);
Status ApplyDocumentServiceRecorded(CaseState& c, const Json& data, TimePoint at, const ActorRef& by);
Status ApplyDocumentCorrected(CaseState& c, const Json& data, TimePoint at, const ActorRef& by);
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

// Signing (DocumentSigned) or refusing to sign (DocumentSignatureRefused) the current version.
// `content_sha256`: the app's hash of the version signed; `s.image_sha256`: the stored drawing.
StatusOr<std::vector<EventDraft>> DecideSignDocument(const CaseState& c, const Actor& a, const std::string& document_id,
                                                     const DocumentSignature& s, const std::string& content_sha256);

// Serving an issued record: `s` with its method's facts (domain/document_service.cc).
StatusOr<std::vector<EventDraft>> DecideServeDocument(const CaseState& c, const Actor& a,
                                                      const std::string& document_id, const DocumentService& s,
                                                      TimePoint now);

// A correction of an issued record (Art. 38): the corrected fields go through the chain (kind
// `correction`); the 负责人's approval records DocumentCorrected (DocumentCorrectedByApproval).
StatusOr<std::vector<EventDraft>> DecideCorrectDocument(const CaseState& c, const Actor& a, const DocumentType& t,
                                                        const std::string& document_id, const std::string& approval_id,
                                                        const Json& fields, const std::string& reason,
                                                        const std::string& opinion);
EventDraft DocumentCorrectedByApproval(const CaseState& c, const std::string& approval_id, const Json& proposal);

// The record's completeness for the API and the gates: officers' signatures counted, the party's
// signature or refusal, footage where mandatory, service.
Json RequirementsJson(const Document& d);

}  // namespace qc::domain
