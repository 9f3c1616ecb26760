// Scenario D through the API (issue 12 §6, Art. 23): a delivery rider fined on the spot under the
// simple procedure — no start approval, the limits checked, the decision filed with the bureau.
#include <gtest/gtest.h>

#include <memory>

#include "server_fixture.h"

namespace qc::testing {
namespace {

class SimpleProcedureTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { server_ = std::make_unique<Server>(); }
  static void TearDownTestSuite() { server_.reset(); }
  static int port() { return server_->port(); }
  static std::unique_ptr<Server> server_;
};
std::unique_ptr<Server> SimpleProcedureTest::server_;

Json ScenarioD() {
  return {{"matter", "traffic"},
          {"facts", "当事人驾驶电动自行车在农贸市场门口占道停放，妨碍其他车辆和行人通行"},
          {"legal_basis", "《中华人民共和国道路交通安全法》第八十九条"},
          {"decision_no", "易公当罚〔2026〕1号"},
          {"place", "易县城关镇农贸市场东门"},
          {"penalty", "fine"},
          {"fine_yuan", 50},
          {"statement", "当事人称只停了几分钟"},
          {"review", "经复核，占道事实有执法记录仪录像为证，不予采纳"},
          {"adopted", false},
          {"disputed", true},
          {"recording_device", "DSJ-0107"},
          {"collected", {{"receipt_no", "冀财罚No.0012345"}, {"ground", "small"}}}};
}

TEST_F(SimpleProcedureTest, ScenarioDIsRecordedOnTheSpotAndFiled) {
  Client officer(port(), "officer1");
  HttpResponse opened = officer.Post(
      "/api/v1/cases", {{"start_mode", "ex_officio"},
                        {"title", "外卖骑手占道妨碍通行案"},
                        {"procedure", "simple"},
                        {"procedure_reason", "违法事实确凿，有法定依据，拟处五十元罚款，当场作出处罚决定"},
                        {"parties", {{{"kind", "natural_person"}, {"name", "孙小军"}, {"phone", "13903120456"}}}},
                        {"start_form", {{"cause", "巡逻发现骑手在农贸市场门口占道停车妨碍通行"}}}});
  ASSERT_EQ(opened.status, 201) << opened.body;
  Json c = opened.json()["case"];
  std::string id = c["id"];
  EXPECT_EQ(c["stage"], "investigation") << "no start approval under the simple procedure";
  Json actions = officer.Get("/api/v1/cases/" + id).json()["available_actions"];
  EXPECT_TRUE(actions["on_the_spot_decision"]["allowed"].get<bool>());
  EXPECT_FALSE(actions["submit_start_approval"]["allowed"].get<bool>());

  // Over the limit: the field at fault, nothing recorded.
  Json over = ScenarioD();
  over["fine_yuan"] = 300;
  HttpResponse refused = officer.Post("/api/v1/cases/" + id + "/on-the-spot-decision", over);
  EXPECT_EQ(refused.status, 400) << refused.body;
  EXPECT_EQ(refused.json()["field"], "fine_yuan");
  Json no_camera = ScenarioD();
  no_camera.erase("recording_device");
  EXPECT_EQ(officer.Post("/api/v1/cases/" + id + "/on-the-spot-decision", no_camera).json()["field"],
            "recording_device");
  Json fractional = ScenarioD();
  fractional["fine_yuan"] = 49.5;
  EXPECT_EQ(officer.Post("/api/v1/cases/" + id + "/on-the-spot-decision", fractional).json()["field"], "fine_yuan");

  HttpResponse decided = officer.Post("/api/v1/cases/" + id + "/on-the-spot-decision", ScenarioD());
  ASSERT_EQ(decided.status, 200) << decided.body;
  EXPECT_EQ(decided.json()["case"]["stage"], "service_execution");
  EXPECT_EQ(decided.json()["case"]["on_the_spot"]["collected"]["receipt_no"], "冀财罚No.0012345");
  bool filing_due = false;
  Json after_decision = decided.json();
  for (const auto& d : after_decision["case"]["deadlines"]) filing_due |= d["kind"] == "simple_filing";
  EXPECT_TRUE(filing_due);

  HttpResponse filed = officer.Post("/api/v1/cases/" + id + "/simple-filing", {{"note", "已报所属公安机关备案"}});
  ASSERT_EQ(filed.status, 200) << filed.body;
  EXPECT_EQ(filed.json()["case"]["on_the_spot"]["filing"]["filed_with"], "易县公安局");
  Json left = filed.json()["case"]["deadlines"];
  ASSERT_EQ(left.size(), 1u) << left.dump();
  EXPECT_EQ(left[0]["kind"], "case_file") << "paid on the spot: the act ended, the case file is due (Art. 33)";
  EXPECT_EQ(officer.Post("/api/v1/cases/" + id + "/simple-filing", Json::object()).status, 409);
}

}  // namespace
}  // namespace qc::testing
