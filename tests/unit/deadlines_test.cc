// Deadlines derived from a case: the application decision (5 days), the applicant's supplement date,
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
  EXPECT_EQ(d[0].since, h.c.created_at);
  EXPECT_EQ(d[0].due - d[0].since, std::chrono::days(5));

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
  EXPECT_EQ(d[0].since, h.c.updated_at);
  EXPECT_EQ(d[0].due, h.c.updated_at + std::chrono::days(5));

  // Accepted: no deadline runs in the investigation yet.
  ASSERT_TRUE(h.Run(DecideApplication(h.c, off, {"", true}), off).ok());
  EXPECT_TRUE(Deadlines(h.c).empty());
  EXPECT_FALSE(h.c.closed_at);
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
  // Later records (the written notice) do not move the end of the act.
  h.now += 24h;
  ASSERT_TRUE(
      h.Run(DecideIssueReceipt(h.c, off, ReceiptFromJson({{"kind", "non_acceptance"}, {"receipt_no", "1"}})), off)
          .ok());
  EXPECT_EQ(*h.c.closed_at, closed);
  auto d = Deadlines(h.c);
  ASSERT_EQ(d.size(), 1u);
  EXPECT_EQ(d[0].kind, "case_file");
  EXPECT_EQ(d[0].article, "第三十三条");
  EXPECT_EQ(d[0].due, closed + std::chrono::days(30));
  Json j = CaseToJson(h.c);
  EXPECT_EQ(j["closed_at"], FormatRfc3339(closed));
  ASSERT_EQ(j["deadlines"].size(), 1u);
  EXPECT_EQ(j["deadlines"][0]["due_at"], FormatRfc3339(closed + std::chrono::days(30)));
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
