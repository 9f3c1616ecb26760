// Who may enforce (issue 12 §5): the 警号, the auxiliary's place, two police officers before a decision.
#include <gtest/gtest.h>

#include "case_harness.h"
#include "domain/authorization.h"
#include "domain/officer_rules.h"

namespace qc::domain {
namespace {

using namespace testing_support;

TEST(OfficerRules, APoliceNumberIsSixDigits) {
  EXPECT_TRUE(ValidPoliceNumber("040017"));
  for (const char* bad : {"", "04001", "0400170", "13062100017", "04001x", "０４００１７"})
    EXPECT_FALSE(ValidPoliceNumber(bad)) << bad;
  EXPECT_TRUE(CheckOfficerCredentials(Role::kOfficer, false, "040017").ok());
  EXPECT_EQ(CheckOfficerCredentials(Role::kOfficer, false, "").field(), "cert_no");
  EXPECT_EQ(CheckOfficerCredentials(Role::kOfficer, false, "13062100017").field(), "cert_no");
  EXPECT_TRUE(CheckOfficerCredentials(Role::kOfficer, true, "").ok()) << "a 辅警 has no 人民警察证";
  EXPECT_EQ(CheckOfficerCredentials(Role::kReviewer, true, "").field(), "auxiliary");
  EXPECT_TRUE(CheckOfficerCredentials(Role::kCustodian, false, "").ok());
}

TEST(OfficerRules, AnAuxiliaryNeitherOpensNorActsAndDoesNotCount) {
  Actor aux = Officer("u_aux");
  aux.auxiliary = true;
  aux.cert_no.clear();
  EXPECT_EQ(Authorize(aux, Action::kOpenCase, UnitResource("team1")).error_code(), ErrorCode::kPermissionDenied);
  CaseHarness h;
  OpenCaseCommand cmd = OpenSimple();
  cmd.co_officers = {{"u_aux", "辅警小王", "", false, true}};
  ASSERT_TRUE(h.Run(DecideOpen(Officer(), cmd), Officer()).ok());
  EXPECT_EQ(CheckCommand(h.c, aux, CaseCommand::kRecordOffence).error_code(), ErrorCode::kPermissionDenied);
  EXPECT_EQ(PoliceOfficers(h.c), 1);
  EXPECT_EQ(RequireTwoOfficers(h.c).code(), "too_few_officers");
  EXPECT_TRUE(CaseToJson(h.c)["officers"][1]["auxiliary"].get<bool>());
  ASSERT_TRUE(h.Run(DecideAssignOfficer(h.c, Officer(), {"u_off3", "刘洋", "040023", false, false}), Officer()).ok());
  EXPECT_TRUE(RequireTwoOfficers(h.c).ok());
}

}  // namespace
}  // namespace qc::domain
