#include "domain/documents.h"

#include "domain/authorization.h"
#include "domain/case_commands.h"
#include "domain/case_state.h"
#include "domain/event_json.h"
#include "domain/field_rules.h"

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

// Every `party` field names a party of the case (by its index).
Status CheckParties(const std::vector<FieldDef>& defs, const Json& obj, const std::string& path, size_t parties) {
  for (const auto& f : defs) {
    if (!obj.contains(f.name)) continue;
    const Json& v = obj[f.name];
    std::string p = path + "." + f.name;
    if (f.type == FieldType::kParty && v.is_number_integer() && v.get<int64_t>() >= static_cast<int64_t>(parties))
      return Status::InvalidArgument("invalid_field", f.label + "应为本案已登记的当事人", p);
    if (f.type == FieldType::kList && v.is_array())
      for (size_t i = 0; i < v.size(); ++i)
        QC_RETURN_IF_ERROR(CheckParties(f.columns, v[i], p + "[" + std::to_string(i) + "]", parties));
  }
  return Status();
}

Status CheckFields(const CaseState& c, const DocumentType& t, const Json& fields) {
  QC_RETURN_IF_ERROR(CheckRecordFields(t, fields));
  return CheckParties(t.fields, fields, "fields", c.parties.size());
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

Json ToJson(const Document& d) {
  Json j = Json::object();
  j["id"] = d.id;
  j["type"] = d.type;
  j["name"] = d.name;
  j["status"] = d.status;
  j["version"] = d.version;
  j["fields"] = d.fields;
  j["number"] = d.number ? Json(*d.number) : Json(nullptr);
  j["drafted_at"] = FormatRfc3339(d.drafted_at);
  j["drafted_by"] = ActorRefJson(d.drafted_by);
  j["updated_at"] = FormatRfc3339(d.updated_at);
  j["issued_at"] = TimeOrNull(d.issued_at);
  j["issued_by"] = d.issued_by ? ActorRefJson(*d.issued_by) : Json(nullptr);
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
  if (d.id.empty() || FindDocument(c, d.id)) return Status::Internal("DocumentDrafted: document_id");
  c.documents.push_back(std::move(d));
  return Status();
}

Status ApplyDocumentRevised(CaseState& c, const Json& data, TimePoint at) {
  Document* d = FindMutable(c, Str(data, "document_id"));
  if (d == nullptr) return Status::Internal("DocumentRevised: document_id");
  d->fields = data.value("fields", Json::object());
  d->version = data.value("version", d->version + 1);
  d->updated_at = at;
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
                 {{"document_id", document_id}, {"type", t.id}, {"name", t.name}, {"fields", fields}, {"version", 1}}}};
}

StatusOr<Drafts> DecideReviseDocument(const CaseState& c, const Actor& a, const DocumentType& t,
                                      const std::string& document_id, const Json& fields) {
  QC_RETURN_IF_ERROR(CheckMayWrite(c, a, t));
  QC_ASSIGN_OR_RETURN(const Document* d, Draft(c, document_id));
  QC_RETURN_IF_ERROR(CheckFields(c, t, fields));
  return Drafts{{"DocumentRevised", {{"document_id", d->id}, {"fields", fields}, {"version", d->version + 1}}}};
}

StatusOr<Drafts> DecideIssueDocument(const CaseState& c, const Actor& a, const DocumentType& t,
                                     const std::string& document_id) {
  QC_RETURN_IF_ERROR(CheckMayWrite(c, a, t));
  QC_ASSIGN_OR_RETURN(const Document* d, Draft(c, document_id));
  if (t.approval != "none") return Illegal(t.name + "须经审批后签发：请提交审批（第七条、第二十一条）");
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
  Json proposal = {{"document_id", d->id}, {"version", d->version}, {"type", t.id}};
  if (t.number) proposal["number"] = {{"series", t.number->first}, {"word", t.number->second}};
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
