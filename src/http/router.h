// Routes "/api/v1/cases/{id}"-style patterns to handlers, authenticates, and turns every Status
// into a JSON error: {"code": "invalid_field", "message": "标题不能为空", "field": "title"}.
// Dispatch() never throws and never answers 500 for a client's mistake.
#pragma once

#include <functional>
#include <memory>
#include <variant>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "app/app.h"
#include "common/status.h"
#include "domain/authorization.h"
#include "domain/policy.h"
#include "http/message.h"

namespace qc::http {

inline constexpr const char* kSessionCookie = "qc_session";
// A cookie session's CSRF token: readable by the page (not HttpOnly), sent back in the header
// kCsrfHeader on every request that changes something. Derived from the session token, so the server
// keeps nothing for it.
inline constexpr const char* kCsrfCookie = "qc_csrf";
inline constexpr const char* kCsrfHeader = "x-csrf-token";

struct Context {
  const Request& req;
  app::App& app;
  std::map<std::string, std::string> params;  // from {name} segments
  std::optional<domain::Actor> actor;         // set for authenticated routes
  std::string token;                          // the session token presented, if any
  bool token_from_cookie = false;             // the browser's cookie, not an Authorization header
};

using Handler = std::function<StatusOr<Response>(Context&)>;
// A route whose request body is streamed: the handler checks the headers and returns the sink that
// takes the body, or the answer to give before the body is read (an error, as the protocol wants it).
using StreamStart = std::variant<Response, std::unique_ptr<BodySink>>;
using StreamHandler = std::function<StreamStart(Context&)>;

// Who may reach a route. kPublic: anyone (health, login, the ledger's hashes; the tus and media
// content routes authenticate in their handlers: a station's token, a user's session, a ticket).
// Session(action): a session whose actor domain::Authorize allows `action` on some resource — asked
// by the router before the handler, which asks again of the resource it touches (the one decision,
// domain/authorization.h).
struct Access {
  bool session = false;
  domain::Action action = domain::Action::kOwnSession;
};
inline constexpr Access kPublic{};
constexpr Access Session(domain::Action action) { return {true, action}; }

class Router {
 public:
  void Add(const std::string& method, const std::string& pattern, Access access, Handler handler);
  void AddStream(const std::string& method, const std::string& pattern, Access access, StreamHandler handler);
  Response Dispatch(const Request& req, app::App& app) const;
  // Before a body is read: the answer when the request is refused on its headers alone (no such
  // route, or a session route without a valid session or CSRF token), nullopt when the body may be read.
  std::optional<Response> Preauthorize(const Request& req, app::App& app) const;
  // True when (method, path) is a streaming route: the server then calls Open() before the body.
  bool IsStream(const std::string& method, const std::string& path) const;
  // Authenticates and runs a streaming route's handler: its sink, or the error answer.
  StreamStart Open(const Request& req, app::App& app) const;
  // Every (method, pattern) served, for the OpenAPI coverage test.
  std::vector<std::pair<std::string, std::string>> Routes() const;
  // Every route with its access, for the test that every session route asks the policy.
  struct RouteAccess {
    std::string method, pattern;
    Access access;
  };
  std::vector<RouteAccess> Accesses() const;

 private:
  struct Route {
    std::string method, pattern;
    std::vector<std::string> segments;
    Access access;
    Handler handler;
    StreamHandler stream;  // set for streaming routes (then handler is empty)
  };
  // The route matching `req` (its {params} into `ctx`), or the 404/405 answer.
  std::variant<const Route*, Response> Find(Context& ctx) const;
  // Sets ctx.token and, for session routes, ctx.actor; the 401 answer when that fails.
  std::optional<Response> Authorize(const Route& route, Context& ctx) const;
  std::vector<Route> routes_;
};

// Helpers for handlers.
Response JsonResponse(int status, const Json& body);
Response ErrorResponse(const Status& s);
int HttpStatus(ErrorCode ec);
std::string SessionToken(const Request& req, bool* from_cookie = nullptr);  // Bearer header first, then the cookie
std::string CsrfToken(const std::string& session_token);
// The Set-Cookie values of a new cookie session (the session and its CSRF token), and of a logout.
std::vector<std::pair<std::string, std::string>> SessionCookies(const std::string& token, int64_t max_age, bool secure);
// Refuses a cookie session's unsafe request (POST, PATCH, PUT, DELETE) that is cross-site by its
// Sec-Fetch-Site or Origin, or lacks the CSRF token: the answer, or nullopt when it may go on.
std::optional<Response> CheckCsrf(const Context& ctx);

}  // namespace qc::http
