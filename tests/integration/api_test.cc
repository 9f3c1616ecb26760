// End to end over HTTP against the real server: the three start modes, the approval chain, unit
// scoping, lists and timelines.
#include <gtest/gtest.h>

#include <memory>

#include "common/clock.h"
#include "server_fixture.h"

namespace qc::testing {
namespace {

class ApiTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { server_ = new Server(); }
  static void TearDownTestSuite() {
    delete server_;
    server_ = nullptr;
  }
  static int port() { return server_->port(); }
  static Server* server_;
};
Server* ApiTest::server_ = nullptr;

Json NewExOfficio(const std::string& title) {
  return {
      {"start_mode", "ex_officio"},
      {"title", title},
      {"parties", {{{"kind", "legal_person"}, {"name", "易县金嗓子娱乐有限公司"}, {"legal_representative", "周涛"}}}},
      {"start_form", {{"cause", "夜间巡查发现治安备案过期仍营业"}}}};
}

TEST_F(ApiTest, HealthIsPublicEverythingElseNeedsASession) {
  EXPECT_EQ(Send(port(), "GET", "/api/v1/health").status, 200);
  for (const char* path : {"/api/v1/cases", "/api/v1/auth/me", "/api/v1/approvals", "/api/v1/users", "/api/v1/units"}) {
    HttpResponse r = Send(port(), "GET", path);
    EXPECT_EQ(r.status, 401) << path;
    EXPECT_EQ(r.json()["code"], "unauthenticated");
  }
  EXPECT_EQ(Send(port(), "GET", "/api/v1/cases", "", {{"Authorization", "Bearer forged"}}).status, 401);
}

TEST_F(ApiTest, ExOfficioCaseThroughReviewAndApprovalReachesInvestigation) {
  Client officer(port(), "officer1"), reviewer(port(), "reviewer1"), approver(port(), "approver1");
  HttpResponse created = officer.Post("/api/v1/cases", NewExOfficio("金嗓子KTV未按规定备案经营案（测试）"));
  ASSERT_EQ(created.status, 201) << created.body;
  Json c = created.json()["case"];
  std::string id = c["id"];
  EXPECT_EQ(c["stage"], "initiation");
  EXPECT_EQ(c["officers"][0]["cert_no"], "040017");
  ASSERT_EQ(created.json()["events"].size(), 1u);
  EXPECT_EQ(created.json()["events"][0]["type"], "CaseOpened");
  EXPECT_EQ(created.json()["events"][0]["leaf_hash"].get<std::string>().size(), 64u);
  EXPECT_EQ(created.headers["location"], "/api/v1/cases/" + id);

  HttpResponse submitted = officer.Post("/api/v1/cases/" + id + "/start-approval",
                                        {{"opinion", "建议启动调查程序"}, {"reasons", "事实初步清楚"}});
  ASSERT_EQ(submitted.status, 200) << submitted.body;
  EXPECT_EQ(submitted.json()["case"]["status"], "awaiting_approval");

  // The approver's inbox is empty until the reviewer has reviewed.
  std::string approval;
  Json review_inbox = reviewer.Get("/api/v1/approvals").json();
  for (const auto& item : review_inbox["items"])
    if (item["case_id"] == id) approval = item["id"];
  ASSERT_FALSE(approval.empty());
  Json approve_inbox = approver.Get("/api/v1/approvals").json();
  for (const auto& item : approve_inbox["items"]) EXPECT_NE(item["case_id"], id);
  EXPECT_EQ(approver.Post("/api/v1/approvals/" + approval + "/decision", {{"decision", "approve"}}).status, 403);

  HttpResponse reviewed = reviewer.Post("/api/v1/approvals/" + approval + "/decision",
                                        {{"decision", "approve"}, {"opinion", "同意，报局领导审批"}});
  ASSERT_EQ(reviewed.status, 200) << reviewed.body;
  HttpResponse approved =
      approver.Post("/api/v1/approvals/" + approval + "/decision", {{"decision", "approve"}, {"opinion", "同意启动"}});
  ASSERT_EQ(approved.status, 200) << approved.body;
  EXPECT_EQ(approved.json()["events"].size(), 2u) << "ApprovalDecided and StageAdvanced";

  Json seen = officer.Get("/api/v1/cases/" + id).json();
  EXPECT_EQ(seen["stage"], "investigation");
  EXPECT_EQ(seen["stage_label"], "调查取证");
  EXPECT_EQ(seen["start_form"]["leader_opinion"], "同意启动");
  EXPECT_EQ(seen["start_form"]["unit_opinion"], "同意，报局领导审批");

  Json timeline = officer.Get("/api/v1/cases/" + id + "/events").json()["items"];
  ASSERT_EQ(timeline.size(), 5u);
  std::vector<std::string> types;
  for (const auto& e : timeline) types.push_back(e["type"]);
  EXPECT_EQ(types, (std::vector<std::string>{"CaseOpened", "StartApprovalSubmitted", "ApprovalDecided",
                                             "ApprovalDecided", "StageAdvanced"}));
  EXPECT_EQ(timeline[2]["actor"]["name"], "李强");
  EXPECT_EQ(timeline[2]["actor"]["role"], "reviewer");
  EXPECT_LT(timeline[0]["index"].get<int64_t>(), timeline[4]["index"].get<int64_t>());
  // A decided approval cannot be decided again.
  EXPECT_EQ(approver.Post("/api/v1/approvals/" + approval + "/decision", {{"decision", "approve"}}).status, 409);

  // 已办: each decider finds it with their own decision; the submitter's step is not a decision.
  Json reviewer_done = reviewer.Get("/api/v1/approvals?scope=done").json();
  ASSERT_GE(reviewer_done["items"].size(), 1u);
  EXPECT_EQ(reviewer_done["items"][0]["id"], approval);
  EXPECT_EQ(reviewer_done["items"][0]["my_decision"], "approve");
  EXPECT_EQ(reviewer_done["items"][0]["my_decision_label"], "同意");
  EXPECT_EQ(reviewer_done["items"][0]["state"], "approved");
  Json approver_done = approver.Get("/api/v1/approvals?scope=done").json();
  ASSERT_GE(approver_done["items"].size(), 1u);
  EXPECT_EQ(approver_done["items"][0]["id"], approval);
  EXPECT_EQ(officer.Get("/api/v1/approvals?scope=done").json()["total"], 0);
  HttpResponse bad_scope = reviewer.Get("/api/v1/approvals?scope=all");
  EXPECT_EQ(bad_scope.status, 400);
  EXPECT_EQ(bad_scope.json()["field"], "scope");
}

// 基本信息 shows 案由、违法时间、违法地点 (issue 12 §10): given at the opening, corrected as found.
TEST_F(ApiTest, TheOffenceIsRecordedAtOpeningAndCorrectedLater) {
  Client officer(port(), "officer1");
  Json body = NewExOfficio("金嗓子KTV未按规定备案案");
  body["offence"] = {{"cause", "娱乐场所未按规定备案"},
                     {"place", "易县城关镇朝阳路18号"},
                     {"occurred_at", qc::FormatRfc3339(std::chrono::time_point_cast<std::chrono::milliseconds>(
                                         std::chrono::system_clock::now() + std::chrono::hours(24)))}};
  HttpResponse future = officer.Post("/api/v1/cases", body);
  EXPECT_EQ(future.status, 400);
  EXPECT_EQ(future.json()["field"], "offence.occurred_at");
  body["offence"].erase("cause");
  EXPECT_EQ(officer.Post("/api/v1/cases", body).json()["field"], "offence.cause");
  body["offence"] = {{"cause", "娱乐场所未按规定备案"}, {"place", "易县城关镇朝阳路18号"}};
  HttpResponse opened = officer.Post("/api/v1/cases", body);
  ASSERT_EQ(opened.status, 201) << opened.body;
  std::string id = opened.json()["case"]["id"];
  EXPECT_EQ(opened.json()["case"]["offence"]["cause"], "娱乐场所未按规定备案");
  EXPECT_FALSE(opened.json()["case"]["offence"].contains("occurred_at"));

  EXPECT_EQ(officer.Post("/api/v1/cases/" + id + "/offence", {{"cause", "备"}}).json()["field"], "cause");
  // Found out later: a time two weeks before today (whole seconds, as a person writes it).
  std::string occurred = qc::FormatRfc3339(std::chrono::time_point_cast<std::chrono::seconds>(
      std::chrono::system_clock::now() - std::chrono::hours(24 * 14)));
  HttpResponse found = officer.Post(
      "/api/v1/cases/" + id + "/offence",
      {{"cause", "娱乐场所未按规定备案"}, {"place", "易县城关镇朝阳路18号金嗓子KTV"}, {"occurred_at", occurred}});
  ASSERT_EQ(found.status, 200) << found.body;
  Json offence = officer.Get("/api/v1/cases/" + id).json()["offence"];
  EXPECT_EQ(offence["place"], "易县城关镇朝阳路18号金嗓子KTV");
  EXPECT_EQ(offence["occurred_at"], occurred);
  Client other(port(), "officer2");
  EXPECT_EQ(other.Post("/api/v1/cases/" + id + "/offence", {{"cause", "娱乐场所未按规定备案"}}).status, 403)
      << "only the case's officers";
}

TEST_F(ApiTest, OfficerOfTheOtherTeamCannotOpenOrTouchTheCase) {
  Client officer1(port(), "officer1"), officer2(port(), "officer2"), reviewer(port(), "reviewer1");
  std::string id = officer1.Post("/api/v1/cases", NewExOfficio("跨队访问测试")).json()["case"]["id"];
  HttpResponse r = officer2.Get("/api/v1/cases/" + id);
  EXPECT_EQ(r.status, 403);
  EXPECT_EQ(r.json()["code"], "forbidden");
  EXPECT_EQ(officer2.Get("/api/v1/cases/" + id + "/events").status, 403);
  EXPECT_EQ(officer2.Post("/api/v1/cases/" + id + "/start-approval", {{"opinion", "x"}}).status, 403);
  Json other_list = officer2.Get("/api/v1/cases?page_size=100").json();
  for (const auto& item : other_list["items"]) EXPECT_NE(item["id"], id);
  EXPECT_EQ(reviewer.Get("/api/v1/cases/" + id).status, 200) << "the bureau's reviewer sees both teams";
  EXPECT_EQ(reviewer.Post("/api/v1/cases/" + id + "/start-approval", {{"opinion", "x"}}).status, 403)
      << "but does not act as the 承办人";
}

TEST_F(ApiTest, ApplicationFlowWithOneTimeSupplementNotice) {
  Client officer(port(), "officer1");
  Json body = {
      {"start_mode", "application"},
      {"title", "大型群众性活动安全许可（测试）"},
      {"parties", {{{"kind", "legal_person"}, {"name", "易县会展服务有限公司"}, {"legal_representative", "马晓东"}}}},
      {"application", {{"channel", "oral"}, {"matter", "大型群众性活动安全许可"}}}};
  HttpResponse r = officer.Post("/api/v1/cases", body);
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(r.json()["field"], "application.oral_record");
  body["application"]["oral_record"] = "申请人当面口头申请，内容如下……";
  r = officer.Post("/api/v1/cases", body);
  ASSERT_EQ(r.status, 201) << r.body;
  std::string id = r.json()["case"]["id"];
  std::string base = "/api/v1/cases/" + id;
  EXPECT_EQ(officer
                .Post(base + "/application/corrections",
                      {{"field", "活动名称"}, {"before", "博览汇"}, {"after", "博览会"}, {"confirmed_by", "马晓东"}})
                .status,
            200);
  EXPECT_EQ(officer.Post(base + "/application/supplement-notice", {{"items", {"消防安全检查合格证明"}}}).status, 200);
  HttpResponse again = officer.Post(base + "/application/supplement-notice", {{"items", {"另一项"}}});
  EXPECT_EQ(again.status, 409);
  EXPECT_EQ(again.json()["code"], "illegal_transition");
  EXPECT_EQ(officer.Post(base + "/application/decision", {{"accepted", true}}).status, 409);
  EXPECT_EQ(officer.Post(base + "/application/supplement-received", {{"items", {"消防安全检查合格证明"}}}).status, 200);
  HttpResponse accepted = officer.Post(base + "/application/decision", {{"accepted", true}});
  ASSERT_EQ(accepted.status, 200) << accepted.body;
  EXPECT_EQ(accepted.json()["case"]["stage"], "investigation");
  // 行政许可法第三十二条第二款: each act came with its written 凭证, in the bureau's name, dated,
  // numbered in the bureau's 凭字 series — materials at registration and on the supplement, then the
  // acceptance.
  Json receipts = accepted.json()["case"]["application"]["receipts"];
  ASSERT_EQ(receipts.size(), 3u) << receipts.dump();
  std::vector<std::string> kinds;
  for (const auto& rc : receipts) {
    kinds.push_back(rc["kind"]);
    EXPECT_EQ(rc["sealed_by"], "易县公安局") << "the enforcement body, not the team";
    EXPECT_EQ(rc["recipient"], "易县会展服务有限公司");
    EXPECT_EQ(rc["receipt_no"].get<std::string>().rfind("易公凭字〔", 0), 0u) << rc.dump();
    EXPECT_TRUE(rc["at"].is_string());
  }
  EXPECT_EQ(kinds, (std::vector<std::string>{"materials", "materials", "acceptance"}));
  EXPECT_NE(receipts[0]["receipt_no"], receipts[1]["receipt_no"]) << "one series, never a number twice";
  EXPECT_EQ(receipts[2]["at"], accepted.json()["case"]["application"]["decision"]["at"]) << "dated with the decision";
  HttpResponse twice = officer.Post(base + "/application/receipts", {{"kind", "acceptance"}});
  EXPECT_EQ(twice.status, 409) << twice.body;
  // More materials handed in: another receipt numbered by the system.
  HttpResponse more = officer.Post(base + "/application/receipts", {{"kind", "materials"}});
  ASSERT_EQ(more.status, 200) << more.body;
  EXPECT_EQ(more.json()["case"]["application"]["receipts"].size(), 4u);
}

TEST_F(ApiTest, ComplaintNotStartedGoesThroughTheChainThenTheWrittenNoticeIsServed) {
  Client officer(port(), "officer2"), reviewer(port(), "reviewer1"), approver(port(), "approver1");
  Client custodian(port(), "custodian1");
  HttpResponse r = officer.Post(
      "/api/v1/cases",
      {{"start_mode", "complaint"},
       {"title", "噪声投诉（测试）"},
       {"complaint", {{"channel", "phone"}, {"content", "夜间噪声"}, {"complainant", {{"name", "刘桂兰"}}}}}});
  ASSERT_EQ(r.status, 201) << r.body;
  std::string id = r.json()["case"]["id"];
  std::string base = "/api/v1/cases/" + id;
  Json proposal = {{"reason", "工业噪声污染防治属生态环境主管部门职责，不属于本机关职责范围"},
                   {"notice_no", "易公城不启字〔2026〕9号"},
                   {"competent_authority", "保定市生态环境局易县分局"}};
  // The notice is served after the approval, not proposed with it.
  Json early = proposal;
  early["notice_method"] = "mail";
  HttpResponse e = officer.Post(base + "/complaint/not-started", early);
  EXPECT_EQ(e.status, 400) << e.body;
  EXPECT_EQ(e.json()["field"], "notice_method");
  HttpResponse n = officer.Post(base + "/complaint/not-started", proposal);
  ASSERT_EQ(n.status, 200) << n.body;
  Json submitted = n.json()["case"];
  EXPECT_EQ(submitted["status"], "awaiting_approval") << "不予启动 goes through the chain (Art. 7, 11)";
  EXPECT_TRUE(submitted["complaint"]["not_started"].is_null());
  const Json& approval = submitted["approvals"].back();
  EXPECT_EQ(approval["kind"], "not_start");
  EXPECT_EQ(approval["kind_label"], "不予启动审批");
  std::string path = "/api/v1/approvals/" + approval["id"].get<std::string>() + "/decision";
  // Art. 7: a 审核人 who disagrees returns; only the 负责人 refuses. Every step states an opinion.
  HttpResponse refused = reviewer.Post(path, {{"decision", "reject"}, {"opinion", "不同意"}});
  EXPECT_EQ(refused.status, 400) << refused.body;
  EXPECT_EQ(refused.json()["field"], "decision");
  HttpResponse silent = reviewer.Post(path, {{"decision", "approve"}});
  EXPECT_EQ(silent.status, 400) << silent.body;
  EXPECT_EQ(silent.json()["field"], "opinion");
  ASSERT_EQ(reviewer.Post(path, {{"decision", "approve"}, {"opinion", "核查属实，同意不予启动"}}).status, 200);
  HttpResponse done = approver.Post(path, {{"decision", "approve"}, {"opinion", "同意"}});
  ASSERT_EQ(done.status, 200) << done.body;
  Json ended = done.json()["case"];
  EXPECT_EQ(ended["status"], "not_started");
  EXPECT_EQ(ended["complaint"]["not_started"]["by"]["name"], "赵建国");
  EXPECT_EQ(ended["complaint"]["not_started"]["served"], false);
  Json as_officer = officer.Get(base).json();
  EXPECT_TRUE(as_officer["available_actions"]["serve_complaint_notice"]["allowed"].get<bool>()) << as_officer.dump();
  HttpResponse not_yet = custodian.Post(base + "/archive", {{"archive_no", "易公档〔2026〕9号"}});
  EXPECT_EQ(not_yet.status, 409) << not_yet.body;
  EXPECT_EQ(not_yet.json()["code"], "missing_record") << "the case file lacks the notice";

  // 书面告知: a telephone call is not; the written notice needs its time and proof of service.
  std::string served_at =
      FormatRfc3339(std::chrono::time_point_cast<std::chrono::milliseconds>(std::chrono::system_clock::now()));
  HttpResponse phone = officer.Post(base + "/complaint/notice", {{"method", "phone"}, {"notified_at", served_at}});
  EXPECT_EQ(phone.status, 400);
  EXPECT_EQ(phone.json()["field"], "method");
  HttpResponse no_proof = officer.Post(base + "/complaint/notice", {{"method", "mail"}, {"notified_at", served_at}});
  EXPECT_EQ(no_proof.status, 400);
  EXPECT_EQ(no_proof.json()["field"], "proof");
  HttpResponse served = officer.Post(base + "/complaint/notice",
                                     {{"method", "mail"}, {"notified_at", served_at}, {"proof", "EMS 1180012345678"}});
  ASSERT_EQ(served.status, 200) << served.body;
  Json notice = served.json()["case"]["complaint"]["not_started"];
  EXPECT_EQ(notice["served"], true);
  EXPECT_EQ(notice["notice_method"], "mail");
  EXPECT_EQ(notice["notified_at"], served_at);
  EXPECT_EQ(notice["proof"], "EMS 1180012345678");
  EXPECT_EQ(
      officer.Post(base + "/complaint/notice", {{"method", "impossible"}, {"impossible_reason", "无法联系投诉人"}})
          .status,
      409)
      << "once";
  EXPECT_EQ(custodian.Post(base + "/archive", {{"archive_no", "易公档〔2026〕9号"}}).status, 200);
}

TEST_F(ApiTest, ComplaintIsAcceptedWithItsReceiptOrTransferred) {
  Client officer(port(), "officer2");
  Json complaint = {
      {"start_mode", "complaint"},
      {"title", "违法停车举报（测试）"},
      {"complaint", {{"channel", "visit"}, {"content", "店门口长期违法停车"}, {"complainant", {{"name", "王秀英"}}}}}};
  HttpResponse r = officer.Post("/api/v1/cases", complaint);
  ASSERT_EQ(r.status, 201) << r.body;
  std::string base = "/api/v1/cases/" + r.json()["case"]["id"].get<std::string>();
  Json deadlines = r.json()["case"]["deadlines"];
  ASSERT_EQ(deadlines.size(), 1u) << deadlines.dump();
  EXPECT_EQ(deadlines[0]["kind"], "complaint_handling");
  EXPECT_EQ(r.json()["case"]["available_actions"]["submit_start_approval"]["code"], "missing_record");
  HttpResponse acc = officer.Post(base + "/complaint/acceptance", Json::object());
  ASSERT_EQ(acc.status, 200) << acc.body;
  Json accepted = acc.json()["case"]["complaint"]["accepted"];
  EXPECT_EQ(accepted["recipient"], "王秀英");
  EXPECT_EQ(accepted["receipt_no"].get<std::string>().rfind("易公受案字〔", 0), 0u) << accepted.dump();
  EXPECT_TRUE(acc.json()["case"]["deadlines"].empty());
  EXPECT_EQ(officer.Post(base + "/complaint/acceptance", Json::object()).status, 409);

  // Another: the police's matter but another unit's — transferred, and the complainant told.
  r = officer.Post("/api/v1/cases", complaint);
  ASSERT_EQ(r.status, 201) << r.body;
  base = "/api/v1/cases/" + r.json()["case"]["id"].get<std::string>();
  std::string now =
      FormatRfc3339(std::chrono::time_point_cast<std::chrono::milliseconds>(std::chrono::system_clock::now()));
  Json transfer = {{"to_authority", "易县公安局交通警察大队"},
                   {"reason", "违法停车属道路交通管理，不属于本单位管辖"},
                   {"transferred_at", now}};
  HttpResponse untold = officer.Post(base + "/complaint/transfer", transfer);
  EXPECT_EQ(untold.status, 400);
  EXPECT_EQ(untold.json()["field"], "complainant_told");
  transfer["complainant_told"] = "已当面告知投诉人移送交警大队处理";
  HttpResponse t = officer.Post(base + "/complaint/transfer", transfer);
  ASSERT_EQ(t.status, 200) << t.body;
  EXPECT_EQ(t.json()["case"]["status"], "transferred");
  EXPECT_EQ(t.json()["case"]["status_label"], "已移送");
  EXPECT_EQ(t.json()["case"]["complaint"]["transferred"]["late"], false);
  EXPECT_EQ(t.json()["case"]["deadlines"][0]["kind"], "case_file");
}

TEST_F(ApiTest, ListFiltersSearchAndPaginates) {
  Client officer(port(), "officer1");
  for (int i = 0; i < 3; ++i)
    ASSERT_EQ(officer.Post("/api/v1/cases", NewExOfficio("分页测试案件" + std::to_string(i))).status, 201);
  Json page =
      officer.Get("/api/v1/cases?text=%E5%88%86%E9%A1%B5%E6%B5%8B%E8%AF%95&page_size=2&sort=title&order=asc").json();
  EXPECT_EQ(page["total"], 3);
  ASSERT_EQ(page["items"].size(), 2u);
  EXPECT_EQ(page["items"][0]["title"], "分页测试案件0");
  Json page2 =
      officer.Get("/api/v1/cases?text=%E5%88%86%E9%A1%B5%E6%B5%8B%E8%AF%95&page_size=2&page=2&sort=title&order=asc")
          .json();
  ASSERT_EQ(page2["items"].size(), 1u);
  EXPECT_EQ(page2["items"][0]["title"], "分页测试案件2");
  Json apps = officer.Get("/api/v1/cases?start_mode=application&page_size=100").json();
  for (const auto& item : apps["items"]) EXPECT_EQ(item["start_mode"], "application");
  EXPECT_GE(apps["total"].get<int>(), 1);
  Json mine = officer.Get("/api/v1/cases?officer=officer1&stage=initiation&page_size=100").json();
  for (const auto& item : mine["items"]) EXPECT_EQ(item["stage"], "initiation");
  Json none = officer.Get("/api/v1/cases?officer=officer2").json();
  EXPECT_EQ(none["total"], 0) << "officer1 sees none of officer2's cases";
  Json future = officer.Get("/api/v1/cases?from=2099-01-01").json();
  EXPECT_EQ(future["total"], 0);
  Json today = officer.Get("/api/v1/cases?to=2099-01-01&from=2000-01-01").json();
  EXPECT_GE(today["total"].get<int>(), 3);
}

TEST_F(ApiTest, DemoDataIsThere) {
  Client officer1(port(), "officer1"), admin(port(), "admin");
  Json list = officer1.Get("/api/v1/cases?sort=number&order=asc&officer=officer1&page_size=100").json();
  std::set<std::string> modes;
  for (const auto& item : list["items"]) modes.insert(item["start_mode"]);
  EXPECT_TRUE(modes.count("application") && modes.count("ex_officio"));
  Json users = admin.Get("/api/v1/users?page_size=100").json();
  std::set<std::string> names;
  for (const auto& u : users["items"]) names.insert(u["username"]);
  for (const char* u : {"officer1", "officer2", "officer3", "officer4", "reviewer1", "approver1", "legal1", "legal2",
                        "custodian1", "admin"})
    EXPECT_TRUE(names.count(u)) << u;
  // A county bureau's units (issue 12 §8): the bureau, 治安管理大队, 城关派出所, 法制大队.
  Json units = officer1.Get("/api/v1/units").json()["items"];
  std::set<std::string> unit_names;
  for (const auto& u : units) unit_names.insert(u["name"]);
  EXPECT_EQ(unit_names, (std::set<std::string>{"易县公安局", "治安管理大队", "城关派出所", "法制大队"}));
  // Scenario A: 张伟 and 刘洋 both act on the KTV case.
  for (const auto& item : list["items"]) {
    if (item["title"] != "金嗓子KTV未按规定备案经营案") continue;
    Json ktv = officer1.Get("/api/v1/cases/" + item["id"].get<std::string>()).json();
    ASSERT_EQ(ktv["officers"].size(), 2u);
    EXPECT_EQ(ktv["officers"][1]["name"], "刘洋");
    EXPECT_EQ(ktv["offence"]["cause"], "娱乐场所未按规定备案");
  }
}

TEST_F(ApiTest, AdminManagesUsersOthersCannot) {
  Client admin(port(), "admin"), officer(port(), "officer1");
  EXPECT_EQ(officer.Get("/api/v1/users").status, 403);
  std::string unit = officer.user()["unit_id"];
  HttpResponse created = admin.Post("/api/v1/users", {{"username", "officer9"},
                                                      {"name", "刘洋"},
                                                      {"role", "officer"},
                                                      {"unit_id", unit},
                                                      {"cert_no", "040023"},
                                                      {"password", "Strong#Pass1"}});
  ASSERT_EQ(created.status, 201) << created.body;
  std::string id = created.json()["user"]["id"];
  EXPECT_EQ(created.json()["events"][0]["type"], "UserCreated");
  EXPECT_EQ(created.body.find("argon2"), std::string::npos) << "no hash leaves the server";
  EXPECT_EQ(admin
                .Post("/api/v1/users", {{"username", "officer9"},
                                        {"name", "x"},
                                        {"role", "officer"},
                                        {"unit_id", unit},
                                        {"cert_no", "040099"},
                                        {"password", "Strong#Pass1"}})
                .status,
            409);
  Client newbie(port(), "officer9", "Strong#Pass1");
  EXPECT_EQ(newbie.Get("/api/v1/auth/me").json()["name"], "刘洋");
  ASSERT_EQ(admin.Patch("/api/v1/users/" + id, {{"active", false}}).status, 200);
  EXPECT_EQ(newbie.Get("/api/v1/auth/me").status, 401) << "a disabled user's session ends";
  EXPECT_EQ(
      Send(port(), "POST", "/api/v1/auth/login", Json{{"username", "officer9"}, {"password", "Strong#Pass1"}}.dump())
          .status,
      401);
}

}  // namespace
}  // namespace qc::testing

#include "crypto/base64.h"
#include "ledger/merkle.h"

namespace qc::testing {
namespace {

std::string Unb64(const Json& j) { return crypto::Base64Decode(j.get<std::string>()).value(); }

std::string ToHexForTest(const std::string& bytes) {
  static const char* d = "0123456789abcdef";
  std::string out;
  for (unsigned char ch : bytes) {
    out.push_back(d[ch >> 4]);
    out.push_back(d[ch & 15]);
  }
  return out;
}

TEST_F(ApiTest, LedgerProofsVerifyAgainstTheRoot) {
  Client officer(port(), "officer1");
  HttpResponse created = officer.Post("/api/v1/cases", NewExOfficio("账本证明测试"));
  ASSERT_EQ(created.status, 201);
  int64_t index = created.json()["events"][0]["index"];
  std::string leaf_hex = created.json()["events"][0]["leaf_hash"];

  // Proofs reveal hashes only: no session needed.
  HttpResponse inc = Send(port(), "GET", "/api/v1/ledger/proof/inclusion?index=" + std::to_string(index));
  ASSERT_EQ(inc.status, 200) << inc.body;
  Json p = inc.json();
  std::vector<std::string> proof;
  for (const auto& h : p["proof"]) proof.push_back(Unb64(h));
  std::string leaf = Unb64(p["leaf_hash"]);
  EXPECT_EQ(ToHexForTest(leaf), leaf_hex) << "the proof is about the event the API reported";
  int64_t size = p["size"];
  EXPECT_GT(size, index);
  EXPECT_TRUE(ledger::VerifyInclusion(index, size, leaf, proof, Unb64(p["root_hash"])).ok());

  // The tree grows; the old root stays a prefix of the new one.
  ASSERT_EQ(officer.Post("/api/v1/cases", NewExOfficio("账本证明测试二")).status, 201);
  HttpResponse cons = Send(port(), "GET", "/api/v1/ledger/proof/consistency?from=" + std::to_string(size));
  ASSERT_EQ(cons.status, 200) << cons.body;
  Json c = cons.json();
  std::vector<std::string> cproof;
  for (const auto& h : c["proof"]) cproof.push_back(Unb64(h));
  EXPECT_EQ(c["from_root_hash"], p["root_hash"]);
  EXPECT_TRUE(
      ledger::VerifyConsistency(size, c["to"], cproof, Unb64(c["from_root_hash"]), Unb64(c["to_root_hash"])).ok());

  EXPECT_EQ(Send(port(), "GET", "/api/v1/ledger/proof/inclusion?index=999999").json()["field"], "index");
  EXPECT_EQ(Send(port(), "GET", "/api/v1/ledger/proof/inclusion?index=0&size=999999").json()["field"], "size");
  EXPECT_EQ(Send(port(), "GET", "/api/v1/ledger/proof/inclusion").json()["field"], "index");
  EXPECT_EQ(Send(port(), "GET", "/api/v1/ledger/proof/consistency?from=0").json()["field"], "from");

  // Entries reveal contents: audit roles only.
  EXPECT_EQ(Send(port(), "GET", "/api/v1/ledger/entries").status, 401);
  EXPECT_EQ(officer.Get("/api/v1/ledger/entries").status, 403);
  Client legal(port(), "legal1");
  HttpResponse entries = legal.Get("/api/v1/ledger/entries?start=" + std::to_string(index) + "&count=1");
  ASSERT_EQ(entries.status, 200) << entries.body;
  Json e = entries.json()["entries"][0];
  EXPECT_EQ(e["index"], index);
  EXPECT_EQ(e["leaf_hash"], leaf_hex);
  EXPECT_EQ(ledger::HashLeaf(Unb64(e["bytes"])), leaf) << "the bytes hash to the leaf";
  EXPECT_EQ(legal.Get("/api/v1/ledger/entries?count=1001").json()["field"], "count");
  // Security probe: the administrator read a complainant's name and telephone through the entries.
  // It gets the case's entry without its bytes (index and leaf hash still there), and the
  // directory's entries whole.
  Client admin(port(), "admin");
  Json withheld = admin.Get("/api/v1/ledger/entries?start=" + std::to_string(index) + "&count=1").json()["entries"][0];
  EXPECT_EQ(withheld["leaf_hash"], leaf_hex);
  EXPECT_FALSE(withheld.contains("bytes")) << withheld.dump();
  EXPECT_EQ(withheld["withheld"], true);
  Json directory = admin.Get("/api/v1/ledger/entries?start=0&count=1").json()["entries"][0];
  EXPECT_TRUE(directory.contains("bytes")) << directory.dump();
}

}  // namespace
}  // namespace qc::testing
