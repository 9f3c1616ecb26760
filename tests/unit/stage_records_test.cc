// The minimum record of the later stages (issue 12 §7; Art. 4, 21, 24–35): the decision approved
// through the chain, its service and execution, the custodian's archive; a stage is left only with it.
#include <gtest/gtest.h>

#include "case_harness.h"
#include "domain/deadlines.h"
#include "domain/media.h"

namespace qc::domain {
namespace {

using namespace std::chrono_literals;
using namespace testing_support;

OpenCaseCommand ScenarioA() {
  OpenCaseCommand cmd;
  cmd.case_id = "case_1";
  cmd.unit_id = "team1";
  cmd.title = "金嗓子KTV未按规定备案案";
  cmd.mode = StartMode::kExOfficio;
  cmd.parties = {
      PartyFromJson({{"kind", "legal_person"}, {"name", "易县金嗓子娱乐有限公司"}, {"legal_representative", "周涛"}})};
  cmd.start_form = StartFormFromJson({{"cause", "夜间巡查发现未按规定备案"}});
  cmd.co_officers = {{"u_off3", "刘洋", "040023", false, false}};  // two officers (行政处罚法第四十二条)
  return cmd;
}

// Opened, approved and investigated: in 审查决定.
void ToReviewDecision(CaseHarness& h, const Actor& off) {
  ASSERT_TRUE(h.Run(DecideOpen(off, ScenarioA()), off).ok());
  ASSERT_TRUE(h.Run(DecideSubmitStartApproval(h.c, off, {"apv_1", "拟立案", "", std::nullopt}), off).ok());
  Actor reviewer = Staff(Role::kReviewer, "u_rev"), approver = Staff(Role::kApprover, "u_app");
  ASSERT_TRUE(h.Run(DecideApprovalStep(h.c, reviewer, "apv_1", "approve", "同意"), reviewer).ok());
  ASSERT_TRUE(h.Run(DecideApprovalStep(h.c, approver, "apv_1", "approve", "同意"), approver).ok());
  ASSERT_TRUE(h.Run(DecideAdvanceStage(h.c, off, Stage::kReviewDecision, "调查终结"), off).ok());
}

const Deadline* Find(const std::vector<Deadline>& ds, const std::string& kind) {
  for (const auto& d : ds)
    if (d.kind == kind) return &d;
  return nullptr;
}

TEST(StageRecords, TheDecisionIsApprovedByTheChainBeforeTheCaseMovesOn) {
  CaseHarness h;
  Actor off = Officer(), reviewer = Staff(Role::kReviewer, "u_rev"), approver = Staff(Role::kApprover, "u_app");
  ToReviewDecision(h, off);
  auto blocked = DecideAdvanceStage(h.c, off, Stage::kServiceExecution, "");
  EXPECT_EQ(blocked.status().code(), "missing_record") << "found: an officer moved a case through every stage alone";

  Decision d = ScenarioADecision();
  d.kind = "fine";
  EXPECT_EQ(DecideSubmitDecision(h.c, off, "apv_d", d, "拟处罚").status().field(), "kind");
  d = ScenarioADecision();
  d.content = "罚款";
  EXPECT_EQ(DecideSubmitDecision(h.c, off, "apv_d", d, "拟处罚").status().code(), "too_short");
  EXPECT_EQ(DecideSubmitDecision(h.c, off, "apv_d", ScenarioADecision(), "").status().field(), "opinion");

  ASSERT_TRUE(h.Run(DecideSubmitDecision(h.c, off, "apv_d", ScenarioADecision(), "拟作出行政处罚决定"), off).ok());
  EXPECT_EQ(h.c.status, CaseStatus::kInProgress) << "the case stays in progress while its decision is approved";
  EXPECT_EQ(DecideAdvanceStage(h.c, off, Stage::kServiceExecution, "").status().code(), "illegal_transition");
  ASSERT_TRUE(h.Run(DecideApprovalStep(h.c, reviewer, "apv_d", "return", "处罚依据引用有误"), reviewer).ok());
  EXPECT_FALSE(h.c.decision) << "a returned proposal is no decision";
  ASSERT_TRUE(IssueDecision(h, off, "apv_d2").ok());
  ASSERT_TRUE(h.c.decision);
  EXPECT_EQ(h.c.decision->by.id, approver.user_id) << "issued by the 负责人's approval (行政处罚法第五十七条)";
  EXPECT_EQ(CaseToJson(h.c)["decision"]["decision_no"], "易公（治）行罚决字〔2026〕12号");
  EXPECT_EQ(DecideSubmitDecision(h.c, off, "apv_d3", ScenarioADecision(), "再次").status().code(),
            "illegal_transition");
  ASSERT_TRUE(h.Run(DecideAdvanceStage(h.c, off, Stage::kServiceExecution, "决定已作出"), off).ok());
}

TEST(StageRecords, AMajorCaseDecisionPassesTheLegalReview) {
  CaseHarness h;
  Actor off = Officer(), reviewer = Staff(Role::kReviewer, "u_rev"), approver = Staff(Role::kApprover, "u_app");
  OpenCaseCommand cmd = ScenarioA();
  cmd.major = true;
  cmd.major_reason = "拟处较大数额罚款";
  ASSERT_TRUE(h.Run(DecideOpen(off, cmd), off).ok());
  ASSERT_TRUE(h.Run(DecideSubmitStartApproval(h.c, off, {"apv_1", "拟立案", "", std::nullopt}), off).ok());
  Actor legal = Staff(Role::kLegal, "u_legal");
  ASSERT_TRUE(h.Run(DecideApprovalStep(h.c, reviewer, "apv_1", "approve", "同意"), reviewer).ok());
  ASSERT_TRUE(h.Run(DecideApprovalStep(h.c, legal, "apv_1", "approve", "同意"), legal).ok());
  ASSERT_TRUE(h.Run(DecideApprovalStep(h.c, approver, "apv_1", "approve", "同意"), approver).ok());
  ASSERT_TRUE(h.Run(DecideAdvanceStage(h.c, off, Stage::kReviewDecision, "调查终结"), off).ok());
  ASSERT_TRUE(h.Run(DecideSubmitDecision(h.c, off, "apv_d", ScenarioADecision(), "拟处罚"), off).ok());
  ASSERT_TRUE(h.Run(DecideApprovalStep(h.c, reviewer, "apv_d", "approve", "同意"), reviewer).ok());
  EXPECT_EQ(DecideApprovalStep(h.c, approver, "apv_d", "approve", "同意").status().error_code(),
            ErrorCode::kPermissionDenied)
      << "行政处罚法第五十八条: 法制审核 first";
  ASSERT_TRUE(h.Run(DecideApprovalStep(h.c, legal, "apv_d", "approve", "法制审核通过"), legal).ok());
  ASSERT_TRUE(h.Run(DecideApprovalStep(h.c, approver, "apv_d", "approve", "同意"), approver).ok());
  EXPECT_TRUE(h.c.decision);
}

TEST(StageRecords, ServiceAndExecutionEndTheActAndStartTheThirtyDays) {
  CaseHarness h;
  Actor off = Officer();
  ToReviewDecision(h, off);
  ASSERT_TRUE(IssueDecision(h, off).ok());
  ASSERT_TRUE(h.Run(DecideAdvanceStage(h.c, off, Stage::kServiceExecution, ""), off).ok());
  EXPECT_EQ(DecideAdvanceStage(h.c, off, Stage::kArchiving, "").status().code(), "missing_record");
  EXPECT_EQ(
      DecideRecordExecution(
          h.c, off,
          ExecutionFromJson({{"manner", "performed"}, {"note", "罚款已缴纳"}, {"completed_at", FormatRfc3339(h.now)}}),
          h.now + 1h)
          .status()
          .code(),
      "illegal_transition")
      << "not executed before served";

  Json served = {{"document_no", "易公（治）行罚决字〔2026〕12号"},
                 {"method", "service_by_leaving"},
                 {"recipient", "周涛"},
                 {"served_at", FormatRfc3339(h.now)},
                 {"proof", "送达回证第12号"}};
  EXPECT_EQ(DecideRecordService(h.c, off, ServiceFromJson(served), h.now + 1h).status().field(), "note")
      << "留置送达 records the refusal and the witnesses (第二十六条)";
  Json later = served;
  later["method"] = "direct";
  later["served_at"] = FormatRfc3339(h.now + 2h);
  EXPECT_EQ(DecideRecordService(h.c, off, ServiceFromJson(later), h.now + 1h).status().field(), "served_at");
  served["note"] = "周涛拒绝签收，由物业经理李明见证，文书留置于经营场所前台";
  ASSERT_TRUE(h.Run(DecideRecordService(h.c, off, ServiceFromJson(served), h.now + 1h), off).ok());
  EXPECT_EQ(Find(Deadlines(h.c), "case_file"), nullptr) << "served but not executed: the act goes on";
  EXPECT_EQ(DecideAdvanceStage(h.c, off, Stage::kArchiving, "").status().code(), "missing_record");

  TimePoint paid = h.now + 30min;
  ASSERT_TRUE(h.Run(DecideRecordExecution(h.c, off,
                                          ExecutionFromJson({{"manner", "performed"},
                                                             {"note", "当事人已缴纳罚款，票据号 0012346"},
                                                             {"completed_at", FormatRfc3339(paid)}}),
                                          h.now + 1h),
                    off)
                  .ok());
  EXPECT_EQ(ActEndedAt(h.c), paid);
  auto ds = Deadlines(h.c);
  const Deadline* file = Find(ds, "case_file");
  ASSERT_NE(file, nullptr);
  // Paid 2026-11-27 (Beijing): the 30th day after is 2026-12-27, to its end.
  EXPECT_EQ(FormatRfc3339(file->due), "2026-12-27T15:59:59.999Z");
  ASSERT_TRUE(h.Run(DecideAdvanceStage(h.c, off, Stage::kArchiving, "移交归档"), off).ok());

  // 归档管理: the custodian's alone.
  Actor custodian = Staff(Role::kCustodian, "u_cus");
  EXPECT_EQ(DecideArchive(h.c, off, ArchiveFromJson({{"archive_no", "2026-治-0012"}})).status().error_code(),
            ErrorCode::kPermissionDenied);
  EXPECT_EQ(DecideAddParty(h.c, off, PartyFromJson({{"kind", "natural_person"}, {"name", "李四"}})).status().code(),
            "illegal_transition");
  ASSERT_TRUE(h.Run(DecideArchive(h.c, custodian, ArchiveFromJson({{"archive_no", "2026-治-0012"}})), custodian).ok());
  EXPECT_EQ(Find(Deadlines(h.c), "case_file"), nullptr) << "archived: the case file is formed";
  EXPECT_EQ(CaseToJson(h.c)["archive"]["archive_no"], "2026-治-0012");
  EXPECT_EQ(DecideArchive(h.c, custodian, ArchiveFromJson({{"archive_no", "2026-治-0013"}})).status().code(),
            "illegal_transition");
}

TEST(StageRecords, ASimpleCaseWithTheFineCollectedOnTheSpotIsExecuted) {
  CaseHarness h;
  Actor off = Officer();
  ASSERT_TRUE(h.Run(DecideOpen(off, OpenSimple()), off).ok());
  ASSERT_TRUE(h.Run(DecideOnTheSpot(h.c, off, ScenarioDDecision()), off).ok());
  EXPECT_TRUE(DecisionExecuted(h.c));
  EXPECT_EQ(ActEndedAt(h.c), h.c.on_the_spot->at);
  ASSERT_TRUE(h.Run(DecideAdvanceStage(h.c, off, Stage::kArchiving, "移交归档"), off).ok());

  CaseHarness unpaid;
  ASSERT_TRUE(unpaid.Run(DecideOpen(off, OpenSimple()), off).ok());
  OnTheSpotDecision d = ScenarioDDecision();
  d.collected.reset();
  ASSERT_TRUE(unpaid.Run(DecideOnTheSpot(unpaid.c, off, d), off).ok());
  EXPECT_EQ(DecideAdvanceStage(unpaid.c, off, Stage::kArchiving, "").status().code(), "missing_record")
      << "the fine is paid at the bank within 15 days (行政处罚法第六十七条)";
}

TEST(StageRecords, TheOldNameOfServiceByLeavingStillReads) {
  MediaRecord m = MediaRecordFromJson({{"record_id", "rec_1"},
                                       {"upload_id", "up_1"},
                                       {"kind", "av"},
                                       {"act", "lien_service"},
                                       {"stage", "service_execution"},
                                       {"file_name", "a.mp4"},
                                       {"content_type", "video/mp4"},
                                       {"sha256", std::string(64, 'a')},
                                       {"sm3", std::string(64, 'b')},
                                       {"size", 1}});
  EXPECT_EQ(m.act, "service_by_leaving");
  EXPECT_EQ(AvActLabel("lien_service"), "留置送达");
  EXPECT_EQ(AvActLabel("service_by_leaving"), "留置送达");
}

}  // namespace
}  // namespace qc::domain
