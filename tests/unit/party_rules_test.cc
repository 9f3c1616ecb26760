// The checks of a party (domain/party_rules.h): the identifiers' check digits and the fields each kind
// of party needs (issue 12 §5).
#include "domain/party_rules.h"

#include <gtest/gtest.h>

#include "common/clock.h"

namespace qc::domain {
namespace {

Party Natural(std::string id) {
  Party p;
  p.name = "张三";
  p.id_number = std::move(id);
  return p;
}

TEST(PartyRules, ResidentIdChecksItsCheckDigitAndDateOfBirth) {
  EXPECT_TRUE(ValidResidentId("130633199003070013"));
  EXPECT_TRUE(ValidResidentId("11010519491231002X"));  // the GB 11643 example, X as the check
  EXPECT_TRUE(ValidResidentId("11010519491231002x"));
  EXPECT_FALSE(ValidResidentId("130633199003070014")) << "wrong check digit";
  EXPECT_FALSE(ValidResidentId("130633199002300012")) << "30 February";
  EXPECT_FALSE(ValidResidentId("13063319900307001")) << "17 characters";
  EXPECT_FALSE(ValidResidentId("12345"));
  EXPECT_EQ(BirthDateOfResidentId("130633199003070013"), "1990-03-07");
}

TEST(PartyRules, UsccChecksItsAlphabetAndCheckCharacter) {
  EXPECT_TRUE(ValidUscc("91130633MA0A7B8C9P"));
  EXPECT_TRUE(ValidUscc("91350100M000100Y43"));  // GB 32100's example
  EXPECT_FALSE(ValidUscc("91130633MA0A7B8C9D")) << "wrong check character";
  EXPECT_FALSE(ValidUscc("91130633MA0A7B8C9O")) << "O is not in the alphabet";
  EXPECT_FALSE(ValidUscc("12345"));
}

TEST(PartyRules, PhoneIsAMobileOrALandline) {
  for (const char* ok : {"13903120456", "0312-8212345", "010-12345678", "03128212345"})
    EXPECT_TRUE(ValidPhone(ok)) << ok;
  for (const char* bad : {"abc", "12345", "1390312045", "23903120456", "0312-821", "0312-82123456789", ""})
    EXPECT_FALSE(ValidPhone(bad)) << bad;
}

TEST(PartyRules, EachKindNeedsItsFieldsAndNamesTheFieldAtFault) {
  EXPECT_TRUE(CheckParty(Natural("130633199003070013"), "parties[0]").ok());
  Status bad_id = CheckParty(Natural("130633199003070014"), "parties[0]");
  EXPECT_EQ(bad_id.field(), "parties[0].id_number");
  Party passport = Natural("E12345678");
  passport.id_type = IdType::kPassport;
  EXPECT_TRUE(CheckParty(passport, "").ok()) << "a passport number has no check digit here";
  Party born = Natural("130633199003070013");
  born.birth_date = "1990-03-08";
  EXPECT_EQ(CheckParty(born, "").field(), "birth_date");
  Party phone = Natural("130633199003070013");
  phone.phone = "abc";
  EXPECT_EQ(CheckParty(phone, "").field(), "phone");

  Party company;
  company.kind = PartyKind::kLegalPerson;
  company.name = "易县金嗓子娱乐有限公司";
  company.id_number = "12345";
  EXPECT_EQ(CheckParty(company, "parties[1]").field(), "parties[1].id_number");
  company.id_number = "91130633MA0A7B8C9P";
  Status no_rep = CheckParty(company, "parties[1]");
  EXPECT_EQ(no_rep.code(), "missing_field");
  EXPECT_EQ(no_rep.field(), "parties[1].legal_representative");
  company.legal_representative = "周涛";
  EXPECT_TRUE(CheckParty(company, "parties[1]").ok());

  Party org;
  org.kind = PartyKind::kOtherOrganization;
  org.name = "易县城关镇西街加工作坊";
  EXPECT_EQ(CheckParty(org, "").field(), "principal");
  org.legal_representative = "王某";
  EXPECT_EQ(CheckParty(org, "").field(), "legal_representative") << "its head is a 负责人";
  org.legal_representative.reset();
  org.principal = "王某";
  EXPECT_TRUE(CheckParty(org, "").ok());

  // 身份不明: described, identified later; nothing else is required.
  Party unknown;
  unknown.kind = PartyKind::kNaturalPerson;
  unknown.name = "仓库实际所有人（身份不明）";
  unknown.identity_unknown = true;
  EXPECT_TRUE(CheckParty(unknown, "").ok());
  Party unknown_company = unknown;
  unknown_company.kind = PartyKind::kLegalPerson;
  EXPECT_TRUE(CheckParty(unknown_company, "").ok());
}

TEST(PartyRules, MinorIsUnder18OnTheChinaDay) {
  // 2026-03-06T16:30Z is 2026-03-07 00:30 in China: the 18th birthday of someone born 2008-03-07.
  TimePoint t = ParseRfc3339("2026-03-06T16:30:00Z").value();
  EXPECT_FALSE(IsMinorOn("2008-03-07", t));
  EXPECT_TRUE(IsMinorOn("2008-03-08", t));
  EXPECT_TRUE(IsMinorOn("2010-05-20", t));
  EXPECT_FALSE(IsMinorOn("1990-03-07", t));
}

}  // namespace
}  // namespace qc::domain
