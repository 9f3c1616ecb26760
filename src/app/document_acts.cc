// What happens to a record after it is written: signatures (a drawn signature stored in the blob store
// and bound to the record's content hash), service, and corrections through the chain
// (domain/documents.h).
#include "app/case_service.h"
#include "common/hex.h"
#include "crypto/base64.h"
#include "crypto/hash.h"

namespace qc::app {

using domain::Actor;
using Drafts = StatusOr<std::vector<domain::EventDraft>>;

namespace {

// A drawn signature: a PNG as a data URL or bare base64, at most kSignatureImageMax bytes.
StatusOr<std::string> DecodeSignatureImage(const std::string& field, const std::string& text) {
  std::string_view b64 = text;
  constexpr std::string_view kPrefix = "data:image/png;base64,";
  if (b64.starts_with("data:")) {
    if (!b64.starts_with(kPrefix)) return Status::InvalidArgument("invalid_field", "签名图片应为 PNG", field);
    b64.remove_prefix(kPrefix.size());
  }
  if (b64.size() > CaseService::kSignatureImageMax * 4 / 3 + 4)
    return Status::InvalidArgument("too_long", "签名图片不能超过 512 KiB", field);
  auto bytes = crypto::Base64Decode(b64);
  if (!bytes.ok()) return Status::InvalidArgument("invalid_field", "签名图片不是有效的 base64", field);
  if (!bytes->starts_with("\x89PNG\r\n\x1a\n"))
    return Status::InvalidArgument("invalid_field", "签名图片应为 PNG", field);
  if (bytes->size() > CaseService::kSignatureImageMax)
    return Status::InvalidArgument("too_long", "签名图片不能超过 512 KiB", field);
  return *std::move(bytes);
}

// SHA-256 of the record's content as signed: its canonical {type, version, number, fields}.
StatusOr<std::string> ContentHash(const domain::Document& d) {
  Json content = {{"type", d.type}, {"version", d.version}, {"fields", d.fields}};
  content["number"] = d.number ? Json(*d.number) : Json(nullptr);
  QC_ASSIGN_OR_RETURN(std::string text, CanonicalJson(content));
  return ToHex(crypto::Sha256(text));
}

}  // namespace

StatusOr<CommandResult> CaseService::SignDocument(const Actor& a, const std::string& case_id, const std::string& doc_id,
                                                  domain::DocumentSignature s, const std::string& image) {
  std::string png;
  if (!image.empty()) {
    QC_ASSIGN_OR_RETURN(png, DecodeSignatureImage("image", image));
    s.image_sha256 = ToHex(crypto::Sha256(png));
  }
  QC_ASSIGN_OR_RETURN(CommandResult r, ActOnCase(a, case_id, [&](const domain::CaseState& c) -> Drafts {
                        const domain::Document* d = domain::FindDocument(c, doc_id);
                        if (d == nullptr) return Status::NotFound("文书不存在", "document_id");
                        QC_ASSIGN_OR_RETURN(std::string hash, ContentHash(*d));
                        QC_ASSIGN_OR_RETURN(auto drafts, domain::DecideSignDocument(c, a, doc_id, s, hash));
                        // Stored once decided, before the event that names it is recorded.
                        if (!png.empty() && drafts.front().type == "DocumentSigned") {
                          StringReader in(png);
                          QC_RETURN_IF_ERROR(ctx_.blobs->Put(in).status());
                        }
                        return drafts;
                      }));
  return WithDocument(a, std::move(r), case_id, doc_id);
}

StatusOr<CommandResult> CaseService::ServeDocument(const Actor& a, const std::string& case_id,
                                                   const std::string& doc_id, domain::DocumentService s,
                                                   const std::string& image) {
  std::string png;
  if (!image.empty()) {
    QC_ASSIGN_OR_RETURN(png, DecodeSignatureImage("image", image));
    s.facts["image_sha256"] = ToHex(crypto::Sha256(png));
  }
  TimePoint now = ctx_.clock.Now();
  QC_ASSIGN_OR_RETURN(CommandResult r, ActOnCase(a, case_id, [&](const domain::CaseState& c) -> Drafts {
                        QC_ASSIGN_OR_RETURN(auto drafts, domain::DecideServeDocument(c, a, doc_id, s, now));
                        if (!png.empty() && drafts.front().data["facts"].contains("image_sha256")) {
                          StringReader in(png);
                          QC_RETURN_IF_ERROR(ctx_.blobs->Put(in).status());
                        }
                        return drafts;
                      }));
  return WithDocument(a, std::move(r), case_id, doc_id);
}

StatusOr<CommandResult> CaseService::CorrectDocument(const Actor& a, const std::string& case_id,
                                                     const std::string& doc_id, const Json& fields,
                                                     const std::string& reason, const std::string& opinion) {
  std::string approval_id = crypto::TimeOrderedId("apv_", ctx_.clock.Now().time_since_epoch().count());
  QC_ASSIGN_OR_RETURN(CommandResult r, ActOnCase(a, case_id, [&](const domain::CaseState& c) -> Drafts {
                        const domain::Document* d = domain::FindDocument(c, doc_id);
                        if (d == nullptr) return Status::NotFound("文书不存在", "document_id");
                        const domain::DocumentType* t = ctx_.catalogue->Find(d->type);
                        if (t == nullptr)
                          return Status::Conflict("illegal_transition", "文书目录中已没有这种文书：" + d->type);
                        return domain::DecideCorrectDocument(c, a, *t, doc_id, approval_id, fields, reason, opinion);
                      }));
  return WithDocument(a, std::move(r), case_id, doc_id);
}

StatusOr<std::string> CaseService::SignatureImage(const Actor& a, const std::string& case_id, const std::string& doc_id,
                                                  int seq, bool service) {
  // Who may see the case may see its records.
  QC_ASSIGN_OR_RETURN(Json doc, GetDocument(a, case_id, doc_id));
  std::string sha;
  for (const auto& x : doc[service ? "services" : "signatures"])
    if (x["seq"] == seq) {
      const Json& v = service ? x["facts"].value("image_sha256", Json(nullptr)) : x["image_sha256"];
      if (v.is_string()) sha = v.get<std::string>();
    }
  if (sha.empty()) return Status::NotFound("没有这个手写签名", "seq");
  QC_ASSIGN_OR_RETURN(uint64_t size, ctx_.blobs->Size(sha));
  QC_ASSIGN_OR_RETURN(auto reader, ctx_.blobs->Open(sha, 0, size));
  std::string out(size, '\0');
  size_t at = 0;
  while (at < size) {
    QC_ASSIGN_OR_RETURN(size_t n, reader->Read(out.data() + at, size - at));
    if (n == 0) return Status::Internal("签名图片读取不完整");
    at += n;
  }
  return out;
}

}  // namespace qc::app
