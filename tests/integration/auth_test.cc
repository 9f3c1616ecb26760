// Sessions: cookie and bearer, logout, throttled failed logins, and restarts.
#include <gtest/gtest.h>

#include <signal.h>

#include <sstream>

#include "server_fixture.h"

namespace qc::testing {
namespace {

// The Set-Cookie line of cookie `name`.
std::string Cookie(const HttpResponse& r, const std::string& name = "qc_session") {
  auto it = r.headers.find("set-cookie");
  if (it == r.headers.end()) return "";
  std::istringstream lines(it->second);
  for (std::string line; std::getline(lines, line);)
    if (line.rfind(name + "=", 0) == 0) return line;
  return "";
}

TEST(Auth, LoginSetsAStrictHttpOnlyCookieThatWorksLikeTheBearer) {
  Server server;
  HttpResponse login = Send(server.port(), "POST", "/api/v1/auth/login",
                            Json{{"username", "officer1"}, {"password", "Demo@2026"}}.dump());
  ASSERT_EQ(login.status, 200) << login.body;
  std::string cookie = Cookie(login);
  EXPECT_NE(cookie.find("HttpOnly"), std::string::npos);
  EXPECT_NE(cookie.find("SameSite=Strict"), std::string::npos);
  EXPECT_NE(cookie.find("Max-Age="), std::string::npos);
  std::string pair = cookie.substr(0, cookie.find(';'));
  HttpResponse me = Send(server.port(), "GET", "/api/v1/auth/me", "", {{"Cookie", pair}});
  ASSERT_EQ(me.status, 200);
  EXPECT_EQ(me.json()["username"], "officer1");
  EXPECT_EQ(me.json()["unit_name"], "治安管理大队");
  EXPECT_EQ(server.Log().find(login.json()["token"].get<std::string>()), std::string::npos)
      << "tokens are never logged";
  EXPECT_EQ(server.Log().find("Demo@2026"), std::string::npos);

  // A cookie session's changes carry the CSRF token of the qc_csrf cookie (readable by the page).
  std::string csrf_cookie = Cookie(login, "qc_csrf");
  EXPECT_EQ(csrf_cookie.find("HttpOnly"), std::string::npos) << csrf_cookie;
  std::string csrf = csrf_cookie.substr(8, csrf_cookie.find(';') - 8);
  ASSERT_EQ(csrf.size(), 64u) << csrf_cookie;
  HttpResponse out = Send(server.port(), "POST", "/api/v1/auth/logout", "", {{"Cookie", pair}, {"X-CSRF-Token", csrf}});
  EXPECT_EQ(out.status, 200);
  EXPECT_NE(Cookie(out).find("Max-Age=0"), std::string::npos);
  EXPECT_EQ(Send(server.port(), "GET", "/api/v1/auth/me", "", {{"Cookie", pair}}).status, 401);
}

// Security probe: "text/plain; charset=application/json" passed the JSON check (a cross-site form or
// fetch sends it without a preflight), and logout or a station's revocation took a body-less POST
// carried by the cookie alone.
TEST(Auth, CookieSessionsRefuseCrossSiteAndTokenlessChanges) {
  Server server;
  HttpResponse login = Send(server.port(), "POST", "/api/v1/auth/login",
                            Json{{"username", "officer1"}, {"password", "Demo@2026"}}.dump());
  ASSERT_EQ(login.status, 200);
  std::string session = Cookie(login);
  session = session.substr(0, session.find(';'));
  std::string csrf = Cookie(login, "qc_csrf");
  csrf = csrf.substr(8, csrf.find(';') - 8);
  Json body = {{"start_mode", "ex_officio"}, {"title", "跨站"}, {"start_form", {{"cause", "巡查"}}}};
  auto post = [&](std::map<std::string, std::string> h, const std::string& type = "application/json") {
    h["Cookie"] = session;
    h["Content-Type"] = type;
    return Send(server.port(), "POST", "/api/v1/cases", body.dump(), h);
  };
  HttpResponse no_token = post({});
  EXPECT_EQ(no_token.status, 403);
  EXPECT_EQ(no_token.json()["code"], "csrf_refused");
  EXPECT_EQ(post({{"X-CSRF-Token", std::string(64, '0')}}).status, 403);
  EXPECT_EQ(post({{"X-CSRF-Token", csrf}, {"Sec-Fetch-Site", "cross-site"}}).status, 403);
  EXPECT_EQ(post({{"X-CSRF-Token", csrf}, {"Origin", "http://evil.example"}}).status, 403);
  EXPECT_EQ(post({{"X-CSRF-Token", csrf}}, "text/plain; charset=application/json").status, 415);
  EXPECT_EQ(Send(server.port(), "POST", "/api/v1/auth/logout", "", {{"Cookie", session}}).status, 403);
  HttpResponse ok = post({{"X-CSRF-Token", csrf}, {"Sec-Fetch-Site", "same-origin"}, {"Origin", "http://127.0.0.1"}},
                         "application/json; charset=utf-8");
  EXPECT_EQ(ok.status, 201) << ok.body;
  // A Bearer token is not ambient: it needs no CSRF token.
  HttpResponse bearer = Send(
      server.port(), "POST", "/api/v1/cases", body.dump(),
      {{"Authorization", "Bearer " + login.json()["token"].get<std::string>()}, {"Content-Type", "application/json"}});
  EXPECT_EQ(bearer.status, 201) << bearer.body;
  // Reads need no token.
  EXPECT_EQ(Send(server.port(), "GET", "/api/v1/cases", "", {{"Cookie", session}}).status, 200);
}

TEST(Auth, WrongPasswordsAreSlowedDown) {
  Server server;
  Json wrong = {{"username", "reviewer1"}, {"password", "wrong-password"}};
  for (int i = 0; i < 5; ++i) {
    HttpResponse r = Send(server.port(), "POST", "/api/v1/auth/login", wrong.dump());
    EXPECT_EQ(r.status, 401) << i;
    EXPECT_EQ(r.json()["message"], "用户名或密码错误");
  }
  HttpResponse slowed = Send(server.port(), "POST", "/api/v1/auth/login",
                             Json{{"username", "reviewer1"}, {"password", "Demo@2026"}}.dump());
  EXPECT_EQ(slowed.status, 429) << "even the right password waits once throttled";
  EXPECT_EQ(slowed.json()["code"], "too_many_attempts");
  EXPECT_GE(std::stoi(slowed.headers["retry-after"]), 1);
  // Unknown users answer exactly like wrong passwords.
  HttpResponse unknown =
      Send(server.port(), "POST", "/api/v1/auth/login", Json{{"username", "nobody"}, {"password", "x"}}.dump());
  // 429 while this client address is still throttled (for a second after its fifth failure), 401 once
  // that second has passed on the server's real clock: both say nothing about whether "nobody" exists.
  EXPECT_TRUE(unknown.status == 401 || unknown.status == 429);
}

TEST(Lifecycle, SessionsSurviveARestartAndSigtermStopsCleanly) {
  Server server;
  Client officer(server.port(), "officer1");
  EXPECT_EQ(server.Stop(SIGTERM), 0) << server.Log();
  EXPECT_NE(server.Log().find("stopped"), std::string::npos);
  // One log line per request: method, target, status, size, time, client, user.
  EXPECT_NE(server.Log().find("POST /api/v1/auth/login 200 "), std::string::npos) << server.Log();
  server.Start();
  Client same = officer;
  HttpResponse r = Send(server.port(), "GET", "/api/v1/auth/me", "", {{"Authorization", "Bearer " + officer.token()}});
  EXPECT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(server.Stop(SIGINT), 0);
}

}  // namespace
}  // namespace qc::testing
