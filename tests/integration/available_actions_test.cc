// What the API tells each user they may do on a case (available_actions) and the labels of its enums
// (GET /api/v1/vocabulary): the browser shows buttons and names from these, not from copies of the rules.
#include <gtest/gtest.h>

#include "server_fixture.h"

namespace qc::testing {
namespace {

class AvailableActionsApiTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { server_ = new Server(); }
  static void TearDownTestSuite() {
    delete server_;
    server_ = nullptr;
  }
  static int port() { return server_->port(); }
  static Server* server_;
};
Server* AvailableActionsApiTest::server_ = nullptr;

TEST_F(AvailableActionsApiTest, EachUserSeesWhatTheyMayDoNowAndWhyNot) {
  Client officer(port(), "officer1"), reviewer(port(), "reviewer1");
  std::string id = OpenExOfficioCase(officer, "可办理操作测试");
  Json mine = officer.Get("/api/v1/cases/" + id).json()["available_actions"];
  EXPECT_TRUE(mine["submit_start_approval"]["allowed"].get<bool>()) << mine.dump();
  EXPECT_EQ(mine["submit_start_approval"]["label"], "提交启动审批");
  EXPECT_FALSE(mine["advance_stage"]["allowed"].get<bool>());
  EXPECT_NE(mine["advance_stage"]["reason"].get<std::string>().find("程序尚未启动"), std::string::npos);
  EXPECT_FALSE(mine["decide_application"]["allowed"].get<bool>()) << "not an application";

  // The reviewer may see the case but act on none of it.
  Json theirs = reviewer.Get("/api/v1/cases/" + id).json()["available_actions"];
  ASSERT_EQ(theirs.size(), mine.size());
  for (const auto& [name, entry] : theirs.items()) {
    EXPECT_FALSE(entry["allowed"].get<bool>()) << name;
    EXPECT_EQ(entry["code"], "forbidden") << name;
  }

  // The command's answer carries the case with the actions after it: no second submission.
  HttpResponse submitted =
      officer.Post("/api/v1/cases/" + id + "/start-approval", {{"opinion", "拟立案调查"}, {"reasons", "事实清楚"}});
  ASSERT_EQ(submitted.status, 200) << submitted.body;
  Json answer = submitted.json();
  Json after = answer["case"]["available_actions"]["submit_start_approval"];
  EXPECT_FALSE(after["allowed"].get<bool>());
  EXPECT_EQ(after["reason"], "已有正在审批的程序启动审批表");
  // And the approval carries its labels.
  const Json& ap = answer["case"]["approvals"][0];
  EXPECT_EQ(ap["kind_label"], "程序启动审批");
  EXPECT_EQ(ap["state_label"], "待审核");
  EXPECT_EQ(ap["steps"][0]["step_label"], "承办人提交");
  Json inbox = reviewer.Get("/api/v1/approvals?page_size=100").json();
  bool found = false;
  for (const auto& item : inbox["items"])
    if (item["case_id"] == id) {
      found = true;
      EXPECT_EQ(item["kind_label"], "程序启动审批");
      EXPECT_EQ(item["state_label"], "待审核");
    }
  EXPECT_TRUE(found) << inbox.dump();
}

TEST_F(AvailableActionsApiTest, TheVocabularyIsPublicAndNamesEveryEnum) {
  HttpResponse r = Send(port(), "GET", "/api/v1/vocabulary");
  ASSERT_EQ(r.status, 200) << r.body;
  Json v = r.json();
  for (const char* name : {"roles", "start_modes", "stages", "case_statuses", "party_kinds", "procedures",
                           "approval_kinds", "approval_states", "approval_steps", "approval_decisions", "upload_states",
                           "media_kinds", "receipt_kinds", "non_acceptance_grounds", "case_commands"})
    EXPECT_FALSE(v[name].empty()) << name;
  EXPECT_EQ(v["stages"].size(), 5u);
  EXPECT_EQ(v["stages"][0]["value"], "initiation");
  EXPECT_EQ(v["stages"][0]["label"], "程序启动");
  EXPECT_EQ(v["approval_states"][2]["label"], "待负责人批准");
  EXPECT_EQ(Send(port(), "GET", "/api/v1/vocabulary?x=1").status, 400) << "unknown parameters are refused";
}

}  // namespace
}  // namespace qc::testing
