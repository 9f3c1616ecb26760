#include "dock/tus_client.h"

#include "common/byte_reader.h"

#include <unistd.h>

#include <cerrno>
#include <charconv>
#include <cstring>

#include "common/hex.h"
#include "crypto/base64.h"
#include "crypto/digest.h"

namespace qc::dock {
namespace {

constexpr char kTus[] = "1.0.0";

ErrorCode CodeOf(int status) {
  switch (status) {
    case 400:
    case 412:
    case 413:
    case 415: return ErrorCode::kInvalidArgument;
    case 401: return ErrorCode::kUnauthenticated;
    case 403: return ErrorCode::kPermissionDenied;
    case 404:
    case 410: return ErrorCode::kNotFound;
    case 409:
    case 423:
    case 460: return ErrorCode::kConflict;
    case 429: return ErrorCode::kResourceExhausted;
    case 503: return ErrorCode::kUnavailable;
    default: return status >= 500 ? ErrorCode::kUnavailable : ErrorCode::kInvalidArgument;
  }
}

StatusOr<int64_t> OffsetHeader(const http::ClientResponse& r) {
  const std::string v = r.Header("upload-offset");
  int64_t n = -1;
  auto [end, ec] = std::from_chars(v.data(), v.data() + v.size(), n);
  if (v.empty() || ec != std::errc() || end != v.data() + v.size() || n < 0)
    return Status::Unavailable("服务器的应答缺少有效的 Upload-Offset（HTTP " + std::to_string(r.status) + "）");
  return n;
}

}  // namespace

Status ResponseStatus(const http::ClientResponse& r) {
  std::string code = r.status == 460   ? "checksum_mismatch"
                     : r.status == 410 ? "gone"
                                       : "http_" + std::to_string(r.status);
  std::string message = "服务器应答 HTTP " + std::to_string(r.status);
  std::string field;
  Json j = Json::parse(r.body, nullptr, false);
  bool ours =
      j.is_object() && j.contains("code") && j["code"].is_string() && j.contains("message") && j["message"].is_string();
  if (ours) {
    code = j["code"];
    message = j["message"];
    if (j.contains("field") && j["field"].is_string()) field = j["field"];
  }
  // A 5xx is the server's trouble, to be retried like a network cut; so is an answer that is not
  // QuanCheng's (a proxy's 413 or 502 page): only the server itself refuses a file for good.
  bool tus_status = r.status == 404 || r.status == 410 || r.status == 460 || r.status == 401;
  if ((r.status >= 500 && r.status != 503) || (!ours && !tus_status))
    return Status::Unavailable(message + "（HTTP " + std::to_string(r.status) +
                               (ours ? "" : "，不是 QuanCheng 的应答") + "）");
  return Status::Make(CodeOf(r.status), code, message, field);
}

StatusOr<std::string> HashRange(int fd, int64_t offset, int64_t length, crypto::DigestStream* also,
                                const std::function<void(int64_t)>& progress) {
  crypto::DigestStream d(crypto::DigestAlg::kSha256);
  int64_t done = 0;
  QC_RETURN_IF_ERROR(ReadFileRange(fd, offset, length, [&](std::string_view piece) {
    d.Update(piece);
    if (also) also->Update(piece);
    done += static_cast<int64_t>(piece.size());
    if (progress) progress(done);
    return Status();
  }));
  return d.Final();
}

std::vector<std::pair<std::string, std::string>> TusClient::Headers() const {
  return {{"Authorization", "Bearer " + token_}, {"Tus-Resumable", kTus}};
}

StatusOr<http::ClientResponse> TusClient::Send(http::ClientRequest request,
                                               const std::function<void(int64_t)>& progress) {
  for (auto& h : Headers()) request.headers.push_back(std::move(h));
  return http_.Send(request, progress);
}

StatusOr<std::string> TusClient::Create(int64_t length,
                                        const std::vector<std::pair<std::string, std::string>>& metadata) {
  std::string meta;
  for (const auto& [k, v] : metadata) meta += (meta.empty() ? "" : ",") + k + " " + crypto::Base64Encode(v);
  http::ClientRequest req{.method = "POST", .target = http_.url().Target("/api/v1/uploads/")};
  req.headers = {{"Upload-Length", std::to_string(length)}, {"Upload-Metadata", meta}};
  QC_ASSIGN_OR_RETURN(http::ClientResponse r, Send(std::move(req)));
  if (r.status != 201) return ResponseStatus(r);
  std::string location = http_.url().Resolve(r.Header("location"));
  if (location.empty()) return Status::Unavailable("服务器的应答缺少有效的 Location：" + r.Header("location"));
  return location;
}

StatusOr<int64_t> TusClient::Offset(const std::string& location) {
  QC_ASSIGN_OR_RETURN(http::ClientResponse r, Send({.method = "HEAD", .target = location}));
  if (r.status != 200) return ResponseStatus(r);
  return OffsetHeader(r);
}

StatusOr<int64_t> TusClient::Patch(const std::string& location, int fd, int64_t offset, int64_t length,
                                   const std::string& digest, const std::function<void(int64_t)>& progress) {
  http::ClientRequest req{.method = "PATCH", .target = location};
  req.headers = {{"Upload-Offset", std::to_string(offset)},
                 {"Content-Type", "application/offset+octet-stream"},
                 {"Upload-Checksum", "sha256 " + crypto::Base64Encode(digest)}};
  req.file = http::FileRange{fd, offset, length};
  QC_ASSIGN_OR_RETURN(http::ClientResponse r, Send(std::move(req), progress));
  if (r.status == 409) return Status::Conflict("offset_mismatch", "服务器的偏移与本地不一致");
  if (r.status != 204) return ResponseStatus(r);
  return OffsetHeader(r);
}

StatusOr<Json> TusClient::Describe(const std::string& location) {
  QC_ASSIGN_OR_RETURN(http::ClientResponse r, Send({.method = "GET", .target = location}));
  if (r.status != 200) return ResponseStatus(r);
  Json j = Json::parse(r.body, nullptr, false);
  if (!j.is_object()) return Status::Unavailable("服务器的上传状态不是 JSON");
  return j;
}

StatusOr<Json> TusClient::RegisterAsAttachment(const std::string& location) {
  QC_ASSIGN_OR_RETURN(http::ClientResponse r, Send({.method = "POST", .target = location + "/attachment"}));
  if (r.status != 200) return ResponseStatus(r);
  Json j = Json::parse(r.body, nullptr, false);
  if (!j.is_object()) return Status::Unavailable("服务器的上传状态不是 JSON");
  return j;
}

}  // namespace qc::dock
