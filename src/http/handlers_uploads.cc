// /api/v1/uploads/: the tus 1.0 resumable upload protocol (core, creation, creation-with-upload,
// checksum with sha1/sha256/sm3, expiration, termination), https://tus.io/protocols/resumable-upload.
// The bodies of POST and PATCH are streamed (BodySink): a multi-GB upload never sits in memory.
#include <ctime>

#include "crypto/base64.h"
#include "http/handlers.h"
#include "http/input.h"

namespace qc::http {
namespace {

using domain::Action;

constexpr const char* kTusVersion = "1.0.0";
constexpr const char* kOffsetType = "application/offset+octet-stream";

// RFC 9110 HTTP-date, as Upload-Expires uses it.
std::string HttpDate(TimePoint t) {
  std::time_t secs = std::chrono::system_clock::to_time_t(std::chrono::time_point_cast<std::chrono::seconds>(t));
  std::tm tm{};
  gmtime_r(&secs, &tm);
  char buf[64];
  std::strftime(buf, sizeof buf, "%a, %d %b %Y %H:%M:%S GMT", &tm);
  return buf;
}

// The protocol's own status codes for the errors it names.
int TusStatus(const Status& s) {
  const std::string& code = s.code();
  if (code == "gone") return 410;
  if (code == "locked") return 423;
  if (code == "checksum_mismatch") return 460;
  if (code == "unsupported_media_type") return 415;
  if (code == "tus_version") return 412;
  if (code == "insufficient_storage") return 507;
  return HttpStatus(s.error_code());
}

Response TusError(const Context& c, const Status& s) {
  Response r = ErrorResponse(s);
  r.status = TusStatus(s);
  r.headers.emplace_back("Tus-Resumable", kTusVersion);
  if (r.status == 412) r.headers.emplace_back("Tus-Version", kTusVersion);
  if (c.req.method == "HEAD") r.body.clear();
  return r;
}

Status CheckVersion(const Context& c) {
  auto v = c.req.Header("tus-resumable");
  if (!v || *v != kTusVersion)
    return Status::Make(ErrorCode::kInvalidArgument, "tus_version", "仅支持 tus 1.0.0（Tus-Resumable 请求头）");
  return Status();
}

// Well-formed UTF-8 (RFC 3629: no overlongs, no surrogates, at most U+10FFFF).
bool IsUtf8(std::string_view s) {
  size_t i = 0;
  while (i < s.size()) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    if (c < 0x80) {
      ++i;
      continue;
    }
    int n;
    uint32_t cp;
    if ((c >> 5) == 0x6) {
      n = 1, cp = c & 0x1f;
    } else if ((c >> 4) == 0xe) {
      n = 2, cp = c & 0x0f;
    } else if ((c >> 3) == 0x1e) {
      n = 3, cp = c & 0x07;
    } else {
      return false;
    }
    if (i + n >= s.size()) return false;  // the continuation bytes i+1 .. i+n must exist
    for (int k = 1; k <= n; ++k) {
      unsigned char cc = static_cast<unsigned char>(s[i + k]);
      if ((cc & 0xc0) != 0x80) return false;
      cp = (cp << 6) | (cc & 0x3f);
    }
    if ((n == 1 && cp < 0x80) || (n == 2 && cp < 0x800) || (n == 3 && cp < 0x10000) || cp > 0x10ffff ||
        (cp >= 0xd800 && cp <= 0xdfff))
      return false;
    i += n + 1;
  }
  return true;
}

// Upload-Metadata: "key base64value,key2 base64value2" (a key may have no value).
StatusOr<std::map<std::string, std::string>> ParseMetadata(const std::string& header) {
  std::map<std::string, std::string> out;
  if (header.size() > 8192) return Status::InvalidArgument("invalid_field", "Upload-Metadata 过长", "Upload-Metadata");
  size_t i = 0;
  while (i <= header.size() && !header.empty()) {
    size_t j = header.find(',', i);
    if (j == std::string::npos) j = header.size();
    std::string pair = header.substr(i, j - i);
    while (!pair.empty() && pair.front() == ' ') pair.erase(0, 1);
    while (!pair.empty() && pair.back() == ' ') pair.pop_back();
    size_t sp = pair.find(' ');
    std::string key = pair.substr(0, sp);
    if (key.empty()) return Status::InvalidArgument("invalid_field", "Upload-Metadata 的键不能为空", "Upload-Metadata");
    for (unsigned char ch : key)
      if (ch < 0x21 || ch > 0x7e)
        return Status::InvalidArgument("invalid_field", "Upload-Metadata 的键只能是 ASCII 字符", "Upload-Metadata");
    std::string value;
    if (sp != std::string::npos) {
      auto decoded = crypto::Base64Decode(pair.substr(sp + 1));
      if (!decoded.ok())
        return Status::InvalidArgument("invalid_field", "Upload-Metadata 的值应为 base64：" + key,
                                       "Upload-Metadata." + key);
      value = *decoded;
      if (!IsUtf8(value) || value.find('\0') != std::string::npos)
        return Status::InvalidArgument("invalid_field", "Upload-Metadata 的值应为 UTF-8 文本：" + key,
                                       "Upload-Metadata." + key);
    }
    if (!out.emplace(key, value).second)
      return Status::InvalidArgument("invalid_field", "Upload-Metadata 的键重复：" + key, "Upload-Metadata." + key);
    i = j + 1;
  }
  return out;
}

StatusOr<int64_t> HeaderInt(const Context& c, const char* name, const char* field) {
  auto v = c.req.Header(name);
  if (!v) return Status::InvalidArgument("invalid_field", std::string("缺少 ") + field + " 请求头", field);
  if (v->empty() || v->size() > 19)
    return Status::InvalidArgument("invalid_field", std::string(field) + " 应为非负整数", field);
  int64_t n = 0;
  for (char ch : *v) {
    if (ch < '0' || ch > '9')
      return Status::InvalidArgument("invalid_field", std::string(field) + " 应为非负整数", field);
    n = n * 10 + (ch - '0');
  }
  return n;
}

// Upload-Checksum: "<algorithm> <base64 digest>".
StatusOr<std::optional<app::ChecksumSpec>> ParseChecksum(const Context& c) {
  auto v = c.req.Header("upload-checksum");
  if (!v) return std::optional<app::ChecksumSpec>();
  size_t sp = v->find(' ');
  auto alg = crypto::ParseDigestAlg(v->substr(0, sp));
  if (sp == std::string::npos || !alg)
    return Status::InvalidArgument("invalid_field", "不支持的校验算法（支持 sha1、sha256、sm3）", "Upload-Checksum");
  auto digest = crypto::Base64Decode(v->substr(sp + 1));
  if (!digest.ok() || digest->size() != crypto::Digest(*alg, "").size())
    return Status::InvalidArgument("invalid_field", "Upload-Checksum 的摘要格式错误", "Upload-Checksum");
  return std::optional<app::ChecksumSpec>(app::ChecksumSpec{*alg, *digest});
}

// A user with a session, or a collection station with its token (Authorization: Bearer qcst_…).
StatusOr<app::Uploader> UploaderOf(Context& c) {
  if (app::IsStationToken(c.token)) return c.app.devices().AuthenticateStation(c.token);
  QC_ASSIGN_OR_RETURN(domain::Actor a, c.app.auth().Authenticate(c.token));
  c.actor = a;
  app::Uploader u;
  u.user = a;
  return u;
}

void UploadHeaders(Response& r, const app::UploadInfo& u) {
  r.headers.emplace_back("Tus-Resumable", kTusVersion);
  r.headers.emplace_back("Upload-Offset", std::to_string(u.offset));
  using domain::UploadState;
  if (u.state == UploadState::kReceiving) r.headers.emplace_back("Upload-Expires", HttpDate(u.expires_at));
  if (u.state == UploadState::kRegistered || u.state == UploadState::kRefused) {
    // Not tus: how the finished upload was recorded (GET /api/v1/uploads/{id} has the details).
    r.headers.emplace_back("Upload-Registration", u.state == UploadState::kRegistered
                                                      ? "registered; record=" + u.record_id
                                                      : "refused; code=" + u.error_code);
  }
}

Json UploadJson(const app::UploadInfo& u) {
  return {{"id", u.id},
          {"length", u.length},
          {"offset", u.offset},
          {"state", domain::ToString(u.state)},
          {"case_id", u.case_id},
          {"sha256", u.sha256},
          {"sm3", u.sm3},
          {"record_id", u.record_id},
          {"error", u.error_code.empty() ? Json(nullptr) : Json({{"code", u.error_code}, {"message", u.error}})},
          {"expires_at", FormatRfc3339(u.expires_at)},
          {"params", u.params}};
}

// One request body into one upload.
class TusSink final : public BodySink {
 public:
  TusSink(const Context& c, std::unique_ptr<app::UploadPatch> patch, int created_status, std::string location,
          std::string user)
      : method_(c.req.method),
        patch_(std::move(patch)),
        created_status_(created_status),
        location_(std::move(location)),
        user_(std::move(user)) {}

  Status Write(std::string_view chunk) override { return patch_->Write(chunk); }

  Response Finish(bool complete, const Status& error) override {
    auto done = patch_->Finish(complete && error.ok());
    Response r;
    if (!error.ok() || !done.ok()) {
      Status s = error.ok() ? done.status() : error;
      r = ErrorResponse(s);
      r.status = TusStatus(s);
      r.headers.emplace_back("Tus-Resumable", kTusVersion);
      if (done.ok()) r.headers.emplace_back("Upload-Offset", std::to_string(done->offset));
    } else {
      r.status = created_status_;
      r.body.clear();
      UploadHeaders(r, *done);
    }
    if (!location_.empty()) r.headers.emplace_back("Location", location_);
    r.user = user_;
    return r;
  }

 private:
  std::string method_;
  std::unique_ptr<app::UploadPatch> patch_;
  int created_status_;
  std::string location_, user_;
};

bool HasBody(const Context& c) {
  auto len = c.req.Header("content-length");
  if (len) return *len != "0";
  return c.req.Header("transfer-encoding").has_value();
}

StreamStart Create(Context& c) {
  if (Status v = CheckVersion(c); !v.ok()) return TusError(c, v);
  auto who = UploaderOf(c);
  if (!who.ok()) return TusError(c, who.status());
  if (c.req.Header("upload-defer-length"))
    return TusError(c, Status::InvalidArgument("invalid_field", "不支持延后声明长度（Upload-Defer-Length）",
                                               "Upload-Defer-Length"));
  auto length = HeaderInt(c, "upload-length", "Upload-Length");
  if (!length.ok()) return TusError(c, length.status());
  std::string raw = c.req.Header("upload-metadata").value_or("");
  auto meta = ParseMetadata(raw);
  if (!meta.ok()) return TusError(c, meta.status());
  bool with_upload = HasBody(c);
  if (with_upload && c.req.Header("content-type").value_or("") != kOffsetType)
    return TusError(c, Status::Make(ErrorCode::kInvalidArgument, "unsupported_media_type",
                                    std::string("随创建上传的数据应为 ") + kOffsetType, "Content-Type"));
  auto checksum = ParseChecksum(c);
  if (!checksum.ok()) return TusError(c, checksum.status());
  auto created = c.app.uploads().CreateUpload(*who, *length, *meta, raw);
  if (!created.ok()) return TusError(c, created.status());
  std::string location = "/api/v1/uploads/" + created->id;
  if (!with_upload) {
    Response r;
    r.status = 201;
    r.body.clear();
    UploadHeaders(r, *created);
    r.headers.emplace_back("Location", location);
    return r;
  }
  auto patch = c.app.uploads().BeginPatch(*who, created->id, 0, *checksum);
  if (!patch.ok()) return TusError(c, patch.status());
  return std::make_unique<TusSink>(c, std::move(*patch), 201, location, c.actor ? c.actor->username : who->station_id);
}

StreamStart Patch(Context& c) {
  if (Status v = CheckVersion(c); !v.ok()) return TusError(c, v);
  auto who = UploaderOf(c);
  if (!who.ok()) return TusError(c, who.status());
  if (c.req.Header("content-type").value_or("") != kOffsetType)
    return TusError(c, Status::Make(ErrorCode::kInvalidArgument, "unsupported_media_type",
                                    std::string("PATCH 的 Content-Type 应为 ") + kOffsetType, "Content-Type"));
  auto offset = HeaderInt(c, "upload-offset", "Upload-Offset");
  if (!offset.ok()) return TusError(c, offset.status());
  auto checksum = ParseChecksum(c);
  if (!checksum.ok()) return TusError(c, checksum.status());
  auto patch = c.app.uploads().BeginPatch(*who, c.params["id"], *offset, *checksum);
  if (!patch.ok()) return TusError(c, patch.status());
  return std::make_unique<TusSink>(c, std::move(*patch), 204, "", c.actor ? c.actor->username : who->station_id);
}

Response Options(const Context& c) {
  Response r;
  r.status = 204;
  r.body.clear();
  r.headers = {{"Tus-Resumable", kTusVersion},
               {"Tus-Version", kTusVersion},
               {"Tus-Extension", "creation,creation-with-upload,checksum,expiration,termination"},
               {"Tus-Max-Size", std::to_string(c.app.options().tus_max_size)},
               {"Tus-Checksum-Algorithm", "sha1,sha256,sm3"}};
  return r;
}

}  // namespace

void RegisterUploadRoutes(Router& r) {
  // tus 1.0 服务能力（无需登录）
  for (const char* p : {"/api/v1/uploads", "/api/v1/uploads/"}) {
    r.Add("OPTIONS", p, kPublic, [](Context& c) -> StatusOr<Response> { return Options(c); });
    // 创建上传（可随创建上传数据）
    r.AddStream("POST", p, kPublic, Create);
  }

  // 上传进度（断点续传从此偏移继续）
  r.Add("HEAD", "/api/v1/uploads/{id}", kPublic, [](Context& c) -> StatusOr<Response> {
    if (Status v = CheckVersion(c); !v.ok()) return TusError(c, v);
    auto who = UploaderOf(c);
    if (!who.ok()) return TusError(c, who.status());
    auto u = c.app.uploads().GetUpload(*who, c.params["id"]);
    if (!u.ok()) return TusError(c, u.status());
    Response res;
    res.body.clear();
    UploadHeaders(res, *u);
    res.headers.emplace_back("Upload-Length", std::to_string(u->length));
    if (!u->metadata.empty()) res.headers.emplace_back("Upload-Metadata", u->metadata);
    return res;
  });

  // 续传数据
  r.AddStream("PATCH", "/api/v1/uploads/{id}", kPublic, Patch);

  // 终止未完成的上传（已完成的上传不能删除）
  r.Add("DELETE", "/api/v1/uploads/{id}", kPublic, [](Context& c) -> StatusOr<Response> {
    if (Status v = CheckVersion(c); !v.ok()) return TusError(c, v);
    auto who = UploaderOf(c);
    if (!who.ok()) return TusError(c, who.status());
    Status st = c.app.uploads().TerminateUpload(*who, c.params["id"]);
    if (!st.ok()) return TusError(c, st);
    Response res;
    res.status = 204;
    res.body.clear();
    res.headers.emplace_back("Tus-Resumable", kTusVersion);
    return res;
  });

  // 上传状态与登记结果（JSON，非 tus）
  r.Add("GET", "/api/v1/uploads/{id}", kPublic, [](Context& c) -> StatusOr<Response> {
    QC_RETURN_IF_ERROR(QueryReader(c.req.query).Finish());
    QC_ASSIGN_OR_RETURN(app::Uploader who, UploaderOf(c));
    QC_ASSIGN_OR_RETURN(app::UploadInfo u, c.app.uploads().GetUpload(who, c.params["id"]));
    return JsonResponse(200, UploadJson(u));
  });

  // 非音视频文件改作附件登记
  r.Add("POST", "/api/v1/uploads/{id}/attachment", kPublic, [](Context& c) -> StatusOr<Response> {
    QC_RETURN_IF_ERROR(QueryReader(c.req.query).Finish());
    QC_ASSIGN_OR_RETURN(app::Uploader who, UploaderOf(c));
    QC_ASSIGN_OR_RETURN(app::UploadInfo u, c.app.uploads().RegisterUploadAsAttachment(who, c.params["id"]));
    // Refused as an attachment too (the same content already in the case, …): a 409 with the reason,
    // not a 200 whose body says "refused".
    if (u.state == domain::UploadState::kRefused) return Status::Conflict(u.error_code, u.error);
    return JsonResponse(200, UploadJson(u));
  });
}

}  // namespace qc::http
