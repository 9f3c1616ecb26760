// The web application's files at "/": hashed assets cached for a year, index.html revalidated, the
// application's routes answered with index.html, the API never shadowed, nothing outside the root.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "server_fixture.h"

namespace qc::testing {
namespace {

namespace fs = std::filesystem;

class WebStaticTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    web_ = new std::string(fs::temp_directory_path() / ("qc-web-" + std::to_string(::getpid())));
    fs::create_directories(*web_ + "/assets");
    std::ofstream(*web_ + "/index.html") << "<!doctype html><title>全程</title><div id=app></div>";
    std::ofstream(*web_ + "/assets/index-3f9a1c.js") << "console.log('全程')";
    std::ofstream(*web_ + "/favicon.ico") << "ico";
    std::ofstream(*web_ + "/../qc-web-secret-" + std::to_string(::getpid())) << "TOP-SECRET-CONTENT";
    fs::create_symlink("/etc/hostname", *web_ + "/assets/escape.js");
    server_ = new Server({"--web", *web_});
  }
  static void TearDownTestSuite() {
    delete server_;
    fs::remove_all(*web_);
    fs::remove(*web_ + "/../qc-web-secret-" + std::to_string(::getpid()));
    delete web_;
  }
  static int port() { return server_->port(); }
  static Server* server_;
  static std::string* web_;
};
Server* WebStaticTest::server_ = nullptr;
std::string* WebStaticTest::web_ = nullptr;

TEST_F(WebStaticTest, IndexAssetsAndApplicationRoutes) {
  HttpResponse index = Send(port(), "GET", "/");
  ASSERT_EQ(index.status, 200);
  EXPECT_EQ(index.headers["content-type"], "text/html; charset=utf-8");
  EXPECT_EQ(index.headers["cache-control"], "no-cache");
  EXPECT_NE(index.body.find("<title>全程</title>"), std::string::npos);

  HttpResponse js = Send(port(), "GET", "/assets/index-3f9a1c.js");
  ASSERT_EQ(js.status, 200);
  EXPECT_EQ(js.headers["content-type"], "text/javascript; charset=utf-8");
  EXPECT_EQ(js.headers["cache-control"], "public, max-age=31536000, immutable");

  for (const char* route : {"/cases", "/cases/case_01a2/", "/approvals", "/login?next=%2Fcases"}) {
    HttpResponse r = Send(port(), "GET", route);
    EXPECT_EQ(r.status, 200) << route;
    EXPECT_EQ(r.body, index.body) << route;
    EXPECT_EQ(r.headers["cache-control"], "no-cache") << route;
  }
  EXPECT_EQ(Send(port(), "GET", "/favicon.ico").headers["cache-control"], "no-cache");
  EXPECT_EQ(Send(port(), "GET", "/assets/missing-123.js").status, 404);
}

TEST_F(WebStaticTest, TheApiIsNeverShadowedAndNothingLeaksOut) {
  HttpResponse api = Send(port(), "GET", "/api/v1/nothing-here");
  EXPECT_EQ(api.status, 404);
  EXPECT_EQ(api.json()["code"], "not_found") << "the API answers its own 404, not index.html";
  EXPECT_EQ(Send(port(), "GET", "/api/v1/health").status, 200);
  EXPECT_EQ(Send(port(), "GET", "/api/v1/cases").status, 401);

  std::string secret = "qc-web-secret-" + std::to_string(::getpid());
  for (std::string path : std::vector<std::string>{"/../" + secret, "/%2e%2e/" + secret, "/assets/..%2f..%2f" + secret,
                                                   "/.hidden", "/assets/escape.js", "/assets\\..\\index.html"}) {
    HttpResponse r = Send(port(), "GET", path);
    EXPECT_NE(r.status, 200) << path;
    EXPECT_EQ(r.body.find("TOP-SECRET-CONTENT"), std::string::npos) << path;
  }
  HttpResponse post = Send(port(), "POST", "/", "{}");
  EXPECT_EQ(post.status, 405);
  EXPECT_EQ(post.headers["allow"], "GET");
}

TEST(WebStatic, WithoutABuildTheRootSaysHowToBuild) {
  Server server({"--web", "/nonexistent/web/dist"});
  HttpResponse r = Send(server.port(), "GET", "/");
  EXPECT_EQ(r.status, 404);
  EXPECT_NE(r.json()["message"].get<std::string>().find("npm run build"), std::string::npos);
  EXPECT_EQ(Send(server.port(), "GET", "/api/v1/health").status, 200);
}

}  // namespace
}  // namespace qc::testing
