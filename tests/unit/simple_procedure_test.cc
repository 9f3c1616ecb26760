// The simple procedure (issue 12 §6, Art. 23): scenario D recorded on the spot without a start
// approval; the limits of an on-the-spot penalty checked; the 24-hour filing tracked.
#include "domain/simple_procedure.h"

#include <gtest/gtest.h>

#include "case_harness.h"
#include "domain/deadlines.h"

namespace qc::domain {
namespace {

using namespace testing_support;

TEST(SimpleProcedure, ScenarioDIsRecordedOnTheSpotWithoutAStartApproval) {
  CaseHarness h;
  ASSERT_TRUE(h.Run(DecideOpen(Officer(), OpenSimple()), Officer()).ok());
  EXPECT_EQ(h.c.stage, Stage::kInvestigation);
  EXPECT_EQ(h.c.status, CaseStatus::kInProgress);
  Status approval = DecideSubmitStartApproval(h.c, Officer(), {"ap_1", "拟处罚", "事实清楚", std::nullopt}).status();
  EXPECT_EQ(approval.code(), "illegal_transition") << "no start approval under the simple procedure";

  ASSERT_TRUE(h.Run(DecideOnTheSpot(h.c, Officer(), ScenarioDDecision()), Officer()).ok());
  EXPECT_EQ(h.c.stage, Stage::kServiceExecution) << "decided and handed over on the spot";
  EXPECT_EQ(h.types, (std::vector<std::string>{"CaseOpened", "StageAdvanced", "OnTheSpotDecided", "StageAdvanced",
                                               "StageAdvanced"}));
  Json j = CaseToJson(h.c);
  EXPECT_EQ(j["on_the_spot"]["fine_yuan"], 50);
  EXPECT_EQ(j["on_the_spot"]["collected"]["receipt_no"], "冀财罚No.0012345");
  EXPECT_EQ(j["on_the_spot"]["recording_device"], "DSJ-0107");
  EXPECT_TRUE(j["on_the_spot"]["filing"].is_null());

  // 备案 within 24 hours of the decision (程序规定 第三十九条).
  // The fine was collected on the spot: the act has ended and the 30-day case file runs too (Art. 33).
  auto deadlines = Deadlines(h.c);
  ASSERT_EQ(deadlines.size(), 2u);
  EXPECT_EQ(deadlines[0].kind, "case_file");
  EXPECT_EQ(deadlines[1].kind, "simple_filing");
  EXPECT_EQ(deadlines[1].due - deadlines[1].since, std::chrono::hours(24));
  EXPECT_EQ(DecideOnTheSpot(h.c, Officer(), ScenarioDDecision()).status().code(), "illegal_transition");
  ASSERT_TRUE(h.Run(DecideFileSimpleCase(h.c, Officer(), std::string("已报备")), Officer()).ok());
  ASSERT_EQ(Deadlines(h.c).size(), 1u);
  EXPECT_EQ(Deadlines(h.c)[0].kind, "case_file");
  EXPECT_FALSE(CaseToJson(h.c)["on_the_spot"]["filing"].is_null());
  EXPECT_EQ(DecideFileSimpleCase(h.c, Officer(), std::nullopt).status().code(), "illegal_transition");
}

TEST(SimpleProcedure, TheLimitsOfAnOnTheSpotPenaltyAreChecked) {
  struct Case {
    std::string matter, penalty;
    int64_t fine;
    PartyKind kind;
    bool ok;
    std::string field;
  };
  const Case cases[] = {
      {"public_security", "fine", 500, PartyKind::kNaturalPerson, true, ""},
      {"public_security", "fine", 501, PartyKind::kNaturalPerson, false, "fine_yuan"},
      {"traffic", "fine", 200, PartyKind::kNaturalPerson, true, ""},
      {"traffic", "fine", 201, PartyKind::kNaturalPerson, false, "fine_yuan"},
      {"other", "fine", 50, PartyKind::kNaturalPerson, true, ""},
      {"other", "fine", 51, PartyKind::kNaturalPerson, false, "fine_yuan"},
      {"other", "fine", 1000, PartyKind::kLegalPerson, true, ""},
      {"other", "fine", 1001, PartyKind::kOtherOrganization, false, "fine_yuan"},
      {"other", "warning", 0, PartyKind::kLegalPerson, true, ""},
      {"other", "warning", 10, PartyKind::kLegalPerson, false, "fine_yuan"},
      {"other", "detention", 0, PartyKind::kNaturalPerson, false, "penalty"},
      {"tax", "warning", 0, PartyKind::kNaturalPerson, false, "matter"},
  };
  for (const auto& t : cases) {
    OnTheSpotDecision d = ScenarioDDecision();
    d.matter = t.matter;
    d.penalty = t.penalty;
    d.fine_yuan = t.fine;
    d.collected.reset();
    Status st = CheckOnTheSpotLimits(d, t.kind);
    EXPECT_EQ(st.ok(), t.ok) << t.matter << " " << t.penalty << " " << t.fine << ": " << st.ToString();
    if (!t.ok) EXPECT_EQ(st.field(), t.field) << st.ToString();
  }

  OnTheSpotDecision gambling = ScenarioDDecision();
  gambling.facts = "当事人在出租屋内聚众赌博";
  EXPECT_EQ(CheckOnTheSpotLimits(gambling, PartyKind::kNaturalPerson).field(), "facts");

  // 当场收缴: ≤100 元 on its own ground; more only when hard to enforce later or in a remote area.
  OnTheSpotDecision collect = ScenarioDDecision();
  collect.matter = "public_security";
  collect.fine_yuan = 200;
  EXPECT_EQ(CheckOnTheSpotLimits(collect, PartyKind::kNaturalPerson).field(), "collected.ground");
  collect.collected->ground = "hard_to_enforce";
  EXPECT_TRUE(CheckOnTheSpotLimits(collect, PartyKind::kNaturalPerson).ok());
  collect.collected->receipt_no = "";
  EXPECT_EQ(CheckOnTheSpotLimits(collect, PartyKind::kNaturalPerson).field(), "collected.receipt_no");

  // Disputed: filmed, the camera named (Art. 23, last paragraph).
  OnTheSpotDecision disputed = ScenarioDDecision();
  disputed.recording_device.reset();
  EXPECT_EQ(CheckOnTheSpotLimits(disputed, PartyKind::kNaturalPerson).field(), "recording_device");
}

TEST(SimpleProcedure, TheRecordOfArt23IsRequiredAndOnlyForSimpleCases) {
  CaseHarness h;
  ASSERT_TRUE(h.Run(DecideOpen(Officer(), OpenSimple()), Officer()).ok());
  OnTheSpotDecision no_review = ScenarioDDecision();
  no_review.review = "";
  EXPECT_EQ(DecideOnTheSpot(h.c, Officer(), no_review).status().field(), "review");
  OnTheSpotDecision no_number = ScenarioDDecision();
  no_number.decision_no = "";
  EXPECT_EQ(DecideOnTheSpot(h.c, Officer(), no_number).status().field(), "decision_no");
  // Another officer of the unit is not on the case.
  EXPECT_EQ(DecideOnTheSpot(h.c, Officer("u_off2"), ScenarioDDecision()).status().error_code(),
            ErrorCode::kPermissionDenied);
  // Once started without approval, it does not become an ordinary case by a switch.
  EXPECT_EQ(DecideSetProcedure(h.c, Officer(), Procedure::kOrdinary, "当事人对事实有异议").status().code(),
            "illegal_transition");

  CaseHarness ordinary;
  OpenCaseCommand cmd = OpenSimple();
  cmd.procedure = Procedure::kOrdinary;
  cmd.procedure_reason.clear();
  ASSERT_TRUE(ordinary.Run(DecideOpen(Officer(), cmd), Officer()).ok());
  EXPECT_EQ(ordinary.c.stage, Stage::kInitiation);
  EXPECT_EQ(DecideOnTheSpot(ordinary.c, Officer(), ScenarioDDecision()).status().code(), "illegal_transition");
  // Changed to simple before the start: it starts on the spot.
  ASSERT_TRUE(
      ordinary.Run(DecideSetProcedure(ordinary.c, Officer(), Procedure::kSimple, "违法事实确凿，罚款数额小"), Officer())
          .ok());
  EXPECT_EQ(ordinary.c.stage, Stage::kInvestigation);
  EXPECT_TRUE(ordinary.Run(DecideOnTheSpot(ordinary.c, Officer(), ScenarioDDecision()), Officer()).ok());
}

}  // namespace
}  // namespace qc::domain
