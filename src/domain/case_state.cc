#include "domain/case_state.h"
#include "domain/case_commands.h"
#include "domain/party_rules.h"

#include "domain/deadlines.h"
#include "domain/media.h"

#include <functional>
#include <map>

namespace qc::domain {
namespace {

Approval* FindApproval(CaseState& c, const std::string& id) {
  for (auto& a : c.approvals)
    if (a.id == id) return &a;
  return nullptr;
}

Status Corrupt(const Event& e, const std::string& why) {
  return Status::Internal("事件无法应用：" + e.type + "（" + why + "）");
}

using Applier = std::function<Status(CaseState&, const Event&)>;

Status ApplyOpened(CaseState& c, const Event& e) {
  const Json& d = e.data;
  c.id = e.case_id;
  c.number = d.value("number", "");
  c.unit_id = d.value("unit_id", "");
  c.title = d.value("title", "");
  if (d.contains("enforcement_body")) {
    c.body_id = d["enforcement_body"].value("id", "");
    c.body_name = d["enforcement_body"].value("name", "");
  }
  auto mode = ParseStartMode(d.value("start_mode", ""));
  if (!mode) return Corrupt(e, "start_mode");
  c.mode = *mode;
  c.procedure = ParseProcedure(d.value("procedure", "ordinary")).value_or(Procedure::kOrdinary);
  c.procedure_reason = d.value("procedure_reason", "");
  c.major = d.value("major", false);
  c.major_reason = d.value("major_reason", "");
  c.urgent = d.value("urgent", false);
  c.urgent_reason = d.value("urgent_reason", "");
  if (d.contains("urgent_measure")) c.urgent_measure = UrgentMeasureFromJson(d["urgent_measure"]);
  if (d.contains("offence")) c.offence = OffenceFromJson(d["offence"]);
  if (d.contains("parties"))
    for (const auto& p : d["parties"]) c.parties.push_back(PartyFromJson(p));
  for (const auto& o : d.value("officers", Json::array()))
    c.officers.push_back({o.value("user_id", ""), o.value("name", ""), o.value("cert_no", ""), o.value("lead", false),
                          o.value("auxiliary", false)});
  c.created_by = e.actor;
  c.created_at = e.at;
  if (d.contains("application")) c.application = ApplicationFromJson(d["application"]);
  if (d.contains("complaint")) c.complaint = ComplaintFromJson(d["complaint"]);
  if (d.contains("start_form")) c.start_form = StartFormFromJson(d["start_form"]);
  if (c.mode == StartMode::kApplication && !c.application) return Corrupt(e, "application");
  if (c.mode == StartMode::kComplaint && !c.complaint) return Corrupt(e, "complaint");
  // An urgent start begins investigating at once; StageAdvanced in the same command moves the stage.
  c.status = c.urgent ? CaseStatus::kInProgress : CaseStatus::kPending;
  return Status();
}

Status ApplyStartApprovalSubmitted(CaseState& c, const Event& e) {
  const Json& d = e.data;
  Approval a;
  a.id = d.value("approval_id", "");
  a.round = d.value("round", 1);
  a.state = ApprovalState::kReviewing;
  a.submitted_at = a.updated_at = e.at;
  a.steps.push_back({ApprovalStepKind::kSubmit, e.actor, ApprovalDecision::kSubmit, d.value("opinion", ""),
                     d.value("reasons", ""), e.at});
  c.approvals.push_back(std::move(a));
  StartForm& form = c.start_form ? *c.start_form : c.start_form.emplace();
  if (d.contains("cause")) form.cause = d["cause"].get<std::string>();
  form.handler_opinion = d.value("opinion", "");
  form.handler_reasons = d.value("reasons", "");
  if (!c.urgent) c.status = CaseStatus::kAwaitingApproval;
  return Status();
}

Status ApplyApprovalSubmitted(CaseState& c, const Event& e) {
  const Json& d = e.data;
  auto kind = ParseApprovalKind(d.value("kind", ""));
  if (!kind || *kind == ApprovalKind::kStart) return Corrupt(e, "kind");
  Approval a;
  a.id = d.value("approval_id", "");
  a.kind = *kind;
  a.round = d.value("round", 1);
  // Clearing 重大复杂 is the 负责人's alone (Art. 5); the refusals run the whole chain (Art. 7).
  a.state = *kind == ApprovalKind::kClearMajor ? ApprovalState::kDeciding : ApprovalState::kReviewing;
  a.submitted_at = a.updated_at = e.at;
  a.proposal = d.value("proposal", Json::object());
  a.steps.push_back({ApprovalStepKind::kSubmit, e.actor, ApprovalDecision::kSubmit, d.value("opinion", ""),
                     d.value("reasons", ""), e.at});
  if (*kind == ApprovalKind::kDocument) {  // the record waits for the chain
    for (auto& doc : c.documents)
      if (doc.id == a.proposal.value("document_id", "")) doc.status = "awaiting_approval";
  }
  c.approvals.push_back(std::move(a));
  // A refusal waits on the chain; clearing 重大复杂 and the decision leave the case where it is.
  if (*kind == ApprovalKind::kNonAcceptance || *kind == ApprovalKind::kNotStart)
    c.status = CaseStatus::kAwaitingApproval;
  return Status();
}

Status ApplyApprovalDecided(CaseState& c, const Event& e) {
  const Json& d = e.data;
  Approval* a = FindApproval(c, d.value("approval_id", ""));
  if (a == nullptr) return Corrupt(e, "approval_id");
  auto step = ParseApprovalStepKind(d.value("step", ""));
  auto decision = ParseApprovalDecision(d.value("decision", ""));
  if (!step || *step == ApprovalStepKind::kSubmit) return Corrupt(e, "step");
  if (!decision || *decision == ApprovalDecision::kSubmit) return Corrupt(e, "decision");
  a->steps.push_back({*step, e.actor, *decision, d.value("opinion", ""), "", e.at});
  a->updated_at = e.at;
  bool refusal = a->kind == ApprovalKind::kNonAcceptance || a->kind == ApprovalKind::kNotStart;
  if (*decision == ApprovalDecision::kReturn) {
    a->state = ApprovalState::kReturned;
    if (refusal)
      c.status = CaseStatus::kPending;
    else if (a->kind == ApprovalKind::kStart && !c.urgent)
      c.status = CaseStatus::kReturned;
  } else if (*decision == ApprovalDecision::kReject) {
    a->state = ApprovalState::kRejected;
    // A refused start ends the case; a refused refusal leaves the matter to decide again.
    if (a->kind == ApprovalKind::kStart)
      c.status = CaseStatus::kRejected;
    else if (refusal)
      c.status = CaseStatus::kPending;
  } else if (*step == ApprovalStepKind::kReview) {
    a->state = c.major ? ApprovalState::kLegalReview : ApprovalState::kDeciding;
  } else if (*step == ApprovalStepKind::kLegalReview) {
    a->state = ApprovalState::kDeciding;
  } else {
    a->state = ApprovalState::kApproved;
    // The other kinds take effect through the event recorded with this one (Approval::proposal).
    if (a->kind == ApprovalKind::kStart) {
      c.start_approved = true;
      c.status = CaseStatus::kInProgress;
    }
  }
  // A record returned or refused is a draft again (its approval issues it: DocumentIssued).
  if (a->kind == ApprovalKind::kDocument && !a->open() && a->state != ApprovalState::kApproved)
    for (auto& doc : c.documents)
      if (doc.id == a->proposal.value("document_id", "")) doc.status = "draft";
  // The 程序启动审批表 (Art. 10) carries each opinion of the start approval (no other kind's); keep the
  // latest of each.
  if (a->kind == ApprovalKind::kStart) {
    StartForm& form = c.start_form ? *c.start_form : c.start_form.emplace();
    auto& field = *step == ApprovalStepKind::kReview        ? form.unit_opinion
                  : *step == ApprovalStepKind::kLegalReview ? form.legal_opinion
                                                            : form.leader_opinion;
    field = d.value("opinion", "");
  }
  return Status();
}

Status ApplyStageAdvanced(CaseState& c, const Event& e) {
  auto to = ParseStage(e.data.value("to", ""));
  if (!to || static_cast<int>(*to) != static_cast<int>(c.stage) + 1) return Corrupt(e, "to");
  c.stage = *to;
  if (c.stage == Stage::kInvestigation) c.status = CaseStatus::kInProgress;
  return Status();
}

// The application an Art. 9 event is about: a case opened on application has one.
StatusOr<Application*> ApplicationOf(CaseState& c, const Event& e) {
  if (!c.application) return Corrupt(e, "not an application case");
  return &*c.application;
}

Status ApplyApplicationDecided(CaseState& c, const Event& e) {
  QC_ASSIGN_OR_RETURN(Application * app, ApplicationOf(c, e));
  ApplicationDecision dec = ApplicationDecisionFromJson(e.data);
  dec.at = e.at;
  dec.by = e.actor;
  bool accepted = dec.accepted;
  app->decision = std::move(dec);
  c.status = accepted ? CaseStatus::kInProgress : CaseStatus::kNotAccepted;
  return Status();
}

Status ApplyApplicationCorrected(CaseState& c, const Event& e) {
  QC_ASSIGN_OR_RETURN(Application * app, ApplicationOf(c, e));
  ApplicationCorrection corr = CorrectionFromJson(e.data);
  corr.at = e.at;
  app->corrections.push_back(std::move(corr));
  return Status();
}

Status ApplySupplementNoticeIssued(CaseState& c, const Event& e) {
  QC_ASSIGN_OR_RETURN(Application * app, ApplicationOf(c, e));
  SupplementNotice n = SupplementNoticeFromJson(e.data);
  n.issued_at = e.at;
  app->supplement_notice = std::move(n);
  return Status();
}

Status ApplySupplementReceived(CaseState& c, const Event& e) {
  QC_ASSIGN_OR_RETURN(Application * app, ApplicationOf(c, e));
  if (!app->supplement_notice) return Corrupt(e, "no supplement notice");
  SupplementReceipt r = SupplementReceiptFromJson(e.data);
  r.at = e.at;
  app->supplement_notice->received = std::move(r);
  return Status();
}

Status ApplyReceiptIssued(CaseState& c, const Event& e) {
  QC_ASSIGN_OR_RETURN(Application * app, ApplicationOf(c, e));
  Receipt r = ReceiptFromJson(e.data);
  r.at = e.at;
  app->receipts.push_back(std::move(r));
  return Status();
}

Status ApplyComplaintNotStarted(CaseState& c, const Event& e) {
  if (!c.complaint) return Corrupt(e, "not a complaint case");
  ComplaintNotice n = ComplaintNoticeFromJson(e.data);
  n.at = e.at;
  n.by = e.actor;
  c.complaint->not_started = std::move(n);
  c.status = CaseStatus::kNotStarted;
  return Status();
}

Status ApplyComplaintAccepted(CaseState& c, const Event& e) {
  if (!c.complaint) return Corrupt(e, "not a complaint case");
  ComplaintAcceptance acc = ComplaintAcceptanceFromJson(e.data);
  acc.at = e.at;
  acc.by = e.actor;
  c.complaint->accepted = std::move(acc);
  return Status();
}

Status ApplyComplaintTransferred(CaseState& c, const Event& e) {
  if (!c.complaint) return Corrupt(e, "not a complaint case");
  ComplaintTransfer t = ComplaintTransferFromJson(e.data);
  t.at = e.at;
  t.by = e.actor;
  c.complaint->transferred = std::move(t);
  c.status = CaseStatus::kTransferred;
  return Status();
}

Status ApplyComplaintNoticeServed(CaseState& c, const Event& e) {
  if (!c.complaint || !c.complaint->not_started) return Corrupt(e, "no complaint not started");
  ComplaintNoticeService s = ComplaintNoticeServiceFromJson(e.data);
  ComplaintNotice& n = *c.complaint->not_started;
  n.notice_method = s.method;
  n.notified_at = s.notified_at;
  n.proof = s.proof;
  n.impossible_reason = s.impossible_reason;
  n.electronic_consent = s.electronic_consent;
  n.served_recorded_at = e.at;
  return Status();
}

const std::map<std::string, Applier>& Appliers() {
  static const std::map<std::string, Applier> kAppliers{
      {"CaseOpened", ApplyOpened},
      {"StartApprovalSubmitted", ApplyStartApprovalSubmitted},
      {"ApprovalSubmitted", ApplyApprovalSubmitted},
      {"ApprovalDecided", ApplyApprovalDecided},
      {"StageAdvanced", ApplyStageAdvanced},
      {"ApplicationDecided", ApplyApplicationDecided},
      {"ApplicationCorrected", ApplyApplicationCorrected},
      {"SupplementNoticeIssued", ApplySupplementNoticeIssued},
      {"SupplementReceived", ApplySupplementReceived},
      {"ReceiptIssued", ApplyReceiptIssued},
      {"ComplaintNotStarted", ApplyComplaintNotStarted},
      {"ComplaintAccepted", ApplyComplaintAccepted},
      {"ComplaintTransferred", ApplyComplaintTransferred},
      {"ComplaintNoticeServed", ApplyComplaintNoticeServed},
      {"DocumentDrafted", [](CaseState& c, const Event& e) { return ApplyDocumentDrafted(c, e.data, e.at, e.actor); }},
      {"DocumentRevised", [](CaseState& c, const Event& e) { return ApplyDocumentRevised(c, e.data, e.at, e.actor); }},
      {"DocumentIssued", [](CaseState& c, const Event& e) { return ApplyDocumentIssued(c, e.data, e.at, e.actor); }},
      {"DocumentSigned", [](CaseState& c, const Event& e) { return ApplyDocumentSigned(c, e.data, e.at, e.actor); }},
      {"DocumentSignatureRefused",
       [](CaseState& c, const Event& e) { return ApplyDocumentSigned(c, e.data, e.at, e.actor); }},
      {"DocumentServiceRecorded",
       [](CaseState& c, const Event& e) { return ApplyDocumentServiceRecorded(c, e.data, e.at, e.actor); }},
      {"DocumentCorrected",
       [](CaseState& c, const Event& e) { return ApplyDocumentCorrected(c, e.data, e.at, e.actor); }},
      {"ApprovalStepRecorded", ApplyApprovalStepRecorded},
      {"PartyAdded",
       [](CaseState& c, const Event& e) {
         if (!e.data.contains("party")) return Corrupt(e, "party");
         c.parties.push_back(PartyFromJson(e.data["party"]));
         return Status();
       }},
      {"OfficerAssigned",
       [](CaseState& c, const Event& e) {
         const Json& o = e.data;
         c.officers.push_back(
             {o.value("user_id", ""), o.value("name", ""), o.value("cert_no", ""), false, o.value("auxiliary", false)});
         return Status();
       }},
      {"MediaRegistered", ApplyMediaRegistered},
      {"OnTheSpotDecided",
       [](CaseState& c, const Event& e) {
         c.on_the_spot = OnTheSpotDecisionFromJson(e.data);
         c.on_the_spot->at = e.at;
         c.on_the_spot->by = e.actor;
         return Status();
       }},
      {"SimpleCaseFiled",
       [](CaseState& c, const Event& e) {
         if (!c.on_the_spot) return Corrupt(e, "no on-the-spot decision");
         c.on_the_spot->filing = SimpleFilingFromJson(e.data);
         c.on_the_spot->filing->at = e.at;
         c.on_the_spot->filing->by = e.actor;
         return Status();
       }},
      {"RecordAccessed", ApplyRecordAccessed},
      {"DecisionIssued",
       [](CaseState& c, const Event& e) {
         c.decision = DecisionFromJson(e.data);
         c.decision->at = e.at;
         c.decision->by = e.actor;
         return Status();
       }},
      {"DocumentServed",
       [](CaseState& c, const Event& e) {
         Service s = ServiceFromJson(e.data);
         s.at = e.at;
         s.by = e.actor;
         c.services.push_back(std::move(s));
         return Status();
       }},
      {"ExecutionRecorded",
       [](CaseState& c, const Event& e) {
         c.execution = ExecutionFromJson(e.data);
         c.execution->at = e.at;
         c.execution->by = e.actor;
         return Status();
       }},
      {"CaseArchived",
       [](CaseState& c, const Event& e) {
         c.archive = ArchiveFromJson(e.data);
         c.archive->at = e.at;
         c.archive->by = e.actor;
         return Status();
       }},
      {"OffenceRecorded",
       [](CaseState& c, const Event& e) {
         c.offence = OffenceFromJson(e.data);
         return Status();
       }},
      {"MeasureReleased",
       [](CaseState& c, const Event& e) {
         if (!c.urgent_measure) return Corrupt(e, "no urgent measure");
         c.urgent_measure->released = MeasureRelease{e.data.value("note", ""), e.at, e.actor};
         return Status();
       }},
      {"PartyIdentified",
       [](CaseState& c, const Event& e) {
         size_t index = e.data.value("index", size_t{0});
         if (index >= c.parties.size() || !e.data.contains("party")) return Corrupt(e, "index");
         Party p = PartyFromJson(e.data["party"]);
         p.described_as = c.parties[index].name;
         c.parties[index] = std::move(p);
         return Status();
       }},
      {"ProcedureChanged",
       [](CaseState& c, const Event& e) {
         c.procedure = ParseProcedure(e.data.value("procedure", "")).value_or(c.procedure);
         c.procedure_reason = e.data.value("reason", "");
         return Status();
       }},
      {"MajorFlagChanged",
       [](CaseState& c, const Event& e) {
         c.major = e.data.value("major", c.major);
         c.major_reason = e.data.value("reason", "");
         return Status();
       }},
  };
  return kAppliers;
}

}  // namespace

std::optional<Role> Approval::pending_role() const {
  if (state == ApprovalState::kReviewing) return Role::kReviewer;
  if (state == ApprovalState::kLegalReview) return Role::kLegal;
  if (state == ApprovalState::kDeciding) return Role::kApprover;
  return std::nullopt;
}

const Approval* CaseState::open_approval() const {
  for (const auto& a : approvals)
    if (a.open()) return &a;
  return nullptr;
}

bool CaseState::HasOfficer(const std::string& user_id) const {
  for (const auto& o : officers)
    if (o.user_id == user_id) return true;
  return false;
}

namespace {

Status ApplyChecked(CaseState& c, const Event& e) {
  if (e.case_id.empty() || (!c.id.empty() && e.case_id != c.id)) return Corrupt(e, "case");
  if (c.id.empty() && e.type != "CaseOpened") return Corrupt(e, "first event must be CaseOpened");
  auto it = Appliers().find(e.type);
  if (it == Appliers().end()) return Corrupt(e, "unknown type");
  QC_RETURN_IF_ERROR(it->second(c, e));
  if (IsTerminal(c.status) && !c.closed_at) c.closed_at = e.at;
  c.updated_at = e.at;
  ++c.version;
  c.last_index = e.index;
  return Status();
}

}  // namespace

Status Apply(CaseState& c, const Event& e) {
  // A field of the wrong type (a number where text belongs) makes nlohmann throw: that is a corrupt
  // event like any other, never an exception out of the fold. The caller discards `c` on any error.
  try {
    return ApplyChecked(c, e);
  } catch (const std::exception& ex) {
    return Corrupt(e, std::string("malformed data: ") + ex.what());
  }
}

// Built by assignment rather than from initializer lists: nlohmann's initializer lists deep-copy
// every element, which made rendering a case cost more than storing it.
Json ApprovalToJson(const Approval& a) {
  Json steps = Json::array();
  for (const auto& s : a.steps) {
    Json js = Json::object();
    js["step"] = ToString(s.step);
    js["step_label"] = Label(s.step);
    js["actor"] = ActorRefJson(s.actor);
    js["decision"] = ToString(s.decision);
    js["decision_label"] = Label(s.decision);
    js["opinion"] = s.opinion;
    js["at"] = FormatRfc3339(s.at);
    if (s.step == ApprovalStepKind::kSubmit) js["reasons"] = s.reasons;
    if (!s.detail.empty()) js["detail"] = s.detail;
    steps.push_back(std::move(js));
  }
  auto role = a.pending_role();
  Json j = Json::object();
  j["id"] = a.id;
  j["kind"] = ToString(a.kind);
  j["kind_label"] = Label(a.kind);
  j["state"] = ToString(a.state);
  j["state_label"] = Label(a.state);
  j["round"] = a.round;
  j["pending_role"] = role ? Json(std::string(ToString(*role))) : Json(nullptr);
  j["submitted_at"] = FormatRfc3339(a.submitted_at);
  j["updated_at"] = FormatRfc3339(a.updated_at);
  j["steps"] = std::move(steps);
  if (a.kind != ApprovalKind::kStart) j["proposal"] = a.proposal;
  return j;
}

Json CaseToJson(const CaseState& c, const WorkCalendar& cal) {
  Json officers = Json::array();
  for (const auto& o : c.officers) {
    Json jo = Json::object();
    jo["user_id"] = o.user_id;
    jo["name"] = o.name;
    jo["cert_no"] = o.cert_no;
    jo["lead"] = o.lead;
    jo["auxiliary"] = o.auxiliary;
    officers.push_back(std::move(jo));
  }
  Json approvals = Json::array();
  for (const auto& a : c.approvals) approvals.push_back(ApprovalToJson(a));
  Json j = Json::object();
  j["id"] = c.id;
  j["number"] = c.number;
  j["unit_id"] = c.unit_id;
  j["enforcement_body"] = c.body_id.empty() ? Json(nullptr) : Json{{"id", c.body_id}, {"name", c.body_name}};
  j["title"] = c.title;
  j["start_mode"] = ToString(c.mode);
  j["start_mode_label"] = Label(c.mode);
  j["stage"] = ToString(c.stage);
  j["stage_label"] = Label(c.stage);
  j["status"] = ToString(c.status);
  j["status_label"] = Label(c.status);
  j["procedure"] = ToString(c.procedure);
  j["procedure_reason"] = c.procedure_reason;
  j["major"] = c.major;
  j["major_reason"] = c.major_reason;
  j["urgent"] = c.urgent;
  j["urgent_reason"] = c.urgent_reason;
  j["urgent_measure"] = c.urgent_measure ? ToJson(*c.urgent_measure) : Json(nullptr);
  j["offence"] = c.offence ? EventData(*c.offence) : Json(nullptr);
  j["start_approved"] = c.start_approved;
  j["created_by"] = ActorRefJson(c.created_by);
  j["created_at"] = FormatRfc3339(c.created_at);
  j["updated_at"] = FormatRfc3339(c.updated_at);
  j["closed_at"] = c.closed_at ? Json(FormatRfc3339(*c.closed_at)) : Json(nullptr);
  Json deadlines = Json::array();
  for (const auto& d : Deadlines(c, cal)) deadlines.push_back(DeadlineToJson(d));
  j["deadlines"] = std::move(deadlines);
  Json parties = Json::array();
  for (const auto& p : c.parties) {
    Json jp = ToJson(p);
    // A minor (未成年人) on the day the case was opened: the rules for minors apply (行政处罚法 第三十条).
    std::optional<std::string> born = p.birth_date;
    if (!born && p.kind == PartyKind::kNaturalPerson && p.id_number &&
        p.id_type.value_or(IdType::kResidentId) == IdType::kResidentId)
      born = BirthDateOfResidentId(*p.id_number);
    if (born && p.kind == PartyKind::kNaturalPerson) jp["minor"] = IsMinorOn(*born, c.created_at);
    parties.push_back(std::move(jp));
  }
  j["parties"] = std::move(parties);
  j["officers"] = std::move(officers);
  j["application"] = c.application ? ToJson(*c.application) : Json(nullptr);
  if (auto deemed = DeemedAcceptedFrom(c, cal)) j["application"]["deemed_accepted_from"] = FormatRfc3339(*deemed);
  j["complaint"] = c.complaint ? ToJson(*c.complaint) : Json(nullptr);
  j["start_form"] = c.start_form ? ToJson(*c.start_form) : Json(nullptr);
  j["approvals"] = std::move(approvals);
  Json media = Json::array();
  for (const auto& m : c.media) media.push_back(ToJson(m));
  j["media"] = std::move(media);
  j["on_the_spot"] = c.on_the_spot ? ToJson(*c.on_the_spot) : Json(nullptr);
  j["decision"] = c.decision ? ToJson(*c.decision) : Json(nullptr);
  Json services = Json::array();
  for (const auto& s : c.services) services.push_back(ToJson(s));
  j["services"] = std::move(services);
  j["execution"] = c.execution ? ToJson(*c.execution) : Json(nullptr);
  j["archive"] = c.archive ? ToJson(*c.archive) : Json(nullptr);
  Json documents = Json::array();
  for (const auto& d : c.documents) documents.push_back(SummaryJson(d));
  j["documents"] = std::move(documents);
  auto ended = ActEndedAt(c);
  j["act_ended_at"] = ended ? Json(FormatRfc3339(*ended)) : Json(nullptr);
  j["version"] = c.version;
  j["last_index"] = c.last_index;
  return j;
}

}  // namespace qc::domain
