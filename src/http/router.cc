#include "http/router.h"

#include <spdlog/spdlog.h>

#include "common/hex.h"
#include "crypto/hash.h"

namespace qc::http {
namespace {

std::vector<std::string> Split(const std::string& path) {
  std::vector<std::string> out;
  size_t i = 1;
  while (i <= path.size()) {
    size_t j = path.find('/', i);
    if (j == std::string::npos) j = path.size();
    out.push_back(path.substr(i, j - i));
    i = j + 1;
  }
  return out;
}

bool Match(const std::vector<std::string>& pattern, const std::vector<std::string>& path,
           std::map<std::string, std::string>* params) {
  if (pattern.size() != path.size()) return false;
  for (size_t i = 0; i < pattern.size(); ++i) {
    const std::string& p = pattern[i];
    if (p.size() > 2 && p.front() == '{' && p.back() == '}') {
      if (path[i].empty() || path[i].size() > 128) return false;
      (*params)[p.substr(1, p.size() - 2)] = path[i];
    } else if (p != path[i]) {
      return false;
    }
  }
  return true;
}

}  // namespace

int HttpStatus(ErrorCode ec) {
  switch (ec) {
    case ErrorCode::kOk: return 200;
    case ErrorCode::kInvalidArgument: return 400;
    case ErrorCode::kUnauthenticated: return 401;
    case ErrorCode::kPermissionDenied: return 403;
    case ErrorCode::kNotFound: return 404;
    case ErrorCode::kConflict: return 409;
    case ErrorCode::kPayloadTooLarge: return 413;
    case ErrorCode::kResourceExhausted: return 429;
    case ErrorCode::kUnavailable: return 503;
    case ErrorCode::kInternal: return 500;
  }
  return 500;
}

Response JsonResponse(int status, const Json& body) {
  Response r;
  r.status = status;
  r.body = body.dump(-1, ' ', false, Json::error_handler_t::replace);
  return r;
}

Response ErrorResponse(const Status& s) {
  Json body = {{"code", s.code()}, {"message", s.message()}};
  body["field"] = s.field().empty() ? Json(nullptr) : Json(s.field());
  int status = HttpStatus(s.error_code());
  if (s.code() == "unsupported_media_type") status = 415;
  if (s.code() == "method_not_allowed") status = 405;
  if (s.code() == "headers_too_large") status = 431;
  if (s.code() == "insufficient_storage") status = 507;
  return JsonResponse(status, body);
}

std::string SessionToken(const Request& req, bool* from_cookie) {
  if (from_cookie) *from_cookie = false;
  if (auto auth = req.Header("authorization")) {
    const std::string prefix = "Bearer ";
    if (auth->size() > prefix.size() && auth->compare(0, prefix.size(), prefix) == 0)
      return auth->substr(prefix.size());
  }
  if (from_cookie) *from_cookie = true;
  if (auto cookie = req.Header("cookie")) {
    const std::string name = std::string(kSessionCookie) + "=";
    size_t pos = 0;
    while (pos < cookie->size()) {
      while (pos < cookie->size() && ((*cookie)[pos] == ' ' || (*cookie)[pos] == ';')) ++pos;
      size_t end = cookie->find(';', pos);
      if (end == std::string::npos) end = cookie->size();
      if (cookie->compare(pos, name.size(), name) == 0)
        return cookie->substr(pos + name.size(), end - pos - name.size());
      pos = end;
    }
  }
  return "";
}

std::string CsrfToken(const std::string& session_token) { return ToHex(crypto::Sha256("qc-csrf\n" + session_token)); }

std::vector<std::pair<std::string, std::string>> SessionCookies(const std::string& token, int64_t max_age,
                                                                bool secure) {
  std::string tail = "; Path=/; SameSite=Strict; Max-Age=" + std::to_string(max_age) + (secure ? "; Secure" : "");
  return {{"Set-Cookie", std::string(kSessionCookie) + "=" + token + "; HttpOnly" + tail},
          {"Set-Cookie", std::string(kCsrfCookie) + "=" + (token.empty() ? "" : CsrfToken(token)) + tail}};
}

std::optional<Response> CheckCsrf(const Context& ctx) {
  const Request& req = ctx.req;
  if (!ctx.token_from_cookie || ctx.token.empty()) return std::nullopt;  // a Bearer token is no ambient credential
  if (req.method == "GET" || req.method == "HEAD" || req.method == "OPTIONS") return std::nullopt;
  auto refuse = [](const std::string& msg) {
    return ErrorResponse(Status::Make(ErrorCode::kPermissionDenied, "csrf_refused", msg));
  };
  if (auto site = req.Header("sec-fetch-site"); site && *site != "same-origin" && *site != "none")
    return refuse("拒绝跨站请求（Sec-Fetch-Site: " + *site + "）");
  if (auto origin = req.Header("origin")) {
    // "http://host:port" must name the host the request was sent to (or the proxy's forwarded host).
    size_t scheme = origin->find("://");
    std::string host = scheme == std::string::npos ? "" : origin->substr(scheme + 3);
    bool same = !host.empty() &&
                (host == req.Header("host").value_or("") || host == req.Header("x-forwarded-host").value_or(""));
    if (!same) return refuse("拒绝跨站请求（Origin: " + *origin + "）");
  }
  if (req.Header(kCsrfHeader).value_or("") != CsrfToken(ctx.token))
    return refuse("缺少或错误的 CSRF 令牌（请刷新页面后重试）");
  return std::nullopt;
}

void Router::Add(const std::string& method, const std::string& pattern, Access access, Handler handler) {
  routes_.push_back({method, pattern, Split(pattern), access, std::move(handler), nullptr});
}

void Router::AddStream(const std::string& method, const std::string& pattern, Access access, StreamHandler handler) {
  routes_.push_back({method, pattern, Split(pattern), access, nullptr, std::move(handler)});
}

std::vector<std::pair<std::string, std::string>> Router::Routes() const {
  std::vector<std::pair<std::string, std::string>> out;
  for (const auto& r : routes_) out.emplace_back(r.method, r.pattern);
  return out;
}

std::vector<Router::RouteAccess> Router::Accesses() const {
  std::vector<RouteAccess> out;
  for (const auto& r : routes_) out.push_back({r.method, r.pattern, r.access});
  return out;
}

std::variant<const Router::Route*, Response> Router::Find(Context& ctx) const {
  std::vector<std::string> segments = Split(ctx.req.path);
  bool path_matched = false;
  std::string allow;
  for (const auto& route : routes_) {
    std::map<std::string, std::string> params;
    if (!Match(route.segments, segments, &params)) continue;
    path_matched = true;
    if (route.method != ctx.req.method) {
      allow += (allow.empty() ? "" : ", ") + route.method;
      continue;
    }
    ctx.params = std::move(params);
    return &route;
  }
  if (path_matched) {
    Response r = ErrorResponse(Status::Make(ErrorCode::kInvalidArgument, "method_not_allowed", "不支持该请求方法"));
    r.headers.emplace_back("Allow", allow);
    return r;
  }
  return ErrorResponse(Status::NotFound("接口不存在：" + ctx.req.path));
}

std::optional<Response> Router::Authorize(const Route& route, Context& ctx) const {
  ctx.token = SessionToken(ctx.req, &ctx.token_from_cookie);
  if (!route.access.session) return std::nullopt;
  if (auto refused = CheckCsrf(ctx)) return refused;
  auto actor = ctx.app.auth().Authenticate(ctx.token);
  if (!actor.ok()) return ErrorResponse(actor.status());
  ctx.actor = *actor;
  // The role gate: may this actor do the route's action to anything at all? The handler's use case
  // asks again of the resource it touches.
  Status gate = domain::Authorize(*ctx.actor, route.access.action, domain::AnyResource());
  if (!gate.ok()) {
    Response denied = ErrorResponse(gate);
    denied.user = ctx.actor->username;
    return denied;
  }
  return std::nullopt;
}

std::optional<Response> Router::Preauthorize(const Request& req, app::App& app) const {
  Context ctx{req, app, {}, std::nullopt, ""};
  auto found = Find(ctx);
  if (auto* answer = std::get_if<Response>(&found)) return std::move(*answer);
  const Route& route = *std::get<const Route*>(found);
  try {
    return Authorize(route, ctx);
  } catch (const std::exception& e) {
    spdlog::error("{} {}: unhandled exception: {}", req.method, req.path, e.what());
    return ErrorResponse(Status::Internal("服务器内部错误"));
  }
}

bool Router::IsStream(const std::string& method, const std::string& path) const {
  std::vector<std::string> segments = Split(path);
  std::map<std::string, std::string> params;
  for (const auto& route : routes_)
    if (route.stream && route.method == method && Match(route.segments, segments, &params)) return true;
  return false;
}

Response Router::Dispatch(const Request& req, app::App& app) const {
  Context ctx{req, app, {}, std::nullopt, ""};
  auto found = Find(ctx);
  if (auto* answer = std::get_if<Response>(&found)) return std::move(*answer);
  const Route& route = *std::get<const Route*>(found);
  try {
    if (auto denied = Authorize(route, ctx)) return std::move(*denied);
    if (!route.handler) return ErrorResponse(Status::Internal("streaming route dispatched without its body"));
    StatusOr<Response> r = route.handler(ctx);
    Response out = r.ok() ? std::move(*r) : ErrorResponse(r.status());
    if (ctx.actor) out.user = ctx.actor->username;
    if (!r.ok() && r.status().error_code() == ErrorCode::kInternal)
      spdlog::error("{} {}: {}", req.method, req.path, r.status().ToString());
    return out;
  } catch (const std::exception& e) {
    spdlog::error("{} {}: unhandled exception: {}", req.method, req.path, e.what());
    return ErrorResponse(Status::Internal("服务器内部错误"));
  }
}

StreamStart Router::Open(const Request& req, app::App& app) const {
  Context ctx{req, app, {}, std::nullopt, ""};
  auto found = Find(ctx);
  if (auto* answer = std::get_if<Response>(&found)) return std::move(*answer);
  const Route& route = *std::get<const Route*>(found);
  try {
    if (auto denied = Authorize(route, ctx)) return std::move(*denied);
    if (!route.stream) return ErrorResponse(Status::Internal("route is not a streaming route"));
    StreamStart start = route.stream(ctx);
    if (auto* r = std::get_if<Response>(&start)) {
      if (ctx.actor) r->user = ctx.actor->username;
      if (r->status >= 500) spdlog::error("{} {}: {} {}", req.method, req.path, r->status, r->body);
    }
    return start;
  } catch (const std::exception& e) {
    spdlog::error("{} {}: unhandled exception: {}", req.method, req.path, e.what());
    return ErrorResponse(Status::Internal("服务器内部错误"));
  }
}

}  // namespace qc::http
