// Strict input reading and the route table against docs/openapi.yaml.
#include <gtest/gtest.h>

#include <fstream>
#include <regex>
#include <set>

#include "http/handlers.h"
#include "http/input.h"

namespace qc::http {
namespace {

TEST(Reader, NamesTheFieldAtFault) {
  Json body = Json::parse(R"({"title": 5, "parties": [{"kind": "natural_person", "name": ""}], "x": 1})");
  Reader r(body);
  r.Str("title", kRequired, 10);
  EXPECT_EQ(r.Finish().field(), "title");
  EXPECT_EQ(r.Finish().code(), "wrong_type");

  Reader r2(body);
  r2.OptStr("title", 10);  // still the wrong type
  EXPECT_EQ(r2.Finish().code(), "wrong_type");

  Json ok = Json::parse(R"({"title": "标题", "parties": [{"kind": "natural_person", "name": "  "}]})");
  Reader r3(ok);
  EXPECT_EQ(r3.Str("title", kRequired, 2), "标题") << "length counts characters, not bytes";
  for (auto& p : r3.Objects("parties", kRequired, 5)) {
    p.Str("name", kRequired, 10);
    r3.Merge(p.Finish());
  }
  Status s = r3.Finish();
  EXPECT_EQ(s.field(), "parties[0].name");
  EXPECT_EQ(s.code(), "missing_field");
}

TEST(Reader, RejectsUnknownTooLongAndBadEnums) {
  Json body = Json::parse(R"({"a": "abc", "b": "zz", "typo": true})");
  Reader r(body);
  r.Str("a", kRequired, 3);
  r.Enum("b", kRequired, {"x", "y"});
  EXPECT_EQ(r.Finish().field(), "b");
  Reader r2(body);
  r2.Str("a", kRequired, 2);
  EXPECT_EQ(r2.Finish().code(), "too_long");
  Reader r3(body);
  r3.Str("a", kRequired, 3);
  r3.Str("b", kRequired, 3);
  Status s = r3.Finish();
  EXPECT_EQ(s.code(), "unknown_field");
  EXPECT_EQ(s.field(), "typo");
  Json nulls = Json::parse(R"({"missing": null})");
  Reader r4(nulls);
  r4.Str("need", kRequired, 3);
  EXPECT_EQ(r4.Finish().field(), "need");
}

TEST(Reader, RejectsControlCharacters) {
  Json body = {{"a", std::string("x\x07y")}};
  Reader r(body);
  r.Str("a", kRequired, 10);
  EXPECT_EQ(r.Finish().field(), "a");
}

// Security probe: DEL, C1 controls, U+202E and zero-width characters passed as text, a lone U+200B
// passed as a name, and a reason of spaces passed where a reason is required.
TEST(Reader, RefusesInvisibleAndDirectionalCharactersAndBlankText) {
  for (const char* bad : {"a\x7F", "a\xC2\x85", "\xE2\x80\xAEtxt.exe", "张\xE2\x80\x8B伟", "\xEF\xBB\xBFx",
                          "a\xE2\x81\xA6"
                          "b"}) {
    Json body = {{"a", std::string(bad)}};
    Reader r(body);
    r.Str("a", kRequired, 20);
    EXPECT_EQ(r.Finish().code(), "invalid_field") << bad;
  }
  for (const char* blank : {"\xE2\x80\x8B", "\xE3\x80\x80\xE3\x80\x80", " \t\n", "\xC2\xA0"}) {
    Json body = {{"name", std::string(blank)}, {"reason", std::string(blank)}};
    Reader r(body);
    r.Str("name", kRequired, 20);
    EXPECT_EQ(r.Finish().code(), "missing_field") << "blank name: " << blank;
    Reader opt(body);
    EXPECT_EQ(opt.Str("reason", kOptional, 20), "") << "an optional blank text is no text";
  }
  Json fine = {{"a", "张伟 Zhang\t（第一执法队）\n"}};
  Reader r(fine);
  EXPECT_EQ(r.Str("a", kRequired, 40), "张伟 Zhang\t（第一执法队）\n");
  EXPECT_TRUE(r.Finish().ok());
}

// Security probe: duplicate keys and a trailing NUL after the JSON were accepted.
TEST(ParseBody, IsStrictAboutTheMediaTypeDuplicatesAndNul) {
  auto parse = [](const std::string& body, const std::string& type = "application/json") {
    Request req;
    req.headers["content-type"] = type;
    req.body = body;
    return ParseBody(req);
  };
  EXPECT_TRUE(parse(R"({"a":1,"b":{"a":2}})").ok()) << "the same key in another object is fine";
  EXPECT_TRUE(parse(R"({"a":1})", "application/json; charset=utf-8").ok());
  EXPECT_TRUE(parse(R"({"a":1})", "Application/JSON").ok());
  auto dup = parse(R"({"role":"officer","x":{"k":1,"k":2},"role":"admin"})");
  EXPECT_EQ(dup.status().code(), "duplicate_key");
  EXPECT_EQ(parse(std::string("{\"a\":1}\0", 8)).status().code(), "malformed_json");
  EXPECT_EQ(parse(R"({"a":1})", "text/plain; charset=application/json").status().code(), "unsupported_media_type");
  EXPECT_EQ(parse(R"({"a":1})", "application/jsonx").status().code(), "unsupported_media_type");
}

TEST(QueryReader, ValidatesNumbersAndUnknownParameters) {
  std::map<std::string, std::string> q{{"page", "0"}};
  QueryReader r(q);
  r.Int("page", 1, 1, 100);
  EXPECT_EQ(r.Finish().field(), "page");
  std::map<std::string, std::string> q2{{"page", "2x"}};
  QueryReader r2(q2);
  r2.Int("page", 1, 1, 100);
  EXPECT_FALSE(r2.Finish().ok());
  std::map<std::string, std::string> q3{{"pgae", "2"}};
  QueryReader r3(q3);
  r3.Int("page", 1, 1, 100);
  EXPECT_EQ(r3.Finish().field(), "pgae");
}

TEST(Target, DecodesPathAndQuery) {
  std::string path;
  std::map<std::string, std::string> query;
  ASSERT_TRUE(ParseTarget("/api/v1/cases?text=%E9%87%91%E5%97%93&page=2&x=a+b", &path, &query));
  EXPECT_EQ(path, "/api/v1/cases");
  EXPECT_EQ(query["text"], "金嗓");
  EXPECT_EQ(query["x"], "a b");
  EXPECT_FALSE(ParseTarget("/a%zz", &path, &query));
  EXPECT_FALSE(ParseTarget("/a?b=%4", &path, &query));
  EXPECT_FALSE(ParseTarget("nopath", &path, &query));
}

TEST(SessionToken, BearerFirstThenCookie) {
  Request req;
  req.headers["cookie"] = "a=1; qc_session=abc; b=2";
  EXPECT_EQ(SessionToken(req), "abc");
  req.headers["authorization"] = "Bearer xyz";
  EXPECT_EQ(SessionToken(req), "xyz");
  req.headers.erase("authorization");
  req.headers["cookie"] = "qc_session_other=zzz";
  EXPECT_EQ(SessionToken(req), "");
}

// Every route the server serves is described in docs/openapi.yaml (and nothing described is missing).
TEST(OpenApi, DescribesEveryServedRoute) {
  std::ifstream in(std::string(QC_SOURCE_DIR) + "/docs/openapi.yaml");
  ASSERT_TRUE(in.good()) << "docs/openapi.yaml is missing";
  std::set<std::pair<std::string, std::string>> documented;
  std::string line, path;
  bool in_paths = false;
  std::regex path_re(R"(^  (/[^:\s]*):\s*$)"), method_re(R"(^    (get|post|put|patch|delete|head|options):\s*$)");
  std::smatch m;
  while (std::getline(in, line)) {
    if (line.rfind("paths:", 0) == 0) {
      in_paths = true;
      continue;
    }
    if (in_paths && !line.empty() && line[0] != ' ' && line[0] != '#') in_paths = false;
    if (!in_paths) continue;
    if (std::regex_match(line, m, path_re))
      path = m[1];
    else if (std::regex_match(line, m, method_re) && !path.empty()) {
      std::string method = m[1];
      for (auto& ch : method) ch = static_cast<char>(std::toupper(ch));
      documented.emplace(method, path);
    }
  }
  std::set<std::pair<std::string, std::string>> served;
  for (const auto& r : MakeApiRouter().Routes()) served.insert(r);
  for (const auto& r : served)
    EXPECT_TRUE(documented.count(r)) << r.first << " " << r.second << " is not in docs/openapi.yaml";
  for (const auto& d : documented)
    EXPECT_TRUE(served.count(d)) << d.first << " " << d.second << " is documented but not served";
}

}  // namespace
}  // namespace qc::http
