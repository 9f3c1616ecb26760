// /api/v1/cases/{id}/documents: the written records of a case (issue 13), of the types of
// GET /api/v1/catalogue — drafted, revised, submitted or issued, signed, served and corrected — and
// the steps of an approval that record without deciding (专家论证, 集体讨论).
#include "http/handlers.h"
#include "http/input.h"

namespace qc::http {
namespace {

using domain::Action;

Response DocumentResponse(int status, const app::CommandResult& res) {
  return JsonResponse(
      status,
      {{"case", res.body["case"]}, {"document", res.body["document"]}, {"events", app::EventsJson(res.events)}});
}

// Party index of a signature or service.
std::optional<int> ReadPartyIndex(Reader& in) {
  if (!in.Has("party")) return std::nullopt;
  return static_cast<int>(in.Int("party", 0, 0, 999));
}

// POST …/signatures: {role, name?, party?, image? | refused: {reason, witnesses, media}, certificates_seen?}
StatusOr<std::pair<domain::DocumentSignature, std::string>> ReadSignature(const Json& body) {
  Reader in(body);
  domain::DocumentSignature s;
  s.role = in.Enum("role", kRequired,
                   {"officer", "party", "witness", "interpreter", "recorder", "guardian", "server", "recipient"});
  s.name = in.Str("name", kOptional, 50);
  s.party = ReadPartyIndex(in);
  std::string image = in.Str("image", kOptional, 800 * 1024);
  s.certificates_seen = in.Bool("certificates_seen", false);
  if (auto r = in.Object("refused", kOptional)) {
    domain::Refusal refusal;
    refusal.reason = r->Str("reason", kRequired, 500);
    refusal.witnesses = r->StrList("witnesses", kOptional, 10, 50);
    refusal.media = r->StrList("media", kOptional, 20, 64);
    in.Merge(r->Finish());
    s.refused = std::move(refusal);
    if (!image.empty()) in.Fail(Status::InvalidArgument("invalid_field", "拒绝签名时不附签名图片", "image"));
  }
  QC_RETURN_IF_ERROR(in.Finish());
  return std::make_pair(std::move(s), std::move(image));
}

// POST …/service: the common facts and each method's own (domain/document_service.cc checks them).
StatusOr<std::pair<domain::DocumentService, std::string>> ReadService(const Json& body) {
  Reader in(body);
  domain::DocumentService s;
  s.method =
      in.Enum("method", kRequired, {"direct", "mail", "left", "public", "fax", "email", "entrusted", "forwarded"});
  s.outcome = in.Enum("outcome", kOptional, {"served", "failed"}, "served");
  if (auto t = ReadTime(in, "served_at")) s.served_at = *t;
  if (!in.Has("served_at")) in.Fail(Status::InvalidArgument("missing_field", "请填写送达时间", "served_at"));
  s.recipient = in.Str("recipient", kRequired, 100);
  s.party = ReadPartyIndex(in);
  s.failure_reason = in.Str("failure_reason", kOptional, 500);
  s.media = in.StrList("media", kOptional, 20, 64);
  std::string image = in.Str("image", kOptional, 800 * 1024);
  for (const char* key : {"relation", "tracking_no", "posting_receipt", "return_receipt", "refusal_reason", "place",
                          "other_methods_failed", "medium", "notice", "address", "confirmation", "course",
                          "entrusted_to", "via", "receipt"})
    if (auto v = in.OptStr(key, 1000)) s.facts[key] = *v;
  if (auto t = ReadTime(in, "posted_at")) s.facts["posted_at"] = FormatRfc3339(*t);
  if (in.Has("period_days")) s.facts["period_days"] = in.Int("period_days", 0, 0, 365);
  if (auto consent = in.OptBool("consent")) s.facts["consent"] = *consent;
  if (in.Has("witnesses")) s.facts["witnesses"] = in.StrList("witnesses", kOptional, 10, 50);
  QC_RETURN_IF_ERROR(in.Finish());
  return std::make_pair(std::move(s), std::move(image));
}

}  // namespace

void RegisterDocumentRoutes(Router& r) {
  // 文书（issue 13 §2）: the written records of a case, of the types of GET /api/v1/catalogue.
  r.Add("GET", "/api/v1/cases/{id}/documents", Session(Action::kViewCase), [](Context& c) -> StatusOr<Response> {
    QC_RETURN_IF_ERROR(QueryReader(c.req.query).Finish());
    QC_ASSIGN_OR_RETURN(Json list, c.app.cases().ListDocuments(*c.actor, c.params["id"]));
    return JsonResponse(200, list);
  });
  r.Add("POST", "/api/v1/cases/{id}/documents", Session(Action::kActOnCase), [](Context& c) -> StatusOr<Response> {
    QC_ASSIGN_OR_RETURN(Json body, ParseBody(c.req));
    Reader in(body);
    std::string type = in.Str("type", kRequired, 64);
    in.Object("fields", kRequired);  // checked against the type's definition
    QC_RETURN_IF_ERROR(in.Finish());
    QC_ASSIGN_OR_RETURN(app::CommandResult res,
                        c.app.cases().DraftDocument(*c.actor, c.params["id"], type, body["fields"]));
    return DocumentResponse(201, res);
  });
  r.Add("GET", "/api/v1/cases/{id}/documents/{doc}", Session(Action::kViewCase), [](Context& c) -> StatusOr<Response> {
    QC_RETURN_IF_ERROR(QueryReader(c.req.query).Finish());
    QC_ASSIGN_OR_RETURN(Json doc, c.app.cases().GetDocument(*c.actor, c.params["id"], c.params["doc"]));
    return JsonResponse(200, {{"document", std::move(doc)}});
  });
  r.Add("PUT", "/api/v1/cases/{id}/documents/{doc}", Session(Action::kActOnCase), [](Context& c) -> StatusOr<Response> {
    QC_ASSIGN_OR_RETURN(Json body, ParseBody(c.req));
    Reader in(body);
    in.Object("fields", kRequired);
    QC_RETURN_IF_ERROR(in.Finish());
    QC_ASSIGN_OR_RETURN(app::CommandResult res,
                        c.app.cases().ReviseDocument(*c.actor, c.params["id"], c.params["doc"], body["fields"]));
    return DocumentResponse(200, res);
  });
  r.Add("POST", "/api/v1/cases/{id}/documents/{doc}/submit", Session(Action::kActOnCase),
        [](Context& c) -> StatusOr<Response> {
          QC_ASSIGN_OR_RETURN(Json body, ParseBody(c.req));
          Reader in(body);
          std::string opinion = in.Str("opinion", kRequired, 2000);
          QC_RETURN_IF_ERROR(in.Finish());
          QC_ASSIGN_OR_RETURN(app::CommandResult res,
                              c.app.cases().SubmitDocument(*c.actor, c.params["id"], c.params["doc"], opinion));
          return DocumentResponse(200, res);
        });
  r.Add("POST", "/api/v1/cases/{id}/documents/{doc}/issue", Session(Action::kActOnCase),
        [](Context& c) -> StatusOr<Response> {
          QC_ASSIGN_OR_RETURN(Json body, ParseBody(c.req));
          QC_RETURN_IF_ERROR(Reader(body).Finish());
          QC_ASSIGN_OR_RETURN(app::CommandResult res,
                              c.app.cases().IssueDocument(*c.actor, c.params["id"], c.params["doc"]));
          return DocumentResponse(200, res);
        });

  // 签名 / 拒绝签名（第十二条）
  r.Add("POST", "/api/v1/cases/{id}/documents/{doc}/signatures", Session(Action::kActOnCase),
        [](Context& c) -> StatusOr<Response> {
          QC_ASSIGN_OR_RETURN(Json body, ParseBody(c.req));
          QC_ASSIGN_OR_RETURN(auto sig, ReadSignature(body));
          QC_ASSIGN_OR_RETURN(
              app::CommandResult res,
              c.app.cases().SignDocument(*c.actor, c.params["id"], c.params["doc"], sig.first, sig.second));
          return DocumentResponse(201, res);
        });
  // A drawn signature: on the record (signatures) or on the 送达回证 of a direct service (service).
  for (bool service : {false, true}) {
    r.Add("GET",
          std::string("/api/v1/cases/{id}/documents/{doc}/") + (service ? "service" : "signatures") + "/{seq}/image",
          Session(Action::kViewCase), [service](Context& c) -> StatusOr<Response> {
            QC_RETURN_IF_ERROR(QueryReader(c.req.query).Finish());
            int seq = 0;
            for (char ch : c.params["seq"]) {
              if (ch < '0' || ch > '9' || seq > 100000) return Status::NotFound("没有这个手写签名", "seq");
              seq = seq * 10 + (ch - '0');
            }
            QC_ASSIGN_OR_RETURN(std::string png,
                                c.app.cases().SignatureImage(*c.actor, c.params["id"], c.params["doc"], seq, service));
            Response out;
            out.content_type = "image/png";
            out.body = std::move(png);
            out.headers.push_back({"Cache-Control", "private, max-age=86400, immutable"});
            return out;
          });
  }
  // 送达（第二十四至二十八条）
  r.Add("POST", "/api/v1/cases/{id}/documents/{doc}/service", Session(Action::kActOnCase),
        [](Context& c) -> StatusOr<Response> {
          QC_ASSIGN_OR_RETURN(Json body, ParseBody(c.req));
          QC_ASSIGN_OR_RETURN(auto sv, ReadService(body));
          QC_ASSIGN_OR_RETURN(
              app::CommandResult res,
              c.app.cases().ServeDocument(*c.actor, c.params["id"], c.params["doc"], sv.first, sv.second));
          return DocumentResponse(201, res);
        });
  // 更正（第三十八条）: through the chain
  r.Add("POST", "/api/v1/cases/{id}/documents/{doc}/corrections", Session(Action::kActOnCase),
        [](Context& c) -> StatusOr<Response> {
          QC_ASSIGN_OR_RETURN(Json body, ParseBody(c.req));
          Reader in(body);
          in.Object("fields", kRequired);
          std::string reason = in.Str("reason", kRequired, 1000);
          std::string opinion = in.Str("opinion", kRequired, 2000);
          QC_RETURN_IF_ERROR(in.Finish());
          QC_ASSIGN_OR_RETURN(app::CommandResult res,
                              c.app.cases().CorrectDocument(*c.actor, c.params["id"], c.params["doc"], body["fields"],
                                                            reason, opinion));
          return DocumentResponse(200, res);
        });

  // 专家论证（第十九条）and 集体讨论（第二十条）in an open approval.
  r.Add("POST", "/api/v1/approvals/{id}/expert-opinion", Session(Action::kDecideApprovalStep),
        [](Context& c) -> StatusOr<Response> {
          QC_ASSIGN_OR_RETURN(Json body, ParseBody(c.req));
          Reader in(body);
          domain::ExpertOpinion e;
          for (auto& x : in.Objects("experts", kRequired, 20)) {
            std::string name = x.Str("name", kRequired, 50);
            std::string title = x.Str("title", kOptional, 100);
            in.Merge(x.Finish());
            e.experts.emplace_back(std::move(name), std::move(title));
          }
          e.opinion = in.Str("opinion", kRequired, 5000);
          QC_RETURN_IF_ERROR(in.Finish());
          QC_ASSIGN_OR_RETURN(app::CommandResult res, c.app.cases().RecordExpertOpinion(*c.actor, c.params["id"], e));
          return CommandResponse(200, "case", res);
        });
  r.Add("POST", "/api/v1/approvals/{id}/collective-discussion", Session(Action::kDecideApprovalStep),
        [](Context& c) -> StatusOr<Response> {
          QC_ASSIGN_OR_RETURN(Json body, ParseBody(c.req));
          Reader in(body);
          domain::CollectiveDiscussion d;
          if (auto t = ReadTime(in, "held_at")) d.held_at = *t;
          if (!in.Has("held_at")) in.Fail(Status::InvalidArgument("missing_field", "请填写讨论时间", "held_at"));
          d.participants = in.StrList("participants", kRequired, 30, 50);
          d.discussion = in.Str("discussion", kRequired, 10000);
          d.conclusion = in.Str("conclusion", kRequired, 2000);
          QC_RETURN_IF_ERROR(in.Finish());
          QC_ASSIGN_OR_RETURN(app::CommandResult res,
                              c.app.cases().RecordCollectiveDiscussion(*c.actor, c.params["id"], d));
          return CommandResponse(200, "case", res);
        });
}

}  // namespace qc::http
