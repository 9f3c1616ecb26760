#include <gtest/gtest.h>

#include "common/canonical_json.h"
#include "common/clock.h"
#include "common/hex.h"
#include "common/china_time.h"
#include "crypto/hash.h"
#include "ledger/merkle.h"
#include "crypto/password.h"

namespace qc {
namespace {

TEST(CanonicalJson, SortsKeysAndHasNoWhitespace) {
  Json j = Json::parse(R"({"b": 1, "a": {"d": [1, 2], "c": "x"}})");
  EXPECT_EQ(*CanonicalJson(j), R"({"a":{"c":"x","d":[1,2]},"b":1})");
}

TEST(CanonicalJson, EscapesAsJcs) {
  Json j = {{"s", std::string("a\"b\\c\n\t\x01/中")}};
  EXPECT_EQ(*CanonicalJson(j), "{\"s\":\"a\\\"b\\\\c\\n\\t\\u0001/中\"}");
}

TEST(CanonicalJson, RejectsFloatsWithTheirPath) {
  Json j = Json::parse(R"({"a": {"b": [1, 2.5]}})");
  auto r = CanonicalJson(j);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().field(), "a.b[1]");
}

TEST(CanonicalJson, RejectsNonAsciiKeysAndInvalidUtf8) {
  EXPECT_FALSE(CanonicalJson(Json{{"名", 1}}).ok());
  EXPECT_FALSE(CanonicalJson(Json{{"a", std::string("\xff\xfe")}}).ok());
}

TEST(ParseJson, ReportsMalformedInput) {
  for (const char* bad : {"{\"a\": ", "{\"a\": 1e400}", "{\"a\": -1e999}", "\"\xff\""}) {
    auto r = ParseJson(bad);
    ASSERT_FALSE(r.ok()) << bad;
    EXPECT_EQ(r.status().code(), "malformed_json") << bad;
  }
}

TEST(Rfc3339, FormatsUtcWithMilliseconds) {
  TimePoint t(std::chrono::milliseconds(1795741323456));
  EXPECT_EQ(FormatRfc3339(t), "2026-11-27T01:02:03.456Z");
}

TEST(Rfc3339, ParsesOffsetsAndRoundTrips) {
  auto a = ParseRfc3339("2026-11-27T09:02:03.456+08:00");
  ASSERT_TRUE(a.ok());
  EXPECT_EQ(FormatRfc3339(*a), "2026-11-27T01:02:03.456Z");
  EXPECT_TRUE(ParseRfc3339("2028-02-29T00:00:00Z").ok()) << "leap day";
  auto b = ParseRfc3339("2026-11-27T01:02:03Z");
  ASSERT_TRUE(b.ok());
  EXPECT_EQ(FormatRfc3339(*b), "2026-11-27T01:02:03.000Z");
}

TEST(Rfc3339, RejectsGarbage) {
  for (const char* s : {"", "2026-11-27", "2026-13-01T00:00:00Z", "2026-11-27T00:00:00", "2026-11-27T00:00:00+8",
                        "2026-11-27T00:00:00Zjunk", "2026-11-27T25:00:00Z", "2026-02-31T00:00:00Z",
                        "2026-11-27T-1:00:00Z", "2026-11-27T 1:00:00Z", "+026-11-27T01:00:00Z", "2025-02-29T00:00:00Z"})
    EXPECT_FALSE(ParseRfc3339(s).ok()) << s;
}

TEST(Hash, LeafHashIsRfc9162) {
  // RFC 6962 reference: the leaf hash of the empty input.
  EXPECT_EQ(ToHex(ledger::HashLeaf("")), "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d");
  EXPECT_EQ(ToHex(crypto::Sha256("")), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
}

TEST(Password, HashesWithArgon2idAndVerifies) {
  auto h = crypto::HashPassword("Demo@2026");
  ASSERT_TRUE(h.ok());
  EXPECT_EQ(h->rfind("$argon2id$", 0), 0u);
  EXPECT_TRUE(crypto::VerifyPassword("Demo@2026", *h));
  EXPECT_FALSE(crypto::VerifyPassword("demo@2026", *h));
  EXPECT_FALSE(crypto::VerifyPassword("Demo@2026", "not a hash"));
  EXPECT_NE(*h, *crypto::HashPassword("Demo@2026")) << "each hash has its own salt";
}

TEST(Password, PolicyNamesTheField) {
  EXPECT_TRUE(crypto::CheckPasswordPolicy("Demo@2026").ok());
  EXPECT_EQ(crypto::CheckPasswordPolicy("short").field(), "password");
  EXPECT_FALSE(crypto::CheckPasswordPolicy("alllowercase").ok());
}

}  // namespace
// The Chinese calendar day of an instant: 2026-12-31T16:00Z is already 2027-01-01 in Beijing.
TEST(ChinaTime, DaysAndYearsTurnAtMidnightInBeijing) {
  TimePoint before = *ParseRfc3339("2026-12-31T15:59:59.999Z"), after = *ParseRfc3339("2026-12-31T16:00:00Z");
  EXPECT_EQ(ChinaDate(before), "2026-12-31");
  EXPECT_EQ(ChinaDate(after), "2027-01-01");
  EXPECT_EQ(ChinaYear(before), 2026);
  EXPECT_EQ(ChinaYear(after), 2027);
  EXPECT_EQ(FormatRfc3339(StartOfChinaDay(before)), "2026-12-30T16:00:00.000Z");
  EXPECT_EQ(FormatRfc3339(StartOfChinaDay(after, 2)), "2027-01-02T16:00:00.000Z");
}

}  // namespace qc
