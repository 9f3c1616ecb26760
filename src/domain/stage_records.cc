#include "domain/stage_records.h"

#include <stdexcept>

#include "domain/case_commands.h"
#include "domain/case_record.h"
#include "domain/documents.h"
#include "domain/event_json.h"
#include "domain/field_rules.h"

namespace qc::domain {
namespace {

using Drafts = std::vector<EventDraft>;
using namespace event_json;  // NOLINT(build/namespaces)

}  // namespace

Json EventData(const Decision& d) {
  Json j = Json::object();
  j["decision_no"] = d.decision_no;
  j["kind"] = d.kind;
  j["content"] = d.content;
  return j;
}
Json EventData(const Service& s) {
  Json j = Json::object();
  j["document_no"] = s.document_no;
  j["method"] = s.method;
  j["recipient"] = s.recipient;
  j["served_at"] = FormatRfc3339(s.served_at);
  j["proof"] = s.proof;
  if (s.note) j["note"] = *s.note;
  return j;
}
Json EventData(const Execution& e) {
  Json j = Json::object();
  j["manner"] = e.manner;
  j["note"] = e.note;
  j["completed_at"] = FormatRfc3339(e.completed_at);
  return j;
}
Json EventData(const Archive& a) {
  Json j = Json::object();
  j["archive_no"] = a.archive_no;
  if (a.note) j["note"] = *a.note;
  return j;
}
Json ToJson(const Decision& d) {
  Json j = EventData(d);
  PutAtBy(j, d.at, d.by);
  return j;
}
Json ToJson(const Service& s) {
  Json j = EventData(s);
  PutAtBy(j, s.at, s.by);
  return j;
}
Json ToJson(const Execution& e) {
  Json j = EventData(e);
  PutAtBy(j, e.at, e.by);
  return j;
}
Json ToJson(const Archive& a) {
  Json j = EventData(a);
  PutAtBy(j, a.at, a.by);
  return j;
}

Decision DecisionFromJson(const Json& j) {
  Object(j, "decision");
  return {Str(j, "decision_no"), Str(j, "kind"), Str(j, "content"), {}, {}};
}
Service ServiceFromJson(const Json& j) {
  Object(j, "service");
  return {Str(j, "document_no"),
          Str(j, "method"),
          Str(j, "recipient"),
          ReqTime(j, "served_at"),
          Str(j, "proof"),
          OptStr(j, "note"),
          {},
          {}};
}
Execution ExecutionFromJson(const Json& j) {
  Object(j, "execution");
  return {Str(j, "manner"), Str(j, "note"), ReqTime(j, "completed_at"), {}, {}};
}
Archive ArchiveFromJson(const Json& j) {
  Object(j, "archive");
  return {Str(j, "archive_no"), OptStr(j, "note"), {}, {}};
}

// The catalogue's records count beside the minimum records: an issued record that `completes` the
// decision (行政处罚决定书, …) is the decision, its successful service the service; one that completes the
// execution (履行情况记录 of a performance) the execution.
namespace {
const Document* CompletingDocument(const CaseState& c, std::string_view what, bool served = false) {
  for (const auto& d : c.documents)
    if (d.Completes(what) && (!served || d.Served())) return &d;
  return nullptr;
}
}  // namespace

bool DecisionIssued(const CaseState& c) {
  return c.decision.has_value() || c.on_the_spot.has_value() || CompletingDocument(c, "decision");
}
bool DecisionServed(const CaseState& c) {
  return c.on_the_spot.has_value() || !c.services.empty() || CompletingDocument(c, "decision", true);
}
bool DecisionExecuted(const CaseState& c) {
  if (c.execution || CompletingDocument(c, "execution")) return true;
  // A warning needs nothing more; a fine collected on the spot is paid (行政处罚法 第六十八条).
  return c.on_the_spot && (c.on_the_spot->penalty == "warning" || c.on_the_spot->collected);
}

std::optional<TimePoint> ActEndedAt(const CaseState& c) {
  if (c.closed_at) return c.closed_at;
  if (!DecisionServed(c) || !DecisionExecuted(c)) return std::nullopt;
  if (c.execution) return c.execution->completed_at;
  if (const Document* d = CompletingDocument(c, "execution")) return d->issued_at;
  return c.on_the_spot ? std::optional<TimePoint>(c.on_the_spot->at) : std::nullopt;
}

Status CheckStageMinimum(const CaseState& c) {
  auto missing = [](const std::string& what) {
    return Status::Conflict("missing_record", "离开本阶段须先有" + what + "（第四条）", "to");
  };
  if (c.stage == Stage::kReviewDecision && !DecisionIssued(c)) return missing("经负责人批准作出的处理决定");
  if (c.stage == Stage::kServiceExecution) {
    if (!DecisionServed(c)) return missing("处理决定的送达记录");
    if (!DecisionExecuted(c)) return missing("执行情况记录");
  }
  return Status();
}

StatusOr<Drafts> DecideSubmitDecision(const CaseState& c, const Actor& a, const std::string& approval_id,
                                      const Decision& d, const std::string& opinion) {
  QC_RETURN_IF_ERROR(CheckCommand(c, a, CaseCommand::kSubmitDecision));
  QC_RETURN_IF_ERROR(RequireText(d.decision_no, "decision_no", "决定书文号", 2));
  QC_RETURN_IF_ERROR(
      RequireOneOf(d.kind, {"penalty", "no_penalty", "other"}, "kind", "决定种类（行政处罚 / 不予行政处罚 / 其他）"));
  QC_RETURN_IF_ERROR(RequireText(d.content, "content", "决定内容（处罚种类和数额，或不予处罚的理由）", 4));
  QC_RETURN_IF_ERROR(RequireText(opinion, "opinion", "承办人意见（第七条）", 2));
  return Drafts{ApprovalSubmitted(c, approval_id, ApprovalKind::kDecision, opinion, EventData(d))};
}

StatusOr<Drafts> DecideRecordService(const CaseState& c, const Actor& a, const Service& s, TimePoint now) {
  QC_RETURN_IF_ERROR(CheckCommand(c, a, CaseCommand::kRecordService));
  QC_RETURN_IF_ERROR(RequireText(s.document_no, "document_no", "送达文书的文号", 2));
  QC_RETURN_IF_ERROR(RequireOneOf(s.method,
                                  {"direct", "service_by_leaving", "entrusted", "mail", "public_notice", "electronic"},
                                  "method", "送达方式（直接、留置、委托、邮寄、公告、电子）"));
  QC_RETURN_IF_ERROR(RequireText(s.recipient, "recipient", "受送达人", 2));
  QC_RETURN_IF_ERROR(RequirePast(s.served_at, now, "served_at", "送达时间"));
  QC_RETURN_IF_ERROR(RequireText(s.proof, "proof", "送达凭证（送达回证编号、邮件单号或公告载体）", 2));
  if (s.method == "service_by_leaving")
    QC_RETURN_IF_ERROR(RequireText(s.note.value_or(""), "note", "拒收事由、日期和见证人（第二十六条）", 4));
  if (s.method == "public_notice")
    QC_RETURN_IF_ERROR(
        RequireText(s.note.value_or(""), "note", "采用公告送达的原因（其他方式无法送达，第二十七条）", 4));
  return Drafts{{"DocumentServed", EventData(s)}};
}

StatusOr<Drafts> DecideRecordExecution(const CaseState& c, const Actor& a, const Execution& e, TimePoint now) {
  QC_RETURN_IF_ERROR(CheckCommand(c, a, CaseCommand::kRecordExecution));
  QC_RETURN_IF_ERROR(RequireOneOf(e.manner, {"performed", "enforced", "not_required"}, "manner",
                                  "执行方式（履行、强制执行、无需执行）"));
  QC_RETURN_IF_ERROR(RequireText(e.note, "note", "执行情况（如罚款缴纳的票据号）", 4));
  QC_RETURN_IF_ERROR(RequirePast(e.completed_at, now, "completed_at", "执行完毕时间"));
  return Drafts{{"ExecutionRecorded", EventData(e)}};
}

StatusOr<Drafts> DecideArchive(const CaseState& c, const Actor& a, const Archive& ar) {
  QC_RETURN_IF_ERROR(CheckCommand(c, a, CaseCommand::kArchiveCase));
  QC_RETURN_IF_ERROR(RequireText(ar.archive_no, "archive_no", "档案号", 2));
  return Drafts{{"CaseArchived", EventData(ar)}};
}

}  // namespace qc::domain
