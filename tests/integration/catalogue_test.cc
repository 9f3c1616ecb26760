// The catalogue over HTTP (GET /api/v1/catalogue, public) and a server that will not start on a
// malformed catalogue directory, naming the file, the line and the key.
#include <gtest/gtest.h>

#include <fstream>
#include <set>

#include "case_records.h"
#include "common/clock.h"
#include "cli_run.h"
#include "server_fixture.h"
#include "../unit/test_dir.h"

namespace qc::testing {
namespace {

TEST(CatalogueTest, ServedToAnyoneAsDefinedInTheRepository) {
  Server server;
  HttpResponse r = Send(server.port(), "GET", "/api/v1/catalogue");
  ASSERT_EQ(r.status, 200) << r.body;
  Json types = r.json()["types"];
  ASSERT_GE(types.size(), 3u);
  std::map<std::string, Json> by_id;
  for (const auto& t : types) by_id[t["id"]] = t;
  ASSERT_TRUE(by_id.count("inquiry_record"));
  EXPECT_EQ(by_id["inquiry_record"]["name"], "询问笔录");
  EXPECT_EQ(by_id["inquiry_record"]["officers_sign"], 2);
  EXPECT_EQ(by_id["penalty_decision"]["number"]["word"], "行罚决字");
  EXPECT_EQ(Send(server.port(), "GET", "/api/v1/catalogue?x=1").status, 400);
}

TEST(CatalogueTest, AMalformedCatalogueStopsTheServerNamingFileLineAndKey) {
  TempDir data, catalogue;
  std::ofstream(catalogue.File("broken_record.json")) << "{\n  \"id\": \"broken_record\",\n  \"name\": 7\n}\n";
  CliRun r = RunQuancheng("serve --port 0 --data " + data.path() + " --catalogue " + catalogue.path());
  EXPECT_NE(r.status, 0);
  EXPECT_NE(r.output.find("broken_record.json:3: name: 应为非空字符串"), std::string::npos) << r.output;
}

}  // namespace
}  // namespace qc::testing

namespace qc::testing {
namespace {

// A 1×1 PNG, as the browser's canvas sends a drawn signature.
const char* const kPng =
    "data:image/"
    "png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==";

void ApproveAll(int port, const std::string& approval) {
  Client reviewer(port, "reviewer1"), approver(port, "approver1");
  std::string path = "/api/v1/approvals/" + approval + "/decision";
  ASSERT_EQ(reviewer.Post(path, {{"decision", "approve"}, {"opinion", "同意"}}).status, 200);
  HttpResponse r = approver.Post(path, {{"decision", "approve"}, {"opinion", "同意"}});
  ASSERT_EQ(r.status, 200) << r.body;
}

// Scenario A's records through the API: an inquiry record drafted, revised, issued and then refused
// an edit; the penalty decision through the chain, issued with its 文号; bad input refused by path.
TEST(DocumentsTest, RecordsOfTheCatalogueAreDraftedRevisedIssuedAndApproved) {
  Server server;
  Client officer(server.port(), "officer1"), liu(server.port(), "officer3"), other(server.port(), "officer2");
  HttpResponse opened = officer.Post(
      "/api/v1/cases",
      {{"start_mode", "ex_officio"},
       {"co_officers", Json::array({liu.user()["id"]})},
       {"title", "金嗓子KTV案（文书）"},
       {"parties", {{{"kind", "legal_person"}, {"name", "易县金嗓子娱乐有限公司"}, {"legal_representative", "周涛"}}}},
       {"start_form", {{"cause", "夜间巡查发现大厅设有赌博功能电子游戏机"}}}});
  ASSERT_EQ(opened.status, 201) << opened.body;
  std::string base = "/api/v1/cases/" + opened.json()["case"]["id"].get<std::string>();
  HttpResponse start = officer.Post(base + "/start-approval", {{"opinion", "拟立案调查"}});
  ASSERT_EQ(start.status, 200) << start.body;
  ApproveAll(server.port(), start.json()["case"]["approvals"][0]["id"]);

  Json catalogue = Send(server.port(), "GET", "/api/v1/catalogue").json();
  Json inquiry_example;
  for (const auto& t : catalogue["types"])
    if (t["id"] == "inquiry_record") inquiry_example = t["example"];
  ASSERT_TRUE(inquiry_example.is_object());

  // Bad input: an unknown type, a field at its path, a party the case does not have; nothing recorded.
  int64_t before = server.EventCount();
  HttpResponse r = officer.Post(base + "/documents", {{"type", "no_such_record"}, {"fields", inquiry_example}});
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(r.json()["field"], "type");
  Json bad = inquiry_example;
  bad["role"] = "boss";
  r = officer.Post(base + "/documents", {{"type", "inquiry_record"}, {"fields", bad}});
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(r.json()["field"], "fields.role");
  bad = inquiry_example;
  bad["subject"] = 3;
  EXPECT_EQ(officer.Post(base + "/documents", {{"type", "inquiry_record"}, {"fields", bad}}).json()["field"],
            "fields.subject");
  EXPECT_EQ(officer.Post(base + "/documents", {{"type", "inquiry_record"}}).json()["field"], "fields");
  EXPECT_EQ(other.Post(base + "/documents", {{"type", "inquiry_record"}, {"fields", inquiry_example}}).status, 403);
  EXPECT_EQ(server.EventCount(), before) << "a refused request records nothing";

  HttpResponse drafted = officer.Post(base + "/documents", {{"type", "inquiry_record"}, {"fields", inquiry_example}});
  ASSERT_EQ(drafted.status, 201) << drafted.body;
  Json doc = drafted.json()["document"];
  EXPECT_EQ(doc["status"], "draft");
  EXPECT_EQ(doc["name"], "询问笔录");
  std::string doc_path = base + "/documents/" + doc["id"].get<std::string>();
  Json revised_fields = inquiry_example;
  revised_fields["content"] = "问：游戏机是谁安装的？答：是老板让人装的，去年十月装的。";
  HttpResponse revised = officer.Put(doc_path, {{"fields", revised_fields}});
  ASSERT_EQ(revised.status, 200) << revised.body;
  EXPECT_EQ(revised.json()["document"]["version"], 2);
  HttpResponse unsigned_issue = officer.Post(doc_path + "/issue", Json::object());
  EXPECT_EQ(unsigned_issue.status, 409);
  EXPECT_EQ(unsigned_issue.json()["code"], "missing_signature") << unsigned_issue.body;
  // Two officers and the party sign (Art. 12): the party's drawing is kept and served back.
  ASSERT_EQ(officer.Post(doc_path + "/signatures", {{"role", "officer"}}).status, 201);
  ASSERT_EQ(liu.Post(doc_path + "/signatures", {{"role", "officer"}}).status, 201);
  HttpResponse party_signed =
      officer.Post(doc_path + "/signatures",
                   {{"role", "party"}, {"name", "周涛"}, {"party", 0}, {"image", kPng}, {"certificates_seen", true}});
  ASSERT_EQ(party_signed.status, 201) << party_signed.body;
  Json sig = party_signed.json()["document"]["signatures"][2];
  EXPECT_EQ(sig["content_sha256"].get<std::string>().size(), 64u);
  EXPECT_TRUE(sig["current"].get<bool>());
  HttpResponse image = officer.Get(doc_path + "/signatures/3/image");
  ASSERT_EQ(image.status, 200);
  EXPECT_EQ(image.headers["content-type"], "image/png");
  EXPECT_EQ(image.body.substr(1, 3), "PNG");
  EXPECT_EQ(officer.Get(doc_path + "/signatures/1/image").status, 404) << "an officer signs by account";
  HttpResponse issued = officer.Post(doc_path + "/issue", Json::object());
  ASSERT_EQ(issued.status, 200) << issued.body;
  EXPECT_EQ(issued.json()["document"]["status"], "issued");
  HttpResponse edit = officer.Put(doc_path, {{"fields", inquiry_example}});
  EXPECT_EQ(edit.status, 409) << "an issued record is never edited";
  Json got = officer.Get(doc_path).json()["document"];
  EXPECT_EQ(got["fields"], revised_fields);
  Json list = officer.Get(base + "/documents").json()["items"];
  ASSERT_EQ(list.size(), 1u);
  EXPECT_FALSE(list[0].contains("fields"));
  EXPECT_EQ(officer.Get(base + "/documents/doc_nope").status, 404);

  // The penalty decision: drafted in 审查决定, through the chain, issued with the body's 文号.
  ASSERT_EQ(officer.Post(base + "/stage", {{"to", "review_decision"}, {"reason", "调查终结"}}).status, 200);
  Json decision_example;
  for (const auto& t : catalogue["types"])
    if (t["id"] == "penalty_decision") decision_example = t["example"];
  HttpResponse d = officer.Post(base + "/documents", {{"type", "penalty_decision"}, {"fields", decision_example}});
  ASSERT_EQ(d.status, 201) << d.body;
  std::string d_path = base + "/documents/" + d.json()["document"]["id"].get<std::string>();
  EXPECT_EQ(officer.Post(d_path + "/issue", Json::object()).status, 409) << "a decision needs its approval";
  HttpResponse submitted = officer.Post(d_path + "/submit", {{"opinion", "建议没收并罚款三万元"}});
  ASSERT_EQ(submitted.status, 200) << submitted.body;
  EXPECT_EQ(submitted.json()["document"]["status"], "awaiting_approval");
  Json approvals = submitted.json()["case"]["approvals"];
  EXPECT_EQ(approvals.back()["kind"], "document");
  ApproveAll(server.port(), approvals.back()["id"]);
  Json final_doc = officer.Get(d_path).json()["document"];
  EXPECT_EQ(final_doc["status"], "issued");
  EXPECT_EQ(final_doc["number"].get<std::string>().rfind("易公行罚决字〔", 0), 0u) << final_doc.dump();
  EXPECT_EQ(final_doc["issued_by"]["role"], "approver");

  // Served directly: the legal representative signs the 送达回证 on the tablet; the drawing is served back.
  HttpResponse served = officer.Post(
      d_path + "/service",
      {{"method", "direct"},
       {"served_at",
        FormatRfc3339(std::chrono::time_point_cast<std::chrono::milliseconds>(std::chrono::system_clock::now()))},
       {"recipient", "周涛"},
       {"party", 0},
       {"relation", "legal_representative"},
       {"image", kPng}});
  ASSERT_EQ(served.status, 201) << served.body;
  EXPECT_TRUE(served.json()["document"]["served"].get<bool>());
  HttpResponse receipt = officer.Get(d_path + "/service/1/image");
  ASSERT_EQ(receipt.status, 200);
  EXPECT_EQ(receipt.headers["content-type"], "image/png");
  EXPECT_EQ(officer.Get(d_path + "/service/2/image").status, 404);
}

// Every type of the catalogue, made from its own example in a case at a stage and procedure the type
// allows: the catalogue's examples are records the API takes.
TEST(DocumentsTest, OneRecordOfEveryCatalogueTypeThroughTheApi) {
  Server server;
  Client officer(server.port(), "officer1"), liu(server.port(), "officer3");
  Json types = Send(server.port(), "GET", "/api/v1/catalogue").json()["types"];
  ASSERT_GE(types.size(), 30u);
  std::set<std::string> made;
  Json parties = {{{"kind", "legal_person"}, {"name", "易县金嗓子娱乐有限公司"}, {"legal_representative", "周涛"}},
                  {{"kind", "natural_person"}, {"name", "李明"}}};
  std::map<std::string, std::string> records;  // case path -> an attachment of it
  auto RecordOf = [&](const std::string& base) {
    if (!records.count(base))
      records[base] = UploadAttachment(officer, server.port(), base.substr(base.rfind('/') + 1), "现场照片.pdf");
    return records[base];
  };
  // Drafts (and counts) every type not yet made that `stage` and `procedure` allow.
  auto make_all = [&](const std::string& base, const std::string& stage, const std::string& procedure) {
    for (const auto& t : types) {
      std::string id = t["id"];
      bool stage_ok = false, procedure_ok = false;
      for (const auto& s : t["stages"]) stage_ok = stage_ok || s == stage;
      for (const auto& p : t["procedures"]) procedure_ok = procedure_ok || p == procedure;
      if (made.count(id) || !stage_ok || !procedure_ok) continue;
      // The example's footage stands for a record of this case.
      Json fields = t["example"];
      for (auto& [key, value] : fields.items())
        if (value.is_array())
          for (auto& row : value)
            if (row.is_object() && row.contains("record")) row["record"] = RecordOf(base);
      HttpResponse r = officer.Post(base + "/documents", {{"type", id}, {"fields", fields}});
      EXPECT_EQ(r.status, 201) << id << " at " << stage << ": " << r.body;
      if (r.status == 201) made.insert(id);
    }
  };

  HttpResponse opened = officer.Post("/api/v1/cases", {{"start_mode", "ex_officio"},
                                                       {"co_officers", Json::array({liu.user()["id"]})},
                                                       {"title", "金嗓子KTV案（全部文书）"},
                                                       {"parties", parties},
                                                       {"start_form", {{"cause", "夜间巡查发现赌博功能电子游戏机"}}}});
  ASSERT_EQ(opened.status, 201) << opened.body;
  std::string base = "/api/v1/cases/" + opened.json()["case"]["id"].get<std::string>();
  make_all(base, "initiation", "ordinary");
  HttpResponse start = officer.Post(base + "/start-approval", {{"opinion", "拟立案调查"}});
  ASSERT_EQ(start.status, 200) << start.body;
  ApproveAll(server.port(), start.json()["case"]["approvals"][0]["id"]);
  make_all(base, "investigation", "ordinary");
  ASSERT_EQ(officer.Post(base + "/stage", {{"to", "review_decision"}, {"reason", "调查终结"}}).status, 200);
  make_all(base, "review_decision", "ordinary");
  HttpResponse decision = officer.Post(base + "/decision", {{"decision_no", "易公行罚决字〔2026〕12号"},
                                                            {"kind", "penalty"},
                                                            {"content", "没收赌博功能电子游戏机，罚款三万元"},
                                                            {"opinion", "拟作出行政处罚决定"}});
  ASSERT_EQ(decision.status, 200) << decision.body;
  ApproveAll(server.port(), decision.json()["case"]["approvals"].back()["id"]);
  ASSERT_EQ(officer.Post(base + "/stage", {{"to", "service_execution"}}).status, 200);
  make_all(base, "service_execution", "ordinary");

  // The simple procedure's own: an on-the-spot case (scenario D).
  HttpResponse simple = officer.Post("/api/v1/cases", {{"start_mode", "ex_officio"},
                                                       {"procedure", "simple"},
                                                       {"procedure_reason", "违法事实确凿，当场处罚"},
                                                       {"title", "电动车占道停放（全部文书）"},
                                                       {"parties", parties},
                                                       {"start_form", {{"cause", "巡逻发现占道停车"}}}});
  ASSERT_EQ(simple.status, 201) << simple.body;
  make_all("/api/v1/cases/" + simple.json()["case"]["id"].get<std::string>(), "investigation", "simple");

  std::vector<std::string> missing;
  for (const auto& t : types)
    if (!made.count(t["id"])) missing.push_back(t["id"]);
  EXPECT_TRUE(missing.empty()) << "not made: " << Json(missing).dump();
}

}  // namespace
}  // namespace qc::testing
