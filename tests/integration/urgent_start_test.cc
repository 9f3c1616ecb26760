// Scenario E's start through the API (issue 12 §3, Art. 10): fireworks seized at night under an urgent
// start, the owner absent — the measure recorded with its place and time, the 24-hour report
// (行政强制法 第十九条), the release after a refusal, the owner identified later.
#include <gtest/gtest.h>

#include <memory>

#include "common/clock.h"
#include "server_fixture.h"

namespace qc::testing {
namespace {

class UrgentStartTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { server_ = std::make_unique<Server>(); }
  static void TearDownTestSuite() { server_.reset(); }
  static int port() { return server_->port(); }
  static std::unique_ptr<Server> server_;
};
std::unique_ptr<Server> UrgentStartTest::server_;

// The server runs on the real clock: the measure was taken an hour ago.
qc::TimePoint Now() {
  return std::chrono::time_point_cast<std::chrono::milliseconds>(std::chrono::system_clock::now());
}
std::string AnHourAgo() { return qc::FormatRfc3339(Now() - std::chrono::hours(1)); }

Json ScenarioE(const std::string& taken_at) {
  return {
      {"start_mode", "ex_officio"},
      {"title", "东关村仓库非法储存烟花爆竹案"},
      {"urgent", true},
      {"urgent_reason", "夜间发现仓库储存大量烟花爆竹，不立即扣押可能转移或引发火灾"},
      {"urgent_measure", {{"measure", "扣押烟花爆竹12箱"}, {"place", "易县城关镇东关村仓库"}, {"taken_at", taken_at}}},
      {"parties", {{{"kind", "natural_person"}, {"name", "仓库业主（身份不明）"}, {"identity_unknown", true}}}},
      {"start_form", {{"cause", "夜间巡逻发现东关村仓库非法储存烟花爆竹"}}}};
}

Json DeadlineOf(const Json& c, const std::string& kind) {
  for (const auto& d : c["deadlines"])
    if (d["kind"] == kind) return d;
  return nullptr;
}

TEST_F(UrgentStartTest, TheMeasureIsRequiredWithItsPlaceAndTime) {
  Client officer(port(), "officer1");
  Json body = ScenarioE(AnHourAgo());
  body.erase("urgent_measure");
  HttpResponse r = officer.Post("/api/v1/cases", body);
  EXPECT_EQ(r.status, 400) << r.body;
  EXPECT_EQ(r.json()["field"], "urgent_measure");
  body = ScenarioE(qc::FormatRfc3339(Now() + std::chrono::hours(2)));
  r = officer.Post("/api/v1/cases", body);
  EXPECT_EQ(r.status, 400) << r.body;
  EXPECT_EQ(r.json()["field"], "urgent_measure.taken_at");
  body = ScenarioE("昨天夜里");
  EXPECT_EQ(officer.Post("/api/v1/cases", body).json()["field"], "urgent_measure.taken_at");
  body = ScenarioE(AnHourAgo());
  body["urgent_measure"].erase("place");
  EXPECT_EQ(officer.Post("/api/v1/cases", body).json()["field"], "urgent_measure.place");
  body = ScenarioE(AnHourAgo());
  body["urgent"] = false;
  body.erase("urgent_reason");
  EXPECT_EQ(officer.Post("/api/v1/cases", body).json()["field"], "urgent_measure") << "a measure needs urgency";
}

TEST_F(UrgentStartTest, ScenarioERefusedTheMeasureIsReleased) {
  Client officer(port(), "officer1"), reviewer(port(), "reviewer1"), approver(port(), "approver1");
  std::string taken_at = AnHourAgo();
  HttpResponse opened = officer.Post("/api/v1/cases", ScenarioE(taken_at));
  ASSERT_EQ(opened.status, 201) << opened.body;
  Json c = opened.json()["case"];
  std::string id = c["id"];
  EXPECT_EQ(c["stage"], "investigation");
  EXPECT_EQ(c["urgent_measure"]["measure"], "扣押烟花爆竹12箱");
  Json report = DeadlineOf(c, "urgent_report");
  ASSERT_FALSE(report.is_null()) << c["deadlines"].dump();
  auto since = qc::ParseRfc3339(report["since"].get<std::string>());
  auto due = qc::ParseRfc3339(report["due_at"].get<std::string>());
  ASSERT_TRUE(since.ok() && due.ok());
  EXPECT_EQ(*due - *since, std::chrono::hours(24)) << "24 hours from taking the measure (行政强制法第十九条)";
  EXPECT_FALSE(
      officer.Get("/api/v1/cases/" + id).json()["available_actions"]["release_measure"]["allowed"].get<bool>());

  // The owner is unknown: the approval is not blocked.
  HttpResponse submitted =
      officer.Post("/api/v1/cases/" + id + "/start-approval", {{"opinion", "情况紧急已先行扣押，补报立案审批"}});
  ASSERT_EQ(submitted.status, 200) << submitted.body;
  std::string approval = submitted.json()["case"]["approvals"][0]["id"];
  ASSERT_EQ(reviewer.Post("/api/v1/approvals/" + approval + "/decision", {{"decision", "approve"}, {"opinion", "同意"}})
                .status,
            200);
  HttpResponse refused = approver.Post("/api/v1/approvals/" + approval + "/decision",
                                       {{"decision", "reject"}, {"opinion", "数量未达违法标准，不应扣押"}});
  ASSERT_EQ(refused.status, 200) << refused.body;

  Json after = officer.Get("/api/v1/cases/" + id).json();
  EXPECT_EQ(after["status"], "rejected");
  EXPECT_TRUE(after["available_actions"]["release_measure"]["allowed"].get<bool>());
  EXPECT_FALSE(DeadlineOf(after, "measure_release").is_null()) << "立即解除";
  HttpResponse no_note = officer.Post("/api/v1/cases/" + id + "/measure-release", Json::object());
  EXPECT_EQ(no_note.status, 400);
  EXPECT_EQ(no_note.json()["field"], "note");
  HttpResponse released =
      officer.Post("/api/v1/cases/" + id + "/measure-release", {{"note", "已解除扣押，12箱烟花爆竹当场退还"}});
  ASSERT_EQ(released.status, 200) << released.body;
  Json rc = released.json()["case"];
  EXPECT_EQ(rc["urgent_measure"]["released"]["note"], "已解除扣押，12箱烟花爆竹当场退还");
  EXPECT_TRUE(DeadlineOf(rc, "measure_release").is_null());
  EXPECT_EQ(officer.Post("/api/v1/cases/" + id + "/measure-release", {{"note", "再次解除扣押"}}).status, 409);
}

TEST_F(UrgentStartTest, TheAbsentOwnerIsIdentifiedAndFoundByName) {
  Client officer(port(), "officer1");
  HttpResponse opened = officer.Post("/api/v1/cases", ScenarioE(AnHourAgo()));
  ASSERT_EQ(opened.status, 201) << opened.body;
  std::string id = opened.json()["case"]["id"];
  Json owner = {{"kind", "natural_person"}, {"name", "王建国"}, {"id_number", "130633198503150015"}};
  HttpResponse bad_index =
      officer.Post("/api/v1/cases/" + id + "/party-identification", {{"index", 3}, {"party", owner}});
  EXPECT_EQ(bad_index.status, 404) << bad_index.body;
  EXPECT_EQ(bad_index.json()["field"], "index");
  Json wrong = owner;
  wrong["id_number"] = "130633198503150016";
  HttpResponse bad_id = officer.Post("/api/v1/cases/" + id + "/party-identification", {{"index", 0}, {"party", wrong}});
  EXPECT_EQ(bad_id.status, 400);
  EXPECT_EQ(bad_id.json()["field"], "party.id_number");
  EXPECT_EQ(officer.Post("/api/v1/cases/" + id + "/party-identification", {{"party", owner}}).json()["field"], "index");

  HttpResponse identified =
      officer.Post("/api/v1/cases/" + id + "/party-identification", {{"index", 0}, {"party", owner}});
  ASSERT_EQ(identified.status, 200) << identified.body;
  Json party = identified.json()["case"]["parties"][0];
  EXPECT_EQ(party["name"], "王建国");
  EXPECT_EQ(party["described_as"], "仓库业主（身份不明）");
  EXPECT_FALSE(party.contains("identity_unknown"));
  Json found = officer.Get("/api/v1/cases?text=%E7%8E%8B%E5%BB%BA%E5%9B%BD").json();  // 王建国
  bool listed = false;
  for (const auto& item : found["items"]) listed |= item["id"] == id;
  EXPECT_TRUE(listed) << "the case is found by the identified name";
}

}  // namespace
}  // namespace qc::testing
