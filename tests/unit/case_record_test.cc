// The typed parts of the case record (domain/case_record.h): what the edge and the events carry comes
// back field for field, the case JSON shows the folded parts, and data of the wrong shape is a Status
// of Apply rather than a lost field or an exception.
#include <gtest/gtest.h>

#include "case_harness.h"
#include "domain/case_record.h"
#include "domain/media.h"

namespace qc::domain {
namespace {

using namespace testing_support;

// Times are as the edge writes them (FormatRfc3339: UTC, milliseconds).
TEST(CaseRecord, EveryFieldOfTheEventDataComesBack) {
  const Json party = {{"kind", "legal_person"},
                      {"name", "易县金嗓子娱乐有限公司"},
                      {"id_number", "91130633MA0A7B8C9D"},
                      {"phone", "0312-8265678"},
                      {"address", "迎宾路66号"},
                      {"legal_representative", "周涛"},
                      {"gender", "男"},
                      {"occupation", "经理"}};
  EXPECT_EQ(ToJson(PartyFromJson(party)), party);
  const Json application = {{"channel", "oral"},
                            {"matter", "大型群众性活动安全许可"},
                            {"oral_record", "申请人口述"},
                            {"materials", {"申请表", "活动方案"}},
                            {"received_at", "2026-11-27T01:30:00.000Z"}};
  EXPECT_EQ(EventData(ApplicationFromJson(application)), application);
  const Json complaint = {{"channel", "phone"},
                          {"content", "夜间噪声扰民"},
                          {"complainant", {{"name", "刘桂兰"}, {"phone", "13903120456"}, {"anonymous", false}}},
                          {"respondent", "西街加工作坊"},
                          {"received_at", "2026-11-27T14:10:00.000Z"}};
  EXPECT_EQ(EventData(ComplaintFromJson(complaint)), complaint);
  const Json notice = {{"reason", "属环保部门管辖"},
                       {"notice_no", "不启字1号"},
                       {"notice_method", "mail"},
                       {"competent_authority", "生态环境局易县分局"},
                       {"notified_at", "2026-11-28T02:00:00.000Z"}};
  EXPECT_EQ(EventData(ComplaintNoticeFromJson(notice)), notice);
  const Json correction = {{"field", "名称"}, {"before", "博览汇"}, {"after", "博览会"}, {"confirmed_by", "马晓东"}};
  EXPECT_EQ(EventData(CorrectionFromJson(correction)), correction);
  const Json supplement = {{"items", {"消防证明"}}, {"deadline", "2026-12-10"}, {"note", "一次性告知"}};
  EXPECT_EQ(EventData(SupplementNoticeFromJson(supplement)), supplement);
  const Json received = {{"items", {"消防证明"}}, {"note", "已收到"}};
  EXPECT_EQ(EventData(SupplementReceiptFromJson(received)), received);
  const Json receipt = {{"kind", "non_acceptance"}, {"receipt_no", "易公不受〔2026〕1号"}, {"recipient", "马晓东"}};
  EXPECT_EQ(EventData(ReceiptFromJson(receipt)), receipt);
  const Json form = {{"cause", "巡查发现"}, {"handler_opinion", "建议启动"}, {"leader_opinion", "同意"}};
  EXPECT_EQ(ToJson(StartFormFromJson(form)), form);
}

TEST(CaseRecord, AMediaRecordKeepsItsDataAndShowsItsUseAndLateness) {
  MediaRecord m;
  m.record_id = "rec_1";
  m.upload_id = "upl_1";
  m.kind = MediaKind::kAv;
  m.act = "site_inspection";
  m.stage = Stage::kInvestigation;
  m.file_name = "现场检查.mp4";
  m.content_type = "video/mp4";
  m.sha256 = std::string(64, 'a');
  m.sm3 = std::string(64, 'b');
  m.size = 1234;
  m.media = {{"container", "mov,mp4,m4a,3gp,3g2,mj2"}, {"duration_seconds", 12.5}};
  m.device_id = "dev_1";
  m.device_serial = "ZFJLY-001";
  m.officer_id = "u_off1";
  m.officer_name = "张伟";
  m.capture_start = TimePoint{std::chrono::seconds(1795741000)};
  m.capture_end = TimePoint{std::chrono::seconds(1795741300)};
  m.parties_informed = true;
  m.station_id = "st_1";
  Json data = EventData(m);
  EXPECT_EQ(EventData(MediaRecordFromJson(data)), data);

  // Registered 25 hours after capture ended, then played twice.
  CaseHarness h;
  OpenCaseCommand open = OpenApplication();
  ASSERT_TRUE(h.Run(DecideOpen(Officer(), open), Officer()).ok());
  ASSERT_TRUE(h.Run(DecideApplication(h.c, Officer(), {"", true}), Officer()).ok());
  h.now = *m.capture_end + std::chrono::hours(25);
  ASSERT_TRUE(h.Run({std::vector<EventDraft>{{"MediaRegistered", data}}}, Officer()).ok());
  for (int i = 0; i < 2; ++i)
    ASSERT_TRUE(
        h.Run({std::vector<EventDraft>{{"RecordAccessed", {{"record_id", "rec_1"}, {"purpose", "play"}}}}}, Officer())
            .ok());
  Json shown = CaseToJson(h.c)["media"][0];
  EXPECT_EQ(shown["access_count"], 2);
  EXPECT_EQ(shown["act_label"], "现场检查");
  EXPECT_EQ(shown["registered_by"]["id"], "u_off1");
  ASSERT_TRUE(shown["late"].is_object());
  EXPECT_EQ(shown["late"]["rule"], "ART33-AV-24H");
  EXPECT_GE(shown["late"]["delay_seconds"].get<int64_t>(), 25 * 3600);
  for (const auto& [key, value] : data.items()) EXPECT_EQ(shown[key], value) << key;
}

TEST(CaseRecord, TheCaseJsonShowsTheApplicationAsFolded) {
  CaseHarness h;
  const Actor off = Officer();
  ASSERT_TRUE(h.Run(DecideOpen(off, OpenApplication()), off).ok());
  Json app = CaseToJson(h.c)["application"];
  EXPECT_EQ(app["supplement_notice"], nullptr);
  EXPECT_EQ(app["decision"], nullptr);
  EXPECT_EQ(app["corrections"], Json::array());
  ASSERT_TRUE(h.Run(DecideSupplementNotice(h.c, off, SupplementNoticeFromJson({{"items", {"消防证明"}}})), off).ok());
  ASSERT_TRUE(
      h.Run(DecideSupplementReceived(h.c, off, SupplementReceiptFromJson({{"items", {"消防证明"}}})), off).ok());
  ASSERT_TRUE(testing_support::RefuseApplication(h, off).ok());
  app = CaseToJson(h.c)["application"];
  EXPECT_EQ(app["supplement_notice"]["items"], Json::array({"消防证明"}));
  EXPECT_TRUE(app["supplement_notice"]["issued_at"].is_string());
  EXPECT_EQ(app["supplement_notice"]["received"]["items"], Json::array({"消防证明"}));
  EXPECT_EQ(app["decision"]["accepted"], false);
  EXPECT_EQ(app["decision"]["reason"], "申请事项不属于本机关职权范围");
  EXPECT_EQ(app["decision"]["ground"], "not_competent");
  EXPECT_EQ(app["decision"]["ground_label"], "申请事项依法不属于本机关职权范围");
  EXPECT_EQ(app["decision"]["competent_authority"], "易县文化广电和旅游局");
  EXPECT_TRUE(app["decision"]["remedies"].is_string());
  EXPECT_EQ(app["decision"]["by"]["id"], "u_app") << "the 负责人 decided the refusal";
}

TEST(CaseRecord, DataOfTheWrongShapeIsAStatusOfApply) {
  CaseHarness h;
  ASSERT_TRUE(h.Run(DecideOpen(Officer(), OpenApplication()), Officer()).ok());
  struct Bad {
    const char* type;
    Json data;
  };
  for (const Bad& bad :
       {Bad{"PartyAdded", {{"party", {{"kind", "robot"}, {"name", "x"}}}}}, Bad{"PartyAdded", Json::object()},
        Bad{"ReceiptIssued", {{"kind", "thanks"}, {"receipt_no", "1"}}},
        Bad{"SupplementReceived", {{"items", {"x"}}}},  // no notice was issued
        Bad{"ComplaintNotStarted", {{"reason", "x"}}},  // not a complaint case
        Bad{"MediaRegistered", {{"record_id", "r"}, {"kind", "av"}, {"stage", "nowhere"}}},
        Bad{"MediaRegistered", {{"record_id", "r"}, {"kind", "av"}, {"capture_end", "yesterday"}}}}) {
    Event e;
    e.index = 99;
    e.type = bad.type;
    e.case_id = "case_1";
    e.actor = Officer().Ref();
    e.data = bad.data;
    CaseState copy = h.c;
    Status st;
    EXPECT_NO_THROW(st = Apply(copy, e)) << bad.data.dump();
    EXPECT_FALSE(st.ok()) << bad.type << " " << bad.data.dump();
    EXPECT_NE(st.message().find(bad.type), std::string::npos) << st.message();
  }
}

}  // namespace
}  // namespace qc::domain
