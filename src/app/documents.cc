// The written records of a case: CaseService's document operations over domain/documents.h, each
// type looked up in the catalogue the app loaded.
#include "app/case_service.h"
#include "crypto/hash.h"
#include "domain/documents.h"

namespace qc::app {

using domain::Actor;
using Drafts = StatusOr<std::vector<domain::EventDraft>>;

namespace {

// The document `doc_id` of the case JSON, or NotFound.
StatusOr<Json> DocumentOf(const Json& c, const std::string& doc_id) {
  for (const auto& d : c["documents"])
    if (d["id"] == doc_id) return d;
  return Status::NotFound("文书不存在", "document_id");
}

}  // namespace

StatusOr<Json> CaseService::ListDocuments(const Actor& a, const std::string& case_id) {
  QC_ASSIGN_OR_RETURN(Json c, GetCase(a, case_id));
  Json items = Json::array();
  for (auto d : c["documents"]) {
    d.erase("fields");
    items.push_back(std::move(d));
  }
  return Json{{"items", std::move(items)}};
}

StatusOr<Json> CaseService::GetDocument(const Actor& a, const std::string& case_id, const std::string& doc_id) {
  QC_ASSIGN_OR_RETURN(Json c, GetCase(a, case_id));
  return DocumentOf(c, doc_id);
}

StatusOr<CommandResult> CaseService::DraftDocument(const Actor& a, const std::string& case_id, const std::string& type,
                                                   const Json& fields) {
  const domain::DocumentType* t = ctx_.catalogue->Find(type);
  if (t == nullptr) return Status::InvalidArgument("invalid_field", "文书目录中没有这种文书：" + type, "type");
  std::string doc_id = crypto::TimeOrderedId("doc_", ctx_.clock.Now().time_since_epoch().count());
  QC_ASSIGN_OR_RETURN(CommandResult r, ActOnCase(a, case_id, [&](const domain::CaseState& c) -> Drafts {
                        return domain::DecideDraftDocument(c, a, *t, doc_id, fields);
                      }));
  QC_ASSIGN_OR_RETURN(Json doc, DocumentOf(r.body, doc_id));
  r.body = Json{{"case", std::move(r.body)}, {"document", std::move(doc)}};
  return r;
}

namespace {

// The type of an existing record; a record whose type left the catalogue can no longer change.
StatusOr<const domain::DocumentType*> TypeOf(const domain::Catalogue& cat, const domain::CaseState& c,
                                             const std::string& doc_id) {
  const domain::Document* d = domain::FindDocument(c, doc_id);
  if (d == nullptr) return Status::NotFound("文书不存在", "document_id");
  const domain::DocumentType* t = cat.Find(d->type);
  if (t == nullptr) return Status::Conflict("illegal_transition", "文书目录中已没有这种文书：" + d->type);
  return t;
}

}  // namespace

StatusOr<CommandResult> CaseService::ReviseDocument(const Actor& a, const std::string& case_id,
                                                    const std::string& doc_id, const Json& fields) {
  QC_ASSIGN_OR_RETURN(CommandResult r, ActOnCase(a, case_id, [&](const domain::CaseState& c) -> Drafts {
                        QC_ASSIGN_OR_RETURN(auto* t, TypeOf(*ctx_.catalogue, c, doc_id));
                        return domain::DecideReviseDocument(c, a, *t, doc_id, fields);
                      }));
  QC_ASSIGN_OR_RETURN(Json doc, DocumentOf(r.body, doc_id));
  r.body = Json{{"case", std::move(r.body)}, {"document", std::move(doc)}};
  return r;
}

StatusOr<CommandResult> CaseService::IssueDocument(const Actor& a, const std::string& case_id,
                                                   const std::string& doc_id) {
  QC_ASSIGN_OR_RETURN(CommandResult r, ActOnCase(a, case_id, [&](const domain::CaseState& c) -> Drafts {
                        QC_ASSIGN_OR_RETURN(auto* t, TypeOf(*ctx_.catalogue, c, doc_id));
                        return domain::DecideIssueDocument(c, a, *t, doc_id);
                      }));
  QC_ASSIGN_OR_RETURN(Json doc, DocumentOf(r.body, doc_id));
  r.body = Json{{"case", std::move(r.body)}, {"document", std::move(doc)}};
  return r;
}

StatusOr<CommandResult> CaseService::SubmitDocument(const Actor& a, const std::string& case_id,
                                                    const std::string& doc_id, const std::string& opinion) {
  std::string approval_id = crypto::TimeOrderedId("apv_", ctx_.clock.Now().time_since_epoch().count());
  QC_ASSIGN_OR_RETURN(CommandResult r, ActOnCase(a, case_id, [&](const domain::CaseState& c) -> Drafts {
                        QC_ASSIGN_OR_RETURN(auto* t, TypeOf(*ctx_.catalogue, c, doc_id));
                        return domain::DecideSubmitDocument(c, a, *t, doc_id, approval_id, opinion);
                      }));
  QC_ASSIGN_OR_RETURN(Json doc, DocumentOf(r.body, doc_id));
  r.body = Json{{"case", std::move(r.body)}, {"document", std::move(doc)}};
  return r;
}

}  // namespace qc::app
