#include "domain/documents.h"

#include <algorithm>

#include "domain/authorization.h"
#include "domain/case_commands.h"
#include "domain/case_state.h"
#include "domain/event_json.h"
#include "domain/field_rules.h"
#include "domain/media.h"

namespace qc::domain {
namespace {

using Drafts = std::vector<EventDraft>;
using namespace event_json;  // NOLINT(build/namespaces)

Status Illegal(const std::string& message) { return Status::Conflict("illegal_transition", message); }

Document* FindMutable(CaseState& c, const std::string& id) {
  for (auto& d : c.documents)
    if (d.id == id) return &d;
  return nullptr;
}

// Every `party` field names a party of the case (by its index), every `media` field a record of it.
Status CheckCaseRefs(const CaseState& c, const std::vector<FieldDef>& defs, const Json& obj, const std::string& path) {
  for (const auto& f : defs) {
    if (!obj.contains(f.name)) continue;
    const Json& v = obj[f.name];
    std::string p = path + "." + f.name;
    if (f.type == FieldType::kParty && v.is_number_integer() &&
        v.get<int64_t>() >= static_cast<int64_t>(c.parties.size()))
      return Status::InvalidArgument("invalid_field", f.label + "应为本案已登记的当事人", p);
    if (f.type == FieldType::kMedia && v.is_string() && FindMedia(c, v.get<std::string>()) == nullptr)
      return Status::InvalidArgument("invalid_field", f.label + "应为本案已登记的音像记录或附件", p);
    if (f.type == FieldType::kList && v.is_array())
      for (size_t i = 0; i < v.size(); ++i)
        QC_RETURN_IF_ERROR(CheckCaseRefs(c, f.columns, v[i], p + "[" + std::to_string(i) + "]"));
  }
  return Status();
}

Status CheckFields(const CaseState& c, const DocumentType& t, const Json& fields) {
  QC_RETURN_IF_ERROR(CheckRecordFields(t, fields));
  return CheckCaseRefs(c, t.fields, fields, "fields");
}

// The media values of `obj` under `defs`, lists included.
void CollectMedia(const std::vector<FieldDef>& defs, const Json& obj, std::vector<std::string>& out) {
  if (!obj.is_object()) return;
  for (const auto& f : defs) {
    if (!obj.contains(f.name)) continue;
    const Json& v = obj[f.name];
    if (f.type == FieldType::kMedia && v.is_string() && std::find(out.begin(), out.end(), v) == out.end())
      out.push_back(v.get<std::string>());
    if (f.type == FieldType::kList && v.is_array())
      for (const auto& row : v) CollectMedia(f.columns, row, out);
  }
}

Json FootageOf(const DocumentType& t, const Json& fields) {
  std::vector<std::string> out;
  CollectMedia(t.fields, fields, out);
  return Strings(out);
}

int CountOfficerSignatures(const Document& d) {
  std::vector<std::string> seen;
  for (const auto& s : d.signatures)
    if (s.role == "officer" && !s.auxiliary && s.version == d.version &&
        std::find(seen.begin(), seen.end(), s.user_id) == seen.end())
      seen.push_back(s.user_id);
  return static_cast<int>(seen.size());
}

bool PartySigned(const Document& d) {
  for (const auto& s : d.signatures)
    if ((s.role == "party" || s.role == "guardian") && s.version == d.version) return true;
  return false;
}

// A record without approval is issued only when complete (Art. 12–14).
Status CheckComplete(const Document& d, const DocumentType& t) {
  if (CountOfficerSignatures(d) < d.rules.officers_sign)
    return Status::Conflict("missing_signature",
                            t.name + "须由" + std::to_string(d.rules.officers_sign) +
                                "名执法人员签名（第十二条；辅警不计入），当前" +
                                std::to_string(CountOfficerSignatures(d)) + "名",
                            "signatures");
  if (d.rules.party_signature == "required_or_refusal" && !PartySigned(d))
    return Status::Conflict("missing_signature", t.name + "须由当事人签名，或者记录其拒绝签名的情况（第十二条）",
                            "signatures");
  if (d.rules.av == "mandatory" && d.footage.empty())
    return Status::Conflict("missing_record", t.name + "所记录的执法活动须全程音像记录，请关联音像记录（第十四条）",
                            "fields");
  return Status();
}

// The officers of an open case act on its records, in a stage and procedure the type allows.
Status CheckMayWrite(const CaseState& c, const Actor& a, const DocumentType& t) {
  QC_RETURN_IF_ERROR(Authorize(a, Action::kActOnCase, CaseResource(c)));
  if (IsTerminal(c.status)) return Illegal("案件已终结（" + std::string(Label(c.status)) + "），不能再制作文书");
  if (c.archive) return Illegal("案卷已归档封存");
  bool stage_ok = false, procedure_ok = false;
  std::string stages;
  for (Stage s : t.stages) {
    stage_ok = stage_ok || s == c.stage;
    stages += std::string(stages.empty() ? "" : "、") + std::string(Label(s));
  }
  for (Procedure p : t.procedures) procedure_ok = procedure_ok || p == c.procedure;
  if (!stage_ok) return Illegal(t.name + "在" + stages + "阶段制作（当前阶段：" + std::string(Label(c.stage)) + "）");
  if (!procedure_ok) return Illegal(t.name + "不适用" + std::string(Label(c.procedure)));
  return Status();
}

StatusOr<const Document*> Draft(const CaseState& c, const std::string& id) {
  const Document* d = FindDocument(c, id);
  if (d == nullptr) return Status::NotFound("文书不存在", "document_id");
  if (d->status == "issued") return Illegal("文书已签发，不能修改；依法更正须另行登记更正（第三十八条）");
  if (d->status == "awaiting_approval") return Illegal("文书正在审批中，待审批办结后再修改");
  return d;
}

EventDraft Issued(const CaseState& c, const Document& d,
                  const std::optional<std::pair<std::string, std::string>>& number) {
  EventDraft out{"DocumentIssued", {{"document_id", d.id}, {"version", d.version}}, std::nullopt};
  if (number)
    out.number = NumberRequest{"number", c.body_id.empty() ? c.unit_id : c.body_id, number->first, number->second};
  return out;
}

}  // namespace

DocumentRules RulesOf(const DocumentType& t) {
  DocumentRules r;
  r.officers_sign = t.officers_sign;
  r.signers = t.signers;
  r.party_signature = t.party_signature;
  r.av = t.av;
  r.approval = t.approval;
  r.completes = t.completes;
  r.completes_field = t.completes_field;
  r.completes_values = t.completes_values;
  r.served = t.served;
  r.deadlines = t.deadlines;
  return r;
}

namespace {

Json RulesJson(const DocumentRules& r) {
  Json j = {{"officers_sign", r.officers_sign},
            {"signers", Strings(r.signers)},
            {"party_signature", r.party_signature},
            {"av", r.av},
            {"approval", r.approval},
            {"served", r.served},
            {"completes", r.completes}};
  if (!r.completes_field.empty())
    j["completes_when"] = {{"field", r.completes_field}, {"values", Strings(r.completes_values)}};
  if (!r.deadlines.empty()) {
    Json ds = Json::array();
    for (const auto& d : r.deadlines) {
      Json x = {{"kind", d.kind}, {"label", d.label}, {"law", d.law},
                {"from", d.from}, {"days", d.days},   {"until", d.until}};
      if (!d.field.empty()) x["field"] = d.field;
      if (!d.days_field.empty()) x["days_field"] = d.days_field;
      if (d.working_days) x["working_days"] = true;
      ds.push_back(std::move(x));
    }
    j["deadlines"] = std::move(ds);
  }
  return j;
}

DocumentRules ReadRules(const Json& j) {
  DocumentRules r;
  if (!j.is_object()) return r;
  r.officers_sign = j.value("officers_sign", 0);
  r.signers = StrList(j, "signers");
  r.party_signature = j.value("party_signature", "none");
  r.av = j.value("av", "none");
  r.approval = j.value("approval", "none");
  r.completes = j.value("completes", "none");
  r.served = j.value("served", false);
  if (j.contains("completes_when") && j["completes_when"].is_object()) {
    r.completes_field = Str(j["completes_when"], "field");
    r.completes_values = StrList(j["completes_when"], "values");
  }
  if (j.contains("deadlines") && j["deadlines"].is_array())
    for (const auto& x : j["deadlines"]) {
      if (!x.is_object()) continue;
      DeadlineSpec d;
      d.kind = Str(x, "kind");
      d.label = Str(x, "label");
      d.law = Str(x, "law");
      d.from = x.value("from", "issued");
      d.field = Str(x, "field");
      d.days = x.value("days", 0);
      d.days_field = Str(x, "days_field");
      d.working_days = x.value("working_days", false);
      d.until = Str(x, "until");
      r.deadlines.push_back(std::move(d));
    }
  return r;
}

Json SignatureJson(const DocumentSignature& s, int current_version) {
  static const std::pair<const char*, const char*> kLabels[] = {
      {"officer", "执法人员"}, {"party", "当事人"},    {"witness", "见证人"}, {"interpreter", "翻译人员"},
      {"recorder", "记录人"},  {"guardian", "监护人"}, {"server", "送达人"},  {"recipient", "受送达人"}};
  std::string label = s.role;
  for (const auto& [k, v] : kLabels)
    if (s.role == k) label = v;
  Json j = {{"seq", s.seq},
            {"role", s.role},
            {"role_label", label},
            {"name", s.name},
            {"party", s.party ? Json(*s.party) : Json(nullptr)},
            {"user_id", s.user_id.empty() ? Json(nullptr) : Json(s.user_id)},
            {"cert_no", s.cert_no.empty() ? Json(nullptr) : Json(s.cert_no)},
            {"auxiliary", s.auxiliary},
            {"refused", s.refused.has_value()},
            {"image_sha256", s.image_sha256.empty() ? Json(nullptr) : Json(s.image_sha256)},
            {"certificates_seen", s.certificates_seen},
            {"version", s.version},
            {"content_sha256", s.content_sha256},
            {"current", s.version == current_version}};
  if (s.refused) {
    j["reason"] = s.refused->reason;
    j["witnesses"] = Strings(s.refused->witnesses);
    j["media"] = Strings(s.refused->media);
  }
  PutAtBy(j, s.at, s.by);
  return j;
}

}  // namespace

bool Document::Served() const {
  return std::any_of(services.begin(), services.end(), [](const auto& s) { return s.outcome == "served"; });
}

bool Document::Completes(std::string_view what) const {
  if (status != "issued" || rules.completes != what) return false;
  if (rules.completes_field.empty()) return true;
  const std::string v = fields.value(rules.completes_field, "");
  return std::find(rules.completes_values.begin(), rules.completes_values.end(), v) != rules.completes_values.end();
}

Json RequirementsJson(const Document& d) {
  return {{"officers_sign", d.rules.officers_sign},
          {"officer_signatures", CountOfficerSignatures(d)},
          {"party_signature", d.rules.party_signature},
          {"party_signed", PartySigned(d)},
          {"av", d.rules.av},
          {"footage_missing", d.rules.av == "mandatory" && d.footage.empty()},
          {"served", d.rules.served},
          {"service_done", d.Served()}};
}

Json SummaryJson(const Document& d) {
  Json j = Json::object();
  j["id"] = d.id;
  j["type"] = d.type;
  j["name"] = d.name;
  j["status"] = d.status;
  j["stage"] = ToString(d.stage);
  j["version"] = d.version;
  j["number"] = d.number ? Json(*d.number) : Json(nullptr);
  j["drafted_at"] = FormatRfc3339(d.drafted_at);
  j["drafted_by"] = ActorRefJson(d.drafted_by);
  j["updated_at"] = FormatRfc3339(d.updated_at);
  j["issued_at"] = TimeOrNull(d.issued_at);
  j["signed"] = PartySigned(d);
  j["served"] = d.Served();
  j["requirements"] = RequirementsJson(d);
  return j;
}

Json ToJson(const Document& d) {
  Json j = Json::object();
  j["id"] = d.id;
  j["type"] = d.type;
  j["name"] = d.name;
  j["status"] = d.status;
  j["stage"] = ToString(d.stage);
  j["version"] = d.version;
  j["fields"] = d.fields;
  j["number"] = d.number ? Json(*d.number) : Json(nullptr);
  j["drafted_at"] = FormatRfc3339(d.drafted_at);
  j["drafted_by"] = ActorRefJson(d.drafted_by);
  j["updated_at"] = FormatRfc3339(d.updated_at);
  j["issued_at"] = TimeOrNull(d.issued_at);
  j["issued_by"] = d.issued_by ? ActorRefJson(*d.issued_by) : Json(nullptr);
  j["rules"] = RulesJson(d.rules);
  Json versions = Json::array();
  for (const auto& v : d.versions) {
    Json jv = {{"version", v.version}, {"fields", v.fields}};
    PutAtBy(jv, v.at, v.by);
    versions.push_back(std::move(jv));
  }
  j["versions"] = std::move(versions);
  Json sigs = Json::array();
  for (const auto& s : d.signatures) sigs.push_back(SignatureJson(s, d.version));
  j["signatures"] = std::move(sigs);
  Json services = Json::array();
  for (const auto& s : d.services) services.push_back(ToJson(s));
  j["services"] = std::move(services);
  Json corrections = Json::array();
  for (const auto& x : d.corrections) {
    Json jc = {{"approval_id", x.approval_id},
               {"corrects_version", x.corrects_version},
               {"version", x.version},
               {"reason", x.reason},
               {"changed", Strings(x.changed)}};
    PutAtBy(jc, x.at, x.by);
    corrections.push_back(std::move(jc));
  }
  j["corrections"] = std::move(corrections);
  j["footage"] = Strings(d.footage);
  j["signed"] = PartySigned(d);
  j["served"] = d.Served();
  j["requirements"] = RequirementsJson(d);
  return j;
}

const Document* FindDocument(const CaseState& c, const std::string& id) {
  for (const auto& d : c.documents)
    if (d.id == id) return &d;
  return nullptr;
}

Status ApplyDocumentDrafted(CaseState& c, const Json& data, TimePoint at, const ActorRef& by) {
  Document d;
  d.id = Str(data, "document_id");
  d.type = Str(data, "type");
  d.name = Str(data, "name");
  d.fields = data.value("fields", Json::object());
  d.version = data.value("version", 1);
  d.drafted_at = d.updated_at = at;
  d.drafted_by = by;
  d.stage = c.stage;
  d.rules = ReadRules(data.value("rules", Json::object()));
  d.footage = StrList(data, "footage");
  d.versions.push_back({d.version, d.fields, at, by});
  if (d.id.empty() || FindDocument(c, d.id)) return Status::Internal("DocumentDrafted: document_id");
  c.documents.push_back(std::move(d));
  return Status();
}

Status ApplyDocumentRevised(CaseState& c, const Json& data, TimePoint at, const ActorRef& by) {
  Document* d = FindMutable(c, Str(data, "document_id"));
  if (d == nullptr) return Status::Internal("DocumentRevised: document_id");
  d->fields = data.value("fields", Json::object());
  d->footage = StrList(data, "footage");
  d->version = data.value("version", d->version + 1);
  d->updated_at = at;
  d->versions.push_back({d->version, d->fields, at, by});
  return Status();
}

Status ApplyDocumentCorrected(CaseState& c, const Json& data, TimePoint at, const ActorRef& by) {
  Document* d = FindMutable(c, Str(data, "document_id"));
  if (d == nullptr || d->status != "issued") return Status::Internal("DocumentCorrected: document_id");
  DocumentCorrection x;
  x.approval_id = Str(data, "approval_id");
  x.reason = Str(data, "reason");
  x.corrects_version = data.value("corrects_version", d->version);
  x.version = data.value("version", d->version + 1);
  x.changed = StrList(data, "changed");
  x.at = at;
  x.by = by;
  d->fields = data.value("fields", Json::object());
  d->footage = StrList(data, "footage");
  d->version = x.version;
  d->updated_at = at;
  d->versions.push_back({d->version, d->fields, at, by});
  d->corrections.push_back(std::move(x));
  return Status();
}

Status ApplyDocumentIssued(CaseState& c, const Json& data, TimePoint at, const ActorRef& by) {
  Document* d = FindMutable(c, Str(data, "document_id"));
  if (d == nullptr) return Status::Internal("DocumentIssued: document_id");
  d->status = "issued";
  d->number = OptStr(data, "number");
  d->issued_at = d->updated_at = at;
  d->issued_by = by;
  return Status();
}

StatusOr<Drafts> DecideDraftDocument(const CaseState& c, const Actor& a, const DocumentType& t,
                                     const std::string& document_id, const Json& fields) {
  QC_RETURN_IF_ERROR(CheckMayWrite(c, a, t));
  QC_RETURN_IF_ERROR(CheckFields(c, t, fields));
  return Drafts{{"DocumentDrafted",
                 {{"document_id", document_id},
                  {"type", t.id},
                  {"name", t.name},
                  {"fields", fields},
                  {"version", 1},
                  {"footage", FootageOf(t, fields)},
                  {"rules", RulesJson(RulesOf(t))}}}};
}

StatusOr<Drafts> DecideReviseDocument(const CaseState& c, const Actor& a, const DocumentType& t,
                                      const std::string& document_id, const Json& fields) {
  QC_RETURN_IF_ERROR(CheckMayWrite(c, a, t));
  QC_ASSIGN_OR_RETURN(const Document* d, Draft(c, document_id));
  QC_RETURN_IF_ERROR(CheckFields(c, t, fields));
  return Drafts{
      {"DocumentRevised",
       {{"document_id", d->id}, {"fields", fields}, {"footage", FootageOf(t, fields)}, {"version", d->version + 1}}}};
}

StatusOr<Drafts> DecideIssueDocument(const CaseState& c, const Actor& a, const DocumentType& t,
                                     const std::string& document_id) {
  QC_RETURN_IF_ERROR(CheckMayWrite(c, a, t));
  QC_ASSIGN_OR_RETURN(const Document* d, Draft(c, document_id));
  if (t.approval != "none") return Illegal(t.name + "须经审批后签发：请提交审批（第七条、第二十一条）");
  QC_RETURN_IF_ERROR(CheckComplete(*d, t));
  return Drafts{Issued(c, *d, t.number)};
}

StatusOr<Drafts> DecideSubmitDocument(const CaseState& c, const Actor& a, const DocumentType& t,
                                      const std::string& document_id, const std::string& approval_id,
                                      const std::string& opinion) {
  QC_RETURN_IF_ERROR(CheckMayWrite(c, a, t));
  QC_ASSIGN_OR_RETURN(const Document* d, Draft(c, document_id));
  if (t.approval == "none") return Illegal(t.name + "无需审批，直接签发");
  if (c.open_approval() != nullptr) return Illegal("审批进行中，待审批办结后再提交");
  QC_RETURN_IF_ERROR(RequireText(opinion, "opinion", "承办人意见（第七条）", 2));
  Json proposal = {{"document_id", d->id}, {"version", d->version}, {"type", t.id}, {"name", t.name}};
  if (t.number) proposal["number"] = {{"series", t.number->first}, {"word", t.number->second}};
  // 行政处罚法第五十七条第二款: 情节复杂或者重大违法行为给予行政处罚，负责人应当集体讨论决定 (Art. 20).
  if (c.major && t.completes == "decision") proposal["collective_discussion"] = true;
  return Drafts{ApprovalSubmitted(c, approval_id, ApprovalKind::kDocument, opinion, std::move(proposal))};
}

EventDraft DocumentIssuedByApproval(const CaseState& c, const Json& proposal) {
  Document d;
  d.id = Str(proposal, "document_id");
  d.version = proposal.value("version", 1);
  std::optional<std::pair<std::string, std::string>> number;
  if (proposal.contains("number"))
    number = std::make_pair(Str(proposal["number"], "series"), Str(proposal["number"], "word"));
  return Issued(c, d, number);
}

}  // namespace qc::domain

namespace qc::domain {

StatusOr<std::vector<EventDraft>> DecideCorrectDocument(const CaseState& c, const Actor& a, const DocumentType& t,
                                                        const std::string& document_id, const std::string& approval_id,
                                                        const Json& fields, const std::string& reason,
                                                        const std::string& opinion) {
  QC_RETURN_IF_ERROR(Authorize(a, Action::kActOnCase, CaseResource(c)));
  if (c.archive) return Illegal("案卷已归档封存");
  const Document* d = FindDocument(c, document_id);
  if (d == nullptr) return Status::NotFound("文书不存在", "document_id");
  if (d->status != "issued") return Illegal("未签发的文书直接修改，无需更正");
  if (c.open_approval() != nullptr) return Illegal("审批进行中，待审批办结后再提交");
  QC_RETURN_IF_ERROR(RequireText(reason, "reason", "更正理由（第三十八条）", 4));
  QC_RETURN_IF_ERROR(RequireText(opinion, "opinion", "承办人意见（第七条）", 2));
  QC_RETURN_IF_ERROR(CheckFields(c, t, fields));
  Json changed = Json::array();
  for (const auto& f : t.fields) {
    bool before = d->fields.contains(f.name), after = fields.contains(f.name);
    if (before != after || (before && d->fields[f.name] != fields[f.name])) changed.push_back("fields." + f.name);
  }
  if (changed.empty()) return Status::InvalidArgument("invalid_field", "更正后的内容与原文书相同", "fields");
  Json proposal = {{"document_id", d->id},
                   {"corrects_version", d->version},
                   {"version", d->version + 1},
                   {"fields", fields},
                   {"footage", FootageOf(t, fields)},
                   {"reason", reason},
                   {"changed", std::move(changed)},
                   {"name", t.name}};
  return std::vector<EventDraft>{
      ApprovalSubmitted(c, approval_id, ApprovalKind::kCorrection, opinion, std::move(proposal))};
}

EventDraft DocumentCorrectedByApproval(const CaseState&, const std::string& approval_id, const Json& proposal) {
  Json data = proposal;
  data.erase("name");
  data["approval_id"] = approval_id;
  return {"DocumentCorrected", std::move(data)};
}

}  // namespace qc::domain
