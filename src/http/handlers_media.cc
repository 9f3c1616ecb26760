// /api/v1/media: playing and downloading audio-video records (each access recorded first, then a
// ticket for the Range requests a <video> element makes), and the 24-hour findings.
#include "http/handlers.h"
#include "http/input.h"

namespace qc::http {
namespace {

using domain::Action;

// RFC 3986 percent-encoding of a file name for Content-Disposition's filename* (RFC 6266 / 8187).
std::string PercentEncode(const std::string& s) {
  static const char* kHex = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : s) {
    if (std::isalnum(c) || c == '-' || c == '.' || c == '_' || c == '~') {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 15];
    }
  }
  return out;
}

struct ByteRange {
  int64_t first = 0, last = 0;  // inclusive
};

// One "bytes=" range of a file of `size` bytes. nullopt with *unsatisfiable false: serve the whole
// file (no Range, several ranges, or a unit we do not serve); *unsatisfiable true: 416.
std::optional<ByteRange> ParseRange(const std::optional<std::string>& header, int64_t size, bool* unsatisfiable) {
  *unsatisfiable = false;
  if (!header || header->rfind("bytes=", 0) != 0) return std::nullopt;
  std::string spec = header->substr(6);
  if (spec.find(',') != std::string::npos) return std::nullopt;  // multiple ranges: the whole file (allowed)
  size_t dash = spec.find('-');
  if (dash == std::string::npos) return std::nullopt;
  auto num = [](const std::string& t, int64_t* out) {
    if (t.empty() || t.size() > 18) return false;
    int64_t v = 0;
    for (char ch : t) {
      if (ch < '0' || ch > '9') return false;
      v = v * 10 + (ch - '0');
    }
    *out = v;
    return true;
  };
  std::string a = spec.substr(0, dash), b = spec.substr(dash + 1);
  ByteRange r;
  if (a.empty()) {  // suffix: the last N bytes
    int64_t n;
    if (!num(b, &n)) return std::nullopt;
    if (n == 0 || size == 0) {
      *unsatisfiable = true;
      return std::nullopt;
    }
    r.first = std::max<int64_t>(0, size - n);
    r.last = size - 1;
    return r;
  }
  if (!num(a, &r.first)) return std::nullopt;
  if (b.empty()) {
    r.last = size - 1;
  } else if (!num(b, &r.last) || r.last < r.first) {
    return std::nullopt;  // syntactically invalid: ignore the header
  }
  if (r.first >= size) {
    *unsatisfiable = true;
    return std::nullopt;
  }
  r.last = std::min(r.last, size - 1);
  return r;
}

}  // namespace

void RegisterMediaRoutes(Router& r) {
  // 调阅音像记录（播放 / 下载）：先记录调阅，再发放凭证
  r.Add("POST", "/api/v1/media/{id}/access", Session(Action::kAccessMedia), [](Context& c) -> StatusOr<Response> {
    QC_ASSIGN_OR_RETURN(Json body, ParseBody(c.req));
    Reader in(body);
    std::string purpose = in.Enum("purpose", kRequired, {"play", "download"});
    std::string reason = in.Str("reason", kOptional, 500);
    QC_RETURN_IF_ERROR(in.Finish());
    QC_ASSIGN_OR_RETURN(Json grant, c.app.media().AccessMedia(*c.actor, c.params["id"], purpose, reason));
    return JsonResponse(200, grant);
  });

  // 音像记录内容（支持 Range，凭调阅凭证）
  r.Add("GET", "/api/v1/media/{id}/content", kPublic, [](Context& c) -> StatusOr<Response> {
    QueryReader q(c.req.query);
    std::string ticket = q.Str("ticket", 100).value_or("");
    QC_RETURN_IF_ERROR(q.Finish());
    if (ticket.empty()) return Status::Unauthenticated("需要调阅凭证（先 POST /api/v1/media/{id}/access）");
    QC_ASSIGN_OR_RETURN(app::MediaFile f, c.app.media().OpenMediaByTicket(c.params["id"], ticket));
    Response res;
    res.content_type = f.content_type;
    res.headers.emplace_back("Accept-Ranges", "bytes");
    res.headers.emplace_back("Cache-Control", "private, no-store");
    // Whatever the bytes are, they run nothing in the application's origin: no script, a sandbox.
    res.headers.emplace_back("Content-Security-Policy", "default-src 'none'; media-src 'self'; sandbox");
    std::string name = PercentEncode(f.file_name.empty() ? c.params["id"] : f.file_name);
    bool inline_ok = f.purpose != "download" && f.playable;
    res.headers.emplace_back("Content-Disposition",
                             std::string(inline_ok ? "inline" : "attachment") + "; filename*=UTF-8''" + name);
    bool unsatisfiable = false;
    auto range = ParseRange(c.req.Header("range"), f.size, &unsatisfiable);
    if (unsatisfiable) {
      Response bad = ErrorResponse(Status::InvalidArgument("range_not_satisfiable", "请求的范围超出文件长度", "Range"));
      bad.status = 416;
      bad.headers.emplace_back("Content-Range", "bytes */" + std::to_string(f.size));
      return bad;
    }
    int64_t offset = 0, length = f.size;
    if (range) {
      res.status = 206;
      res.headers.emplace_back("Content-Range", "bytes " + std::to_string(range->first) + "-" +
                                                    std::to_string(range->last) + "/" + std::to_string(f.size));
      offset = range->first;
      length = range->last - range->first + 1;
    }
    QC_ASSIGN_OR_RETURN(std::unique_ptr<ByteReader> reader, c.app.media().ReadMedia(f, offset, length));
    res.stream = StreamBody{std::move(reader), length};
    return res;
  });

  // 超过24小时才存储的音像记录（第三十三条）
  r.Add("GET", "/api/v1/media/late", Session(Action::kListCases), [](Context& c) -> StatusOr<Response> {
    QueryReader q(c.req.query);
    std::string officer = q.Str("officer_id", 64).value_or("");
    std::string device = q.Str("device_id", 64).value_or("");
    int page = q.Int("page", 1, 1, 100000), page_size = q.Int("page_size", 20, 1, 100);
    QC_RETURN_IF_ERROR(q.Finish());
    QC_ASSIGN_OR_RETURN(Json list, c.app.media().LateMedia(*c.actor, officer, device, page, page_size));
    return JsonResponse(200, list);
  });
}

}  // namespace qc::http
