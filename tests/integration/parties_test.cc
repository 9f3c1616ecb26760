// Parties through the API (issue 12 §5): every identifier checked and the field at fault named; a
// minor shown as one; a party of unknown identity recorded without blocking the start approval.
#include <gtest/gtest.h>

#include <ctime>
#include <memory>
#include <string>

#include "server_fixture.h"

namespace qc::testing {
namespace {

// A resident ID from its first 17 digits (GB 11643 check digit).
std::string ResidentId(const std::string& first17) {
  int sum = 0;
  for (int i = 0; i < 17; ++i) sum += (first17[i] - '0') * ((1 << (17 - i)) % 11);
  return first17 + "10X98765432"[sum % 11];
}
int ThisYear() {
  std::time_t t = std::time(nullptr) + 8 * 3600;  // China Standard Time
  std::tm tm{};
  gmtime_r(&t, &tm);
  return tm.tm_year + 1900;
}

class PartiesTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { server_ = std::make_unique<Server>(); }
  static void TearDownTestSuite() { server_.reset(); }
  static int port() { return server_->port(); }
  static std::unique_ptr<Server> server_;

  static Json NewCase(Json party) {
    return {{"start_mode", "ex_officio"},
            {"title", "当事人校验测试"},
            {"parties", Json::array({std::move(party)})},
            {"start_form", {{"cause", "巡查发现"}}}};
  }
};
std::unique_ptr<Server> PartiesTest::server_;

TEST_F(PartiesTest, EachWrongIdentifierIsNamedAtItsField) {
  Client officer(port(), "officer1");
  struct Bad {
    Json party;
    std::string field, code;
  };
  const Bad bad[] = {
      {{{"kind", "legal_person"}, {"name", "某公司"}, {"id_number", "12345"}, {"legal_representative", "周涛"}},
       "parties[0].id_number",
       "invalid_field"},
      {{{"kind", "legal_person"}, {"name", "某公司"}, {"id_number", "91130633MA0A7B8C9P"}},
       "parties[0].legal_representative",
       "missing_field"},
      {{{"kind", "other_organization"}, {"name", "某作坊"}}, "parties[0].principal", "missing_field"},
      {{{"kind", "natural_person"}, {"name", "张三"}, {"id_number", "130633199003070014"}},
       "parties[0].id_number",
       "invalid_field"},
      {{{"kind", "natural_person"}, {"name", "张三"}, {"phone", "abc"}}, "parties[0].phone", "invalid_field"},
      {{{"kind", "natural_person"}, {"name", "张三"}, {"id_type", "licence"}}, "parties[0].id_type", "invalid_field"},
      {{{"kind", "natural_person"},
        {"name", "张三"},
        {"id_number", "130633199003070013"},
        {"birth_date", "1990-03-08"}},
       "parties[0].birth_date",
       "invalid_field"},
  };
  for (const auto& b : bad) {
    HttpResponse r = officer.Post("/api/v1/cases", NewCase(b.party));
    EXPECT_EQ(r.status, 400) << b.party.dump();
    EXPECT_EQ(r.json()["field"], b.field) << r.body;
    EXPECT_EQ(r.json()["code"], b.code) << r.body;
  }
  // The same rules when a party is added later, named without the prefix.
  std::string id = OpenExOfficioCase(officer, "增加当事人校验");
  HttpResponse added = officer.Post("/api/v1/cases/" + id + "/parties",
                                    {{"kind", "legal_person"}, {"name", "某公司"}, {"id_number", "12345"}});
  EXPECT_EQ(added.status, 400);
  EXPECT_EQ(added.json()["field"], "id_number");
}

TEST_F(PartiesTest, AMinorIsShownAndAnUnknownPartyDoesNotBlockTheApproval) {
  Client officer(port(), "officer1");
  // Ten years old whatever today is: the ID is made from the server's year (real clock).
  HttpResponse minor = officer.Post(
      "/api/v1/cases", NewCase({{"kind", "natural_person"},
                                {"name", "李小明"},
                                {"id_number", ResidentId("130633" + std::to_string(ThisYear() - 10) + "0101003")},
                                {"phone", "13903120456"}}));
  ASSERT_EQ(minor.status, 201) << minor.body;
  EXPECT_TRUE(minor.json()["case"]["parties"][0]["minor"].get<bool>());
  HttpResponse adult = officer.Post(
      "/api/v1/cases", NewCase({{"kind", "natural_person"}, {"name", "王大明"}, {"id_number", "130633199003070013"}}));
  ASSERT_EQ(adult.status, 201) << adult.body;
  EXPECT_FALSE(adult.json()["case"]["parties"][0]["minor"].get<bool>());

  HttpResponse unknown = officer.Post(
      "/api/v1/cases",
      NewCase({{"kind", "natural_person"}, {"name", "仓库实际所有人（身份不明）"}, {"identity_unknown", true}}));
  ASSERT_EQ(unknown.status, 201) << unknown.body;
  EXPECT_TRUE(unknown.json()["case"]["parties"][0]["identity_unknown"].get<bool>());
  std::string id = unknown.json()["case"]["id"];
  HttpResponse submitted = officer.Post("/api/v1/cases/" + id + "/start-approval",
                                        {{"opinion", "建议先行登记保存"}, {"reasons", "所有人身份待查"}});
  EXPECT_EQ(submitted.status, 200) << submitted.body;
}

}  // namespace
}  // namespace qc::testing
