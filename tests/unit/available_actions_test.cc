// AvailableActions (what the API tells the browser a user may do on a case) against the Decide
// functions themselves: on every state a case passes through, for the lead officer, another officer
// and a reviewer, each command is offered exactly when deciding it with valid input succeeds — so the
// buttons the web client shows can neither promise a refusal nor hide what the API allows.
#include <gtest/gtest.h>

#include "case_harness.h"
#include "domain/case_commands.h"

namespace qc::domain {
namespace {

using namespace testing_support;

// Decides `cmd` with valid input of its kind.
StatusOr<std::vector<EventDraft>> DecideWithValidInput(const CaseState& c, const Actor& a, CaseCommand cmd) {
  switch (cmd) {
    case CaseCommand::kSubmitStartApproval:
      return DecideSubmitStartApproval(c, a, {"ap_x", "拟立案调查", "事实清楚", std::string("群众举报")});
    case CaseCommand::kAdvanceStage:
      return DecideAdvanceStage(c, a, static_cast<Stage>(std::min(static_cast<int>(c.stage) + 1, 4)), "调查终结");
    case CaseCommand::kAddParty:
      return DecideAddParty(c, a, PartyFromJson({{"kind", "natural_person"}, {"name", "李四"}}));
    case CaseCommand::kDecideApplication:
      return DecideApplication(c, a,
                               {"ap_x", false, "申请事项不属于本机关职权范围", NonAcceptanceGround::kNotCompetent,
                                std::string("易县文化广电和旅游局"), ""});
    case CaseCommand::kComplaintNotStarted:
      return DecideComplaintNotStarted(
          c, a, "ap_x", ComplaintNoticeFromJson({{"reason", "不属于本机关职责范围"}, {"notice_no", "告字1号"}}));
    case CaseCommand::kCorrectApplication:
      return DecideCorrectApplication(c, a, CorrectionFromJson({{"field", "地址"}, {"before", "a"}, {"after", "b"}}));
    case CaseCommand::kSupplementNotice:
      return DecideSupplementNotice(c, a, SupplementNoticeFromJson({{"items", Json::array({"场地平面图"})}}));
    case CaseCommand::kSupplementReceived:
      return DecideSupplementReceived(c, a, SupplementReceiptFromJson({{"items", Json::array({"场地平面图"})}}));
    case CaseCommand::kIssueReceipt:
      return DecideIssueReceipt(c, a, ReceiptFromJson({{"kind", "materials"}, {"receipt_no", "收字1号"}}));
    case CaseCommand::kChangeProcedure:
      return DecideSetProcedure(c, a, c.procedure == Procedure::kOrdinary ? Procedure::kSimple : Procedure::kOrdinary,
                                "案情简单，当场可以作出决定");
    case CaseCommand::kChangeMajor: return DecideSetMajor(c, a, "ap_x", !c.major, "涉及人数众多");
    case CaseCommand::kAssignOfficer: return DecideAssignOfficer(c, a, {"u_off9", "王五", "13062100099", false});
    case CaseCommand::kOnTheSpotDecision: return DecideOnTheSpot(c, a, ScenarioDDecision());
    case CaseCommand::kFileSimpleCase: return DecideFileSimpleCase(c, a, std::nullopt);
    case CaseCommand::kReleaseMeasure: return DecideReleaseMeasure(c, a, "已解除扣押，物品当场退还");
    case CaseCommand::kRecordOffence:
      return DecideRecordOffence(c, a, OffenceFromJson({{"cause", "娱乐场所未按规定备案"}}), c.updated_at);
    case CaseCommand::kSubmitDecision: return DecideSubmitDecision(c, a, "ap_x", ScenarioADecision(), "拟处罚");
    case CaseCommand::kRecordService:
      return DecideRecordService(c, a,
                                 ServiceFromJson({{"document_no", "决字12号"},
                                                  {"method", "direct"},
                                                  {"recipient", "周涛"},
                                                  {"served_at", FormatRfc3339(c.updated_at)},
                                                  {"proof", "送达回证12号"}}),
                                 c.updated_at + std::chrono::hours(1));
    case CaseCommand::kRecordExecution:
      return DecideRecordExecution(
          c, a,
          ExecutionFromJson(
              {{"manner", "performed"}, {"note", "罚款已缴纳"}, {"completed_at", FormatRfc3339(c.updated_at)}}),
          c.updated_at + std::chrono::hours(1));
    case CaseCommand::kArchiveCase: return DecideArchive(c, a, ArchiveFromJson({{"archive_no", "2026-治-0012"}}));
    case CaseCommand::kAcceptComplaint: {
      bool named = c.complaint && c.complaint->complainant && !c.complaint->complainant->anonymous &&
                   c.complaint->complainant->name;
      return DecideAcceptComplaint(c, a, named ? std::nullopt : std::optional<std::string>("匿名举报，无联系方式"));
    }
    case CaseCommand::kTransferComplaint:
      return DecideTransferComplaint(
          c, a,
          {"易县公安局交通警察大队", "属道路交通管理，不属于本单位管辖", c.updated_at, std::string("电话告知投诉人")},
          c.updated_at + std::chrono::hours(1));
    case CaseCommand::kServeComplaintNotice: {
      ComplaintNoticeService s{"direct", c.updated_at, std::string("送达回证，投诉人签收"), std::nullopt, false};
      return DecideServeComplaintNotice(c, a, s, c.updated_at + std::chrono::hours(1));
    }
    case CaseCommand::kIdentifyParty: {
      size_t index = 0;
      for (size_t i = 0; i < c.parties.size(); ++i)
        if (c.parties[i].identity_unknown) index = i;
      return DecideIdentifyParty(
          c, a, index,
          PartyFromJson({{"kind", "natural_person"}, {"name", "王建国"}, {"id_number", "130633198503150015"}}));
    }
  }
  return Status::Internal("unknown command");
}

void ExpectOffersMatchDecisions(const CaseState& c, const std::string& where) {
  const std::vector<Actor> actors{Officer(), Officer("u_off2"), Staff(Role::kReviewer, "u_rev"),
                                  Staff(Role::kCustodian, "u_cus")};
  for (const Actor& a : actors) {
    Json offered = AvailableActions(c, a);
    for (CaseCommand cmd : kAllCaseCommands) {
      const Json& entry = offered[std::string(ToString(cmd))];
      Status decided = DecideWithValidInput(c, a, cmd).status();
      // The form's content, not the case's state: the start approval form names the parties (Art. 10),
      // so the command is offered and its answer says what is missing.
      if (decided.code() == "missing_party") {
        EXPECT_TRUE(entry["allowed"].get<bool>()) << where;
        continue;
      }
      EXPECT_EQ(entry["allowed"].get<bool>(), decided.ok())
          << where << ", " << a.user_id << ", " << ToString(cmd) << ": decide says " << decided.ToString();
      if (!decided.ok() && !entry["allowed"].get<bool>())
        EXPECT_EQ(entry["reason"].get<std::string>(), decided.message()) << where << ", " << ToString(cmd);
    }
  }
}

TEST(AvailableActions, MatchTheDecisionsThroughASimpleProcedureCase) {
  CaseHarness h;
  ASSERT_TRUE(h.Run(DecideOpen(Officer(), OpenSimple()), Officer()).ok());
  ExpectOffersMatchDecisions(h.c, "opened simple");
  ASSERT_TRUE(h.Run(DecideOnTheSpot(h.c, Officer(), ScenarioDDecision()), Officer()).ok());
  ExpectOffersMatchDecisions(h.c, "decided on the spot");
  ASSERT_TRUE(h.Run(DecideFileSimpleCase(h.c, Officer(), std::nullopt), Officer()).ok());
  ExpectOffersMatchDecisions(h.c, "filed");
}

TEST(AvailableActions, MatchTheDecisionsThroughAnExOfficioCase) {
  CaseHarness h;
  OpenCaseCommand open;
  open.case_id = "case_1";
  open.unit_id = "team1";
  open.title = "殴打他人案";
  open.co_officers = {{"u_off3", "刘洋", "040023", false, false}};
  open.mode = StartMode::kExOfficio;
  open.parties = {PartyFromJson({{"kind", "natural_person"}, {"name", "张三"}})};
  open.start_form = StartFormFromJson({{"cause", "巡逻发现"}});
  ASSERT_TRUE(h.Run(DecideOpen(Officer(), open), Officer()).ok());
  ExpectOffersMatchDecisions(h.c, "opened");
  ASSERT_TRUE(
      h.Run(DecideSubmitStartApproval(h.c, Officer(), {"ap_1", "拟立案", "事实清楚", std::nullopt}), Officer()).ok());
  ExpectOffersMatchDecisions(h.c, "submitted");
  ASSERT_TRUE(h.Run(DecideApprovalStep(h.c, Staff(Role::kReviewer, "u_rev"), "ap_1", "return", "材料不全"),
                    Staff(Role::kReviewer, "u_rev"))
                  .ok());
  ExpectOffersMatchDecisions(h.c, "returned");
  ASSERT_TRUE(
      h.Run(DecideSubmitStartApproval(h.c, Officer(), {"ap_2", "拟立案", "已补充", std::nullopt}), Officer()).ok());
  ASSERT_TRUE(h.Run(DecideApprovalStep(h.c, Staff(Role::kReviewer, "u_rev"), "ap_2", "approve", "同意"),
                    Staff(Role::kReviewer, "u_rev"))
                  .ok());
  ASSERT_TRUE(h.Run(DecideApprovalStep(h.c, Staff(Role::kApprover, "u_app"), "ap_2", "approve", "同意"),
                    Staff(Role::kApprover, "u_app"))
                  .ok());
  ExpectOffersMatchDecisions(h.c, "approved");
  ASSERT_TRUE(h.Run(DecideAdvanceStage(h.c, Officer(), Stage::kReviewDecision, "调查终结"), Officer()).ok());
  ExpectOffersMatchDecisions(h.c, "review_decision");
  ASSERT_TRUE(h.Run(DecideSubmitDecision(h.c, Officer(), "ap_d", ScenarioADecision(), "拟处罚"), Officer()).ok());
  ExpectOffersMatchDecisions(h.c, "decision submitted");
  ASSERT_TRUE(IssueDecision(h, Officer(), "ap_d2").ok() == false) << "one decision approval open at a time";
  ASSERT_TRUE(h.Run(DecideApprovalStep(h.c, Staff(Role::kReviewer, "u_rev"), "ap_d", "approve", "同意"),
                    Staff(Role::kReviewer, "u_rev"))
                  .ok());
  ASSERT_TRUE(h.Run(DecideApprovalStep(h.c, Staff(Role::kApprover, "u_app"), "ap_d", "approve", "同意"),
                    Staff(Role::kApprover, "u_app"))
                  .ok());
  ExpectOffersMatchDecisions(h.c, "decision issued");
  ASSERT_TRUE(h.Run(DecideAdvanceStage(h.c, Officer(), Stage::kServiceExecution, "决定已作出"), Officer()).ok());
  ExpectOffersMatchDecisions(h.c, "service_execution");
  ASSERT_TRUE(ServeAndExecute(h, Officer()).ok());
  ExpectOffersMatchDecisions(h.c, "served and executed");
  ASSERT_TRUE(h.Run(DecideAdvanceStage(h.c, Officer(), Stage::kArchiving, "移交归档"), Officer()).ok());
  ExpectOffersMatchDecisions(h.c, "archiving");
  EXPECT_TRUE(AvailableActions(h.c, Staff(Role::kCustodian, "u_cus"))["archive_case"]["allowed"].get<bool>());
  ASSERT_TRUE(
      h.Run(DecideArchive(h.c, Staff(Role::kCustodian, "u_cus"), ArchiveFromJson({{"archive_no", "2026-治-0012"}})),
            Staff(Role::kCustodian, "u_cus"))
          .ok());
  ExpectOffersMatchDecisions(h.c, "archived");
}

TEST(AvailableActions, MatchTheDecisionsThroughAnApplication) {
  CaseHarness h;
  ASSERT_TRUE(h.Run(DecideOpen(Officer(), OpenApplication()), Officer()).ok());
  ExpectOffersMatchDecisions(h.c, "registered");
  ASSERT_TRUE(
      h.Run(DecideSupplementNotice(h.c, Officer(), SupplementNoticeFromJson({{"items", Json::array({"平面图"})}})),
            Officer())
          .ok());
  ExpectOffersMatchDecisions(h.c, "supplement noticed");
  ASSERT_TRUE(
      h.Run(DecideSupplementReceived(h.c, Officer(), SupplementReceiptFromJson({{"items", Json::array({"平面图"})}})),
            Officer())
          .ok());
  ExpectOffersMatchDecisions(h.c, "supplement received");
  ASSERT_TRUE(h.Run(DecideApplication(h.c, Officer(), {"", true}), Officer()).ok());
  ExpectOffersMatchDecisions(h.c, "accepted");
  // The acceptance receipt came with the decision: only materials receipts remain, any number of times.
  EXPECT_EQ(IssuableReceiptKinds(h.c), (std::vector<ReceiptKind>{ReceiptKind::kMaterials}));
}

TEST(AvailableActions, MatchTheDecisionsForAComplaintNotStartedAndAnUrgentStart) {
  CaseHarness complaint;
  OpenCaseCommand open;
  open.case_id = "case_1";
  open.unit_id = "team1";
  open.title = "噪声扰民投诉";
  open.mode = StartMode::kComplaint;
  open.complaint = ComplaintFromJson({{"channel", "phone"}, {"content", "夜间施工"}});
  ASSERT_TRUE(complaint.Run(DecideOpen(Officer(), open), Officer()).ok());
  ExpectOffersMatchDecisions(complaint.c, "complaint registered");
  ASSERT_TRUE(complaint
                  .Run(DecideComplaintNotStarted(complaint.c, Officer(), "ap_ns",
                                                 ComplaintNoticeFromJson({{"reason", "不属于本机关职责范围"}})),
                       Officer())
                  .ok());
  ExpectOffersMatchDecisions(complaint.c, "complaint not started, in the chain");
  Actor reviewer = Staff(Role::kReviewer, "u_rev"), approver = Staff(Role::kApprover, "u_app");
  ASSERT_TRUE(complaint.Run(DecideApprovalStep(complaint.c, reviewer, "ap_ns", "approve", "同意"), reviewer).ok());
  ASSERT_TRUE(complaint.Run(DecideApprovalStep(complaint.c, approver, "ap_ns", "approve", "同意"), approver).ok());
  ExpectOffersMatchDecisions(complaint.c, "complaint not started");
  ComplaintNoticeService mail{"mail", complaint.c.updated_at, std::string("EMS 1180012345678"), std::nullopt, false};
  ASSERT_TRUE(
      complaint.Run(DecideServeComplaintNotice(complaint.c, Officer(), mail, complaint.c.updated_at), Officer()).ok());
  ExpectOffersMatchDecisions(complaint.c, "complaint notice served");

  // 受案 with its receipt, then the start approval; or 移送.
  CaseHarness accepted;
  open.complaint->complainant = Complainant{"刘桂兰", "13903120456", std::nullopt, false};
  ASSERT_TRUE(accepted.Run(DecideOpen(Officer(), open), Officer()).ok());
  ExpectOffersMatchDecisions(accepted.c, "complaint registered");
  EXPECT_EQ(AvailableActions(accepted.c, Officer())["submit_start_approval"]["code"], "missing_record");
  ASSERT_TRUE(accepted.Run(DecideAcceptComplaint(accepted.c, Officer(), std::nullopt), Officer()).ok());
  ExpectOffersMatchDecisions(accepted.c, "complaint accepted");
  CaseHarness transferred;
  ASSERT_TRUE(transferred.Run(DecideOpen(Officer(), open), Officer()).ok());
  ASSERT_TRUE(
      transferred.Run(DecideWithValidInput(transferred.c, Officer(), CaseCommand::kTransferComplaint), Officer()).ok());
  ExpectOffersMatchDecisions(transferred.c, "complaint transferred");

  CaseHarness urgent;
  OpenCaseCommand u;
  u.case_id = "case_1";
  u.unit_id = "team1";
  u.title = "现场扣押";
  u.mode = StartMode::kExOfficio;
  u.urgent = true;
  u.urgent_reason = "当场发现违禁品";
  u.parties = {PartyFromJson({{"kind", "natural_person"}, {"name", "赵六"}})};
  u.start_form = StartFormFromJson({{"cause", "现场发现"}});
  u.opened_at = urgent.now;
  u.urgent_measure = UrgentMeasure{"扣押管制刀具1把", "易县城关镇车站", urgent.now, {}};
  ASSERT_TRUE(urgent.Run(DecideOpen(Officer(), u), Officer()).ok());
  ExpectOffersMatchDecisions(urgent.c, "urgent start");
  Json offered = AvailableActions(urgent.c, Officer());
  EXPECT_FALSE(offered["advance_stage"]["allowed"].get<bool>()) << "not before the start approval (Art. 10)";
  EXPECT_TRUE(offered["submit_start_approval"]["allowed"].get<bool>());
  EXPECT_FALSE(offered["release_measure"]["allowed"].get<bool>()) << "only once the start is refused";

  // The 负责人 refuses the start filed afterwards: the measure is released (行政强制法第十九条).
  ASSERT_TRUE(
      urgent.Run(DecideSubmitStartApproval(urgent.c, Officer(), {"ap_u", "补报", "", std::nullopt}), Officer()).ok());
  ASSERT_TRUE(urgent.Run(DecideApprovalStep(urgent.c, reviewer, "ap_u", "approve", "同意"), reviewer).ok());
  ASSERT_TRUE(urgent.Run(DecideApprovalStep(urgent.c, approver, "ap_u", "reject", "不应扣押"), approver).ok());
  ExpectOffersMatchDecisions(urgent.c, "urgent start refused");
  EXPECT_TRUE(AvailableActions(urgent.c, Officer())["release_measure"]["allowed"].get<bool>());
  ASSERT_TRUE(urgent.Run(DecideReleaseMeasure(urgent.c, Officer(), "已解除扣押，刀具退还当事人"), Officer()).ok());
  ExpectOffersMatchDecisions(urgent.c, "measure released");
  EXPECT_FALSE(AvailableActions(urgent.c, Officer())["release_measure"]["allowed"].get<bool>());
}

}  // namespace
}  // namespace qc::domain

namespace qc::domain {
namespace {

using namespace testing_support;

// A well-formed event applies; a field of the wrong type is a Status naming the event, never an
// exception out of the fold (the projector and the replay both fold whatever the log holds).
TEST(ApplyMalformed, AWrongTypedFieldIsAStatusNotAnException) {
  CaseHarness h;
  ASSERT_TRUE(h.Run(DecideOpen(Officer(), OpenApplication()), Officer()).ok());
  for (const Json& data : {Json{{"items", Json::array({"图"})}, {"deadline", 5}},  // deadline must be text
                           Json{{"approval_id", 7}, {"step", "review"}, {"decision", "approve"}}}) {
    Event e;
    e.index = 99;
    e.type = data.contains("approval_id") ? "ApprovalDecided" : "SupplementNoticeIssued";
    e.case_id = "case_1";
    e.actor = Officer().Ref();
    e.data = data;
    CaseState copy = h.c;
    Status st;
    EXPECT_NO_THROW(st = Apply(copy, e)) << data.dump();
    EXPECT_FALSE(st.ok()) << data.dump();
  }
  Event bad_open;
  bad_open.index = 0;
  bad_open.type = "CaseOpened";
  bad_open.case_id = "case_2";
  bad_open.data = {{"number", 12}, {"unit_id", "team1"}, {"title", "t"}, {"start_mode", "complaint"}, {"major", "yes"}};
  CaseState fresh;
  Status st;
  EXPECT_NO_THROW(st = Apply(fresh, bad_open));
  EXPECT_FALSE(st.ok());
  EXPECT_NE(st.message().find("CaseOpened"), std::string::npos) << st.message();
}

}  // namespace
}  // namespace qc::domain
