#include <algorithm>

#include "http/handlers.h"
#include "http/input.h"

namespace qc::http {

Response CommandResponse(int status, const std::string& key, const app::CommandResult& r) {
  return JsonResponse(status, {{key, r.body}, {"events", app::EventsJson(r.events)}});
}

Router MakeApiRouter(bool secure_cookie) {
  Router r;
  RegisterAuthRoutes(r, secure_cookie);
  RegisterCaseRoutes(r);
  RegisterDocumentRoutes(r);
  RegisterDirectoryRoutes(r);
  RegisterLedgerRoutes(r);
  RegisterUploadRoutes(r);
  RegisterMediaRoutes(r);
  return r;
}

void RegisterAuthRoutes(Router& r, bool secure_cookie) {
  using domain::Action;

  // 健康检查
  r.Add("GET", "/api/v1/health", kPublic, [](Context&) -> StatusOr<Response> {
    return JsonResponse(200, {{"status", "ok"}, {"version", QC_VERSION}});
  });

  // 登录
  r.Add("POST", "/api/v1/auth/login", kPublic, [secure_cookie](Context& c) -> StatusOr<Response> {
    QC_ASSIGN_OR_RETURN(Json body, ParseBody(c.req));
    Reader in(body);
    std::string username = in.Str("username", kRequired, 64);
    std::string password = in.Str("password", kRequired, 128);
    QC_RETURN_IF_ERROR(in.Finish());
    auto res = c.app.auth().Login(username, password, c.req.client);
    if (!res.ok()) {
      Response err = ErrorResponse(res.status());
      if (res.status().error_code() == ErrorCode::kResourceExhausted)
        err.headers.emplace_back(
            "Retry-After", std::to_string(std::max<int64_t>(1, c.app.auth().LoginRetryAfter(username, c.req.client))));
      return err;
    }
    int64_t max_age = std::max<int64_t>(
        0, std::chrono::duration_cast<std::chrono::seconds>(res->expires_at - c.app.clock().Now()).count());
    Response out =
        JsonResponse(200, {{"user", res->user}, {"token", res->token}, {"expires_at", FormatRfc3339(res->expires_at)}});
    for (auto& h : SessionCookies(res->token, max_age, secure_cookie)) out.headers.push_back(std::move(h));
    out.user = username;
    return out;
  });

  // 退出登录
  r.Add("POST", "/api/v1/auth/logout", Session(Action::kOwnSession), [secure_cookie](Context& c) -> StatusOr<Response> {
    QC_RETURN_IF_ERROR(c.app.auth().Logout(c.token));
    Response out = JsonResponse(200, {{"ok", true}});
    for (auto& h : SessionCookies("", 0, secure_cookie)) out.headers.push_back(std::move(h));
    return out;
  });

  // 当前用户
  r.Add("GET", "/api/v1/auth/me", Session(Action::kOwnSession), [secure_cookie](Context& c) -> StatusOr<Response> {
    QC_ASSIGN_OR_RETURN(Json u, c.app.directory().GetUser(*c.actor, c.actor->user_id));
    Response out = JsonResponse(200, u);
    // A cookie session from before CSRF tokens gets its token here (the page asks /auth/me first).
    if (c.token_from_cookie)
      out.headers.emplace_back("Set-Cookie", std::string(kCsrfCookie) + "=" + CsrfToken(c.token) +
                                                 "; Path=/; SameSite=Strict" + (secure_cookie ? "; Secure" : ""));
    return out;
  });
}

}  // namespace qc::http
