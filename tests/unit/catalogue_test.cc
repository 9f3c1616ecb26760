// The catalogue of written records (domain/catalogue.h): the shipped types load and cite articles
// that exist; a malformed file names its file, line and key; a record's fields are checked by path.
#include <gtest/gtest.h>

#include <filesystem>
#include <functional>
#include <fstream>
#include <sstream>

#include "app/catalogue.h"
#include "common/json_lines.h"
#include "domain/catalogue.h"

namespace qc::domain {
namespace {

std::string ReadFile(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

// 1 → 一, 12 → 十二, 21 → 二十一, 41 → 四十一: article numbers as the measures write them.
std::string ChineseNumber(int n) {
  static const char* digits[] = {"", "一", "二", "三", "四", "五", "六", "七", "八", "九"};
  if (n < 10) return digits[n];
  std::string tens = n / 10 == 1 ? "" : digits[n / 10];
  return tens + "十" + digits[n % 10];
}

TEST(Catalogue, ShippedTypesLoadTheirExamplesAreValidAndTheirArticlesExist) {
  std::vector<CatalogueFile> files;
  for (const auto& e : std::filesystem::directory_iterator(std::string(QC_SOURCE_DIR) + "/catalogue"))
    files.push_back({e.path().filename().string(), ReadFile(e.path())});
  ASSERT_GE(files.size(), 3u);
  auto cat = Catalogue::Load(files);
  ASSERT_TRUE(cat.ok()) << cat.status().message();
  auto built_in = app::LoadCatalogue("");
  ASSERT_TRUE(built_in.ok()) << built_in.status().message();
  EXPECT_EQ(built_in->ToJson(), cat->ToJson()) << "the binary carries catalogue/ as it is";

  const std::string measures = ReadFile(std::string(QC_SOURCE_DIR) + "/docs/measures.zh.txt");
  for (const auto& t : cat->types()) {
    EXPECT_TRUE(CheckRecordFields(t, t.example).ok()) << t.id;
    EXPECT_FALSE(t.law.empty()) << t.id << " cites no national provision";
    for (int a : t.measures)
      EXPECT_NE(measures.find("第" + ChineseNumber(a) + "条"), std::string::npos) << t.id << " cites article " << a;
    for (const auto& f : t.fields) EXPECT_FALSE(ToString(f.type).empty()) << t.id << "." << f.name;
  }
  const DocumentType* inquiry = cat->Find("inquiry_record");
  ASSERT_NE(inquiry, nullptr);
  EXPECT_EQ(inquiry->name, "询问笔录");
  EXPECT_EQ(inquiry->officers_sign, 2) << "two officers (行政处罚法第四十二条)";
  EXPECT_EQ(cat->Find("inspection_record")->av, "mandatory") << "第十四条";
  EXPECT_EQ(cat->Find("penalty_decision")->approval, "decision");
  EXPECT_EQ(ChineseNumber(41), "四十一");
  EXPECT_EQ(ChineseNumber(10), "十");
}

// A minimal valid type, as text, with `patch` applied to the JSON before it is written out indented.
CatalogueFile TypeFile(const std::function<void(Json&)>& patch = nullptr) {
  Json j = {{"id", "test_record"},
            {"name", "测试笔录"},
            {"stages", {"investigation"}},
            {"procedures", {"ordinary"}},
            {"measures", {13}},
            {"law", {"行政处罚法第五十五条"}},
            {"fields",
             {{{"name", "place"}, {"label", "地点"}, {"type", "address"}, {"required", true}},
              {{"name", "content"}, {"label", "内容"}, {"type", "long_text"}, {"required", true}}}},
            {"example", {{"place", "易县"}, {"content", "检查情况"}}}};
  if (patch) patch(j);
  return {"test_record.json", j.dump(2)};
}

// The line of the first occurrence of `needle` in `text`.
int LineOfText(const std::string& text, const std::string& needle) { return LineAtOffset(text, text.find(needle)); }

TEST(Catalogue, AMalformedFileIsNamedWithItsLineAndKey) {
  ASSERT_TRUE(Catalogue::Load({TypeFile()}).ok());

  // Not JSON at all.
  auto bad = Catalogue::Load({{"test_record.json", "{\n  \"id\": \"test_record\",\n  oops\n}"}});
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.status().message().rfind("test_record.json:3: 不是合法的 JSON", 0), 0u) << bad.status().message();

  struct Case {
    std::function<void(Json&)> patch;
    std::string key, needle, says;
  };
  const std::vector<Case> cases{
      {[](Json& j) { j["fields"][1]["type"] = "txt"; }, "fields[1].type", "\"txt\"", "未知的字段类型“txt”"},
      {[](Json& j) { j["measures"] = {42}; }, "measures[0]", "42", "本办法共 41 条"},
      {[](Json& j) { j["stage"] = "investigation"; }, "stage", "\"stage\"", "未知的键"},
      {[](Json& j) { j["example"].erase("content"); }, "example.content", "\"example\"", "请填写内容"},
      {[](Json& j) { j["id"] = "other"; }, "id", "\"other\"", "文件名应为 other.json"},
      // (no values: the line of the field's own "{", just above its first key)
      {[](Json& j) { j["fields"][0]["type"] = "enum"; }, "fields[0].values", "\"label\": \"地点\"",
       "枚举字段须列出取值"},
      {[](Json& j) { j["av"] = "always"; }, "av", "\"always\"", "应为 none | as_needed | mandatory"},
      {[](Json& j) { j.erase("law"); }, "law", "\"id\"", "缺少此项"},
      {[](Json& j) { j["completes"] = "decision"; }, "completes", "\"decision\"", "须经审批"},
      {[](Json& j) { j["completes"] = "verdict"; }, "completes", "\"verdict\"", "应为 none | decision | execution"},
      {[](Json& j) {
         j["completes"] = "execution";
         j["completes_when"] = {{"field", "place"}, {"values", {"x"}}};
       },
       "completes_when.field", "\"field\": \"place\"", "应为本文书的选项字段"},
      {[](Json& j) {
         j["deadlines"] = {{{"kind", "x"}, {"label", "期限"}, {"law", "某法"}, {"until", "issued:nope"}}};
       },
       "deadlines[0].until", "\"issued:nope\"", "文书目录中没有这种文书：nope"},
      {[](Json& j) {
         j["deadlines"] = {{{"kind", "x"},
                            {"label", "期限"},
                            {"law", "某法"},
                            {"from", "field"},
                            {"field", "place"},
                            {"until", "execution"}}};
       },
       "deadlines[0].field", "\"field\": \"place\"", "应为本文书的日期或时间字段"},
  };
  for (const auto& c : cases) {
    CatalogueFile f = TypeFile(c.patch);
    auto r = Catalogue::Load({f});
    ASSERT_FALSE(r.ok()) << c.key;
    EXPECT_EQ(r.status().code(), "invalid_catalogue");
    EXPECT_EQ(r.status().field(), c.key);
    // The line: where the key's value starts (or, for a missing key, where its parent starts).
    int line = c.key == "law" ? 1 : LineOfText(f.text, c.needle) - (c.key == "fields[0].values" ? 1 : 0);
    std::string expect = "test_record.json:" + std::to_string(line) + ": " + c.key + ": ";
    EXPECT_EQ(r.status().message().rfind(expect, 0), 0u) << r.status().message() << "\nexpected: " << expect;
    EXPECT_NE(r.status().message().find(c.says), std::string::npos) << r.status().message();
  }
  // Two files of one type.
  auto twice = Catalogue::Load({TypeFile(), TypeFile()});
  ASSERT_FALSE(twice.ok());
  EXPECT_NE(twice.status().message().find("文书类型重复"), std::string::npos);
}

TEST(Catalogue, ARecordsFieldsAreCheckedByTheirPath) {
  auto cat = app::LoadCatalogue("");
  ASSERT_TRUE(cat.ok()) << cat.status().message();
  const DocumentType& decision = *cat->Find("penalty_decision");
  auto check = [&](const std::function<void(Json&)>& patch) {
    Json f = decision.example;
    patch(f);
    return CheckRecordFields(decision, f);
  };
  EXPECT_TRUE(check([](Json&) {}).ok());
  Status st = check([](Json& f) { f["penalties"][1]["amount"] = -5; });
  EXPECT_EQ(st.field(), "fields.penalties[1].amount");
  EXPECT_EQ(st.code(), "invalid_field");
  st = check([](Json& f) { f["evidence"][0].erase("name"); });
  EXPECT_EQ(st.field(), "fields.evidence[0].name");
  EXPECT_EQ(st.message(), "请填写证据名称");
  EXPECT_EQ(check([](Json& f) { f["penalties"][0]["kind"] = "caning"; }).field(), "fields.penalties[0].kind");
  EXPECT_EQ(check([](Json& f) { f["foo"] = 1; }).field(), "fields.foo");
  EXPECT_EQ(check([](Json& f) { f["facts"] = "   "; }).code(), "missing_field");
  EXPECT_EQ(check([](Json& f) { f["facts"] = "太短"; }).code(), "too_short");
  EXPECT_EQ(check([](Json& f) { f["penalties"] = Json::array(); }).field(), "fields.penalties");
  EXPECT_EQ(check([](Json& f) { f["party"] = "周涛"; }).field(), "fields.party");
  const DocumentType& inquiry = *cat->Find("inquiry_record");
  Json q = inquiry.example;
  q["started_at"] = "昨天晚上";
  EXPECT_EQ(CheckRecordFields(inquiry, q).field(), "fields.started_at");
  q = inquiry.example;
  q["media"] = {{{"record", 7}}};
  EXPECT_EQ(CheckRecordFields(inquiry, q).field(), "fields.media[0].record");
}

TEST(JsonLines, EachValueByItsPath) {
  const std::string text =
      "{\n  \"a\": 1,\n  \"b\": [\n    {\"c\": \"x\\\"y\"},\n    [2, 3]\n  ],\n  \"d\": {\"e\": null}\n}";
  auto lines = JsonValueLines(text);
  EXPECT_EQ(lines.at(""), 1);
  EXPECT_EQ(lines.at("a"), 2);
  EXPECT_EQ(lines.at("b"), 3);
  EXPECT_EQ(lines.at("b[0]"), 4);
  EXPECT_EQ(lines.at("b[0].c"), 4);
  EXPECT_EQ(lines.at("b[1]"), 5);
  EXPECT_EQ(lines.at("b[1][1]"), 5);
  EXPECT_EQ(lines.at("d.e"), 7);
  EXPECT_EQ(LineOf(lines, "b[0].missing"), 4) << "the nearest ancestor";
  EXPECT_EQ(LineOf(lines, "zzz"), 1);
}

}  // namespace
}  // namespace qc::domain
