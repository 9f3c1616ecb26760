// The written records of a case (domain/documents.h): drafted with checked fields in a stage its type
// allows, revised as new versions while a draft, issued at once or through the approval chain with
// the 文号 of its series, and never edited once issued.
#include <gtest/gtest.h>

#include "app/catalogue.h"
#include "case_harness.h"
#include "domain/documents.h"

namespace qc::domain {
namespace {

using namespace testing_support;

// Two officers and the party sign the current version of an inquiry record (Art. 12).
void SignInquiry(CaseHarness& h, const std::string& doc) {
  Actor liu = Officer("u_off3");
  if (!h.c.HasOfficer("u_off3"))
    ASSERT_TRUE(h.Run(DecideAssignOfficer(h.c, Officer(), {"u_off3", "刘洋", "130000000003"}), Officer()).ok());
  DocumentSignature officer;
  officer.role = "officer";
  ASSERT_TRUE(h.Run(DecideSignDocument(h.c, Officer(), doc, officer, "hash"), Officer()).ok());
  ASSERT_TRUE(h.Run(DecideSignDocument(h.c, liu, doc, officer, "hash"), liu).ok());
  DocumentSignature party;
  party.role = "party";
  party.name = "周涛";
  party.party = 0;
  party.image_sha256 = std::string(64, 'a');
  ASSERT_TRUE(h.Run(DecideSignDocument(h.c, Officer(), doc, party, "hash"), Officer()).ok());
}

class DocumentsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto cat = app::LoadCatalogue("");
    ASSERT_TRUE(cat.ok()) << cat.status().message();
    catalogue_ = std::move(*cat);
    // Scenario A in 调查取证: opened, its start approved.
    ASSERT_TRUE(h.Run(DecideOpen(off, ExOfficio()), off).ok());
    ASSERT_TRUE(h.Run(DecideSubmitStartApproval(h.c, off, {"apv_start", "建议启动", "", std::nullopt}), off).ok());
    ASSERT_TRUE(h.Run(DecideApprovalStep(h.c, reviewer, "apv_start", "approve", "同意"), reviewer).ok());
    ASSERT_TRUE(h.Run(DecideApprovalStep(h.c, approver, "apv_start", "approve", "同意"), approver).ok());
    ASSERT_EQ(h.c.stage, Stage::kInvestigation);
  }
  const DocumentType& Type(const std::string& id) { return *catalogue_.Find(id); }

  Catalogue catalogue_;
  CaseHarness h;
  Actor off = Officer(), other = Officer("u_off2"), reviewer = Staff(Role::kReviewer, "u_rev"),
        approver = Staff(Role::kApprover, "u_app");
};

TEST_F(DocumentsTest, DraftedRevisedThenIssuedAndNeverEditedAgain) {
  const DocumentType& inquiry = Type("inquiry_record");
  Json fields = inquiry.example;
  // Its fields are checked by path; the party must be one of the case.
  Json bad = fields;
  bad["subject"] = 5;
  EXPECT_EQ(DecideDraftDocument(h.c, off, inquiry, "doc_1", bad).status().field(), "fields.subject");
  bad = fields;
  bad.erase("content");
  EXPECT_EQ(DecideDraftDocument(h.c, off, inquiry, "doc_1", bad).status().field(), "fields.content");
  // Only the case's officers write its records.
  EXPECT_EQ(DecideDraftDocument(h.c, other, inquiry, "doc_1", fields).status().error_code(),
            ErrorCode::kPermissionDenied);
  ASSERT_TRUE(h.Run(DecideDraftDocument(h.c, off, inquiry, "doc_1", fields), off).ok());
  ASSERT_EQ(h.c.documents.size(), 1u);
  EXPECT_EQ(h.c.documents[0].status, "draft");
  EXPECT_EQ(h.c.documents[0].name, "询问笔录");

  fields["content"] = "问：游戏机是谁安装的？答：是老板让人装的，去年十月装的。";
  ASSERT_TRUE(h.Run(DecideReviseDocument(h.c, off, inquiry, "doc_1", fields), off).ok());
  EXPECT_EQ(h.c.documents[0].version, 2);
  EXPECT_EQ(h.c.documents[0].fields, fields);
  // A record without approval is issued by its officer once signed; without a 文号 it has none.
  EXPECT_EQ(DecideSubmitDocument(h.c, off, inquiry, "doc_1", "apv_x", "请审批").status().code(), "illegal_transition");
  EXPECT_EQ(DecideIssueDocument(h.c, off, inquiry, "doc_1").status().code(), "missing_signature");
  SignInquiry(h, "doc_1");
  ASSERT_TRUE(h.Run(DecideIssueDocument(h.c, off, inquiry, "doc_1"), off).ok());
  EXPECT_EQ(h.c.documents[0].status, "issued");
  EXPECT_FALSE(h.c.documents[0].number);
  // Issued: never edited (Art. 38).
  Status again = DecideReviseDocument(h.c, off, inquiry, "doc_1", fields).status();
  EXPECT_EQ(again.code(), "illegal_transition");
  EXPECT_NE(again.message().find("不能修改"), std::string::npos);
  EXPECT_EQ(DecideIssueDocument(h.c, off, inquiry, "doc_1").status().code(), "illegal_transition");
  EXPECT_EQ(DecideReviseDocument(h.c, off, inquiry, "doc_9", fields).status().code(), "not_found");
}

TEST_F(DocumentsTest, ARecordIsMadeOnlyInTheStageAndProcedureItsTypeAllows) {
  const DocumentType& decision = Type("penalty_decision");
  Status st = DecideDraftDocument(h.c, off, decision, "doc_1", decision.example).status();
  EXPECT_EQ(st.code(), "illegal_transition");
  EXPECT_NE(st.message().find("审查决定"), std::string::npos) << st.message();
  ASSERT_TRUE(h.Run(DecideAdvanceStage(h.c, off, Stage::kReviewDecision, "调查终结"), off).ok());
  EXPECT_TRUE(DecideDraftDocument(h.c, off, decision, "doc_1", decision.example).ok());
  EXPECT_EQ(
      DecideDraftDocument(h.c, off, Type("inquiry_record"), "doc_2", Type("inquiry_record").example).status().code(),
      "illegal_transition");
}

TEST_F(DocumentsTest, ADecisionGoesThroughTheChainAndItsApprovalIssuesItWithItsNumber) {
  ASSERT_TRUE(h.Run(DecideAdvanceStage(h.c, off, Stage::kReviewDecision, "调查终结"), off).ok());
  const DocumentType& decision = Type("penalty_decision");
  ASSERT_TRUE(h.Run(DecideDraftDocument(h.c, off, decision, "doc_d", decision.example), off).ok());
  EXPECT_EQ(DecideIssueDocument(h.c, off, decision, "doc_d").status().code(), "illegal_transition")
      << "a decision is not issued by its drafter (Art. 7, 21)";
  EXPECT_EQ(DecideSubmitDocument(h.c, off, decision, "doc_d", "apv_d", "").status().field(), "opinion");
  ASSERT_TRUE(h.Run(DecideSubmitDocument(h.c, off, decision, "doc_d", "apv_d", "建议处罚"), off).ok());
  EXPECT_EQ(h.c.documents[0].status, "awaiting_approval");
  EXPECT_EQ(h.c.approvals.back().kind, ApprovalKind::kDocument);
  EXPECT_EQ(DecideReviseDocument(h.c, off, decision, "doc_d", decision.example).status().code(), "illegal_transition")
      << "not while in the chain";
  // Returned: a draft again, revised, submitted again.
  ASSERT_TRUE(h.Run(DecideApprovalStep(h.c, reviewer, "apv_d", "return", "证据不足，补充询问笔录"), reviewer).ok());
  EXPECT_EQ(h.c.documents[0].status, "draft");
  ASSERT_TRUE(h.Run(DecideReviseDocument(h.c, off, decision, "doc_d", decision.example), off).ok());
  ASSERT_TRUE(h.Run(DecideSubmitDocument(h.c, off, decision, "doc_d", "apv_d2", "已补充，建议处罚"), off).ok());
  ASSERT_TRUE(h.Run(DecideApprovalStep(h.c, reviewer, "apv_d2", "approve", "同意"), reviewer).ok());
  ASSERT_TRUE(h.Run(DecideApprovalStep(h.c, approver, "apv_d2", "approve", "同意处罚"), approver).ok());
  EXPECT_EQ(h.types.back(), "DocumentIssued");
  const Document& d = h.c.documents[0];
  EXPECT_EQ(d.status, "issued");
  EXPECT_EQ(d.version, 2);
  EXPECT_EQ(d.number, "易公行罚决字〔2026〕1号") << "the series of its type";
  EXPECT_EQ(d.issued_by->id, "u_app") << "issued by the 负责人's approval";
}

}  // namespace
}  // namespace qc::domain
