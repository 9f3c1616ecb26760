#include "domain/case_state.h"

#include "domain/deadlines.h"
#include "domain/media.h"

#include <functional>
#include <map>

namespace qc::domain {
namespace {

Json ActorJson(const ActorRef& a) {
  Json j = Json::object();
  j["id"] = a.id;
  j["name"] = a.name;
  j["role"] = a.role;
  return j;
}

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
  auto mode = ParseStartMode(d.value("start_mode", ""));
  if (!mode) return Corrupt(e, "start_mode");
  c.mode = *mode;
  c.procedure = ParseProcedure(d.value("procedure", "ordinary")).value_or(Procedure::kOrdinary);
  c.procedure_reason = d.value("procedure_reason", "");
  c.major = d.value("major", false);
  c.major_reason = d.value("major_reason", "");
  c.urgent = d.value("urgent", false);
  c.urgent_reason = d.value("urgent_reason", "");
  c.parties = d.value("parties", Json::array());
  for (const auto& o : d.value("officers", Json::array()))
    c.officers.push_back({o.value("user_id", ""), o.value("name", ""), o.value("cert_no", ""), o.value("lead", false)});
  c.created_by = e.actor;
  c.created_at = e.at;
  if (d.contains("application")) {
    c.application = d["application"];
    c.application["corrections"] = Json::array();
    c.application["supplement_notice"] = nullptr;
    c.application["decision"] = nullptr;
    c.application["receipts"] = Json::array();
  }
  if (d.contains("complaint")) {
    c.complaint = d["complaint"];
    c.complaint["not_started"] = nullptr;
  }
  if (d.contains("start_form")) c.start_form = d["start_form"];
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
  if (c.start_form.is_null()) c.start_form = Json::object();
  if (d.contains("cause")) c.start_form["cause"] = d["cause"];
  c.start_form["handler_opinion"] = d.value("opinion", "");
  c.start_form["handler_reasons"] = d.value("reasons", "");
  if (!c.urgent) c.status = CaseStatus::kAwaitingApproval;
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
  if (*decision == ApprovalDecision::kReturn) {
    a->state = ApprovalState::kReturned;
    if (!c.urgent) c.status = CaseStatus::kReturned;
  } else if (*decision == ApprovalDecision::kReject) {
    a->state = ApprovalState::kRejected;
    c.status = CaseStatus::kRejected;
  } else if (*step == ApprovalStepKind::kReview) {
    a->state = c.major ? ApprovalState::kLegalReview : ApprovalState::kDeciding;
  } else if (*step == ApprovalStepKind::kLegalReview) {
    a->state = ApprovalState::kDeciding;
  } else {
    a->state = ApprovalState::kApproved;
    c.start_approved = true;
    c.status = CaseStatus::kInProgress;
  }
  // The 程序启动审批表 (Art. 10) carries each opinion of the start approval (no other kind's); keep the
  // latest of each.
  if (a->kind == ApprovalKind::kStart) {
    const char* field = *step == ApprovalStepKind::kReview        ? "unit_opinion"
                        : *step == ApprovalStepKind::kLegalReview ? "legal_opinion"
                                                                  : "leader_opinion";
    if (c.start_form.is_null()) c.start_form = Json::object();
    c.start_form[field] = d.value("opinion", "");
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

Status ApplyApplicationDecided(CaseState& c, const Event& e) {
  bool accepted = e.data.value("accepted", false);
  c.application["decision"] = {{"accepted", accepted},
                               {"reason", e.data.value("reason", "")},
                               {"at", FormatRfc3339(e.at)},
                               {"by", ActorJson(e.actor)}};
  c.status = accepted ? CaseStatus::kInProgress : CaseStatus::kNotAccepted;
  return Status();
}

const std::map<std::string, Applier>& Appliers() {
  static const std::map<std::string, Applier> kAppliers{
      {"CaseOpened", ApplyOpened},
      {"StartApprovalSubmitted", ApplyStartApprovalSubmitted},
      {"ApprovalDecided", ApplyApprovalDecided},
      {"StageAdvanced", ApplyStageAdvanced},
      {"ApplicationDecided", ApplyApplicationDecided},
      {"ApplicationCorrected",
       [](CaseState& c, const Event& e) {
         Json corr = e.data;
         corr["at"] = FormatRfc3339(e.at);
         c.application["corrections"].push_back(std::move(corr));
         return Status();
       }},
      {"SupplementNoticeIssued",
       [](CaseState& c, const Event& e) {
         Json n = e.data;
         n["issued_at"] = FormatRfc3339(e.at);
         n["received"] = nullptr;
         c.application["supplement_notice"] = std::move(n);
         return Status();
       }},
      {"SupplementReceived",
       [](CaseState& c, const Event& e) {
         Json r = e.data;
         r["at"] = FormatRfc3339(e.at);
         c.application["supplement_notice"]["received"] = std::move(r);
         return Status();
       }},
      {"ReceiptIssued",
       [](CaseState& c, const Event& e) {
         Json r = e.data;
         r["at"] = FormatRfc3339(e.at);
         c.application["receipts"].push_back(std::move(r));
         return Status();
       }},
      {"ComplaintNotStarted",
       [](CaseState& c, const Event& e) {
         Json n = e.data;
         n["at"] = FormatRfc3339(e.at);
         n["by"] = ActorJson(e.actor);
         c.complaint["not_started"] = std::move(n);
         c.status = CaseStatus::kNotStarted;
         return Status();
       }},
      {"PartyAdded",
       [](CaseState& c, const Event& e) {
         c.parties.push_back(e.data.value("party", Json::object()));
         return Status();
       }},
      {"OfficerAssigned",
       [](CaseState& c, const Event& e) {
         const Json& o = e.data;
         c.officers.push_back({o.value("user_id", ""), o.value("name", ""), o.value("cert_no", ""), false});
         return Status();
       }},
      {"MediaRegistered", ApplyMediaRegistered},
      {"RecordAccessed", ApplyRecordAccessed},
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
    js["actor"] = ActorJson(s.actor);
    js["decision"] = ToString(s.decision);
    js["decision_label"] = Label(s.decision);
    js["opinion"] = s.opinion;
    js["at"] = FormatRfc3339(s.at);
    if (s.step == ApprovalStepKind::kSubmit) js["reasons"] = s.reasons;
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
  return j;
}

Json CaseToJson(const CaseState& c) {
  Json officers = Json::array();
  for (const auto& o : c.officers) {
    Json jo = Json::object();
    jo["user_id"] = o.user_id;
    jo["name"] = o.name;
    jo["cert_no"] = o.cert_no;
    jo["lead"] = o.lead;
    officers.push_back(std::move(jo));
  }
  Json approvals = Json::array();
  for (const auto& a : c.approvals) approvals.push_back(ApprovalToJson(a));
  Json j = Json::object();
  j["id"] = c.id;
  j["number"] = c.number;
  j["unit_id"] = c.unit_id;
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
  j["start_approved"] = c.start_approved;
  j["created_by"] = ActorJson(c.created_by);
  j["created_at"] = FormatRfc3339(c.created_at);
  j["updated_at"] = FormatRfc3339(c.updated_at);
  j["closed_at"] = c.closed_at ? Json(FormatRfc3339(*c.closed_at)) : Json(nullptr);
  Json deadlines = Json::array();
  for (const auto& d : Deadlines(c)) deadlines.push_back(DeadlineToJson(d));
  j["deadlines"] = std::move(deadlines);
  j["parties"] = c.parties;
  j["officers"] = std::move(officers);
  j["application"] = c.application;
  j["complaint"] = c.complaint;
  j["start_form"] = c.start_form;
  j["approvals"] = std::move(approvals);
  Json media = Json::array();
  for (const auto& m : c.media) media.push_back(m);
  j["media"] = std::move(media);
  j["version"] = c.version;
  j["last_index"] = c.last_index;
  return j;
}

}  // namespace qc::domain
