// Art. 11 and 公安机关办理行政案件程序规定 第六十一条: what becomes of a complaint — 受案 with its
// 受案回执, 移送 within 24 hours, or 不予启动 through the chain and then the written notice served.
#include <gtest/gtest.h>

#include "case_harness.h"
#include "domain/deadlines.h"
#include "domain/stage_records.h"

namespace qc::domain {
namespace {

using namespace std::chrono_literals;
using namespace testing_support;

OpenCaseCommand NamedComplaint(TimePoint received) {
  OpenCaseCommand cmd = OpenComplaint();
  cmd.complaint->complainant = Complainant{"刘桂兰", "13903120456", std::nullopt, false};
  cmd.complaint->received_at = received;
  return cmd;
}

ComplaintNoticeService Served(const std::string& method, std::optional<TimePoint> at,
                              std::optional<std::string> proof) {
  ComplaintNoticeService s;
  s.method = method;
  s.notified_at = at;
  s.proof = std::move(proof);
  return s;
}

TEST(ComplaintOutcome, NotStartedThroughTheChainThenTheWrittenNoticeIsServed) {
  CaseHarness h;
  Actor off = Officer(), reviewer = Staff(Role::kReviewer, "u_rev"), approver = Staff(Role::kApprover, "u_app");
  Actor custodian = Staff(Role::kCustodian, "u_cus");
  ASSERT_TRUE(h.Run(DecideOpen(off, OpenComplaint()), off).ok());
  ComplaintNotice n;
  n.reason = "工业噪声污染防治属生态环境主管部门职责，不属于本机关职责范围";
  n.notice_no = "易公城不启字〔2026〕1号";
  // The notice belongs after the approval, not in the proposal.
  ComplaintNotice early = n;
  early.notice_method = "direct";
  EXPECT_EQ(DecideComplaintNotStarted(h.c, off, "apv_1", early).status().field(), "notice_method");
  ASSERT_TRUE(h.Run(DecideComplaintNotStarted(h.c, off, "apv_1", n), off).ok());
  EXPECT_EQ(CheckCommand(h.c, off, CaseCommand::kServeComplaintNotice).code(), "illegal_transition")
      << "no notice before the 负责人 approved";
  // Art. 7: the 审核人 cannot refuse; they approve or return.
  EXPECT_EQ(DecideApprovalStep(h.c, reviewer, "apv_1", "reject", "不同意").status().field(), "decision");
  ASSERT_TRUE(h.Run(DecideApprovalStep(h.c, reviewer, "apv_1", "approve", "核查属实，同意不予启动"), reviewer).ok());
  ASSERT_TRUE(h.Run(DecideApprovalStep(h.c, approver, "apv_1", "approve", "同意"), approver).ok());
  EXPECT_EQ(h.types.back(), "ComplaintNotStarted");
  EXPECT_EQ(h.c.status, CaseStatus::kNotStarted);
  EXPECT_EQ(h.c.complaint->not_started->by.id, "u_app");
  EXPECT_FALSE(h.c.complaint->not_started->served());
  // The case file is not complete without the notice.
  EXPECT_EQ(DecideArchive(h.c, custodian, Archive{"易公档〔2026〕1号", std::nullopt, {}, {}}).status().code(),
            "missing_record");

  TimePoint approved = h.c.complaint->not_started->at, now = approved + 2h;
  // 书面告知 is writing: a telephone call or an SMS is not (Art. 11).
  for (const char* spoken : {"phone", "sms", "other"})
    EXPECT_EQ(DecideServeComplaintNotice(h.c, off, Served(spoken, approved + 1h, "x"), now).status().field(), "method")
        << spoken;
  ComplaintNoticeService email = Served("email", approved + 1h, "电子送达记录");
  EXPECT_EQ(DecideServeComplaintNotice(h.c, off, email, now).status().field(), "electronic_consent");
  EXPECT_EQ(DecideServeComplaintNotice(h.c, off, Served("direct", std::nullopt, "送达回证"), now).status().field(),
            "notified_at");
  EXPECT_EQ(DecideServeComplaintNotice(h.c, off, Served("direct", now + 1h, "送达回证"), now).status().field(),
            "notified_at")
      << "not in the future";
  EXPECT_EQ(DecideServeComplaintNotice(h.c, off, Served("direct", approved - 1h, "送达回证"), now).status().field(),
            "notified_at")
      << "not before the approval";
  EXPECT_EQ(DecideServeComplaintNotice(h.c, off, Served("mail", approved + 1h, std::nullopt), now).status().field(),
            "proof");
  ComplaintNoticeService impossible = Served("impossible", std::nullopt, std::nullopt);
  EXPECT_EQ(DecideServeComplaintNotice(h.c, off, impossible, now).status().field(), "impossible_reason");
  email.electronic_consent = true;
  EXPECT_TRUE(DecideServeComplaintNotice(h.c, off, email, now).ok());

  ASSERT_TRUE(
      h.Run(DecideServeComplaintNotice(h.c, off, Served("mail", approved + 1h, "EMS 1180012345678"), now), off).ok());
  EXPECT_EQ(h.types.back(), "ComplaintNoticeServed");
  const ComplaintNotice& served = *h.c.complaint->not_started;
  EXPECT_TRUE(served.served());
  EXPECT_EQ(served.notice_method, "mail");
  EXPECT_EQ(served.proof, "EMS 1180012345678");
  EXPECT_EQ(served.notified_at, approved + 1h);
  EXPECT_EQ(DecideServeComplaintNotice(h.c, off, email, now).status().code(), "illegal_transition") << "once";
  EXPECT_TRUE(DecideArchive(h.c, custodian, Archive{"易公档〔2026〕1号", std::nullopt, {}, {}}).ok());
}

TEST(ComplaintOutcome, AcceptedWithItsReceiptBeforeTheStartApproval) {
  CaseHarness h;
  Actor off = Officer();
  ASSERT_TRUE(h.Run(DecideOpen(off, NamedComplaint(h.now - 3h)), off).ok());
  // 24 hours from receipt to accept or transfer it.
  auto d = Deadlines(h.c);
  ASSERT_EQ(d.size(), 1u);
  EXPECT_EQ(d[0].kind, "complaint_handling");
  EXPECT_EQ(d[0].due, h.now + 21h);

  ASSERT_TRUE(
      h.Run(DecideAddParty(
                h.c, off,
                PartyFromJson({{"kind", "other_organization"}, {"name", "城关镇西街加工作坊"}, {"principal", "赵四"}})),
            off)
          .ok());
  Status before = DecideSubmitStartApproval(h.c, off, {"apv_1", "建议启动", "", std::string("噪声")}).status();
  EXPECT_EQ(before.code(), "missing_record") << "受案 first (程序规定第六十一条)";
  EXPECT_EQ(DecideAcceptComplaint(h.c, off, std::string("投诉人不愿留名")).status().field(), "no_receipt_reason")
      << "a named complainant gets the receipt";
  ASSERT_TRUE(h.Run(DecideAcceptComplaint(h.c, off, std::nullopt), off).ok());
  const auto& acc = *h.c.complaint->accepted;
  EXPECT_EQ(acc.receipt_no, "易公受案字〔2026〕1号");
  EXPECT_EQ(acc.recipient, "刘桂兰");
  EXPECT_TRUE(Deadlines(h.c).empty()) << "accepted in time";
  EXPECT_EQ(CheckCommand(h.c, off, CaseCommand::kAcceptComplaint).code(), "illegal_transition");
  EXPECT_EQ(CheckCommand(h.c, off, CaseCommand::kTransferComplaint).code(), "illegal_transition");
  EXPECT_TRUE(h.Run(DecideSubmitStartApproval(h.c, off, {"apv_1", "建议启动", "", std::string("噪声")}), off).ok());
}

TEST(ComplaintOutcome, AnAnonymousComplaintIsAcceptedWithTheReasonForNoReceipt) {
  CaseHarness h;
  Actor off = Officer();
  OpenCaseCommand cmd = OpenComplaint();
  cmd.complaint->complainant = Complainant{std::nullopt, std::nullopt, std::nullopt, true};
  ASSERT_TRUE(h.Run(DecideOpen(off, cmd), off).ok());
  EXPECT_EQ(DecideAcceptComplaint(h.c, off, std::nullopt).status().field(), "no_receipt_reason");
  EXPECT_EQ(DecideAcceptComplaint(h.c, off, std::string("无")).status().code(), "too_short");
  ASSERT_TRUE(h.Run(DecideAcceptComplaint(h.c, off, std::string("匿名举报，无联系方式")), off).ok());
  EXPECT_FALSE(h.c.complaint->accepted->receipt_no);
  EXPECT_EQ(h.c.complaint->accepted->no_receipt_reason, "匿名举报，无联系方式");
}

TEST(ComplaintOutcome, TransferredToTheCompetentUnitLateIsMarkedAndEndsTheCase) {
  CaseHarness h;
  Actor off = Officer();
  TimePoint received = h.now - 30h;
  ASSERT_TRUE(h.Run(DecideOpen(off, NamedComplaint(received)), off).ok());
  ComplaintTransfer t;
  t.to_authority = "易县公安局交通警察大队";
  t.reason = "举报的违法停车属道路交通管理，不属于本单位管辖";
  t.transferred_at = h.now;
  EXPECT_EQ(DecideTransferComplaint(h.c, off, t, h.now).status().field(), "complainant_told")
      << "…并告知报案人 (第六十一条第一款第二项)";
  t.complainant_told = "已电话告知投诉人移送交警大队处理";
  ComplaintTransfer bad = t;
  bad.transferred_at = received - 1h;
  EXPECT_EQ(DecideTransferComplaint(h.c, off, bad, h.now).status().field(), "transferred_at");
  bad.transferred_at = h.now + 1h;
  EXPECT_EQ(DecideTransferComplaint(h.c, off, bad, h.now).status().field(), "transferred_at");
  bad = t;
  bad.reason = "移送";
  EXPECT_EQ(DecideTransferComplaint(h.c, off, bad, h.now).status().field(), "reason");

  ASSERT_TRUE(h.Run(DecideTransferComplaint(h.c, off, t, h.now), off).ok());
  EXPECT_EQ(h.c.status, CaseStatus::kTransferred);
  EXPECT_TRUE(h.c.complaint->transferred->late) << "30 hours after receipt";
  EXPECT_EQ(CheckCommand(h.c, off, CaseCommand::kAcceptComplaint).code(), "illegal_transition");
  auto d = Deadlines(h.c);
  ASSERT_EQ(d.size(), 1u);
  EXPECT_EQ(d[0].kind, "case_file") << "the procedure ended: Art. 33's 30 days";
}

TEST(ComplaintOutcome, TransferredWithin24HoursIsNotLate) {
  CaseHarness h;
  Actor off = Officer();
  ASSERT_TRUE(h.Run(DecideOpen(off, NamedComplaint(h.now - 23h)), off).ok());
  ComplaintTransfer t{"易县公安局交通警察大队", "举报的违法停车属道路交通管理，不属于本单位管辖", h.now,
                      std::string("当面告知投诉人")};
  ASSERT_TRUE(h.Run(DecideTransferComplaint(h.c, off, t, h.now + 1ms), off).ok());
  EXPECT_FALSE(h.c.complaint->transferred->late);
}

}  // namespace
}  // namespace qc::domain
