// Scenario E through the API (issue 13 §4, §7; Art. 10, 15, 16, 25, 27): fireworks seized at night
// under an urgent start, the seizure decision filmed and approved (with its collective discussion
// recorded), the absent owner's refusal to sign noted with a witness, direct service and registered
// mail failing, then 公告送达 with its notice and footage; a correction through the chain; and the new
// endpoints refusing bad input without recording anything.
#include <gtest/gtest.h>

#include "case_records.h"
#include "common/clock.h"
#include "server_fixture.h"

namespace qc::testing {
namespace {

TimePoint Now() { return std::chrono::time_point_cast<std::chrono::milliseconds>(std::chrono::system_clock::now()); }

Json Decide(int port, const std::string& who, const std::string& approval, const std::string& opinion) {
  HttpResponse r = Client(port, who).Post("/api/v1/approvals/" + approval + "/decision",
                                          {{"decision", "approve"}, {"opinion", opinion}});
  EXPECT_EQ(r.status, 200) << who << ": " << r.body;
  return r.json();
}

Json SeizureExample(int port) {
  Json types = Send(port, "GET", "/api/v1/catalogue").json()["types"];
  for (const auto& t : types)
    if (t["id"] == "seizure_decision") return t["example"];
  return nullptr;
}

TEST(DocumentActsTest, ScenarioESeizureFilmedApprovedThenServedByPublicNoticeAfterDirectAndMailFailed) {
  Server server;
  int port = server.port();
  Client officer(port, "officer1"), liu(port, "officer3");
  HttpResponse opened = officer.Post(
      "/api/v1/cases",
      {{"start_mode", "ex_officio"},
       {"title", "东关村仓库非法储存烟花爆竹案"},
       {"co_officers", Json::array({liu.user()["id"]})},
       {"urgent", true},
       {"urgent_reason", "夜间发现仓库储存大量烟花爆竹，不立即扣押可能转移或引发火灾"},
       {"urgent_measure",
        {{"measure", "扣押烟花爆竹160件"},
         {"place", "易县城关镇东关村仓库"},
         {"taken_at", FormatRfc3339(Now() - std::chrono::hours(2))}}},
       {"parties", {{{"kind", "natural_person"}, {"name", "仓库业主（身份不明）"}, {"identity_unknown", true}}}},
       {"start_form", {{"cause", "夜间巡逻发现东关村仓库非法储存烟花爆竹"}}}});
  ASSERT_EQ(opened.status, 201) << opened.body;
  std::string id = opened.json()["case"]["id"];
  std::string base = "/api/v1/cases/" + id;
  HttpResponse start = officer.Post(base + "/start-approval", {{"opinion", "情况紧急已先行扣押，补报立案审批"}});
  ASSERT_EQ(start.status, 200) << start.body;
  std::string start_id = start.json()["case"]["approvals"][0]["id"];
  Decide(port, "reviewer1", start_id, "同意");
  Decide(port, "approver1", start_id, "同意立案");

  // The seizure, filmed throughout (Art. 16): the decision lists the footage.
  std::string footage = UploadAttachment(officer, port, id, "扣押现场执法记录仪.pdf");
  Json fields = SeizureExample(port);
  fields["media"] = Json::array({{{"record", "rec_not_of_this_case"}}});
  HttpResponse bad = officer.Post(base + "/documents", {{"type", "seizure_decision"}, {"fields", fields}});
  EXPECT_EQ(bad.status, 400);
  EXPECT_EQ(bad.json()["field"], "fields.media[0].record");
  fields["media"] = Json::array({{{"record", footage}}});
  HttpResponse drafted = officer.Post(base + "/documents", {{"type", "seizure_decision"}, {"fields", fields}});
  ASSERT_EQ(drafted.status, 201) << drafted.body;
  std::string doc = base + "/documents/" + drafted.json()["document"]["id"].get<std::string>();
  EXPECT_EQ(drafted.json()["document"]["footage"], Json::array({footage}));
  EXPECT_FALSE(drafted.json()["document"]["requirements"]["footage_missing"].get<bool>());
  HttpResponse submitted = officer.Post(doc + "/submit", {{"opinion", "情况紧急已当场扣押，呈请批准扣押决定"}});
  ASSERT_EQ(submitted.status, 200) << submitted.body;
  std::string approval = submitted.json()["case"]["approvals"].back()["id"];
  Decide(port, "reviewer1", approval, "同意");
  // The 负责人 records a collective discussion before deciding (Art. 20).
  Client approver(port, "approver1");
  HttpResponse discussed = approver.Post("/api/v1/approvals/" + approval + "/collective-discussion",
                                         {{"held_at", FormatRfc3339(Now())},
                                          {"participants", {"张局长", "李副局长", "王法制"}},
                                          {"discussion", "涉案烟花爆竹数量大，临近居民区"},
                                          {"conclusion", "同意扣押"}});
  ASSERT_EQ(discussed.status, 200) << discussed.body;
  Decide(port, "approver1", approval, "同意扣押");
  Json issued = officer.Get(doc).json()["document"];
  ASSERT_EQ(issued["status"], "issued");
  EXPECT_EQ(issued["number"].get<std::string>().find("易公"), 0u) << issued["number"];

  // The owner is absent: two officers sign, the refusal is noted with its witness.
  ASSERT_EQ(officer.Post(doc + "/signatures", {{"role", "officer"}}).status, 201);
  ASSERT_EQ(liu.Post(doc + "/signatures", {{"role", "officer"}}).status, 201);
  HttpResponse refused = officer.Post(
      doc + "/signatures",
      {{"role", "party"},
       {"name", "仓库业主"},
       {"party", 0},
       {"refused", {{"reason", "当事人不在场，无法签名"}, {"witnesses", {"南关村村民"}}, {"media", {footage}}}}});
  ASSERT_EQ(refused.status, 201) << refused.body;
  EXPECT_TRUE(refused.json()["document"]["signatures"][2]["refused"].get<bool>());

  // Service: public notice refused before another method failed (Art. 27).
  std::string notice = UploadAttachment(officer, port, id, "公告.pdf");
  Json public_notice = {{"method", "public"},
                        {"served_at", FormatRfc3339(Now())},
                        {"recipient", "仓库业主"},
                        {"party", 0},
                        {"other_methods_failed", "直接送达时业主下落不明；挂号信被退回"},
                        {"medium", "易县公安局门户网站及东关村公告栏"},
                        {"period_days", 30},
                        {"notice", notice},
                        {"media", {footage}}};
  HttpResponse early = officer.Post(doc + "/service", public_notice);
  EXPECT_EQ(early.status, 409);
  EXPECT_EQ(early.json()["code"], "missing_record");
  HttpResponse direct = officer.Post(doc + "/service", {{"method", "direct"},
                                                        {"outcome", "failed"},
                                                        {"served_at", FormatRfc3339(Now())},
                                                        {"recipient", "仓库业主"},
                                                        {"party", 0},
                                                        {"failure_reason", "仓库无人，村委会称业主外出打工"}});
  ASSERT_EQ(direct.status, 201) << direct.body;
  std::string posting = UploadAttachment(officer, port, id, "挂号信交寄凭证.pdf");
  HttpResponse mail = officer.Post(doc + "/service", {{"method", "mail"},
                                                      {"outcome", "failed"},
                                                      {"served_at", FormatRfc3339(Now())},
                                                      {"recipient", "仓库业主"},
                                                      {"party", 0},
                                                      {"failure_reason", "邮件以查无此人退回"},
                                                      {"tracking_no", "XA123456789CN"},
                                                      {"posted_at", FormatRfc3339(Now())},
                                                      {"posting_receipt", posting}});
  ASSERT_EQ(mail.status, 201) << mail.body;
  public_notice["served_at"] = FormatRfc3339(Now());
  HttpResponse served = officer.Post(doc + "/service", public_notice);
  ASSERT_EQ(served.status, 201) << served.body;
  Json d = served.json()["document"];
  EXPECT_TRUE(d["served"].get<bool>());
  ASSERT_EQ(d["services"].size(), 3u);
  EXPECT_EQ(d["services"][2]["method_label"], "公告送达");
  EXPECT_EQ(d["services"][2]["facts"]["notice"], notice);
  EXPECT_EQ(d["services"][1]["facts"]["tracking_no"], "XA123456789CN");

  // A correction of the issued decision goes through the chain; the original stays.
  Json corrected = fields;
  corrected["custody"] = "易县公安局涉案财物危险品专用仓库";
  HttpResponse correction = officer.Post(
      doc + "/corrections", {{"fields", corrected}, {"reason", "保管场所名称笔误"}, {"opinion", "请批准更正"}});
  ASSERT_EQ(correction.status, 200) << correction.body;
  Json corr_approval = correction.json()["case"]["approvals"].back();
  EXPECT_EQ(corr_approval["kind"], "correction");
  Decide(port, "reviewer1", corr_approval["id"], "同意");
  Decide(port, "approver1", corr_approval["id"], "同意更正");
  Json after = officer.Get(doc).json()["document"];
  EXPECT_EQ(after["version"], 2);
  EXPECT_EQ(after["fields"]["custody"], "易县公安局涉案财物危险品专用仓库");
  EXPECT_EQ(after["versions"][0]["fields"]["custody"], fields["custody"]);
  EXPECT_EQ(after["corrections"][0]["changed"], Json::array({"fields.custody"}));
  EXPECT_EQ(after["number"], issued["number"]);
}

// Bad input to the new endpoints: a clear error at its field, and nothing recorded.
TEST(DocumentActsTest, BadInputToSignaturesServiceCorrectionsAndApprovalStepsRecordsNothing) {
  Server server;
  int port = server.port();
  Client officer(port, "officer1");
  HttpResponse opened = officer.Post("/api/v1/cases", {{"start_mode", "ex_officio"},
                                                       {"title", "坏输入"},
                                                       {"parties", {{{"kind", "natural_person"}, {"name", "张三"}}}},
                                                       {"start_form", {{"cause", "巡查发现"}}}});
  ASSERT_EQ(opened.status, 201);
  std::string base = "/api/v1/cases/" + opened.json()["case"]["id"].get<std::string>();
  HttpResponse start = officer.Post(base + "/start-approval", {{"opinion", "拟立案调查"}});
  std::string start_id = start.json()["case"]["approvals"][0]["id"];
  Decide(port, "reviewer1", start_id, "同意");
  Decide(port, "approver1", start_id, "同意");
  Json example;
  Json types = Send(port, "GET", "/api/v1/catalogue").json()["types"];
  for (const auto& t : types)
    if (t["id"] == "inquiry_record") example = t["example"];
  HttpResponse drafted = officer.Post(base + "/documents", {{"type", "inquiry_record"}, {"fields", example}});
  ASSERT_EQ(drafted.status, 201);
  std::string doc = base + "/documents/" + drafted.json()["document"]["id"].get<std::string>();

  int64_t before = server.EventCount();
  struct Case {
    std::string path;
    Json body;
    int status;
    std::string field;
  };
  std::string huge = "data:image/png;base64," + std::string(700 * 1024, 'A');
  const Case cases[] = {
      {doc + "/signatures", {{"role", "boss"}}, 400, "role"},
      {doc + "/signatures",
       {{"role", "party"}, {"name", "张三"}, {"party", 0}, {"image", "data:image/gif;base64,R0lG"}},
       400,
       "image"},
      {doc + "/signatures",
       {{"role", "party"}, {"name", "张三"}, {"party", 0}, {"image", "not base64!"}},
       400,
       "image"},
      {doc + "/signatures", {{"role", "party"}, {"name", "张三"}, {"party", 0}, {"image", huge}}, 400, "image"},
      {doc + "/signatures", {{"role", "party"}, {"name", "张三"}, {"party", 7}}, 400, "party"},
      {doc + "/signatures",
       {{"role", "party"}, {"name", "张三"}, {"party", 0}, {"refused", {{"reason", "拒签"}}}},
       400,
       "refused.witnesses"},
      {doc + "/signatures", {{"role", "officer"}, {"surprise", 1}}, 400, "surprise"},
      {doc + "/service",
       {{"method", "direct"}, {"served_at", "yesterday"}, {"recipient", "张三"}, {"party", 0}},
       400,
       "served_at"},
      {doc + "/service",
       {{"method", "pigeon"}, {"served_at", FormatRfc3339(Now())}, {"recipient", "张三"}, {"party", 0}},
       400,
       "method"},
      {doc + "/service",
       {{"method", "direct"}, {"served_at", FormatRfc3339(Now())}, {"recipient", "张三"}, {"party", 0}},
       409,
       ""},
      {doc + "/corrections", {{"fields", example}, {"opinion", "请批准"}}, 400, "reason"},
      {doc + "/corrections", {{"fields", example}, {"reason", "笔误更正"}, {"opinion", "请批准"}}, 409, ""},
      {base + "/documents/doc_nope/signatures", {{"role", "officer"}}, 404, "document_id"},
      {"/api/v1/approvals/apv_nope/collective-discussion",
       {{"held_at", FormatRfc3339(Now())},
        {"participants", {"a", "b", "c"}},
        {"discussion", "讨论"},
        {"conclusion", "同意"}},
       404,
       "id"},
      {"/api/v1/approvals/" + start_id + "/expert-opinion",
       {{"experts", "王教授"}, {"opinion", "意见"}},
       400,
       "experts"},
  };
  Client approver(port, "approver1");
  for (const auto& c : cases) {
    const Client& who = c.path.find("/approvals/") != std::string::npos ? approver : officer;
    HttpResponse r = who.Post(c.path, c.body);
    EXPECT_EQ(r.status, c.status) << c.path << " " << c.body.dump().substr(0, 200) << " → " << r.body;
    if (!c.field.empty()) EXPECT_EQ(r.json()["field"], c.field) << c.path << " → " << r.body;
  }
  EXPECT_EQ(server.EventCount(), before) << "a refused request records nothing";
  EXPECT_EQ(officer.Get(doc + "/signatures/1/image").status, 404);
  EXPECT_EQ(officer.Get(doc + "/signatures/x/image").status, 404);
}

}  // namespace
}  // namespace qc::testing
