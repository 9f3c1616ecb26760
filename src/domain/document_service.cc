// Service of an issued record (Art. 24–28), each method with the facts the measures ask it to record:
//
//   direct     直接送达  the recipient or lawful signer (relation) and their signature on the 送达回证 (Art. 24)
//   mail       邮寄送达  registered mail: tracking number, posting time, posting receipt; the return
//                        receipt once delivered (Art. 25)
//   left       留置送达  the refusal, the place it was left, the server's signature (the account), the
//                        footage of the course — mandatory — and witnesses where present (Art. 26)
//   public     公告送达  only after another method failed: why every other failed, the medium and
//                        carrier, the period, the notice kept, the footage (Art. 27)
//   fax/email  传真/电子邮件  with the party's consent (行政处罚法第六十一条), the number or address, the course
//   entrusted  委托送达  the entrusted body and the course; forwarded 转交 the body it went through (Art. 28)
//
// A failed attempt is recorded too (outcome `failed`, with its reason): 公告送达 stands on them.
//
//   DocumentServiceRecorded {document_id, seq, method, outcome, served_at, recipient, party,
//                            failure_reason?, facts, media}
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

constexpr std::pair<const char*, const char*> kMethods[] = {
    {"direct", "直接送达"}, {"mail", "邮寄送达"},      {"left", "留置送达"},      {"public", "公告送达"},
    {"fax", "传真送达"},    {"email", "电子邮件送达"}, {"entrusted", "委托送达"}, {"forwarded", "转交送达"}};

std::string MethodLabel(const std::string& m) {
  for (const auto& [k, v] : kMethods)
    if (m == k) return v;
  return m;
}

Status Missing(const std::string& field, const std::string& what) {
  return Status::InvalidArgument("missing_field", what, field);
}

// A string fact, required or not, copied into `out`.
Status TextFact(const Json& in, Json& out, const char* key, const std::string& what, bool required) {
  if (!in.contains(key) || (in[key].is_string() && in[key].get<std::string>().empty())) {
    if (required) return Missing(key, "请填写" + what);
    return Status();
  }
  if (!in[key].is_string()) return Status::InvalidArgument("invalid_field", what + "应为文字", key);
  QC_RETURN_IF_ERROR(RequireText(in[key].get<std::string>(), key, what, 2));
  out[key] = in[key];
  return Status();
}

// A record of the case (a scanned receipt, a notice), by id.
Status RecordFact(const CaseState& c, const Json& in, Json& out, const char* key, const std::string& what,
                  bool required) {
  if (!in.contains(key) || in[key].is_null()) return required ? Missing(key, "请上传并选择" + what) : Status();
  if (!in[key].is_string() || FindMedia(c, in[key].get<std::string>()) == nullptr)
    return Status::InvalidArgument("invalid_field", what + "应为本案已登记的附件或音像记录", key);
  out[key] = in[key];
  return Status();
}

Status CheckMedia(const CaseState& c, const std::vector<std::string>& media) {
  for (size_t i = 0; i < media.size(); ++i)
    if (FindMedia(c, media[i]) == nullptr)
      return Status::InvalidArgument("invalid_field", "应为本案已登记的音像记录", "media[" + std::to_string(i) + "]");
  return Status();
}

// The facts of `s.method`, checked and copied from the request's.
StatusOr<Json> MethodFacts(const CaseState& c, const Document& d, const DocumentService& s) {
  const Json& in = s.facts;
  Json out = Json::object();
  bool served = s.outcome == "served";
  const std::string& m = s.method;
  if (m == "direct") {
    if (served) {
      QC_RETURN_IF_ERROR(RequireOneOf(
          in.value("relation", ""), {"self", "family", "legal_representative", "agent", "receiving_office"}, "relation",
          "签收人身份（本人、同住成年家属、法定代表人或负责人、代理人、收发部门）"));
      out["relation"] = in["relation"];
      if (Str(in, "image_sha256").empty()) return Missing("image", "请由签收人在送达回证上手写签名（第二十四条）");
      out["image_sha256"] = in["image_sha256"];
    }
  } else if (m == "mail") {
    QC_RETURN_IF_ERROR(TextFact(in, out, "tracking_no", "挂号信邮件号码（第二十五条）", true));
    if (!in.contains("posted_at")) return Missing("posted_at", "请填写交寄时间");
    out["posted_at"] = in["posted_at"];
    QC_RETURN_IF_ERROR(RecordFact(c, in, out, "posting_receipt", "邮寄凭证（第二十五条）", true));
    QC_RETURN_IF_ERROR(RecordFact(c, in, out, "return_receipt", "回执（第二十五条）", served));
  } else if (m == "left") {
    if (!served) return Status::InvalidArgument("invalid_field", "留置送达即为送达，不能记录为未送达", "outcome");
    QC_RETURN_IF_ERROR(TextFact(in, out, "refusal_reason", "拒收事由（第二十六条）", true));
    QC_RETURN_IF_ERROR(TextFact(in, out, "place", "留置地点（受送达人的住所）", true));
    if (s.media.empty()) return Missing("media", "留置送达须以音像记录送达过程（第二十六条）");
    if (in.contains("witnesses")) out["witnesses"] = Strings(StrList(in, "witnesses"));
  } else if (m == "public") {
    bool failed_before = std::any_of(d.services.begin(), d.services.end(),
                                     [](const DocumentService& x) { return x.outcome == "failed"; });
    if (!failed_before)
      return Status::Conflict("missing_record",
                              "公告送达须在其他送达方式无法送达后采用：请先登记未能送达的经过（第二十七条）", "method");
    QC_RETURN_IF_ERROR(TextFact(in, out, "other_methods_failed", "穷尽其他送达方式无法送达的情况（第二十七条）", true));
    QC_RETURN_IF_ERROR(TextFact(in, out, "medium", "公告方式和载体（第二十七条）", true));
    if (!in.contains("period_days") || !in["period_days"].is_number_integer() || in["period_days"].get<int>() < 1 ||
        in["period_days"].get<int>() > 90)
      return Status::InvalidArgument("invalid_field", "公告期应为 1–90 日", "period_days");
    out["period_days"] = in["period_days"];
    QC_RETURN_IF_ERROR(RecordFact(c, in, out, "notice", "留存的书面公告（第二十七条）", true));
    if (s.media.empty()) return Missing("media", "公告送达应以适当方式进行音像记录（第二十七条）");
  } else if (m == "fax" || m == "email") {
    if (in.value("consent", false) != true)
      return Missing("consent", "传真、电子邮件送达须经当事人同意并签订确认书（行政处罚法第六十一条）");
    out["consent"] = true;
    QC_RETURN_IF_ERROR(TextFact(in, out, "address", m == "fax" ? "传真号码" : "电子邮箱", true));
    QC_RETURN_IF_ERROR(RecordFact(c, in, out, "confirmation", "送达确认书或发送记录", false));
    QC_RETURN_IF_ERROR(TextFact(in, out, "course", "送达经过（第二十八条）", true));
  } else if (m == "entrusted" || m == "forwarded") {
    QC_RETURN_IF_ERROR(
        TextFact(in, out, m == "entrusted" ? "entrusted_to" : "via", m == "entrusted" ? "受托机关" : "转交机关", true));
    QC_RETURN_IF_ERROR(RecordFact(c, in, out, "receipt", "送达回证", false));
    QC_RETURN_IF_ERROR(TextFact(in, out, "course", "送达经过（第二十八条）", true));
  }
  return out;
}

}  // namespace

StatusOr<Drafts> DecideServeDocument(const CaseState& c, const Actor& a, const std::string& document_id,
                                     const DocumentService& s, TimePoint now) {
  QC_RETURN_IF_ERROR(Authorize(a, Action::kActOnCase, CaseResource(c)));
  if (c.archive) return Status::Conflict("illegal_transition", "案卷已归档封存");
  const Document* d = FindDocument(c, document_id);
  if (d == nullptr) return Status::NotFound("文书不存在", "document_id");
  if (!d->rules.served) return Status::Conflict("illegal_transition", d->name + "无需送达");
  if (d->status != "issued") return Status::Conflict("illegal_transition", "文书签发后才能送达");
  bool known =
      std::any_of(std::begin(kMethods), std::end(kMethods), [&](const auto& x) { return s.method == x.first; });
  if (!known)
    return Status::InvalidArgument("invalid_field", "送达方式应为直接、邮寄、留置、公告、传真、电子邮件、委托或转交",
                                   "method");
  QC_RETURN_IF_ERROR(RequireOneOf(s.outcome, {"served", "failed"}, "outcome", "送达结果（已送达 / 未能送达）"));
  QC_RETURN_IF_ERROR(RequirePast(s.served_at, now, "served_at", "送达时间"));
  if (d->issued_at && s.served_at < *d->issued_at)
    return Status::InvalidArgument("invalid_field", "送达时间不能早于文书签发时间", "served_at");
  QC_RETURN_IF_ERROR(RequireText(s.recipient, "recipient", "受送达人", 2));
  if (!s.party || *s.party < 0 || *s.party >= static_cast<int>(c.parties.size()))
    return Status::InvalidArgument("invalid_field", "请选择本案的受送达当事人", "party");
  if (s.outcome == "failed") QC_RETURN_IF_ERROR(RequireText(s.failure_reason, "failure_reason", "未能送达的原因", 2));
  QC_RETURN_IF_ERROR(CheckMedia(c, s.media));
  QC_ASSIGN_OR_RETURN(Json facts, MethodFacts(c, *d, s));
  Json data = {{"document_id", d->id},
               {"seq", static_cast<int>(d->services.size()) + 1},
               {"method", s.method},
               {"outcome", s.outcome},
               {"served_at", FormatRfc3339(s.served_at)},
               {"recipient", s.recipient},
               {"party", *s.party},
               {"facts", std::move(facts)},
               {"media", Strings(s.media)}};
  if (s.outcome == "failed") data["failure_reason"] = s.failure_reason;
  return Drafts{{"DocumentServiceRecorded", std::move(data)}};
}

Status ApplyDocumentServiceRecorded(CaseState& c, const Json& data, TimePoint at, const ActorRef& by) {
  Document* d = nullptr;
  for (auto& x : c.documents)
    if (x.id == Str(data, "document_id")) d = &x;
  if (d == nullptr) return Status::Internal("DocumentServiceRecorded: document_id");
  DocumentService s;
  s.seq = data.value("seq", static_cast<int>(d->services.size()) + 1);
  s.method = Str(data, "method");
  s.outcome = Str(data, "outcome");
  s.served_at = ReqTime(data, "served_at");
  s.recipient = Str(data, "recipient");
  if (data.contains("party") && data["party"].is_number_integer()) s.party = data["party"].get<int>();
  s.failure_reason = Str(data, "failure_reason");
  s.facts = data.value("facts", Json::object());
  s.media = StrList(data, "media");
  s.at = at;
  s.by = by;
  d->services.push_back(std::move(s));
  return Status();
}

Json ToJson(const DocumentService& s) {
  Json j = {{"seq", s.seq},
            {"method", s.method},
            {"method_label", MethodLabel(s.method)},
            {"outcome", s.outcome},
            {"outcome_label", s.outcome == "served" ? "已送达" : "未能送达"},
            {"served_at", FormatRfc3339(s.served_at)},
            {"recipient", s.recipient},
            {"party", s.party ? Json(*s.party) : Json(nullptr)},
            {"failure_reason", s.failure_reason.empty() ? Json(nullptr) : Json(s.failure_reason)},
            {"facts", s.facts},
            {"media", Strings(s.media)}};
  PutAtBy(j, s.at, s.by);
  return j;
}

}  // namespace qc::domain
