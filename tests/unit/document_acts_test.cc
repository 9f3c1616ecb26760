// After a record is written (domain/documents.h): signatures bound to the version signed, refusals
// with their witnesses, the completeness a record without approval needs before it is issued, service
// by each method with its own facts, corrections through the chain, and the 专家论证 / 集体讨论 steps.
#include <gtest/gtest.h>

#include "app/catalogue.h"
#include "case_harness.h"
#include "domain/deadlines.h"
#include "domain/documents.h"

namespace qc::domain {
namespace {

using namespace testing_support;

class DocumentActsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto cat = app::LoadCatalogue("");
    ASSERT_TRUE(cat.ok()) << cat.status().message();
    catalogue_ = std::move(*cat);
    ASSERT_TRUE(h.Run(DecideOpen(off, ExOfficio()), off).ok());
    ASSERT_TRUE(h.Run(DecideSubmitStartApproval(h.c, off, {"apv_start", "建议启动", "", std::nullopt}), off).ok());
    ASSERT_TRUE(h.Run(DecideApprovalStep(h.c, reviewer, "apv_start", "approve", "同意"), reviewer).ok());
    ASSERT_TRUE(h.Run(DecideApprovalStep(h.c, approver, "apv_start", "approve", "同意"), approver).ok());
    ASSERT_TRUE(h.Run(DecideAssignOfficer(h.c, off, {"u_off3", "刘洋", "130000000003"}), off).ok());
    ASSERT_TRUE(h.Run(DecideAssignOfficer(h.c, off, {"u_aux", "赵辅", "", false, true}), off).ok());
  }
  const DocumentType& Type(const std::string& id) { return *catalogue_.Find(id); }
  // A registered record of the case (footage or a scanned receipt).
  void Media(const std::string& id, const std::string& act = "inspection") {
    ASSERT_TRUE(h.Run(std::vector<EventDraft>{{"MediaRegistered",
                                               {{"record_id", id},
                                                {"kind", "av"},
                                                {"act", act},
                                                {"stage", "investigation"},
                                                {"sha256", std::string(64, 'b')},
                                                {"file_name", id + ".mp4"}}}},
                      off)
                    .ok());
  }
  DocumentSignature By(const std::string& role, const std::string& name = "", std::optional<int> party = {}) {
    DocumentSignature s;
    s.role = role;
    s.name = name;
    s.party = party;
    if (role != "officer" && role != "server") s.image_sha256 = std::string(64, 'c');
    return s;
  }
  Status Sign(const Actor& a, const std::string& doc, const DocumentSignature& s) {
    return h.Run(DecideSignDocument(h.c, a, doc, s, "sha-" + std::to_string(h.c.version)), a);
  }
  // A penalty decision through the chain, issued.
  void IssuedDecision(const std::string& doc) {
    if (h.c.stage == Stage::kInvestigation)
      ASSERT_TRUE(h.Run(DecideAdvanceStage(h.c, off, Stage::kReviewDecision, "调查终结"), off).ok());
    const DocumentType& t = Type("penalty_decision");
    ASSERT_TRUE(h.Run(DecideDraftDocument(h.c, off, t, doc, t.example), off).ok());
    ASSERT_TRUE(h.Run(DecideSubmitDocument(h.c, off, t, doc, "apv_" + doc, "建议处罚"), off).ok());
    ASSERT_TRUE(h.Run(DecideApprovalStep(h.c, reviewer, "apv_" + doc, "approve", "同意"), reviewer).ok());
    ASSERT_TRUE(h.Run(DecideApprovalStep(h.c, approver, "apv_" + doc, "approve", "同意"), approver).ok());
    ASSERT_EQ(FindDocument(h.c, doc)->status, "issued");
  }
  DocumentService Service(const std::string& method, const std::string& outcome = "served") {
    DocumentService s;
    s.method = method;
    s.outcome = outcome;
    s.served_at = h.now + std::chrono::hours(1);
    s.recipient = "周涛";
    s.party = 0;
    return s;
  }
  Status Serve(const std::string& doc, const DocumentService& s) {
    return h.Run(DecideServeDocument(h.c, off, doc, s, h.now + std::chrono::hours(2)), off);
  }

  Catalogue catalogue_;
  CaseHarness h;
  Actor off = Officer(), liu = Officer("u_off3"), aux = Officer("u_aux"), stranger = Officer("u_off2"),
        reviewer = Staff(Role::kReviewer, "u_rev"), approver = Staff(Role::kApprover, "u_app"),
        legal = Staff(Role::kLegal, "u_legal");
};

TEST_F(DocumentActsTest, AnInspectionIsIssuedOnlyWithTwoOfficersThePartyAndItsFootage) {
  const DocumentType& t = Type("inspection_record");
  Json fields = t.example;
  // Its footage must be a record of the case (Art. 14).
  Status st = DecideDraftDocument(h.c, off, t, "doc_i", fields).status();
  EXPECT_EQ(st.field(), "fields.media[0].record") << st.message();
  fields.erase("media");
  ASSERT_TRUE(h.Run(DecideDraftDocument(h.c, off, t, "doc_i", fields), off).ok());
  EXPECT_TRUE(RequirementsJson(h.c.documents[0])["footage_missing"].get<bool>());

  // Officers sign as themselves, once per version; a stranger to the case cannot.
  ASSERT_TRUE(Sign(off, "doc_i", By("officer")).ok());
  EXPECT_EQ(Sign(off, "doc_i", By("officer")).code(), "already_signed");
  EXPECT_EQ(Sign(stranger, "doc_i", By("officer")).error_code(), ErrorCode::kPermissionDenied);
  // A 辅警 signs but is not one of the two officers (Art. 12).
  ASSERT_TRUE(Sign(aux, "doc_i", By("officer")).ok());
  EXPECT_EQ(DecideIssueDocument(h.c, off, t, "doc_i").status().code(), "missing_signature");
  ASSERT_TRUE(Sign(liu, "doc_i", By("officer")).ok());
  const Document& d = h.c.documents[0];
  ASSERT_EQ(d.signatures.size(), 3u);
  EXPECT_EQ(d.signatures[0].cert_no, "13062100017") << "the certificate on the case (Art. 12)";
  EXPECT_TRUE(d.signatures[1].auxiliary);
  EXPECT_EQ(d.signatures[2].cert_no, "130000000003");
  EXPECT_EQ(d.signatures[2].name, "刘洋");

  // The party: not a role this type has, an unknown party, no drawing — each refused at its field.
  EXPECT_EQ(Sign(off, "doc_i", By("interpreter", "王译")).field(), "role");
  EXPECT_EQ(Sign(off, "doc_i", By("party", "周涛", 3)).field(), "party");
  DocumentSignature undrawn = By("party", "周涛", 0);
  undrawn.image_sha256.clear();
  EXPECT_EQ(Sign(off, "doc_i", undrawn).field(), "image");
  // A refusal needs its reason and a witness or footage.
  DocumentSignature refusal = By("party", "周涛", 0);
  refusal.image_sha256.clear();
  refusal.refused = Refusal{"拒绝签名，称不认可检查结果", {}, {}};
  EXPECT_EQ(Sign(off, "doc_i", refusal).field(), "refused.witnesses");
  refusal.refused->witnesses = {"李明"};
  EXPECT_EQ(DecideIssueDocument(h.c, off, t, "doc_i").status().code(), "missing_signature");
  ASSERT_TRUE(Sign(off, "doc_i", refusal).ok());
  EXPECT_EQ(h.types.back(), "DocumentSignatureRefused");

  // Mandatory footage (Art. 14): not issued without it.
  st = DecideIssueDocument(h.c, off, t, "doc_i").status();
  EXPECT_EQ(st.code(), "missing_record");
  EXPECT_NE(st.message().find("第十四条"), std::string::npos);
  // Revised with its footage: a new version, which the signatures of the old one do not cover.
  Media("rec_1");
  fields["media"] = Json::array({{{"record", "rec_1"}}});
  ASSERT_TRUE(h.Run(DecideReviseDocument(h.c, off, t, "doc_i", fields), off).ok());
  EXPECT_EQ(h.c.documents[0].footage, std::vector<std::string>{"rec_1"});
  EXPECT_FALSE(ToJson(h.c.documents[0])["signatures"][0]["current"].get<bool>());
  EXPECT_EQ(DecideIssueDocument(h.c, off, t, "doc_i").status().code(), "missing_signature");
  ASSERT_TRUE(Sign(off, "doc_i", By("officer")).ok());
  ASSERT_TRUE(Sign(liu, "doc_i", By("officer")).ok());
  ASSERT_TRUE(Sign(off, "doc_i", By("party", "周涛", 0)).ok());
  ASSERT_TRUE(h.Run(DecideIssueDocument(h.c, off, t, "doc_i"), off).ok());
  Json j = ToJson(h.c.documents[0]);
  EXPECT_EQ(j["versions"].size(), 2u);
  EXPECT_TRUE(j["signed"].get<bool>());
  EXPECT_EQ(j["requirements"]["officer_signatures"], 2);
  // Signatures go on after issue (a witness, say), never while in the chain.
  EXPECT_TRUE(Sign(off, "doc_i", By("witness", "李明")).ok());
}

TEST_F(DocumentActsTest, ServiceByEachMethodRecordsItsOwnFactsAndPublicNoticeOnlyAfterAFailure) {
  const DocumentType& inquiry = Type("inquiry_record");
  ASSERT_TRUE(h.Run(DecideDraftDocument(h.c, off, inquiry, "doc_q", inquiry.example), off).ok());
  EXPECT_EQ(Serve("doc_q", Service("direct")).code(), "illegal_transition") << "an inquiry record is not served";
  IssuedDecision("doc_d");
  // Direct: who signed for it and their signature on the 送达回证 (Art. 24).
  DocumentService direct = Service("direct");
  EXPECT_EQ(Serve("doc_d", direct).field(), "relation");
  direct.facts["relation"] = "self";
  EXPECT_EQ(Serve("doc_d", direct).field(), "image");
  direct.served_at = h.now + std::chrono::hours(5);
  direct.facts["image_sha256"] = std::string(64, 'd');
  EXPECT_EQ(Serve("doc_d", direct).field(), "served_at") << "not in the future";
  // Direct service failed; registered mail failed (Art. 25: tracking number, posting receipt).
  DocumentService failed = Service("direct", "failed");
  EXPECT_EQ(Serve("doc_d", failed).field(), "failure_reason");
  failed.failure_reason = "经营场所已关闭，法定代表人下落不明";
  // 公告送达 stands on a failed attempt (Art. 27).
  DocumentService notice = Service("public");
  EXPECT_EQ(Serve("doc_d", notice).code(), "missing_record");
  ASSERT_TRUE(Serve("doc_d", failed).ok());
  DocumentService mail = Service("mail", "failed");
  mail.failure_reason = "邮件被退回：查无此人";
  EXPECT_EQ(Serve("doc_d", mail).field(), "tracking_no");
  mail.facts = {{"tracking_no", "XA123456789CN"}, {"posted_at", FormatRfc3339(h.now)}, {"posting_receipt", "rec_x"}};
  EXPECT_EQ(Serve("doc_d", mail).field(), "posting_receipt") << "a record of the case";
  Media("rec_post", "other");
  mail.facts["posting_receipt"] = "rec_post";
  ASSERT_TRUE(Serve("doc_d", mail).ok());
  // Public notice: why the rest failed, medium, period, the notice kept, footage.
  notice.facts = {{"other_methods_failed", "直接送达、邮寄送达均未能送达"},
                  {"medium", "易县公安局门户网站及办公场所公告栏"}};
  EXPECT_EQ(Serve("doc_d", notice).field(), "period_days");
  notice.facts["period_days"] = 30;
  EXPECT_EQ(Serve("doc_d", notice).field(), "notice");
  Media("rec_notice", "other");
  notice.facts["notice"] = "rec_notice";
  EXPECT_EQ(Serve("doc_d", notice).field(), "media");
  Media("rec_public", "public_notice");
  notice.media = {"rec_public"};
  EXPECT_FALSE(FindDocument(h.c, "doc_d")->Served());
  ASSERT_TRUE(Serve("doc_d", notice).ok());
  const Document& d = *FindDocument(h.c, "doc_d");
  EXPECT_TRUE(d.Served());
  ASSERT_EQ(d.services.size(), 3u);
  EXPECT_EQ(ToJson(d.services[2])["method_label"], "公告送达");
  EXPECT_EQ(d.services[2].facts["period_days"], 30);
}

TEST_F(DocumentActsTest, LeavingNeedsFootageAndFaxNeedsConsent) {
  IssuedDecision("doc_d");
  DocumentService left = Service("left");
  left.facts = {{"refusal_reason", "当事人拒绝签收"}, {"place", "易县城关镇迎宾路66号"}};
  EXPECT_EQ(Serve("doc_d", left).field(), "media") << "Art. 26: 采用音像记录等方式记录送达过程";
  DocumentService fax = Service("fax");
  fax.facts = {{"address", "0312-8212345"}, {"course", "传真发送后电话确认收到"}};
  EXPECT_EQ(Serve("doc_d", fax).field(), "consent") << "行政处罚法第六十一条";
  fax.facts["consent"] = true;
  EXPECT_TRUE(Serve("doc_d", fax).ok());
  DocumentService bogus = Service("pigeon");
  EXPECT_EQ(Serve("doc_d", bogus).field(), "method");
}

TEST_F(DocumentActsTest, ACorrectionGoesThroughTheChainAndKeepsTheOriginal) {
  IssuedDecision("doc_d");
  const DocumentType& t = Type("penalty_decision");
  Json fields = t.example;
  EXPECT_EQ(DecideCorrectDocument(h.c, off, t, "doc_d", "apv_c", fields, "笔误更正", "请批准").status().field(),
            "fields")
      << "nothing changed";
  fields["facts"] = fields["facts"].get<std::string>() + "（更正：营业时间为二十时至次日二时）";
  EXPECT_EQ(DecideCorrectDocument(h.c, off, t, "doc_d", "apv_c", fields, "", "请批准").status().field(), "reason");
  ASSERT_TRUE(
      h.Run(DecideCorrectDocument(h.c, off, t, "doc_d", "apv_c", fields, "事实部分营业时间笔误", "请批准更正"), off)
          .ok());
  EXPECT_EQ(h.c.approvals.back().kind, ApprovalKind::kCorrection);
  EXPECT_EQ(FindDocument(h.c, "doc_d")->version, 1) << "nothing changes before the approval";
  ASSERT_TRUE(h.Run(DecideApprovalStep(h.c, reviewer, "apv_c", "approve", "同意"), reviewer).ok());
  ASSERT_TRUE(h.Run(DecideApprovalStep(h.c, approver, "apv_c", "approve", "同意更正"), approver).ok());
  EXPECT_EQ(h.types.back(), "DocumentCorrected");
  const Document& d = *FindDocument(h.c, "doc_d");
  EXPECT_EQ(d.version, 2);
  EXPECT_EQ(d.fields, fields);
  ASSERT_EQ(d.versions.size(), 2u);
  EXPECT_EQ(d.versions[0].fields, t.example) << "the original stays visible (Art. 38)";
  ASSERT_EQ(d.corrections.size(), 1u);
  EXPECT_EQ(d.corrections[0].changed, std::vector<std::string>{"fields.facts"});
  EXPECT_EQ(d.corrections[0].by.id, "u_app");
  EXPECT_EQ(d.number, "易公行罚决字〔2026〕1号") << "the number stays";
}

TEST_F(DocumentActsTest, AMajorCasesDecisionWaitsForCollectiveDiscussionAndMayHaveExpertOpinion) {
  ASSERT_TRUE(h.Run(DecideSetMajor(h.c, off, "apv_m", true, "涉案金额较大"), off).ok());
  ASSERT_TRUE(h.Run(DecideAdvanceStage(h.c, off, Stage::kReviewDecision, "调查终结"), off).ok());
  const DocumentType& t = Type("penalty_decision");
  ASSERT_TRUE(h.Run(DecideDraftDocument(h.c, off, t, "doc_d", t.example), off).ok());
  ASSERT_TRUE(h.Run(DecideSubmitDocument(h.c, off, t, "doc_d", "apv_d", "建议处罚"), off).ok());
  ASSERT_TRUE(h.Run(DecideApprovalStep(h.c, reviewer, "apv_d", "approve", "同意"), reviewer).ok());
  // 法制审核 for a major case; an expert opinion recorded there, by the 法制员 only.
  ExpertOpinion e{{{"王教授", "河北大学法学院"}}, "游戏机具有押分退分功能，属赌博功能电子游戏设施"};
  EXPECT_EQ(DecideRecordExpertOpinion(h.c, reviewer, "apv_d", e).status().error_code(), ErrorCode::kPermissionDenied);
  ASSERT_TRUE(h.Run(DecideRecordExpertOpinion(h.c, legal, "apv_d", e), legal).ok());
  EXPECT_EQ(h.c.approvals.back().state, ApprovalState::kLegalReview) << "recording does not move the chain";
  Status legal_ok = h.Run(DecideApprovalStep(h.c, legal, "apv_d", "approve", "事实清楚，证据充分"), legal);
  ASSERT_TRUE(legal_ok.ok()) << legal_ok.ToString();
  // The 负责人 cannot approve before the collective discussion (行政处罚法第五十七条第二款).
  Status st = DecideApprovalStep(h.c, approver, "apv_d", "approve", "同意").status();
  EXPECT_EQ(st.code(), "missing_record");
  EXPECT_NE(st.message().find("集体讨论"), std::string::npos);
  CollectiveDiscussion d{
      h.now + std::chrono::minutes(1), {"张局长", "李副局长"}, "与会人员讨论了违法情节与处罚幅度", "同意罚款三万元"};
  EXPECT_EQ(DecideRecordCollectiveDiscussion(h.c, approver, "apv_d", d, h.now + std::chrono::hours(1)).status().field(),
            "participants");
  d.participants.push_back("王法制");
  EXPECT_EQ(
      DecideRecordCollectiveDiscussion(h.c, legal, "apv_d", d, h.now + std::chrono::hours(1)).status().error_code(),
      ErrorCode::kPermissionDenied)
      << "the 负责人's";
  ASSERT_TRUE(
      h.Run(DecideRecordCollectiveDiscussion(h.c, approver, "apv_d", d, h.now + std::chrono::hours(1)), approver).ok());
  ASSERT_TRUE(h.Run(DecideApprovalStep(h.c, approver, "apv_d", "approve", "同意"), approver).ok());
  EXPECT_EQ(FindDocument(h.c, "doc_d")->status, "issued");
  Json steps = ApprovalToJson(h.c.approvals.back())["steps"];
  ASSERT_EQ(steps.size(), 6u);
  EXPECT_EQ(steps[2]["step"], "expert_opinion");
  EXPECT_EQ(steps[4]["step"], "collective_discussion");
  EXPECT_EQ(steps[4]["detail"]["participants"].size(), 3u);
}

TEST_F(DocumentActsTest, TheCatalogueDecisionAndItsServiceAndExecutionCompleteTheStages) {
  IssuedDecision("doc_d");
  ASSERT_TRUE(h.Run(DecideAdvanceStage(h.c, off, Stage::kServiceExecution, "决定已作出"), off).ok());
  EXPECT_EQ(DecideAdvanceStage(h.c, off, Stage::kArchiving, "执行完毕").status().code(), "missing_record");
  DocumentService direct = Service("direct");
  direct.facts = {{"relation", "legal_representative"}, {"image_sha256", std::string(64, 'd')}};
  ASSERT_TRUE(Serve("doc_d", direct).ok());
  // A record of non-performance does not end the execution; one of performance does.
  const DocumentType& p = Type("performance_record");
  Json unpaid = p.example;
  unpaid["status"] = "not_performed";
  ASSERT_TRUE(h.Run(DecideDraftDocument(h.c, off, p, "doc_p1", unpaid), off).ok());
  ASSERT_TRUE(Sign(off, "doc_p1", By("officer")).ok());
  ASSERT_TRUE(h.Run(DecideIssueDocument(h.c, off, p, "doc_p1"), off).ok());
  EXPECT_EQ(DecideAdvanceStage(h.c, off, Stage::kArchiving, "执行完毕").status().code(), "missing_record");
  ASSERT_TRUE(h.Run(DecideDraftDocument(h.c, off, p, "doc_p2", p.example), off).ok());
  ASSERT_TRUE(Sign(off, "doc_p2", By("officer")).ok());
  ASSERT_TRUE(h.Run(DecideIssueDocument(h.c, off, p, "doc_p2"), off).ok());
  EXPECT_TRUE(DecideAdvanceStage(h.c, off, Stage::kArchiving, "执行完毕").ok());
}

// The time limits the records start (issue 13 §6), from the catalogue, until met.
TEST_F(DocumentActsTest, IssuedRecordsStartTheirDeadlinesUntilMet) {
  auto find = [&](const std::string& kind) -> std::optional<Deadline> {
    for (const auto& d : Deadlines(h.c))
      if (d.kind == kind) return d;
    return std::nullopt;
  };
  // The seizure's term: from its start, for its period (行政强制法第二十五条), until released.
  const DocumentType& seizure = Type("seizure_decision");
  Media("rec_s", "seizure");
  Json fields = seizure.example;
  fields["media"] = Json::array({{{"record", "rec_s"}}});
  fields["started_at"] = "2026-02-05T22:40:00+08:00";
  fields["period_days"] = 30;
  ASSERT_TRUE(h.Run(DecideDraftDocument(h.c, off, seizure, "doc_s", fields), off).ok());
  EXPECT_FALSE(find("seizure_term")) << "not before it is issued";
  ASSERT_TRUE(h.Run(DecideSubmitDocument(h.c, off, seizure, "doc_s", "apv_s", "呈请扣押"), off).ok());
  ASSERT_TRUE(h.Run(DecideApprovalStep(h.c, reviewer, "apv_s", "approve", "同意"), reviewer).ok());
  ASSERT_TRUE(h.Run(DecideApprovalStep(h.c, approver, "apv_s", "approve", "同意"), approver).ok());
  auto term = find("seizure_term");
  ASSERT_TRUE(term);
  EXPECT_EQ(FormatRfc3339(term->due), "2026-03-07T15:59:59.999Z") << "30 days after 5 February, to the day's end";
  EXPECT_EQ(term->article, "行政强制法第二十五条");
  EXPECT_NE(term->label.find("易公扣字〔2026〕1号"), std::string::npos) << term->label;
  const DocumentType& release = Type("release_decision");
  Json rel = release.example;
  rel.erase("media");
  ASSERT_TRUE(h.Run(DecideDraftDocument(h.c, off, release, "doc_r", rel), off).ok());
  ASSERT_TRUE(h.Run(DecideSubmitDocument(h.c, off, release, "doc_r", "apv_r", "呈请解除"), off).ok());
  ASSERT_TRUE(h.Run(DecideApprovalStep(h.c, reviewer, "apv_r", "approve", "同意"), reviewer).ok());
  ASSERT_TRUE(h.Run(DecideApprovalStep(h.c, approver, "apv_r", "approve", "同意"), approver).ok());
  EXPECT_FALSE(find("seizure_term")) << "met by the release";

  // The decision: served within 7 days (行政处罚法第六十一条), then the fine paid within 15 days of
  // service (第六十七条), until executed.
  IssuedDecision("doc_d");
  auto service = find("decision_service");
  ASSERT_TRUE(service);
  EXPECT_EQ(service->due - service->since > std::chrono::hours(24 * 7), true);
  EXPECT_FALSE(find("fine_payment"));
  DocumentService direct = Service("direct");
  direct.facts = {{"relation", "legal_representative"}, {"image_sha256", std::string(64, 'd')}};
  ASSERT_TRUE(Serve("doc_d", direct).ok());
  EXPECT_FALSE(find("decision_service"));
  auto fine = find("fine_payment");
  ASSERT_TRUE(fine);
  EXPECT_EQ(fine->since, direct.served_at);
  ASSERT_TRUE(h.Run(DecideAdvanceStage(h.c, off, Stage::kServiceExecution, "决定已作出"), off).ok());
  const DocumentType& p = Type("performance_record");
  ASSERT_TRUE(h.Run(DecideDraftDocument(h.c, off, p, "doc_p", p.example), off).ok());
  ASSERT_TRUE(Sign(off, "doc_p", By("officer")).ok());
  ASSERT_TRUE(h.Run(DecideIssueDocument(h.c, off, p, "doc_p"), off).ok());
  EXPECT_FALSE(find("fine_payment")) << "executed";
}

}  // namespace
}  // namespace qc::domain
