// The case state machine: each start mode, the approval chain of Art. 7, and the transitions that
// must be refused.
#include <gtest/gtest.h>

#include "domain/case_commands.h"
#include "domain/case_state.h"
#include "case_harness.h"

namespace qc::domain {
namespace {

using namespace std::chrono_literals;
using testing_support::CaseHarness;
using testing_support::ExOfficio;
using testing_support::Officer;
using testing_support::OpenApplication;
using testing_support::Staff;

TEST(Domain, ExOfficioStartsOnlyAfterTheWholeApprovalChain) {
  CaseHarness h;
  Actor off = Officer();
  ASSERT_TRUE(h.Run(DecideOpen(off, ExOfficio()), off).ok());
  EXPECT_EQ(h.c.stage, Stage::kInitiation);
  EXPECT_EQ(h.c.status, CaseStatus::kPending);
  ASSERT_EQ(h.c.officers.size(), 1u);
  EXPECT_EQ(h.c.officers[0].cert_no, "13062100017");
  EXPECT_TRUE(h.c.officers[0].lead);

  EXPECT_EQ(DecideSubmitStartApproval(h.c, off, {"apv_1", "", "事实初步清楚", std::nullopt}).status().field(),
            "opinion");
  ASSERT_TRUE(
      h.Run(DecideSubmitStartApproval(h.c, off, {"apv_1", "建议立案调查", "事实初步清楚", std::nullopt}), off).ok());
  EXPECT_EQ(h.c.status, CaseStatus::kAwaitingApproval);
  ASSERT_NE(h.c.open_approval(), nullptr);
  EXPECT_EQ(h.c.open_approval()->pending_role(), Role::kReviewer);

  // The approver cannot jump the reviewer's step; the officer cannot approve.
  Actor approver = Staff(Role::kApprover, "u_app"), reviewer = Staff(Role::kReviewer, "u_rev");
  EXPECT_EQ(DecideApprovalStep(h.c, approver, "apv_1", "approve", "").status().error_code(),
            ErrorCode::kPermissionDenied);
  EXPECT_EQ(DecideApprovalStep(h.c, off, "apv_1", "approve", "").status().error_code(), ErrorCode::kPermissionDenied);

  // Art. 7: every step states its opinion, an approval too.
  EXPECT_EQ(DecideApprovalStep(h.c, reviewer, "apv_1", "approve", "").status().field(), "opinion");
  ASSERT_TRUE(h.Run(DecideApprovalStep(h.c, reviewer, "apv_1", "approve", "同意，报局领导审批"), reviewer).ok());
  EXPECT_EQ(h.c.open_approval()->pending_role(), Role::kApprover);
  EXPECT_EQ(h.c.stage, Stage::kInitiation);
  // Security probe (Art. 7): the reviewer, made an approver by the administrator, approved the 批准
  // step of what they had reviewed. One person, one step of an approval, whatever their role becomes.
  Actor promoted = Staff(Role::kApprover, "u_rev");
  auto twice = DecideApprovalStep(h.c, promoted, "apv_1", "approve", "同意");
  EXPECT_EQ(twice.status().error_code(), ErrorCode::kPermissionDenied);
  EXPECT_NE(twice.status().message().find("审核"), std::string::npos) << twice.status().message();
  ASSERT_TRUE(h.Run(DecideApprovalStep(h.c, approver, "apv_1", "approve", "同意启动"), approver).ok());
  EXPECT_EQ(h.c.stage, Stage::kInvestigation);
  EXPECT_EQ(h.c.status, CaseStatus::kInProgress);
  EXPECT_TRUE(h.c.start_approved);
  // The 程序启动审批表 (Art. 10) now carries every opinion.
  EXPECT_EQ(h.c.start_form->handler_opinion.value_or(""), "建议立案调查");
  EXPECT_EQ(h.c.start_form->unit_opinion.value_or(""), "同意，报局领导审批");
  EXPECT_EQ(h.c.start_form->leader_opinion.value_or(""), "同意启动");
  const Approval& ap = h.c.approvals.back();
  ASSERT_EQ(ap.steps.size(), 3u);
  EXPECT_EQ(ap.steps[1].actor.id, "u_rev");
  EXPECT_EQ(h.types.back(), "StageAdvanced");
  EXPECT_EQ(h.c.version, static_cast<int64_t>(h.types.size()));
}

TEST(Domain, MajorCaseNeedsTheLegalReview) {
  CaseHarness h;
  Actor off = Officer();
  OpenCaseCommand cmd = ExOfficio();
  cmd.major = true;
  EXPECT_EQ(DecideOpen(off, cmd).status().field(), "major_reason");
  cmd.major_reason = "拟作出较大数额罚款";
  ASSERT_TRUE(h.Run(DecideOpen(off, cmd), off).ok());
  ASSERT_TRUE(h.Run(DecideSubmitStartApproval(h.c, off, {"apv_1", "建议立案", "", std::nullopt}), off).ok());
  Actor reviewer = Staff(Role::kReviewer, "u_rev"), legal = Staff(Role::kLegal, "u_leg"),
        approver = Staff(Role::kApprover, "u_app");
  ASSERT_TRUE(h.Run(DecideApprovalStep(h.c, reviewer, "apv_1", "approve", "同意"), reviewer).ok());
  EXPECT_EQ(h.c.open_approval()->pending_role(), Role::kLegal);
  EXPECT_EQ(DecideApprovalStep(h.c, approver, "apv_1", "approve", "").status().error_code(),
            ErrorCode::kPermissionDenied);
  ASSERT_TRUE(h.Run(DecideApprovalStep(h.c, legal, "apv_1", "approve", "程序合法"), legal).ok());
  ASSERT_TRUE(h.Run(DecideApprovalStep(h.c, approver, "apv_1", "approve", "同意"), approver).ok());
  EXPECT_EQ(h.c.start_form->legal_opinion.value_or(""), "程序合法");
  EXPECT_EQ(h.c.stage, Stage::kInvestigation);
}

TEST(Domain, ReturnThenResubmitThenReject) {
  CaseHarness h;
  Actor off = Officer(), reviewer = Staff(Role::kReviewer, "u_rev");
  ASSERT_TRUE(h.Run(DecideOpen(off, ExOfficio()), off).ok());
  ASSERT_TRUE(h.Run(DecideSubmitStartApproval(h.c, off, {"apv_1", "建议立案", "", std::nullopt}), off).ok());
  EXPECT_EQ(DecideApprovalStep(h.c, reviewer, "apv_1", "return", "").status().field(), "opinion");
  ASSERT_TRUE(h.Run(DecideApprovalStep(h.c, reviewer, "apv_1", "return", "当事人情况不全"), reviewer).ok());
  EXPECT_EQ(h.c.status, CaseStatus::kReturned);
  EXPECT_EQ(h.c.open_approval(), nullptr);
  EXPECT_EQ(DecideApprovalStep(h.c, reviewer, "apv_1", "approve", "").status().code(), "illegal_transition");

  ASSERT_TRUE(
      h.Run(DecideSubmitStartApproval(h.c, off, {"apv_2", "已补充", "", std::string("补充后的原因")}), off).ok());
  EXPECT_EQ(h.c.approvals.back().round, 2);
  EXPECT_EQ(h.c.start_form->cause.value_or(""), "补充后的原因");
  // Only one approval at a time.
  EXPECT_EQ(DecideSubmitStartApproval(h.c, off, {"apv_3", "x", "", std::nullopt}).status().code(),
            "illegal_transition");
  // Art. 7: only the 负责人 refuses; the 审核人 who disagrees returns the matter.
  auto refused = DecideApprovalStep(h.c, reviewer, "apv_2", "reject", "不属于本机关职责范围");
  EXPECT_EQ(refused.status().field(), "decision");
  EXPECT_EQ(refused.status().error_code(), ErrorCode::kInvalidArgument);
  Actor approver = Staff(Role::kApprover, "u_app");
  ASSERT_TRUE(h.Run(DecideApprovalStep(h.c, reviewer, "apv_2", "approve", "同意，报负责人"), reviewer).ok());
  EXPECT_EQ(DecideApprovalStep(h.c, approver, "apv_2", "reject", "").status().field(), "opinion");
  ASSERT_TRUE(h.Run(DecideApprovalStep(h.c, approver, "apv_2", "reject", "证据不足，不予批准"), approver).ok());
  EXPECT_EQ(h.c.status, CaseStatus::kRejected);
  EXPECT_EQ(DecideSubmitStartApproval(h.c, off, {"apv_4", "x", "", std::nullopt}).status().code(),
            "illegal_transition");
  EXPECT_EQ(DecideAdvanceStage(h.c, off, Stage::kInvestigation, "").status().code(), "illegal_transition");
}

TEST(Domain, UrgentStartInvestigatesAtOnceAndFilesApprovalAfterwards) {
  CaseHarness h;
  Actor off = Officer(), reviewer = Staff(Role::kReviewer, "u_rev"), approver = Staff(Role::kApprover, "u_app");
  OpenCaseCommand cmd = ExOfficio();
  cmd.urgent = true;
  EXPECT_EQ(DecideOpen(off, cmd).status().field(), "urgent_reason");
  cmd.urgent_reason = "夜间发现非法储存烟花爆竹，不立即扣押可能灭失";
  EXPECT_EQ(DecideOpen(off, cmd).status().field(), "urgent_measure") << "行政强制法第十九条: what was done";
  cmd.opened_at = h.now;
  cmd.urgent_measure = UrgentMeasure{"扣押烟花爆竹12箱", "易县城关镇东关村仓库", h.now - std::chrono::hours(1), {}};
  ASSERT_TRUE(h.Run(DecideOpen(off, cmd), off).ok());
  EXPECT_EQ(h.c.stage, Stage::kInvestigation);
  EXPECT_EQ(h.c.status, CaseStatus::kInProgress);
  EXPECT_FALSE(h.c.start_approved);
  // Cannot move past investigation before the approval filed afterwards is granted (Art. 10).
  EXPECT_EQ(DecideAdvanceStage(h.c, off, Stage::kReviewDecision, "").status().code(), "illegal_transition");
  ASSERT_TRUE(h.Run(DecideSubmitStartApproval(h.c, off, {"apv_1", "补报", "", std::nullopt}), off).ok());
  EXPECT_EQ(h.c.status, CaseStatus::kInProgress) << "an urgent case keeps investigating while the approval runs";
  ASSERT_TRUE(h.Run(DecideApprovalStep(h.c, reviewer, "apv_1", "approve", "同意"), reviewer).ok());
  ASSERT_TRUE(h.Run(DecideApprovalStep(h.c, approver, "apv_1", "approve", "同意"), approver).ok());
  EXPECT_TRUE(h.c.start_approved);
  EXPECT_EQ(h.c.stage, Stage::kInvestigation) << "no second StageAdvanced";
  ASSERT_TRUE(h.Run(DecideAdvanceStage(h.c, off, Stage::kReviewDecision, "调查终结"), off).ok());
  EXPECT_EQ(h.c.stage, Stage::kReviewDecision);
}

TEST(Domain, UrgentOnlyForExOfficio) {
  OpenCaseCommand cmd = ExOfficio();
  cmd.mode = StartMode::kComplaint;
  cmd.complaint = ComplaintFromJson({{"channel", "phone"}, {"content", "x"}});
  cmd.urgent = true;
  cmd.urgent_reason = "x";
  EXPECT_EQ(DecideOpen(Officer(), cmd).status().field(), "urgent");
}

TEST(Domain, StagesMoveOneAtATimeAndNeverBack) {
  CaseHarness h;
  Actor off = Officer(), reviewer = Staff(Role::kReviewer, "u_rev"), approver = Staff(Role::kApprover, "u_app");
  ASSERT_TRUE(h.Run(DecideOpen(off, ExOfficio()), off).ok());
  EXPECT_EQ(DecideAdvanceStage(h.c, off, Stage::kInvestigation, "").status().code(), "illegal_transition")
      << "the start approval is the only way out of 程序启动";
  ASSERT_TRUE(h.Run(DecideSubmitStartApproval(h.c, off, {"apv_1", "建议立案", "", std::nullopt}), off).ok());
  ASSERT_TRUE(h.Run(DecideApprovalStep(h.c, reviewer, "apv_1", "approve", "同意"), reviewer).ok());
  ASSERT_TRUE(h.Run(DecideApprovalStep(h.c, approver, "apv_1", "approve", "同意"), approver).ok());
  EXPECT_EQ(DecideAdvanceStage(h.c, off, Stage::kServiceExecution, "").status().code(), "illegal_transition");
  EXPECT_EQ(DecideAdvanceStage(h.c, off, Stage::kInitiation, "").status().code(), "illegal_transition");
  EXPECT_EQ(DecideAdvanceStage(h.c, Officer("u_other"), Stage::kReviewDecision, "").status().error_code(),
            ErrorCode::kPermissionDenied);
  ASSERT_TRUE(h.Run(DecideAdvanceStage(h.c, off, Stage::kReviewDecision, ""), off).ok());
  ASSERT_TRUE(h.Run(DecideAssignOfficer(h.c, off, {"u_off3", "刘洋", "040023", false, false}), off).ok());
  ASSERT_TRUE(IssueDecision(h, off).ok());
  ASSERT_TRUE(h.Run(DecideAdvanceStage(h.c, off, Stage::kServiceExecution, ""), off).ok());
  ASSERT_TRUE(ServeAndExecute(h, off).ok());
  ASSERT_TRUE(h.Run(DecideAdvanceStage(h.c, off, Stage::kArchiving, ""), off).ok());
  EXPECT_EQ(h.c.stage, Stage::kArchiving);
  // Art. 33: nothing is added to a case in 归档管理 by its officers (found: a party added after 归档).
  EXPECT_EQ(DecideAddParty(h.c, off, PartyFromJson({{"kind", "natural_person"}, {"name", "李四"}})).status().code(),
            "illegal_transition");
  EXPECT_EQ(DecideAssignOfficer(h.c, off, {"u_off9", "王五", "13062100099", false}).status().code(),
            "illegal_transition");
}

TEST(Domain, ApplicationFlowOfArticle9) {
  CaseHarness h;
  Actor off = Officer();
  ASSERT_TRUE(h.Run(DecideOpen(off, OpenApplication()), off).ok());
  ASSERT_TRUE(
      h.Run(DecideCorrectApplication(
                h.c, off,
                CorrectionFromJson(
                    {{"field", "名称"}, {"before", "博览汇"}, {"after", "博览会"}, {"confirmed_by", "马晓东"}})),
            off)
          .ok());
  ASSERT_TRUE(
      h.Run(DecideSupplementNotice(h.c, off, SupplementNoticeFromJson({{"items", {"消防证明", "安全方案"}}})), off)
          .ok());
  // 一次性告知: there is no second notice.
  EXPECT_EQ(DecideSupplementNotice(h.c, off, SupplementNoticeFromJson({{"items", {"又一项"}}})).status().code(),
            "illegal_transition");
  // Cannot accept before the supplement arrives.
  EXPECT_EQ(DecideApplication(h.c, off, {"", true}).status().code(), "illegal_transition");
  ASSERT_TRUE(
      h.Run(DecideSupplementReceived(h.c, off, SupplementReceiptFromJson({{"items", {"消防证明", "安全方案"}}})), off)
          .ok());
  EXPECT_EQ(
      DecideIssueReceipt(h.c, off, ReceiptFromJson({{"kind", "acceptance"}, {"receipt_no", "1"}})).status().code(),
      "illegal_transition");
  ASSERT_TRUE(h.Run(DecideApplication(h.c, off, {"", true}), off).ok());
  EXPECT_EQ(h.c.stage, Stage::kInvestigation);
  EXPECT_EQ(h.c.status, CaseStatus::kInProgress);
  // 行政许可法第三十二条第二款: the written, sealed, dated 凭证 came with each act — the materials at
  // registration and on the supplement's receipt, and the acceptance — numbered in the body's series.
  const auto& receipts = h.c.application->receipts;
  ASSERT_EQ(receipts.size(), 3u);
  EXPECT_EQ(receipts[0].kind, ReceiptKind::kMaterials);
  EXPECT_EQ(receipts[1].kind, ReceiptKind::kMaterials);
  EXPECT_EQ(receipts[2].kind, ReceiptKind::kAcceptance);
  EXPECT_EQ(receipts[0].receipt_no, "易公凭字〔2026〕1号");
  EXPECT_EQ(receipts[2].receipt_no, "易公凭字〔2026〕3号");
  EXPECT_EQ(receipts[2].recipient, h.c.parties[0].name);
  EXPECT_EQ(DecideIssueReceipt(h.c, off, ReceiptFromJson({{"kind", "acceptance"}})).status().code(),
            "illegal_transition")
      << "issued once, with the decision";
  // More materials handed in: another receipt, numbered by the system or from a paper receipt book.
  ASSERT_TRUE(h.Run(DecideIssueReceipt(h.c, off, ReceiptFromJson({{"kind", "materials"}})), off).ok());
  ASSERT_TRUE(
      h.Run(DecideIssueReceipt(h.c, off, ReceiptFromJson({{"kind", "materials"}, {"receipt_no", "收字第0042号"}})), off)
          .ok());
  EXPECT_EQ(receipts[3].receipt_no, "易公凭字〔2026〕4号");
  EXPECT_EQ(receipts[4].receipt_no, "收字第0042号");
  EXPECT_EQ(h.c.application->corrections.size(), 1u);
  EXPECT_EQ(DecideCorrectApplication(h.c, off, CorrectionFromJson({{"field", "x"}})).status().code(),
            "illegal_transition");
}

TEST(Domain, ALicenceApplicationHasNoSimpleProcedure) {
  OpenCaseCommand cmd = OpenApplication();
  cmd.procedure = Procedure::kSimple;
  cmd.procedure_reason = "案情简单";
  EXPECT_EQ(DecideOpen(Officer(), cmd).status().field(), "procedure");
  CaseHarness h;
  ASSERT_TRUE(h.Run(DecideOpen(Officer(), OpenApplication()), Officer()).ok());
  auto changed = DecideSetProcedure(h.c, Officer(), Procedure::kSimple, "案情简单");
  EXPECT_EQ(changed.status().field(), "procedure");
  EXPECT_EQ(changed.status().code(), "illegal_transition") << "and the case does not offer it";
}

TEST(Domain, OralApplicationMustBeWrittenDown) {
  OpenCaseCommand cmd = OpenApplication();
  cmd.application->channel = "oral";
  EXPECT_EQ(DecideOpen(Officer(), cmd).status().field(), "application.oral_record");
  cmd.application->oral_record = "申请人口述：申请举办商贸博览会……";
  EXPECT_TRUE(DecideOpen(Officer(), cmd).ok());
}

ApplicationDecisionCommand Refuse(const std::string& approval_id, const std::string& reason) {
  ApplicationDecisionCommand cmd;
  cmd.approval_id = approval_id;
  cmd.reason = reason;
  cmd.ground = NonAcceptanceGround::kNotCompetent;
  cmd.competent_authority = "易县文化广电和旅游局";
  return cmd;
}

TEST(Domain, NotAcceptedStatesItsGroundGoesThroughTheChainAndIsTerminal) {
  CaseHarness h;
  Actor off = Officer(), reviewer = Staff(Role::kReviewer, "u_rev"), approver = Staff(Role::kApprover, "u_app");
  ASSERT_TRUE(h.Run(DecideOpen(off, OpenApplication()), off).ok());
  ApplicationDecisionCommand cmd = Refuse("apv_1", "");
  EXPECT_EQ(DecideApplication(h.c, off, cmd).status().field(), "reason");
  cmd.reason = "不";  // a reason of one character is not a reason
  EXPECT_EQ(DecideApplication(h.c, off, cmd).status().code(), "too_short");
  cmd.reason = "申请事项属文化和旅游主管部门职权";
  cmd.competent_authority.reset();
  EXPECT_EQ(DecideApplication(h.c, off, cmd).status().field(), "competent_authority");
  cmd.ground.reset();
  EXPECT_EQ(DecideApplication(h.c, off, cmd).status().field(), "ground");
  cmd = Refuse("apv_1", "申请事项属文化和旅游主管部门职权");
  ASSERT_TRUE(h.Run(DecideApplication(h.c, off, cmd), off).ok());
  EXPECT_EQ(h.types.back(), "ApprovalSubmitted");
  EXPECT_EQ(h.c.status, CaseStatus::kAwaitingApproval);
  EXPECT_FALSE(h.c.application->decision) << "a refusal takes effect only when the 负责人 approves it";
  EXPECT_EQ(h.c.open_approval()->kind, ApprovalKind::kNonAcceptance);
  // Nothing else is decided on the application while the refusal is in the chain.
  EXPECT_EQ(DecideApplication(h.c, off, {"apv_x", true}).status().code(), "illegal_transition");

  // Returned: the officer decides again (here: refuses again, round 2).
  ASSERT_TRUE(
      h.Run(DecideApprovalStep(h.c, reviewer, "apv_1", "return", "请写明应向哪个部门申请的依据"), reviewer).ok());
  EXPECT_EQ(h.c.status, CaseStatus::kPending);
  ASSERT_TRUE(
      h.Run(DecideApplication(h.c, off, Refuse("apv_2", "申请事项属文化和旅游主管部门职权（娱乐场所管理条例第九条）")),
            off)
          .ok());
  EXPECT_EQ(h.c.approvals.back().round, 2);
  ASSERT_TRUE(h.Run(DecideApprovalStep(h.c, reviewer, "apv_2", "approve", "同意不予受理"), reviewer).ok());
  ASSERT_TRUE(h.Run(DecideApprovalStep(h.c, approver, "apv_2", "approve", "同意"), approver).ok());
  EXPECT_EQ(h.types[h.types.size() - 2], "ApplicationDecided");
  EXPECT_EQ(h.c.status, CaseStatus::kNotAccepted);
  EXPECT_EQ(h.c.stage, Stage::kInitiation);
  ASSERT_TRUE(h.c.application->decision);
  const ApplicationDecision& d = *h.c.application->decision;
  EXPECT_FALSE(d.accepted);
  EXPECT_EQ(d.ground, NonAcceptanceGround::kNotCompetent);
  EXPECT_EQ(d.competent_authority.value_or(""), "易县文化广电和旅游局");
  EXPECT_NE(d.remedies.value_or("").find("行政复议"), std::string::npos);
  EXPECT_NE(d.remedies.value_or("").find("行政诉讼"), std::string::npos);
  EXPECT_EQ(d.by.id, "u_app") << "the refusal is the 负责人's decision";
  // Its 凭证 came with the approved refusal (行政许可法第三十二条第二款).
  ASSERT_EQ(h.c.application->receipts.size(), 2u);
  EXPECT_EQ(h.c.application->receipts.back().kind, ReceiptKind::kNonAcceptance);
  EXPECT_EQ(h.types.back(), "ReceiptIssued");
  EXPECT_EQ(DecideIssueReceipt(h.c, off, ReceiptFromJson({{"kind", "non_acceptance"}})).status().code(),
            "illegal_transition");
  EXPECT_EQ(DecideAddParty(h.c, off, PartyFromJson({{"kind", "natural_person"}, {"name", "x"}})).status().code(),
            "illegal_transition");
}

TEST(Domain, ARefusedRefusalLeavesTheApplicationToDecide) {
  CaseHarness h;
  Actor off = Officer(), reviewer = Staff(Role::kReviewer, "u_rev"), approver = Staff(Role::kApprover, "u_app");
  ASSERT_TRUE(h.Run(DecideOpen(off, OpenApplication()), off).ok());
  ASSERT_TRUE(h.Run(DecideApplication(h.c, off, Refuse("apv_1", "申请事项属文化和旅游主管部门职权")), off).ok());
  ASSERT_TRUE(h.Run(DecideApprovalStep(h.c, reviewer, "apv_1", "approve", "同意"), reviewer).ok());
  ASSERT_TRUE(h.Run(DecideApprovalStep(h.c, approver, "apv_1", "reject", "属本机关职权，应予受理"), approver).ok());
  EXPECT_EQ(h.c.status, CaseStatus::kPending);
  EXPECT_FALSE(h.c.application->decision);
  ASSERT_TRUE(h.Run(DecideApplication(h.c, off, {"apv_2", true}), off).ok());
  EXPECT_EQ(h.c.status, CaseStatus::kInProgress);
  EXPECT_EQ(h.c.stage, Stage::kInvestigation);
}

TEST(Domain, ClearingTheMajorFlagNeedsTheApprover) {
  CaseHarness h;
  Actor off = Officer(), approver = Staff(Role::kApprover, "u_app"), reviewer = Staff(Role::kReviewer, "u_rev");
  OpenCaseCommand cmd = ExOfficio();
  cmd.major = true;
  cmd.major_reason = "拟作出较大数额罚款";
  ASSERT_TRUE(h.Run(DecideOpen(off, cmd), off).ok());
  ASSERT_TRUE(h.Run(DecideSetMajor(h.c, off, "apv_1", false, "经核实罚款数额不大"), off).ok());
  EXPECT_TRUE(h.c.major) << "the flag stays until the 负责人 approves clearing it";
  ASSERT_NE(h.c.open_approval(), nullptr);
  EXPECT_EQ(h.c.open_approval()->pending_role(), Role::kApprover);
  EXPECT_EQ(h.c.status, CaseStatus::kPending) << "clearing the flag does not hold the case";
  EXPECT_EQ(DecideApprovalStep(h.c, reviewer, "apv_1", "approve", "同意").status().error_code(),
            ErrorCode::kPermissionDenied);
  ASSERT_TRUE(h.Run(DecideApprovalStep(h.c, approver, "apv_1", "approve", "同意撤销"), approver).ok());
  EXPECT_EQ(h.types.back(), "MajorFlagChanged");
  EXPECT_FALSE(h.c.major);
  // Marking a case 重大复杂 needs no approval: it adds a review.
  ASSERT_TRUE(h.Run(DecideSetMajor(h.c, off, "apv_2", true, "发现涉及人数众多"), off).ok());
  EXPECT_TRUE(h.c.major);
}

TEST(Domain, OnlyAssignedOfficersAct) {
  CaseHarness h;
  Actor off = Officer();
  ASSERT_TRUE(h.Run(DecideOpen(off, ExOfficio()), off).ok());
  Actor stranger = Officer("u_off2");
  EXPECT_EQ(DecideSubmitStartApproval(h.c, stranger, {"apv_1", "x", "", std::nullopt}).status().error_code(),
            ErrorCode::kPermissionDenied);
  EXPECT_EQ(DecideSubmitStartApproval(h.c, Staff(Role::kReviewer, "r"), {"apv_1", "x", "", std::nullopt})
                .status()
                .error_code(),
            ErrorCode::kPermissionDenied);
  ASSERT_TRUE(h.Run(DecideAssignOfficer(h.c, off, {"u_off2", "刘洋", "13062100023", false}), off).ok());
  EXPECT_TRUE(DecideSubmitStartApproval(h.c, stranger, {"apv_1", "x", "", std::nullopt}).ok());
  EXPECT_EQ(DecideAssignOfficer(h.c, off, {"u_off2", "刘洋", "13062100023", false}).status().code(),
            "already_assigned");
  EXPECT_EQ(DecideAssignOfficer(h.c, off, {"u_x", "无证", "", false}).status().code(), "missing_certificate");
}

TEST(Domain, OfficerWithoutCertificateCannotOpenACase) {
  Actor a = Officer();
  a.cert_no.clear();
  EXPECT_EQ(DecideOpen(a, ExOfficio()).status().code(), "missing_certificate");
  EXPECT_EQ(DecideOpen(Staff(Role::kReviewer, "r"), ExOfficio()).status().error_code(), ErrorCode::kPermissionDenied);
}

TEST(Domain, ApplyRefusesForeignOrOutOfOrderEvents) {
  CaseState c;
  Event e;
  e.type = "StageAdvanced";
  e.case_id = "case_1";
  e.data = {{"to", "investigation"}};
  EXPECT_FALSE(Apply(c, e).ok()) << "first event must open the case";
  e.type = "NoSuchEvent";
  EXPECT_FALSE(Apply(c, e).ok());
}

TEST(Domain, SimpleProcedureNeedsItsConditions) {
  OpenCaseCommand cmd = ExOfficio();
  cmd.procedure = Procedure::kSimple;
  EXPECT_EQ(DecideOpen(Officer(), cmd).status().field(), "procedure_reason");  // Art. 23(1)
  cmd.procedure_reason = "违法事实确凿，罚款数额较小，当场作出处罚决定";
  CaseHarness h;
  Actor off = Officer();
  ASSERT_TRUE(h.Run(DecideOpen(off, cmd), off).ok());
  EXPECT_EQ(h.c.procedure, Procedure::kSimple);
  EXPECT_EQ(h.c.stage, Stage::kInvestigation) << "started on the spot, no start approval (Art. 23)";
  // Started without approval, it cannot become an ordinary case, which needs one (Art. 10).
  EXPECT_EQ(DecideSetProcedure(h.c, off, Procedure::kOrdinary, "当事人对事实有异议，转普通程序").status().code(),
            "illegal_transition");

  // An ordinary case before its start changes to simple only with a reason, and then starts.
  CaseHarness o;
  ASSERT_TRUE(o.Run(DecideOpen(off, ExOfficio()), off).ok());
  EXPECT_EQ(DecideSetProcedure(o.c, off, Procedure::kSimple, "").status().field(), "reason");
  EXPECT_EQ(DecideSetProcedure(o.c, off, Procedure::kOrdinary, "x").status().code(), "illegal_transition");
  ASSERT_TRUE(o.Run(DecideSetProcedure(o.c, off, Procedure::kSimple, "违法事实确凿，罚款数额较小"), off).ok());
  EXPECT_EQ(o.c.procedure_reason, "违法事实确凿，罚款数额较小");
  EXPECT_EQ(o.c.stage, Stage::kInvestigation);
}

TEST(Domain, CustodianReadsButDoesNotAct) {
  UnitTree units;
  units.Add("bureau", "");
  units.Add("team1", "bureau");
  Actor custodian = Staff(Role::kCustodian, "u_cus");
  EXPECT_TRUE(CanSeeUnit(custodian, "team1", units)) << "Art. 34: the custodian keeps every unit's records";
  CaseHarness h;
  Actor off = Officer();
  ASSERT_TRUE(h.Run(DecideOpen(off, ExOfficio()), off).ok());
  EXPECT_EQ(DecideSubmitStartApproval(h.c, custodian, {"apv_1", "x", "", std::nullopt}).status().error_code(),
            ErrorCode::kPermissionDenied);
  EXPECT_EQ(
      DecideAddParty(h.c, custodian, PartyFromJson({{"kind", "natural_person"}, {"name", "x"}})).status().error_code(),
      ErrorCode::kPermissionDenied);
}

TEST(Policy, OfficersSeeTheirUnitOthersTheirSubtree) {
  UnitTree units;
  units.Add("bureau", "");
  units.Add("team1", "bureau");
  units.Add("team2", "bureau");
  EXPECT_TRUE(CanSeeUnit(Officer("o", "team1"), "team1", units));
  EXPECT_FALSE(CanSeeUnit(Officer("o", "team1"), "team2", units));
  EXPECT_FALSE(CanSeeUnit(Officer("o", "bureau"), "team1", units));
  EXPECT_TRUE(CanSeeUnit(Staff(Role::kReviewer, "r"), "team2", units));
  Actor r2 = Staff(Role::kReviewer, "r");
  r2.unit_id = "team1";
  EXPECT_FALSE(CanSeeUnit(r2, "team2", units));
  Actor admin = Staff(Role::kAdmin, "a");
  admin.unit_id = "team2";
  EXPECT_FALSE(CanSeeUnit(admin, "team1", units)) << "the administrator manages accounts, not case records";
}

}  // namespace
}  // namespace qc::domain
