// Hostile and mistaken requests get a clear 4xx naming the field, and record nothing.
#include <gtest/gtest.h>

#include <unistd.h>

#include <vector>

#include "server_fixture.h"

namespace qc::testing {
namespace {

class BadInputTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { server_ = new Server({"--max-body", "65536"}); }
  static void TearDownTestSuite() {
    delete server_;
    server_ = nullptr;
  }
  static Server* server_;
};
Server* BadInputTest::server_ = nullptr;

struct Case {
  const char* name;
  std::string method, path, body;
  int status;
  std::string code, field;
  std::map<std::string, std::string> headers = {};
};

TEST_F(BadInputTest, EachIsRefusedWithItsFieldAndChangesNothing) {
  int port = server_->port();
  Client officer1(port, "officer1"), officer2(port, "officer2"), reviewer(port, "reviewer1");
  Json good = {{"start_mode", "ex_officio"},
               {"title", "正常案件"},
               {"start_form", {{"cause", "巡查发现"}}},
               {"parties", {{{"kind", "natural_person"}, {"name", "张三"}}}}};
  HttpResponse made = officer1.Post("/api/v1/cases", good);
  ASSERT_EQ(made.status, 201);
  std::string id = made.json()["case"]["id"];
  std::string approval_path = "/api/v1/cases/" + id + "/start-approval";
  std::string auth = "Bearer " + officer1.token();

  auto with = [&](const std::string& key, const Json& v) {
    Json b = good;
    b[key] = v;
    return b.dump();
  };
  std::vector<Case> cases = {
      {"malformed json", "POST", "/api/v1/cases", "{\"start_mode\": ", 400, "malformed_json", ""},
      {"not an object", "POST", "/api/v1/cases", "[1,2]", 400, "malformed_json", ""},
      {"number out of range", "POST", "/api/v1/cases", "{\"title\": 1e400}", 400, "malformed_json", ""},
      {"wrong content type",
       "POST",
       "/api/v1/cases",
       good.dump(),
       415,
       "unsupported_media_type",
       "",
       {{"Content-Type", "text/plain"}}},
      {"missing field", "POST", "/api/v1/cases",
       [&] {
         Json b = good;
         b.erase("title");
         return b.dump();
       }(),
       400, "missing_field", "title"},
      {"wrong type", "POST", "/api/v1/cases", with("major", "yes"), 400, "wrong_type", "major"},
      {"number for string", "POST", "/api/v1/cases", with("title", 12), 400, "wrong_type", "title"},
      {"float", "POST", "/api/v1/cases", with("title", 1.5), 400, "wrong_type", "title"},
      {"unknown field", "POST", "/api/v1/cases", with("titel", "x"), 400, "unknown_field", "titel"},
      {"unknown nested field", "POST", "/api/v1/cases", with("start_form", Json{{"cause", "x"}, {"foo", 1}}), 400,
       "unknown_field", "start_form.foo"},
      {"field of another start mode", "POST", "/api/v1/cases", with("complaint", Json{{"channel", "phone"}}), 400,
       "invalid_field", "complaint"},
      {"over-long string", "POST", "/api/v1/cases", with("title", std::string(201, 'x')), 400, "too_long", "title"},
      {"over-long chinese", "POST", "/api/v1/cases",
       [&] {
         std::string s;
         for (int i = 0; i < 201; ++i) s += "案";
         return with("title", s);
       }(),
       400, "too_long", "title"},
      {"bad enum", "POST", "/api/v1/cases", with("start_mode", "by_magic"), 400, "invalid_field", "start_mode"},
      {"bad party kind", "POST", "/api/v1/cases", with("parties", Json::array({{{"kind", "alien"}, {"name", "x"}}})),
       400, "invalid_field", "parties[0].kind"},
      {"too many parties", "POST", "/api/v1/cases",
       with("parties", Json(std::vector<Json>(51, Json{{"kind", "natural_person"}, {"name", "x"}}))), 400, "too_long",
       "parties"},
      {"unknown co-officer", "POST", "/api/v1/cases", with("co_officers", Json::array({"user_nobody"})), 400,
       "invalid_field", "co_officers[0]"},
      {"co-officer of another team", "POST", "/api/v1/cases", with("co_officers", Json::array({officer2.user()["id"]})),
       400, "invalid_field", "co_officers[0]"},
      {"duplicate co-officer", "POST", "/api/v1/cases",
       with("co_officers", Json::array({officer1.user()["id"], officer1.user()["id"]})), 400, "invalid_field",
       "co_officers[1]"},
      {"invalid utf-8", "POST", "/api/v1/cases", "{\"title\": \"\xff\xfe\"}", 400, "malformed_json", ""},
      {"unknown case", "GET", "/api/v1/cases/case_doesnotexist", "", 404, "not_found", "id"},
      {"unknown case action", "POST", "/api/v1/cases/case_doesnotexist/start-approval", "{\"opinion\":\"x\"}", 404,
       "not_found", "id"},
      // As a reviewer: an officer is refused (403) before the approval is looked up.
      {"unknown approval",
       "POST",
       "/api/v1/approvals/apv_nope/decision",
       "{\"decision\":\"approve\"}",
       404,
       "not_found",
       "id",
       {{"Authorization", "Bearer " + reviewer.token()}}},
      {"unknown route", "GET", "/api/v1/nothing", "", 404, "not_found", ""},
      {"wrong method", "DELETE", "/api/v1/cases/" + id, "", 405, "method_not_allowed", ""},
      {"illegal stage transition", "POST", "/api/v1/cases/" + id + "/stage", "{\"to\":\"archiving\"}", 409,
       "illegal_transition", "to"},
      {"stage enum", "POST", "/api/v1/cases/" + id + "/stage", "{\"to\":\"done\"}", 400, "invalid_field", "to"},
      {"bad query parameter", "GET", "/api/v1/cases?page=0", "", 400, "invalid_field", "page"},
      {"unknown query parameter", "GET", "/api/v1/cases?pgae=2", "", 400, "unknown_field", "pgae"},
      {"bad date", "GET", "/api/v1/cases?from=yesterday", "", 400, "invalid_field", "from"},
      {"bad sort", "GET", "/api/v1/cases?sort=password", "", 400, "invalid_field", "sort"},
      {"bad path encoding", "GET", "/api/v1/cases/%zz", "", 400, "malformed_request", ""},
      {"anonymous complainant with a name", "POST", "/api/v1/cases",
       Json{{"start_mode", "complaint"},
            {"title", "匿名举报"},
            {"complaint",
             {{"channel", "phone"},
              {"content", "噪音扰民"},
              {"complainant", {{"anonymous", true}, {"name", "李四"}, {"phone", "13900000000"}}}}}}
           .dump(),
       400, "invalid_field", "complaint.complainant.name"},
      {"zero-width title", "POST", "/api/v1/cases", with("title", "\xE2\x80\x8B"), 400, "missing_field", "title"},
      {"bidi override in a title", "POST", "/api/v1/cases", with("title", "\xE2\x80\xAE案件"), 400, "invalid_field",
       "title"},
      {"duplicate key", "POST", "/api/v1/cases", R"({"title":"a","title":"b"})", 400, "duplicate_key", "title"},
  };
  for (auto& c : cases) c.headers.emplace("Authorization", auth);

  int64_t before = server_->EventCount();
  for (const auto& c : cases) {
    HttpResponse r = Send(port, c.method, c.path, c.body, c.headers);
    EXPECT_EQ(r.status, c.status) << c.name << ": " << r.body;
    Json j = r.json();
    ASSERT_TRUE(j.is_object()) << c.name << ": error body is not JSON: " << r.body;
    EXPECT_EQ(j["code"], c.code) << c.name;
    EXPECT_TRUE(j["message"].is_string() && !j["message"].get<std::string>().empty()) << c.name;
    if (!c.field.empty()) {
      EXPECT_EQ(j["field"], c.field) << c.name;
    }
  }
  // Acting outside one's role or unit.
  EXPECT_EQ(officer2.Post(approval_path, {{"opinion", "x"}}).status, 403);
  EXPECT_EQ(officer1.Post("/api/v1/approvals/apv_nope/decision", {{"decision", "approve"}}).status, 403)
      << "officers decide no approval step: refused before the lookup";
  EXPECT_EQ(reviewer.Post("/api/v1/cases", good).status, 403);
  EXPECT_EQ(officer1.Post("/api/v1/users", {{"username", "x"}}).status, 403);
  EXPECT_EQ(officer1.Patch("/api/v1/users/" + officer1.user()["id"].get<std::string>(), {{"role", "admin"}}).status,
            403);
  // Usernames are unique whatever their case (they shared a login throttle but were two accounts).
  Client admin(port, "admin");
  HttpResponse same = admin.Post("/api/v1/users", {{"username", "Officer1"},
                                                   {"name", "冒名"},
                                                   {"role", "reviewer"},
                                                   {"unit_id", officer1.user()["unit_id"]},
                                                   {"password", "Strong@2026pass"}});
  EXPECT_EQ(same.status, 409) << same.body;
  EXPECT_EQ(same.json()["field"], "username");
  // Oversized body: refused before it is read whole, and the server lives on.
  HttpResponse big = officer1.Post("/api/v1/cases", with("title", std::string(70000, 'x')));
  EXPECT_EQ(big.status, 413);
  EXPECT_EQ(big.json()["code"], "payload_too_large");
  HttpResponse wrong_method = Send(port, "PUT", "/api/v1/cases", "", {{"Authorization", auth}});
  EXPECT_EQ(wrong_method.status, 405);
  EXPECT_EQ(wrong_method.headers["allow"], "POST, GET");
  HttpResponse huge_header = Send(port, "GET", "/api/v1/health", "", {{"X-Filler", std::string(20000, 'a')}});
  EXPECT_EQ(huge_header.status, 431);
  HttpResponse garbage = SendRaw(port, "THIS IS NOT HTTP\r\n\r\n");
  EXPECT_EQ(garbage.status, 400);
  // Security probe: a transfer coding other than chunked, even "identity", is a 400 (RFC 9112 §6.1).
  HttpResponse identity =
      SendRaw(port, "POST /api/v1/cases HTTP/1.1\r\nHost: x\r\nAuthorization: " + auth +
                        "\r\nContent-Type: application/json\r\nTransfer-Encoding: identity\r\n\r\n{}");
  EXPECT_EQ(identity.status, 400);
  EXPECT_EQ(identity.json()["field"], "Transfer-Encoding");
  // Security probe: 1,000 idle unauthenticated connections each held up to 1 MiB of body. A session
  // route is answered 401 on its headers: the body announced here is never sent, and never awaited.
  HttpResponse anonymous = SendRaw(port,
                                   "POST /api/v1/cases HTTP/1.1\r\nHost: x\r\nContent-Type: application/json"
                                   "\r\nContent-Length: 60000\r\n\r\n");
  EXPECT_EQ(anonymous.status, 401);
  EXPECT_EQ(server_->EventCount(), before) << "no bad request may record an event";
  EXPECT_EQ(Send(port, "GET", "/api/v1/health").status, 200) << "still serving";
  EXPECT_EQ(server_->Log().find(" 500 "), std::string::npos) << "no 500 for a client's mistake";
}

// Connections past --max-connections are answered 503 at once and closed; the server serves again
// as soon as connections close.
TEST(Limits, ConnectionsPastTheCapAreRefusedAtOnce) {
  Server server({"--max-connections", "3"});
  int port = server.port();
  std::vector<int> idle;
  for (int i = 0; i < 3; ++i) idle.push_back(ConnectIdle(port));
  HttpResponse refused = Send(port, "GET", "/api/v1/health");
  EXPECT_EQ(refused.status, 503);
  EXPECT_EQ(refused.headers["retry-after"], "1");
  for (int fd : idle) ::close(fd);
  HttpResponse ok;
  for (int i = 0; i < 1000 && ok.status != 200; ++i) ok = Send(port, "GET", "/api/v1/health");  // the closes land
  EXPECT_EQ(ok.status, 200);
}

}  // namespace
}  // namespace qc::testing
