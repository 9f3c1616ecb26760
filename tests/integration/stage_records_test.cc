// The later stages' minimum record through the API (issue 12 §7; Art. 4, 21, 24–35): scenario A's
// decision approved by the chain, served by leaving it, executed, handed over and archived by the
// custodian — each stage left only with its record, 归档管理 the custodian's alone.
#include <gtest/gtest.h>

#include <memory>

#include "common/clock.h"
#include "server_fixture.h"

namespace qc::testing {
namespace {

class StageRecordsTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { server_ = std::make_unique<Server>(); }
  static void TearDownTestSuite() { server_.reset(); }
  static int port() { return server_->port(); }
  static std::unique_ptr<Server> server_;
};
std::unique_ptr<Server> StageRecordsTest::server_;

std::string Now() {
  return qc::FormatRfc3339(std::chrono::time_point_cast<std::chrono::milliseconds>(std::chrono::system_clock::now()));
}

void Approve(int port, const std::string& approval) {
  Client reviewer(port, "reviewer1"), approver(port, "approver1");
  ASSERT_EQ(reviewer.Post("/api/v1/approvals/" + approval + "/decision", {{"decision", "approve"}, {"opinion", "同意"}})
                .status,
            200);
  HttpResponse r =
      approver.Post("/api/v1/approvals/" + approval + "/decision", {{"decision", "approve"}, {"opinion", "同意"}});
  ASSERT_EQ(r.status, 200) << r.body;
}

TEST_F(StageRecordsTest, ScenarioAFromDecisionToTheArchive) {
  Client officer(port(), "officer1"), custodian(port(), "custodian1"), liu(port(), "officer3");
  HttpResponse opened = officer.Post(
      "/api/v1/cases",
      {{"start_mode", "ex_officio"},
       {"co_officers", Json::array({liu.user()["id"]})},
       {"title", "金嗓子KTV未按规定备案案（阶段记录）"},
       {"parties", {{{"kind", "legal_person"}, {"name", "易县金嗓子娱乐有限公司"}, {"legal_representative", "周涛"}}}},
       {"start_form", {{"cause", "夜间巡查发现未按规定备案"}}}});
  ASSERT_EQ(opened.status, 201) << opened.body;
  std::string id = opened.json()["case"]["id"], base = "/api/v1/cases/" + id;
  HttpResponse start = officer.Post(base + "/start-approval", {{"opinion", "拟立案调查"}});
  ASSERT_EQ(start.status, 200) << start.body;
  Approve(port(), start.json()["case"]["approvals"][0]["id"]);
  ASSERT_EQ(officer.Post(base + "/stage", {{"to", "review_decision"}, {"reason", "调查终结"}}).status, 200);

  HttpResponse alone = officer.Post(base + "/stage", {{"to", "service_execution"}});
  EXPECT_EQ(alone.status, 409) << "found: an officer moved a case through every stage alone";
  EXPECT_EQ(alone.json()["code"], "missing_record");
  Json decision = {{"decision_no", "易公（治）行罚决字〔2026〕12号"},
                   {"kind", "penalty"},
                   {"content", "对易县金嗓子娱乐有限公司处警告，并处罚款五千元"},
                   {"opinion", "拟作出行政处罚决定"}};
  Json bad = decision;
  bad["kind"] = "fine";
  EXPECT_EQ(officer.Post(base + "/decision", bad).json()["field"], "kind");
  HttpResponse submitted = officer.Post(base + "/decision", decision);
  ASSERT_EQ(submitted.status, 200) << submitted.body;
  Json approvals = submitted.json()["case"]["approvals"];
  EXPECT_EQ(approvals[1]["kind"], "decision");
  EXPECT_EQ(submitted.json()["case"]["status"], "in_progress");
  Approve(port(), approvals[1]["id"]);
  Json c = officer.Get(base).json();
  EXPECT_EQ(c["decision"]["decision_no"], "易公（治）行罚决字〔2026〕12号");
  EXPECT_EQ(c["decision"]["by"]["role"], "approver");
  ASSERT_EQ(officer.Post(base + "/stage", {{"to", "service_execution"}}).status, 200);

  EXPECT_EQ(officer.Post(base + "/stage", {{"to", "archiving"}}).json()["code"], "missing_record");
  Json leaving = {{"document_no", "易公（治）行罚决字〔2026〕12号"},
                  {"method", "service_by_leaving"},
                  {"recipient", "周涛"},
                  {"served_at", Now()},
                  {"proof", "送达回证第12号"}};
  EXPECT_EQ(officer.Post(base + "/services", leaving).json()["field"], "note");
  Json lien = leaving;
  lien["method"] = "lien_service";
  EXPECT_EQ(officer.Post(base + "/services", lien).json()["field"], "method") << "the mistranslation is gone";
  leaving["note"] = "周涛拒绝签收，物业经理李明见证，文书留置于经营场所前台并拍照录像";
  ASSERT_EQ(officer.Post(base + "/services", leaving).status, 200);
  HttpResponse executed = officer.Post(
      base + "/execution",
      {{"manner", "performed"}, {"note", "当事人已缴纳罚款五千元，票据号 0012346"}, {"completed_at", Now()}});
  ASSERT_EQ(executed.status, 200) << executed.body;
  c = executed.json()["case"];
  EXPECT_FALSE(c["act_ended_at"].is_null());
  bool case_file = false;
  for (const auto& d : c["deadlines"]) case_file |= d["kind"] == "case_file";
  EXPECT_TRUE(case_file) << "Art. 33's 30 days from the act's end";

  EXPECT_EQ(custodian.Post(base + "/archive", {{"archive_no", "2026-治-0012"}}).status, 409) << "not handed over";
  ASSERT_EQ(officer.Post(base + "/stage", {{"to", "archiving"}, {"reason", "移交归档"}}).status, 200);
  EXPECT_EQ(officer.Post(base + "/archive", {{"archive_no", "2026-治-0012"}}).status, 403);
  EXPECT_EQ(officer.Post(base + "/parties", {{"kind", "natural_person"}, {"name", "李四"}}).status, 409);
  EXPECT_TRUE(custodian.Get(base).json()["available_actions"]["archive_case"]["allowed"].get<bool>());
  HttpResponse archived = custodian.Post(base + "/archive", {{"archive_no", "2026-治-0012"}});
  ASSERT_EQ(archived.status, 200) << archived.body;
  EXPECT_EQ(archived.json()["case"]["archive"]["archive_no"], "2026-治-0012");
  EXPECT_TRUE(archived.json()["case"]["deadlines"].empty());
}

}  // namespace
}  // namespace qc::testing
