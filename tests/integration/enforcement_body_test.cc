// The enforcement body (执法主体, issue 12 §1): units say whether they are one; a case is handled for
// the body its unit belongs to, numbered in its sequence and approved by its head (Art. 7, 10); the
// 法制大队 reviews for the whole body (Art. 6).
#include <gtest/gtest.h>

#include <memory>
#include <regex>

#include "server_fixture.h"

namespace qc::testing {
namespace {

class EnforcementBodyTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { server_ = std::make_unique<Server>(); }
  static void TearDownTestSuite() { server_.reset(); }
  static int port() { return server_->port(); }
  static std::unique_ptr<Server> server_;

  // A user of `role` in `unit`, logged in.
  static Client NewUser(const Client& admin, const std::string& username, const std::string& role,
                        const std::string& unit, const std::string& cert_no) {
    HttpResponse r = admin.Post("/api/v1/users", {{"username", username},
                                                  {"name", "测试" + username},
                                                  {"role", role},
                                                  {"unit_id", unit},
                                                  {"cert_no", cert_no},
                                                  {"password", "Strong#Pass1"}});
    EXPECT_EQ(r.status, 201) << r.body;
    return Client(port(), username, "Strong#Pass1");
  }
};
std::unique_ptr<Server> EnforcementBodyTest::server_;

TEST_F(EnforcementBodyTest, UnitsSayWhichAreBodiesAndCasesBearTheBodysNameAndNumber) {
  Client admin(port(), "admin"), officer(port(), "officer1");
  Json units = officer.Get("/api/v1/units").json()["items"];
  std::string root;
  for (const auto& u : units) {
    if (u["parent_id"].is_null()) {
      root = u["id"];
      EXPECT_TRUE(u["enforcement_body"].get<bool>()) << "the bureau";
    } else {
      EXPECT_FALSE(u["enforcement_body"].get<bool>()) << u["name"] << " acts in the bureau's name";
    }
  }
  ASSERT_FALSE(root.empty());

  HttpResponse sub =
      admin.Post("/api/v1/units",
                 {{"name", "易县公安局某分局"}, {"code", "易公分"}, {"parent_id", root}, {"enforcement_body", true}});
  ASSERT_EQ(sub.status, 201) << sub.body;
  EXPECT_TRUE(sub.json()["unit"]["enforcement_body"].get<bool>());
  HttpResponse bad =
      admin.Post("/api/v1/units", {{"name", "x队"}, {"code", "x"}, {"parent_id", root}, {"enforcement_body", "yes"}});
  EXPECT_EQ(bad.status, 400);
  EXPECT_EQ(bad.json()["field"], "enforcement_body");

  std::string id = OpenExOfficioCase(officer, "执法主体测试");
  Json c = officer.Get("/api/v1/cases/" + id).json();
  EXPECT_EQ(c["enforcement_body"]["id"], root);
  EXPECT_EQ(c["enforcement_body"]["name"], "易县公安局");
  std::string number = c["number"];
  EXPECT_TRUE(std::regex_match(number, std::regex("易公〔20[0-9]{2}〕[1-9][0-9]*号"))) << number;
}

TEST_F(EnforcementBodyTest, OnlyTheHeadOfTheBodyApproves) {
  Client admin(port(), "admin"), officer(port(), "officer1"), reviewer(port(), "reviewer1"),
      approver(port(), "approver1");
  std::string team = officer.user()["unit_id"];
  // An account with the approver role placed in a team is not the 行政机关负责人.
  Client team_leader = NewUser(admin, "approver9", "approver", team, "13063300091");

  std::string id = OpenExOfficioCase(officer, "负责人批准测试");
  HttpResponse submitted = officer.Post("/api/v1/cases/" + id + "/start-approval",
                                        {{"opinion", "建议启动调查程序"}, {"reasons", "事实初步清楚"}});
  ASSERT_EQ(submitted.status, 200) << submitted.body;
  std::string approval = submitted.json()["case"]["approvals"].back()["id"];
  ASSERT_EQ(reviewer.Post("/api/v1/approvals/" + approval + "/decision", {{"decision", "approve"}, {"opinion", "同意"}})
                .status,
            200);

  Json leader_inbox = team_leader.Get("/api/v1/approvals").json();
  for (const auto& item : leader_inbox["items"]) EXPECT_NE(item["id"], approval);
  HttpResponse refused =
      team_leader.Post("/api/v1/approvals/" + approval + "/decision", {{"decision", "approve"}, {"opinion", "同意"}});
  EXPECT_EQ(refused.status, 403) << refused.body;
  EXPECT_NE(refused.json()["message"].get<std::string>().find("易县公安局"), std::string::npos) << refused.body;

  bool in_inbox = false;
  Json inbox = approver.Get("/api/v1/approvals").json();
  for (const auto& item : inbox["items"]) in_inbox |= item["id"] == approval;
  EXPECT_TRUE(in_inbox);
  HttpResponse approved =
      approver.Post("/api/v1/approvals/" + approval + "/decision", {{"decision", "approve"}, {"opinion", "同意启动"}});
  ASSERT_EQ(approved.status, 200) << approved.body;
  EXPECT_EQ(approved.json()["case"]["stage"], "investigation");
}

TEST_F(EnforcementBodyTest, TheLegalTeamReviewsForItsWholeBody) {
  Client admin(port(), "admin"), officer(port(), "officer1");
  std::string root;
  Json units = officer.Get("/api/v1/units").json();
  for (const auto& u : units["items"])
    if (u["parent_id"].is_null()) root = u["id"];
  HttpResponse unit =
      admin.Post("/api/v1/units", {{"name", "法制大队（测试）"}, {"code", "易公法测"}, {"parent_id", root}});
  ASSERT_EQ(unit.status, 201) << unit.body;
  EXPECT_FALSE(unit.json()["unit"]["enforcement_body"].get<bool>());
  Client legal = NewUser(admin, "legal9", "legal", unit.json()["unit"]["id"], "13063300092");
  // A sibling unit's case: the 法制大队 is not above 第一执法队, but both act for 易县公安局.
  std::string id = OpenExOfficioCase(officer, "法制审核可见性测试");
  EXPECT_EQ(legal.Get("/api/v1/cases/" + id).status, 200);
  // A reviewer placed there sees only the cases of that unit and below.
  Client reviewer = NewUser(admin, "reviewer9", "reviewer", unit.json()["unit"]["id"], "13063300093");
  EXPECT_EQ(reviewer.Get("/api/v1/cases/" + id).status, 403);
}

}  // namespace
}  // namespace qc::testing
