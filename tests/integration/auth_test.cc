// Sessions: cookie and bearer, logout, throttled failed logins, and restarts.
#include <gtest/gtest.h>

#include <signal.h>

#include "server_fixture.h"

namespace qc::testing {
namespace {

std::string Cookie(const HttpResponse& r) {
  auto it = r.headers.find("set-cookie");
  return it == r.headers.end() ? "" : it->second;
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
  EXPECT_EQ(me.json()["unit_name"], "第一执法队");
  EXPECT_EQ(server.Log().find(login.json()["token"].get<std::string>()), std::string::npos) << "tokens are never logged";
  EXPECT_EQ(server.Log().find("Demo@2026"), std::string::npos);

  HttpResponse out = Send(server.port(), "POST", "/api/v1/auth/logout", "", {{"Cookie", pair}});
  EXPECT_EQ(out.status, 200);
  EXPECT_NE(Cookie(out).find("Max-Age=0"), std::string::npos);
  EXPECT_EQ(Send(server.port(), "GET", "/api/v1/auth/me", "", {{"Cookie", pair}}).status, 401);
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
  HttpResponse unknown = Send(server.port(), "POST", "/api/v1/auth/login",
                              Json{{"username", "nobody"}, {"password", "x"}}.dump());
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
