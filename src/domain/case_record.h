// The typed parts of a case's record that events carry as JSON: the parties (当事人), the application
// and what happened to it (Art. 9), the complaint (Art. 11), the start approval form (程序启动审批表,
// Art. 10) and the media records (音像记录 and 附件, Art. 14–16, 33).
//
// Each struct has a ToJson that writes exactly the JSON the API and the events use (optional members
// only when present), and a From…Json that reads it back. The readers throw (std::invalid_argument or
// nlohmann's type_error) on data of the wrong shape: they run inside domain::Apply, which turns any
// throw into a Status naming the event, and on JSON the edge built itself.
//
//   Party p = PartyFromJson(event.data["party"]);   // in an applier
//   Json j = ToJson(p);                             // {"kind": "legal_person", "name": "…", …}
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "common/canonical_json.h"
#include "common/clock.h"
#include "common/status.h"
#include "domain/complaint_outcome.h"
#include "domain/event.h"
#include "domain/types.h"

namespace qc::domain {

// 当事人: the applicant, the party an act is against, or a party added later (checked by
// domain/party_rules.h). A natural person: id_type (a resident ID when absent) and id_number,
// birth_date (YYYY-MM-DD); a legal person: id_number is its 统一社会信用代码, legal_representative
// (法定代表人) required; another organisation: principal (负责人) required. identity_unknown (身份不明,
// e.g. an absent owner): `name` describes the person until identified.
struct Party {
  PartyKind kind = PartyKind::kNaturalPerson;
  std::string name;
  std::optional<IdType> id_type;
  std::optional<std::string> id_number, phone, address, legal_representative, principal, gender, occupation, birth_date;
  bool identity_unknown = false;
  // Folded from PartyIdentified: the description the party was recorded by before it was identified.
  std::optional<std::string> described_as;
};

// Art. 9 — an error in the materials corrected on the spot (当场更正), confirmed by the applicant.
struct ApplicationCorrection {
  std::string field, before, after, confirmed_by;
  TimePoint at;
};
// The supplemented materials received after a notice.
struct SupplementReceipt {
  std::vector<std::string> items;
  std::optional<std::string> note;
  TimePoint at;
};
// Art. 9 — everything to supplement, told once (一次性告知补正).
struct SupplementNotice {
  std::vector<std::string> items;
  std::optional<std::string> deadline;  // the applicant's date, YYYY-MM-DD (China time)
  std::optional<std::string> note;
  TimePoint issued_at;
  std::optional<SupplementReceipt> received;
};
// 受理 / 不予受理 and who decided it. A refusal states its ground, the authority to turn to when the
// matter is another's, and the remedies (行政许可法 第三十二条、第三十八条第二款); it takes effect when
// the 负责人 approves it (Art. 7), so `by` is the approver.
struct ApplicationDecision {
  bool accepted = false;
  std::string reason;
  std::optional<NonAcceptanceGround> ground;
  std::optional<std::string> competent_authority, remedies;
  TimePoint at;
  ActorRef by;
};
// Art. 9 — a written receipt (书面凭证或回执), issued in the name of the enforcement body whose seal it
// bears (`sealed_by`; absent in receipts recorded before the system issued them) and dated `at`.
struct Receipt {
  ReceiptKind kind = ReceiptKind::kMaterials;
  std::string receipt_no;
  std::optional<std::string> recipient;
  TimePoint at;
  std::optional<std::string> sealed_by;
};
// Art. 9 — the application as registered, then what happened to it.
struct Application {
  std::string channel;  // written | oral | online
  std::string matter;
  std::optional<std::string> oral_record;  // 口头申请的记录
  std::vector<std::string> materials;
  std::optional<TimePoint> received_at;
  // Folded from later events.
  std::vector<ApplicationCorrection> corrections;
  std::optional<SupplementNotice> supplement_notice;
  std::optional<ApplicationDecision> decision;
  std::vector<Receipt> receipts;
};

struct Complainant {
  std::optional<std::string> name, phone, address;
  bool anonymous = false;
};
// Art. 11 — a complaint not started, and the written notice to the complainant.
// notice_method: direct | mail | email (electronic, where the complainant agreed) | impossible (no
// written notice can be given: anonymous, no address — `impossible_reason` says why). Telephone and SMS
// are not written notice; events recorded before that rule may carry phone, sms or other.
// 不予启动 as approved (reason, notice number, the authority the complainant is told to turn to), then
// its written notice as served (ComplaintNoticeServed, domain/complaint_outcome.h): notice_method empty
// until then. Events recorded before the notice was served separately carry the method with the decision.
struct ComplaintNotice {
  std::string reason, notice_no, notice_method;
  std::optional<std::string> competent_authority, impossible_reason, proof;
  std::optional<TimePoint> notified_at;
  bool electronic_consent = false;
  TimePoint at;
  ActorRef by;
  std::optional<TimePoint> served_recorded_at;  // when the service was recorded
  bool served() const { return !notice_method.empty(); }
};
// Art. 11 — the complaint (投诉举报) as registered.
struct Complaint {
  std::string channel;  // phone | letter | visit | online | other
  std::string content;
  std::optional<Complainant> complainant;
  std::optional<std::string> respondent;
  std::optional<TimePoint> received_at;
  // Folded from the outcome events (程序规定 第六十一条, domain/complaint_outcome.h).
  std::optional<ComplaintAcceptance> accepted;   // 受案, with its 受案回执
  std::optional<ComplaintTransfer> transferred;  // 移送
  std::optional<ComplaintNotice> not_started;    // ComplaintNotStarted, then ComplaintNoticeServed
};

// 案由, 违法时间, 违法地点: what the case is about, as known at the start and corrected as the
// investigation finds it (the case's 基本信息; the documents of issue 14 print them).
struct Offence {
  std::string cause;  // 案由, e.g. 娱乐场所未按规定备案
  std::optional<std::string> place;
  std::optional<TimePoint> occurred_at;
};
// The offence as recorded at `now`: a cause of 2–100 characters, a time not in the future.
Status CheckOffence(const Offence& o, TimePoint now, const std::string& prefix);

// Art. 10 — 程序启动审批表: the cause, the 承办人's opinion and reasons, and each step's opinion of the
// start approval (the latest of each).
struct StartForm {
  std::optional<std::string> cause, handler_opinion, handler_reasons, unit_opinion, legal_opinion, leader_opinion;
};

// Art. 33 ¶2 — footage registered more than 24 hours after capture ended.
struct LateFinding {
  std::string rule, article, message;
  int64_t delay_seconds = 0;
};
// A media record (音像记录 or 附件) of the case: the MediaRegistered data, then its registration and use.
// Its API form (with the act's label) is domain/media.h's ToJson.
struct MediaRecord {
  std::string record_id, upload_id;
  MediaKind kind = MediaKind::kAv;
  std::string act;  // an AvActs() code (domain/media.h); may be empty for an attachment
  Stage stage = Stage::kInitiation;
  std::string file_name, content_type;
  std::string sha256, sm3;  // lowercase hex
  int64_t size = 0;
  Json media = Json::object();  // container metadata (media::ToJson), as probed
  std::string device_id, device_serial;
  std::string officer_id, officer_name;  // who recorded
  std::optional<TimePoint> capture_start, capture_end;
  std::optional<bool> parties_informed;  // Art. 14 ¶2, av only
  std::string station_id;
  // Folded.
  TimePoint registered_at;
  ActorRef registered_by;
  int64_t access_count = 0;
  std::optional<LateFinding> late;
};

// An act code as recorded: `lien_service` (before issue 12; 留置送达 leaves the document, it is no lien)
// becomes `service_by_leaving` (domain/media.h lists the acts).
std::string CanonicalAvAct(std::string_view code);

// As the API shows them: the event data with the folded parts (times, actors, later events).
Json ToJson(const Party& p);
Json ToJson(const Application& a);
Json ToJson(const Complaint& c);
Json ToJson(const StartForm& f);
Json ActorRefJson(const ActorRef& a);

// As an event carries them: what the command recorded, without what the event's envelope or later
// events add (`at`, `by`, the folded members).
Json EventData(const Application& a);            // CaseOpened.application
Json EventData(const Complaint& c);              // CaseOpened.complaint
Json EventData(const ApplicationCorrection& c);  // ApplicationCorrected
Json EventData(const SupplementNotice& n);       // SupplementNoticeIssued
Json EventData(const SupplementReceipt& r);      // SupplementReceived
Json EventData(const Receipt& r);                // ReceiptIssued
Json EventData(const ComplaintNotice& n);        // ComplaintNotStarted
Json EventData(const ApplicationDecision& d);    // ApplicationDecided
Json EventData(const MediaRecord& m);            // MediaRegistered
Json EventData(const Offence& o);                // CaseOpened.offence, OffenceRecorded

// The readers of event data (the folded members stay empty; the applier fills them).
Party PartyFromJson(const Json& j);
Application ApplicationFromJson(const Json& j);
Complaint ComplaintFromJson(const Json& j);
StartForm StartFormFromJson(const Json& j);
ApplicationCorrection CorrectionFromJson(const Json& j);
SupplementNotice SupplementNoticeFromJson(const Json& j);
SupplementReceipt SupplementReceiptFromJson(const Json& j);
Receipt ReceiptFromJson(const Json& j);
ComplaintNotice ComplaintNoticeFromJson(const Json& j);
ApplicationDecision ApplicationDecisionFromJson(const Json& j);
MediaRecord MediaRecordFromJson(const Json& j);
Offence OffenceFromJson(const Json& j);

}  // namespace qc::domain
