// Who enforces (issue 12 §5; Art. 12; 行政处罚法 第四十二条): police officers with a 人民警察证 警号 of six
// digits, auxiliaries (辅警) marked and never acting alone, two police officers before a decision.
#include <gtest/gtest.h>

#include <memory>

#include "common/clock.h"
#include "server_fixture.h"

namespace qc::testing {
namespace {

class OfficersTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { server_ = std::make_unique<Server>(); }
  static void TearDownTestSuite() { server_.reset(); }
  static int port() { return server_->port(); }
  static std::unique_ptr<Server> server_;
};
std::unique_ptr<Server> OfficersTest::server_;

Json NewOfficer(const std::string& username, const std::string& unit, const std::string& cert, bool auxiliary) {
  Json u = {{"username", username}, {"name", "测试" + username}, {"role", "officer"},
            {"unit_id", unit},      {"cert_no", cert},           {"password", "Strong#Pass1"}};
  if (auxiliary) u["auxiliary"] = true;
  return u;
}

TEST_F(OfficersTest, APoliceNumberHasSixDigitsAndAnAuxiliaryIsMarked) {
  Client admin(port(), "admin"), officer(port(), "officer1");
  std::string unit = officer.user()["unit_id"];
  for (const char* bad : {"13062100023", "04001", "04001x", ""}) {
    HttpResponse r = admin.Post("/api/v1/users", NewOfficer("police_bad", unit, bad, false));
    EXPECT_EQ(r.status, 400) << bad;
    EXPECT_EQ(r.json()["field"], "cert_no") << bad;
  }
  Json reviewer = NewOfficer("reviewer_aux", unit, "", true);
  reviewer["role"] = "reviewer";
  EXPECT_EQ(admin.Post("/api/v1/users", reviewer).json()["field"], "auxiliary");
  HttpResponse aux = admin.Post("/api/v1/users", NewOfficer("auxiliary1", unit, "", true));
  ASSERT_EQ(aux.status, 201) << aux.body;
  EXPECT_TRUE(aux.json()["user"]["auxiliary"].get<bool>());
  EXPECT_EQ(officer.user()["cert_no"], "040017") << "the demo's 警号";
}

TEST_F(OfficersTest, AnAuxiliaryAssistsButNeverActsAlone) {
  Client admin(port(), "admin"), officer(port(), "officer1");
  std::string unit = officer.user()["unit_id"];
  HttpResponse created = admin.Post("/api/v1/users", NewOfficer("auxiliary2", unit, "", true));
  ASSERT_EQ(created.status, 201) << created.body;
  std::string aux_id = created.json()["user"]["id"];
  Client aux(port(), "auxiliary2", "Strong#Pass1");
  Json body = {{"start_mode", "ex_officio"},
               {"title", "辅警单独立案测试"},
               {"parties", {{{"kind", "natural_person"}, {"name", "李四"}}}},
               {"start_form", {{"cause", "巡逻发现"}}}};
  EXPECT_EQ(aux.Post("/api/v1/cases", body).status, 403) << "辅警不得单独执法";

  body["title"] = "两名民警办案测试";
  HttpResponse opened = officer.Post("/api/v1/cases", body);
  ASSERT_EQ(opened.status, 201) << opened.body;
  std::string id = opened.json()["case"]["id"], base = "/api/v1/cases/" + id;
  HttpResponse assigned = officer.Post(base + "/officers", {{"user_id", aux_id}});
  ASSERT_EQ(assigned.status, 200) << assigned.body;
  EXPECT_TRUE(assigned.json()["case"]["officers"][1]["auxiliary"].get<bool>());
  EXPECT_EQ(aux.Post(base + "/offence", {{"cause", "殴打他人"}}).status, 403) << "assigned, still not alone";

  // To 审查决定 with one police officer and one auxiliary: no decision (行政处罚法第四十二条).
  HttpResponse start = officer.Post(base + "/start-approval", {{"opinion", "拟立案调查"}});
  ASSERT_EQ(start.status, 200) << start.body;
  std::string approval = start.json()["case"]["approvals"][0]["id"];
  Client reviewer(port(), "reviewer1"), approver(port(), "approver1");
  ASSERT_EQ(reviewer.Post("/api/v1/approvals/" + approval + "/decision", {{"decision", "approve"}, {"opinion", "同意"}})
                .status,
            200);
  ASSERT_EQ(approver.Post("/api/v1/approvals/" + approval + "/decision", {{"decision", "approve"}, {"opinion", "同意"}})
                .status,
            200);
  ASSERT_EQ(officer.Post(base + "/stage", {{"to", "review_decision"}}).status, 200);
  Json decision = {{"decision_no", "易公（治）行罚决字〔2026〕30号"},
                   {"kind", "penalty"},
                   {"content", "对李四处警告"},
                   {"opinion", "拟警告"}};
  HttpResponse alone = officer.Post(base + "/decision", decision);
  EXPECT_EQ(alone.status, 409) << alone.body;
  EXPECT_EQ(alone.json()["code"], "too_few_officers");
  Client liu(port(), "officer3");
  ASSERT_EQ(officer.Post(base + "/officers", {{"user_id", liu.user()["id"]}}).status, 200);
  HttpResponse two = officer.Post(base + "/decision", decision);
  EXPECT_EQ(two.status, 200) << two.body;
}

}  // namespace
}  // namespace qc::testing
