// Signatures on the written records (Art. 12; 行政处罚法第五十五条: 笔录经当事人核对无误后签名或者
// 盖章，拒绝签名的，执法人员应当在笔录中注明): who signs, binding the version signed, and the refusal
// with its reason and its witnesses or footage.
//
//   DocumentSigned           {document_id, seq, version, content_sha256, role, name, party?, user_id?,
//                             cert_no?, auxiliary?, image_sha256?, certificates_seen?}
//   DocumentSignatureRefused {document_id, seq, version, content_sha256, role, name, party?, reason,
//                             witnesses, media}
#include <algorithm>

#include "domain/authorization.h"
#include "domain/case_state.h"
#include "domain/documents.h"
#include "domain/event_json.h"
#include "domain/field_rules.h"
#include "domain/media.h"

namespace qc::domain {
namespace {

using Drafts = std::vector<EventDraft>;
using namespace event_json;  // NOLINT(build/namespaces)

Status Illegal(const std::string& message, const std::string& field = "") {
  return Status::Conflict("illegal_transition", message, field);
}

// The roles that sign through the officer's own account.
bool SignsByAccount(const std::string& role) { return role == "officer" || role == "server"; }
// The roles that may refuse: the person the record is about or served on.
bool MayRefuse(const std::string& role) { return role == "party" || role == "guardian" || role == "recipient"; }

Status CheckRefusal(const CaseState& c, const Refusal& r) {
  QC_RETURN_IF_ERROR(RequireText(r.reason, "refused.reason", "拒绝签名的情况和理由", 2));
  if (r.witnesses.empty() && r.media.empty())
    return Status::InvalidArgument("missing_field", "拒绝签名须有见证人签名或者音像记录佐证（第十二条）",
                                   "refused.witnesses");
  for (size_t i = 0; i < r.witnesses.size(); ++i)
    QC_RETURN_IF_ERROR(RequireText(r.witnesses[i], "refused.witnesses[" + std::to_string(i) + "]", "见证人姓名", 2));
  for (size_t i = 0; i < r.media.size(); ++i)
    if (FindMedia(c, r.media[i]) == nullptr)
      return Status::InvalidArgument("invalid_field", "应为本案已登记的音像记录",
                                     "refused.media[" + std::to_string(i) + "]");
  return Status();
}

}  // namespace

StatusOr<Drafts> DecideSignDocument(const CaseState& c, const Actor& a, const std::string& document_id,
                                    const DocumentSignature& s, const std::string& content_sha256) {
  QC_RETURN_IF_ERROR(Authorize(a, Action::kActOnCase, CaseResource(c)));
  if (c.archive) return Illegal("案卷已归档封存");
  const Document* d = FindDocument(c, document_id);
  if (d == nullptr) return Status::NotFound("文书不存在", "document_id");
  if (d->status == "awaiting_approval") return Illegal("文书正在审批中，待审批办结后再签名");
  const auto& signers = d->rules.signers;
  bool known = s.role == "officer" || std::find(signers.begin(), signers.end(), s.role) != signers.end();
  if (!known) {
    std::string list = "执法人员";
    for (const auto& r : signers) list += "、" + r;
    return Status::InvalidArgument("invalid_field", d->name + "的签名人为：" + list, "role");
  }
  Json data = {{"document_id", d->id},
               {"seq", static_cast<int>(d->signatures.size()) + 1},
               {"version", d->version},
               {"content_sha256", content_sha256},
               {"role", s.role}};
  if (SignsByAccount(s.role)) {
    // An officer signs as themself, once per version: their name and 执法证件编号 from the case.
    const CaseOfficer* o = nullptr;
    for (const auto& x : c.officers)
      if (x.user_id == a.user_id) o = &x;
    if (o == nullptr) return Status::PermissionDenied("只有本案执法人员可以作为执法人员或送达人签名");
    for (const auto& x : d->signatures)
      if (x.user_id == a.user_id && x.role == s.role && x.version == d->version)
        return Status::Conflict("already_signed", "您已在此版本上签名", "role");
    if (s.refused) return Status::InvalidArgument("invalid_field", "执法人员不能拒绝签名", "refused");
    data["name"] = o->name;
    data["user_id"] = o->user_id;
    if (!o->cert_no.empty()) data["cert_no"] = o->cert_no;
    if (o->auxiliary) data["auxiliary"] = true;
    return Drafts{{"DocumentSigned", std::move(data)}};
  }
  QC_RETURN_IF_ERROR(RequireText(s.name, "name", "签名人姓名", 2));
  data["name"] = s.name;
  if (s.role == "party" || s.role == "guardian" || s.role == "recipient") {
    if (!s.party) return Status::InvalidArgument("missing_field", "请选择签名的当事人", "party");
    if (*s.party < 0 || *s.party >= static_cast<int>(c.parties.size()))
      return Status::InvalidArgument("invalid_field", "应为本案已登记的当事人", "party");
    data["party"] = *s.party;
  }
  if (s.refused) {
    if (!MayRefuse(s.role))
      return Status::InvalidArgument("invalid_field", "只有当事人、监护人或受送达人可以拒绝签名", "refused");
    QC_RETURN_IF_ERROR(CheckRefusal(c, *s.refused));
    data["reason"] = s.refused->reason;
    data["witnesses"] = Strings(s.refused->witnesses);
    data["media"] = Strings(s.refused->media);
    return Drafts{{"DocumentSignatureRefused", std::move(data)}};
  }
  if (s.image_sha256.empty()) return Status::InvalidArgument("missing_field", "请手写签名", "image");
  data["image_sha256"] = s.image_sha256;
  if (s.certificates_seen) data["certificates_seen"] = true;
  return Drafts{{"DocumentSigned", std::move(data)}};
}

Status ApplyDocumentSigned(CaseState& c, const Json& data, TimePoint at, const ActorRef& by) {
  Document* d = nullptr;
  for (auto& x : c.documents)
    if (x.id == Str(data, "document_id")) d = &x;
  if (d == nullptr) return Status::Internal("DocumentSigned: document_id");
  DocumentSignature s;
  s.seq = data.value("seq", static_cast<int>(d->signatures.size()) + 1);
  s.role = Str(data, "role");
  s.name = Str(data, "name");
  if (data.contains("party") && data["party"].is_number_integer()) s.party = data["party"].get<int>();
  s.user_id = Str(data, "user_id");
  s.cert_no = Str(data, "cert_no");
  s.auxiliary = data.value("auxiliary", false);
  s.image_sha256 = Str(data, "image_sha256");
  s.certificates_seen = data.value("certificates_seen", false);
  if (data.contains("reason"))
    s.refused = Refusal{Str(data, "reason"), StrList(data, "witnesses"), StrList(data, "media")};
  s.version = data.value("version", d->version);
  s.content_sha256 = Str(data, "content_sha256");
  s.at = at;
  s.by = by;
  d->signatures.push_back(std::move(s));
  return Status();
}

}  // namespace qc::domain
