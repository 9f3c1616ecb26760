// The 工作台's data over HTTP: deadlines near or past (GET /deadlines) and a unit's officers by name
// (GET /units/{id}/officers), with their scoping.
#include <gtest/gtest.h>

#include "domain/work_calendar.h"

#include "cli_run.h"
#include "server_fixture.h"

namespace qc::testing {
namespace {

class WorkbenchApiTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { server_ = new Server(); }
  static void TearDownTestSuite() {
    delete server_;
    server_ = nullptr;
  }
  static int port() { return server_->port(); }
  static Server* server_;
};
Server* WorkbenchApiTest::server_ = nullptr;

// The deadline of case `id` in a /deadlines page (null when absent).
Json FindCase(const Json& list, const std::string& id) {
  for (const auto& item : list["items"])
    if (item["case_id"] == id) return item;
  return nullptr;
}

TEST_F(WorkbenchApiTest, ApplicationDeadlinesFollowTheCase) {
  Client officer1(port(), "officer1"), officer2(port(), "officer2"), reviewer(port(), "reviewer1"),
      admin(port(), "admin");
  HttpResponse r = officer1.Post(
      "/api/v1/cases",
      {{"start_mode", "application"},
       {"title", "期限测试：许可申请"},
       {"parties", {{{"kind", "legal_person"}, {"name", "易县会展服务有限公司"}, {"legal_representative", "马晓东"}}}},
       {"application", {{"channel", "written"}, {"matter", "许可"}}}});
  ASSERT_EQ(r.status, 201) << r.body;
  std::string id = r.json()["case"]["id"];
  ASSERT_EQ(r.json()["case"]["deadlines"].size(), 1u);
  EXPECT_EQ(r.json()["case"]["deadlines"][0]["kind"], "application_decision");

  Json mine = officer1.Get("/api/v1/deadlines").json();
  Json d = FindCase(mine, id);
  ASSERT_FALSE(d.is_null()) << mine.dump();
  EXPECT_EQ(d["kind"], "application_decision");
  EXPECT_EQ(d["label"], "作出受理决定（5个工作日）");
  EXPECT_EQ(d["overdue"], false);
  // Five working days after the day of registration, to the end of that day in Beijing, whatever
  // today is (行政许可法第三十二条、第八十二条; the shipped calendar).
  auto created = ParseRfc3339(r.json()["case"]["created_at"].get<std::string>());
  ASSERT_TRUE(created.ok());
  EXPECT_EQ(d["due_at"], FormatRfc3339(domain::WorkCalendar::Shipped().EndOfWorkingDaysAfter(*created, 5)));
  EXPECT_EQ(r.json()["case"]["deadlines"][0]["due_at"], d["due_at"]);
  EXPECT_NE(r.json()["case"]["deadlines"][0]["consequence"].get<std::string>().find("即为受理"), std::string::npos);
  int64_t remaining = d["remaining_seconds"];
  EXPECT_GT(remaining, 5 * 86400 - 120) << "at least five whole days";
  EXPECT_TRUE(FindCase(officer1.Get("/api/v1/deadlines?within_days=4").json(), id).is_null())
      << "due in five days is not within four";

  // The other team's officer does not see it; the bureau's reviewer does; the admin sees no cases.
  EXPECT_TRUE(FindCase(officer2.Get("/api/v1/deadlines?mine=false&page_size=100").json(), id).is_null());
  EXPECT_FALSE(FindCase(reviewer.Get("/api/v1/deadlines?page_size=100").json(), id).is_null());
  EXPECT_EQ(admin.Get("/api/v1/deadlines").json()["total"], 0);

  // The supplement date must be a date; once given, it is the deadline shown.
  std::string notice = "/api/v1/cases/" + id + "/application/supplement-notice";
  HttpResponse bad = officer1.Post(notice, {{"items", {"消防证明"}}, {"deadline", "五日内"}});
  EXPECT_EQ(bad.status, 400);
  EXPECT_EQ(bad.json()["field"], "deadline");
  EXPECT_EQ(officer1.Post(notice, {{"items", {"消防证明"}}, {"deadline", "2026-02-30"}}).json()["field"], "deadline");
  HttpResponse ok = officer1.Post(notice, {{"items", {"消防证明"}}, {"deadline", "2099-12-31"}});
  ASSERT_EQ(ok.status, 200) << ok.body;
  EXPECT_EQ(ok.json()["case"]["deadlines"][0]["kind"], "supplement");
  EXPECT_TRUE(FindCase(officer1.Get("/api/v1/deadlines").json(), id).is_null()) << "2099 is not near";
  Json far = officer1.Get("/api/v1/deadlines?within_days=366&page_size=100").json();
  EXPECT_TRUE(FindCase(far, id).is_null());

  // Not accepted: the procedure ended, the case file is due in 30 days (Art. 33).
  ASSERT_EQ(officer1.Post("/api/v1/cases/" + id + "/application/supplement-received", {{"items", {"消防证明"}}}).status,
            200);
  HttpResponse no =
      officer1.Post("/api/v1/cases/" + id + "/application/decision", {{"accepted", false},
                                                                      {"reason", "申请事项不属于本机关职权范围"},
                                                                      {"ground", "not_competent"},
                                                                      {"competent_authority", "易县文化广电和旅游局"}});
  ASSERT_EQ(no.status, 200) << no.body;
  EXPECT_TRUE(no.json()["case"]["closed_at"].is_null()) << "the refusal waits for the chain (Art. 7)";
  std::string path =
      "/api/v1/approvals/" + no.json()["case"]["approvals"].back()["id"].get<std::string>() + "/decision";
  Client approver(port(), "approver1");
  ASSERT_EQ(reviewer.Post(path, {{"decision", "approve"}, {"opinion", "同意不予受理"}}).status, 200);
  HttpResponse refused = approver.Post(path, {{"decision", "approve"}, {"opinion", "同意"}});
  ASSERT_EQ(refused.status, 200) << refused.body;
  EXPECT_EQ(refused.json()["case"]["application"]["decision"]["ground"], "not_competent");
  EXPECT_FALSE(refused.json()["case"]["closed_at"].is_null());
  EXPECT_TRUE(FindCase(officer1.Get("/api/v1/deadlines").json(), id).is_null()) << "30 days is not within 7";
  d = FindCase(officer1.Get("/api/v1/deadlines?within_days=30&page_size=100").json(), id);
  ASSERT_FALSE(d.is_null());
  EXPECT_EQ(d["kind"], "case_file");
  EXPECT_EQ(d["article"], "第三十三条");
  EXPECT_EQ(d["status"], "not_accepted");
}

// Its own server: the calendar it sets would move the other tests' deadlines.
TEST(CalendarApiTest, TheAdministratorMaintainsTheWorkingDayCalendar) {
  Server server;
  Client officer(server.port(), "officer1"), admin(server.port(), "admin");
  // An application received on Friday 2026-11-27 (Beijing): five working days end Friday 2026-12-04.
  // A fixed past receipt in the shipped 2026 calendar: the deadline does not depend on today.
  HttpResponse r = officer.Post(
      "/api/v1/cases",
      {{"start_mode", "application"},
       {"title", "工作日历测试：许可申请"},
       {"parties", {{{"kind", "legal_person"}, {"name", "易县日历测试公司"}, {"legal_representative", "马晓东"}}}},
       {"application",
        {{"channel", "written"},
         {"matter", "许可"},
         {"received_at", "2026-11-27T10:00:00+08:00"}}}});  // fixed past input
  ASSERT_EQ(r.status, 201) << r.body;
  std::string id = r.json()["case"]["id"];
  EXPECT_EQ(r.json()["case"]["deadlines"][0]["due_at"], "2026-12-04T15:59:59.999Z");

  Json cal = officer.Get("/api/v1/calendar").json();
  ASSERT_GE(cal["years"].size(), 2u) << cal.dump();
  EXPECT_EQ(cal["years"][0]["year"], 2026);
  EXPECT_EQ(cal["years"][0]["origin"], "shipped");
  EXPECT_EQ(cal["years"][1]["provisional"], true) << "2027 is shipped provisional";

  // Only the administrator sets a year; the rules are checked with the field at fault.
  Json year = {{"holidays", {"2026-11-30", "2026-12-01"}},
               {"workdays", Json::array()},
               {"provisional", false},
               {"source", "测试：假设的放假安排"}};
  EXPECT_EQ(officer.Put("/api/v1/calendar/2026", year).status, 403);
  HttpResponse weekday = admin.Put("/api/v1/calendar/2026", {{"workdays", {"2026-12-09"}}, {"source", "x"}});
  EXPECT_EQ(weekday.status, 400);
  EXPECT_EQ(weekday.json()["field"], "workdays");
  HttpResponse other_year = admin.Put("/api/v1/calendar/2026", {{"holidays", {"2027-01-01"}}, {"source", "x"}});
  EXPECT_EQ(other_year.json()["field"], "holidays");
  EXPECT_EQ(admin.Put("/api/v1/calendar/20x6", year).json()["field"], "year");
  EXPECT_EQ(admin.Put("/api/v1/calendar/2026", {{"holidays", Json::array()}}).json()["field"], "source");

  HttpResponse set = admin.Put("/api/v1/calendar/2026", year);
  ASSERT_EQ(set.status, 200) << set.body;
  EXPECT_EQ(set.json()["year"]["origin"], "set");
  EXPECT_EQ(set.json()["events"][0]["type"], "CalendarYearSet");
  // Two more days off: the open application's deadline moves to Tuesday 2026-12-08, in the case and
  // in the deadline list.
  Json c = officer.Get("/api/v1/cases/" + id).json();
  EXPECT_EQ(c["deadlines"][0]["due_at"], "2026-12-08T15:59:59.999Z") << c["deadlines"].dump();
  Json listed = officer.Get("/api/v1/deadlines?within_days=366&page_size=100").json();
  bool found = false;
  for (const auto& d : listed["items"])
    if (d["case_id"] == id) {
      found = true;
      EXPECT_EQ(d["due_at"], "2026-12-08T15:59:59.999Z");
    }
  EXPECT_TRUE(found) << listed.dump();
  cal = officer.Get("/api/v1/calendar").json();
  EXPECT_EQ(cal["years"][0]["origin"], "set");
  EXPECT_EQ(cal["years"][0]["set_by"]["name"], "系统管理员");
  EXPECT_EQ(cal["years"][0]["holidays"], Json::array({"2026-11-30", "2026-12-01"}));

  // The projections a replay of the log gives are the live ones (the calendar is read from the log).
  ASSERT_EQ(server.Stop(SIGTERM), 0) << server.Log();  // signs the last checkpoint
  CliRun v = RunQuancheng("verify --data " + server.data_dir());
  EXPECT_EQ(v.status, 0) << v.output;
  EXPECT_NE(v.output.find("\nintact: "), std::string::npos) << v.output;
}

TEST_F(WorkbenchApiTest, DeadlineQueryIsChecked) {
  Client officer(port(), "officer1");
  for (const char* q : {"?within_days=-1", "?within_days=abc", "?mine=yes", "?page=0", "?page_size=1000", "?sort=x"}) {
    HttpResponse r = officer.Get(std::string("/api/v1/deadlines") + q);
    EXPECT_EQ(r.status, 400) << q << " " << r.body;
  }
  EXPECT_EQ(Send(port(), "GET", "/api/v1/deadlines").status, 401);
}

TEST_F(WorkbenchApiTest, OfficersOfTheOwnUnitByName) {
  Client officer1(port(), "officer1"), officer2(port(), "officer2"), admin(port(), "admin");
  std::string unit = officer1.user()["unit_id"];
  HttpResponse added = admin.Post("/api/v1/users", {{"username", "officer_li"},
                                                    {"name", "李强"},
                                                    {"role", "officer"},
                                                    {"unit_id", unit},
                                                    {"cert_no", "040099"},
                                                    {"password", "Strong@2026pass"}});
  ASSERT_EQ(added.status, 201) << added.body;
  std::string li = added.json()["user"]["id"];
  ASSERT_EQ(admin
                .Post("/api/v1/users", {{"username", "reviewer_x"},
                                        {"name", "李审核"},
                                        {"role", "reviewer"},
                                        {"unit_id", unit},
                                        {"password", "Strong@2026pass"}})
                .status,
            201);

  Json all = officer1.Get("/api/v1/units/" + unit + "/officers").json();
  std::set<std::string> names;
  for (const auto& o : all["items"]) names.insert(o["name"]);
  EXPECT_TRUE(names.count("张伟") && names.count("李强")) << all.dump();
  EXPECT_FALSE(names.count("李审核")) << "officers only";
  Json li_only = officer1.Get("/api/v1/units/" + unit + "/officers?name=%E6%9D%8E").json();
  ASSERT_EQ(li_only["total"], 1) << li_only.dump();
  EXPECT_EQ(li_only["items"][0]["id"], li);
  EXPECT_EQ(li_only["items"][0]["cert_no"], "040099");
  EXPECT_FALSE(li_only["items"][0].contains("username"));
  EXPECT_EQ(li_only["items"][0]["auxiliary"], false);
  // A 辅警 is listed marked as one, so the picker can say so (he may assist, not act alone).
  ASSERT_EQ(admin.Patch("/api/v1/users/" + li, {{"auxiliary", true}}).status, 200);
  EXPECT_EQ(officer1.Get("/api/v1/units/" + unit + "/officers?name=%E6%9D%8E").json()["items"][0]["auxiliary"], true);
  ASSERT_EQ(admin.Patch("/api/v1/users/" + li, {{"auxiliary", false}}).status, 200);

  // Pick by name, assign by id: the picked officer joins a case.
  HttpResponse c = officer1.Post(
      "/api/v1/cases",
      {{"start_mode", "ex_officio"}, {"title", "协办人员选择测试"}, {"start_form", {{"cause", "巡查发现"}}}});
  ASSERT_EQ(c.status, 201) << c.body;
  std::string id = c.json()["case"]["id"];
  HttpResponse assigned = officer1.Post("/api/v1/cases/" + id + "/officers", {{"user_id", li}});
  ASSERT_EQ(assigned.status, 200) << assigned.body;
  EXPECT_EQ(assigned.json()["case"]["officers"].size(), 2u);

  // A deactivated officer is no longer offered.
  ASSERT_EQ(admin.Patch("/api/v1/users/" + li, {{"active", false}}).status, 200);
  EXPECT_EQ(officer1.Get("/api/v1/units/" + unit + "/officers?name=%E6%9D%8E").json()["total"], 0);

  // Another team's officers are not listed to officer2; an unknown unit is 404.
  HttpResponse other = officer2.Get("/api/v1/units/" + unit + "/officers");
  EXPECT_EQ(other.status, 403);
  EXPECT_EQ(officer1.Get("/api/v1/units/no-such-unit/officers").status, 404);
  EXPECT_EQ(officer1.Get("/api/v1/units/" + unit + "/officers?page_size=0").json()["field"], "page_size");
}

}  // namespace
}  // namespace qc::testing
