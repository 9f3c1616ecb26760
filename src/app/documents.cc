// The written records of a case: CaseService's document operations over domain/documents.h, each
// type looked up in the catalogue the app loaded.
#include "app/case_service.h"
#include "crypto/hash.h"
#include "domain/documents.h"
#include "store/case_repo.h"

namespace qc::app {

using domain::Actor;
using Drafts = StatusOr<std::vector<domain::EventDraft>>;

namespace {}  // namespace

StatusOr<Json> CaseService::ListDocuments(const Actor& a, const std::string& case_id) {
  QC_ASSIGN_OR_RETURN(Json c, GetCase(a, case_id));
  Json items = Json::array();
  for (auto d : c["documents"]) items.push_back(std::move(d));  // the case lists their summaries
  return Json{{"items", std::move(items)}};
}

StatusOr<Json> CaseService::GetDocument(const Actor& a, const std::string& case_id, const std::string& doc_id) {
  QC_ASSIGN_OR_RETURN(auto state, VisibleCaseState(a, case_id));
  const domain::Document* d = domain::FindDocument(*state, doc_id);
  if (d == nullptr) return Status::NotFound("文书不存在", "document_id");
  return domain::ToJson(*d);
}

StatusOr<std::shared_ptr<const domain::CaseState>> CaseService::VisibleCaseState(const Actor& a,
                                                                                 const std::string& id) {
  std::optional<store::CaseDetailRow> row;
  {
    auto db = ctx_.reads->Acquire();
    QC_ASSIGN_OR_RETURN(row, store::GetCaseDetail(*db, id));
  }
  if (!row) return Status::NotFound("案件不存在", "id");
  QC_RETURN_IF_ERROR(ctx_.Allow(a, domain::Action::kViewCase, domain::UnitResource(row->unit_id)));
  return CaseStateAt(id, row->last_index);
}

StatusOr<CommandResult> CaseService::WithDocument(const Actor& a, CommandResult r, const std::string& case_id,
                                                  const std::string& doc_id) {
  QC_ASSIGN_OR_RETURN(Json doc, GetDocument(a, case_id, doc_id));
  r.body = Json{{"case", std::move(r.body)}, {"document", std::move(doc)}};
  return r;
}

StatusOr<CommandResult> CaseService::DraftDocument(const Actor& a, const std::string& case_id, const std::string& type,
                                                   const Json& fields) {
  const domain::DocumentType* t = ctx_.catalogue->Find(type);
  if (t == nullptr) return Status::InvalidArgument("invalid_field", "文书目录中没有这种文书：" + type, "type");
  std::string doc_id = crypto::TimeOrderedId("doc_", ctx_.clock.Now().time_since_epoch().count());
  QC_ASSIGN_OR_RETURN(CommandResult r, ActOnCase(a, case_id, [&](const domain::CaseState& c) -> Drafts {
                        return domain::DecideDraftDocument(c, a, *t, doc_id, fields);
                      }));
  return WithDocument(a, std::move(r), case_id, doc_id);
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
  return WithDocument(a, std::move(r), case_id, doc_id);
}

StatusOr<CommandResult> CaseService::IssueDocument(const Actor& a, const std::string& case_id,
                                                   const std::string& doc_id) {
  QC_ASSIGN_OR_RETURN(CommandResult r, ActOnCase(a, case_id, [&](const domain::CaseState& c) -> Drafts {
                        QC_ASSIGN_OR_RETURN(auto* t, TypeOf(*ctx_.catalogue, c, doc_id));
                        return domain::DecideIssueDocument(c, a, *t, doc_id);
                      }));
  return WithDocument(a, std::move(r), case_id, doc_id);
}

StatusOr<CommandResult> CaseService::SubmitDocument(const Actor& a, const std::string& case_id,
                                                    const std::string& doc_id, const std::string& opinion) {
  std::string approval_id = crypto::TimeOrderedId("apv_", ctx_.clock.Now().time_since_epoch().count());
  QC_ASSIGN_OR_RETURN(CommandResult r, ActOnCase(a, case_id, [&](const domain::CaseState& c) -> Drafts {
                        QC_ASSIGN_OR_RETURN(auto* t, TypeOf(*ctx_.catalogue, c, doc_id));
                        return domain::DecideSubmitDocument(c, a, *t, doc_id, approval_id, opinion);
                      }));
  return WithDocument(a, std::move(r), case_id, doc_id);
}

}  // namespace qc::app
