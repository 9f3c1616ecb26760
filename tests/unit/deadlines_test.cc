// Deadlines derived from a case: the application decision (5 working days), the applicant's supplement date,
// and the 30-day case file of Art. 33 once the procedure has ended.
#include <gtest/gtest.h>

#include "case_harness.h"
#include "domain/deadlines.h"

namespace qc::domain {
namespace {

using namespace std::chrono_literals;
using testing_support::CaseHarness;
using testing_support::Officer;
using testing_support::OpenApplication;
using testing_support::Staff;

TEST(Deadlines, EndOfChinaDayIsMidnightInBeijing) {
  auto t = EndOfChinaDay("2026-12-04");
  ASSERT_TRUE(t);
  EXPECT_EQ(FormatRfc3339(*t), "2026-12-04T15:59:59.999Z");
  EXPECT_EQ(FormatRfc3339(*EndOfChinaDay("2028-02-29")), "2028-02-29T15:59:59.999Z");
  for (const char* bad : {"2026-02-30", "2027-02-29", "2026-13-01", "2026-1-01", "26-12-04", "2026/12/04",
                          "2026-12-04T00", "", "五日内", "2026-12-0x"})
    EXPECT_FALSE(EndOfChinaDay(bad)) << bad;
}

TEST(Deadlines, ApplicationDecisionThenSupplementThenDecisionAgain) {
  CaseHarness h;
  Actor off = Officer();
  ASSERT_TRUE(h.Run(DecideOpen(off, OpenApplication()), off).ok());
  auto d = Deadlines(h.c);
  ASSERT_EQ(d.size(), 1u);
  EXPECT_EQ(d[0].kind, "application_decision");
  EXPECT_EQ(d[0].since, h.c.created_at) << "no received_at: the registration";
  // Registered Friday 2026-11-27: five working days after it end on Friday 2026-12-04 (Beijing).
  EXPECT_EQ(FormatRfc3339(d[0].due), "2026-12-04T15:59:59.999Z");
  EXPECT_NE(d[0].consequence.find("即为受理"), std::string::npos);

  // The one-time notice with a date: the applicant's date replaces the decision deadline.
  h.now += 2 * 24h;
  ASSERT_TRUE(h.Run(DecideSupplementNotice(
                        h.c, off, SupplementNoticeFromJson({{"items", {"消防证明"}}, {"deadline", "2026-12-10"}})),
                    off)
                  .ok());
  d = Deadlines(h.c);
  ASSERT_EQ(d.size(), 1u);
  EXPECT_EQ(d[0].kind, "supplement");
  EXPECT_EQ(FormatRfc3339(d[0].due), "2026-12-10T15:59:59.999Z");

  // Materials received: five days from receipt to decide.
  h.now += 3 * 24h;
  ASSERT_TRUE(
      h.Run(DecideSupplementReceived(h.c, off, SupplementReceiptFromJson({{"items", {"消防证明"}}})), off).ok());
  d = Deadlines(h.c);
  ASSERT_EQ(d.size(), 1u);
  EXPECT_EQ(d[0].kind, "application_decision");
  EXPECT_EQ(d[0].since, h.c.application->supplement_notice->received->at);
  // Received Wednesday 2026-12-02: Thu, Fri, Mon, Tue, Wed — due Wednesday 2026-12-09.
  EXPECT_EQ(FormatRfc3339(d[0].due), "2026-12-09T15:59:59.999Z");
  EXPECT_FALSE(DeemedAcceptedFrom(h.c)) << "the notice came on day 2";

  // Accepted: no deadline runs in the investigation yet.
  ASSERT_TRUE(h.Run(DecideApplication(h.c, off, {"", true}), off).ok());
  EXPECT_TRUE(Deadlines(h.c).empty());
  EXPECT_FALSE(h.c.closed_at);
}

TEST(Deadlines, WorkingDaysSkipWeekendsAndHolidaysAndCountTheAdjustedWorkdays) {
  const WorkCalendar& cal = WorkCalendar::Shipped();
  auto due = [&](const char* china_time) {
    auto t = ParseRfc3339(china_time);
    EXPECT_TRUE(t.ok()) << china_time;
    return ChinaDate(cal.EndOfWorkingDaysAfter(*t, 5));
  };
  // 国庆: 10月1日至7日 off, Saturday 10月10日 a working day.
  EXPECT_EQ(due("2026-09-30T17:30:00+08:00"), "2026-10-13");
  // 春节: Saturday 2月14日 a working day, 2月15日至23日 off.
  EXPECT_EQ(due("2026-02-13T10:00:00+08:00"), "2026-02-27");
  // The day of receipt never counts, however early (民法典第二百零一条); late at night is still that day.
  EXPECT_EQ(due("2026-12-07T00:00:01+08:00"), "2026-12-14");
  EXPECT_EQ(due("2026-12-07T23:59:59+08:00"), "2026-12-14");
  // 2027 is shipped provisional: weekends only.
  ASSERT_TRUE(cal.Known(2027));
  EXPECT_TRUE(cal.years().at(2027).provisional);
  EXPECT_FALSE(cal.years().at(2026).provisional);
  EXPECT_EQ(due("2027-01-29T10:00:00+08:00"), "2027-02-05");
}

TEST(Deadlines, ACalendarYearIsChecked) {
  EXPECT_TRUE(WorkCalendar::Validate({2026, {"2026-10-01"}, {"2026-10-10"}, false, ""}).ok());
  EXPECT_FALSE(WorkCalendar::Validate({2026, {"2027-01-01"}, {}, false, ""}).ok());
  EXPECT_FALSE(WorkCalendar::Validate({2026, {"2026-13-01"}, {}, false, ""}).ok());
  EXPECT_FALSE(WorkCalendar::Validate({2026, {"2026-10-01"}, {"2026-10-01"}, false, ""}).ok());
  EXPECT_EQ(WorkCalendar::Validate({2026, {}, {"2026-10-12"}, false, ""}).field(), "workdays")
      << "a Monday is a working day already";
  EXPECT_FALSE(WorkCalendar::Validate({1999, {}, {}, false, ""}).ok());
  // Replacing a year takes its old days away.
  WorkCalendar cal;
  cal.Set({2026, {"2026-12-07"}, {}, false, ""});
  EXPECT_FALSE(cal.IsWorkingDay(std::chrono::sys_days{std::chrono::year{2026} / 12 / 7}));
  cal.Set({2026, {}, {}, false, ""});
  EXPECT_TRUE(cal.IsWorkingDay(std::chrono::sys_days{std::chrono::year{2026} / 12 / 7}));
}

TEST(Deadlines, ALateSupplementNoticeMeansAcceptedFromReceipt) {
  CaseHarness h;
  Actor off = Officer();
  OpenCaseCommand cmd = OpenApplication();
  cmd.application->received_at = h.now - 24h;  // Thursday 2026-11-26
  ASSERT_TRUE(h.Run(DecideOpen(off, cmd), off).ok());
  auto d = Deadlines(h.c);
  ASSERT_EQ(d.size(), 1u);
  EXPECT_EQ(d[0].since, h.now - 24h) << "counted from the receipt of the materials";
  EXPECT_EQ(FormatRfc3339(d[0].due), "2026-12-03T15:59:59.999Z");
  // The notice on Friday 2026-12-04 is a working day too late (行政许可法第三十二条第一款第四项).
  h.now += 7 * 24h;
  ASSERT_TRUE(h.Run(DecideSupplementNotice(h.c, off, SupplementNoticeFromJson({{"items", {"消防证明"}}})), off).ok());
  auto deemed = DeemedAcceptedFrom(h.c);
  ASSERT_TRUE(deemed);
  EXPECT_EQ(FormatRfc3339(*deemed), "2026-11-25T16:00:00.000Z") << "the start of 2026-11-26 in Beijing";
  EXPECT_EQ(CaseToJson(h.c)["application"]["deemed_accepted_from"], "2026-11-25T16:00:00.000Z");
}

TEST(Deadlines, NoticeWithoutADateLeavesNoDeadlineUntilReceipt) {
  CaseHarness h;
  Actor off = Officer();
  ASSERT_TRUE(h.Run(DecideOpen(off, OpenApplication()), off).ok());
  ASSERT_TRUE(h.Run(DecideSupplementNotice(h.c, off, SupplementNoticeFromJson({{"items", {"消防证明"}}})), off).ok());
  EXPECT_TRUE(Deadlines(h.c).empty());
}

TEST(Deadlines, EndedProcedureMustFormItsCaseFileWithin30Days) {
  CaseHarness h;
  Actor off = Officer();
  ASSERT_TRUE(h.Run(DecideOpen(off, OpenApplication()), off).ok());
  h.now += 24h;
  ASSERT_TRUE(testing_support::RefuseApplication(h, off).ok());
  ASSERT_TRUE(h.c.closed_at);
  TimePoint closed = *h.c.closed_at;
  // Later records (one more materials receipt) do not move the end of the act.
  h.now += 24h;
  ASSERT_TRUE(h.Run(DecideIssueReceipt(h.c, off, ReceiptFromJson({{"kind", "materials"}})), off).ok());
  EXPECT_EQ(*h.c.closed_at, closed);
  auto d = Deadlines(h.c);
  ASSERT_EQ(d.size(), 1u);
  EXPECT_EQ(d[0].kind, "case_file");
  EXPECT_EQ(d[0].article, "第三十三条");
  // Ended on Saturday 2026-11-28 (Beijing): the 30th day after it ends 2026-12-28 24:00 Beijing.
  EXPECT_EQ(ChinaDate(closed), "2026-11-28");
  EXPECT_EQ(FormatRfc3339(d[0].due), "2026-12-28T15:59:59.999Z");
  Json j = CaseToJson(h.c);
  EXPECT_EQ(j["closed_at"], FormatRfc3339(closed));
  ASSERT_EQ(j["deadlines"].size(), 1u);
  EXPECT_EQ(j["deadlines"][0]["due_at"], "2026-12-28T15:59:59.999Z");
}

TEST(Deadlines, RejectedStartApprovalEndsTheProcedure) {
  CaseHarness h;
  Actor off = Officer();
  OpenCaseCommand cmd = OpenApplication();
  cmd.mode = StartMode::kExOfficio;
  cmd.application.reset();
  cmd.start_form = StartFormFromJson({{"cause", "备案过期仍营业"}});
  ASSERT_TRUE(h.Run(DecideOpen(off, cmd), off).ok());
  EXPECT_TRUE(Deadlines(h.c).empty());
  ASSERT_TRUE(h.Run(DecideSubmitStartApproval(h.c, off, {"apv_1", "建议立案", "", std::nullopt}), off).ok());
  Actor reviewer = Staff(Role::kReviewer, "u_rev"), approver = Staff(Role::kApprover, "u_app");
  ASSERT_TRUE(h.Run(DecideApprovalStep(h.c, reviewer, "apv_1", "approve", "同意"), reviewer).ok());
  ASSERT_TRUE(h.Run(DecideApprovalStep(h.c, approver, "apv_1", "reject", "证据不足，不予批准"), approver).ok());
  ASSERT_EQ(h.c.status, CaseStatus::kRejected);
  auto d = Deadlines(h.c);
  ASSERT_EQ(d.size(), 1u);
  EXPECT_EQ(d[0].kind, "case_file");
}

}  // namespace
}  // namespace qc::domain
