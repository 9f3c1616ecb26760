// Vocabulary of the domain: roles, the three ways to start a case, the five stages (Art. 4),
// case status, party kinds. Each enum has a stable wire name (used in events and the API) and a
// Chinese label (used in the UI and in error messages).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace qc::domain {

enum class Role { kOfficer, kReviewer, kApprover, kLegal, kCustodian, kAdmin };
// 执法人员 / 审核人 / 负责人(批准人) / 法制员 / 档案管理员 / 系统管理员

enum class StartMode {
  kApplication,  // 依申请 (Art. 9)
  kExOfficio,    // 依职权 (Art. 10)
  kComplaint,    // 投诉举报 (Art. 11)
};

enum class Stage {
  kInitiation,        // 程序启动
  kInvestigation,     // 调查取证
  kReviewDecision,    // 审查决定
  kServiceExecution,  // 送达执行
  kArchiving,         // 归档管理
};

enum class CaseStatus {
  kPending,           // in 程序启动, not yet submitted or decided
  kAwaitingApproval,  // a start approval is in the chain (Art. 7)
  kReturned,          // returned to the 承办人 for revision
  kInProgress,        // the procedure is started
  kNotAccepted,       // 不予受理 (Art. 9), terminal
  kNotStarted,        // 投诉举报 not started (Art. 11), terminal; the written notice follows
  kRejected,          // start approval rejected, terminal
  kTransferred,       // 投诉举报 transferred to the competent unit (程序规定 第六十一条), terminal
};

enum class PartyKind { kNaturalPerson, kLegalPerson, kOtherOrganization };  // 自然人 / 法人 / 其他组织

enum class Procedure { kOrdinary, kSimple };  // 普通程序 / 简易程序 (Art. 23)

// What an approval (审批, Art. 7) is about: the start (程序启动审批表, Art. 10), a refusal to accept an
// application (不予受理, Art. 9) or to start on a complaint (不予启动, Art. 11), and clearing the 重大复杂
// flag (Art. 5), which removes the legal review and so is the 负责人's to decide. The decisions of later
// stages join here.
// The decision of the 审查决定 stage (处理决定, Art. 21; 行政处罚法 第五十七条、第五十八条) runs the same chain.
enum class ApprovalKind { kStart, kNonAcceptance, kNotStart, kClearMajor, kDecision, kDocument, kCorrection };

// Where an approval stands: open while a role's decision is awaited, then closed.
enum class ApprovalState {
  kReviewing,    // 待审核 (审核人)
  kLegalReview,  // 待法制审核 (法制员; 重大复杂, Art. 5)
  kDeciding,     // 待负责人批准 (负责人)
  kApproved,     // 已批准
  kReturned,     // 已退回 (to the 承办人 for revision)
  kRejected,     // 不予批准
};

// A step of the chain and what its actor decided.
// 承办人提交 / 审核 / 法制审核 / 负责人批准 / 专家论证 (Art. 19) / 集体讨论 (Art. 20). The last two are
// recorded in the chain without moving it (decision `opinion`).
enum class ApprovalStepKind { kSubmit, kReview, kLegalReview, kDecide, kExpert, kCollective };
enum class ApprovalDecision { kSubmit, kApprove, kReturn, kReject, kOpinion };  // 提交 / 同意 / 退回 / 不予批准

// A tus upload's life (app/uploads.h) and the two kinds of media record.
enum class UploadState { kReceiving, kComplete, kRegistered, kRefused };  // 上传中 / 已接收 / 已登记 / 已拒绝
enum class MediaKind { kAv, kAttachment };                                // 音像记录 / 附件

// The written receipts of an application (书面凭证或回执, Art. 9).
enum class ReceiptKind { kMaterials, kAcceptance, kNonAcceptance };  // 材料接收 / 受理 / 不予受理

// The ground of a refusal to accept (不予受理, 行政许可法 第三十二条第一款第一、二项; Art. 9): the matter
// needs no licence, it is another authority's (the applicant is told which), or another ground stated.
enum class NonAcceptanceGround { kNotRequired, kNotCompetent, kOther };

// A natural person's identity document (身份证件种类).
enum class IdType { kResidentId, kPassport, kHkMacaoPermit, kTaiwanPermit, kForeignPermanent, kOther };
// 居民身份证 / 护照 / 港澳居民来往内地通行证 / 台湾居民来往大陆通行证 / 外国人永久居留身份证 / 其他

std::string_view ToString(Role r);
std::string_view ToString(StartMode m);
std::string_view ToString(Stage s);
std::string_view ToString(CaseStatus s);
std::string_view ToString(PartyKind k);
std::string_view ToString(Procedure p);
std::string_view ToString(ApprovalKind k);
std::string_view ToString(ApprovalState s);
std::string_view ToString(ApprovalStepKind s);
std::string_view ToString(ApprovalDecision d);
std::string_view ToString(UploadState s);
std::string_view ToString(MediaKind k);
std::string_view ToString(ReceiptKind k);
std::string_view ToString(NonAcceptanceGround g);
std::string_view ToString(IdType t);

std::string_view Label(Role r);
std::string_view Label(StartMode m);
std::string_view Label(Stage s);
std::string_view Label(CaseStatus s);
std::string_view Label(PartyKind k);
std::string_view Label(Procedure p);
std::string_view Label(ApprovalKind k);
std::string_view Label(ApprovalState s);
std::string_view Label(ApprovalStepKind s);
std::string_view Label(ApprovalDecision d);
std::string_view Label(UploadState s);
std::string_view Label(MediaKind k);
std::string_view Label(ReceiptKind k);
std::string_view Label(NonAcceptanceGround g);
std::string_view Label(IdType t);

std::optional<Role> ParseRole(std::string_view s);
std::optional<StartMode> ParseStartMode(std::string_view s);
std::optional<Stage> ParseStage(std::string_view s);
std::optional<CaseStatus> ParseCaseStatus(std::string_view s);
std::optional<PartyKind> ParsePartyKind(std::string_view s);
std::optional<Procedure> ParseProcedure(std::string_view s);
std::optional<ApprovalKind> ParseApprovalKind(std::string_view s);
std::optional<ApprovalState> ParseApprovalState(std::string_view s);
std::optional<ApprovalStepKind> ParseApprovalStepKind(std::string_view s);
std::optional<ApprovalDecision> ParseApprovalDecision(std::string_view s);
std::optional<UploadState> ParseUploadState(std::string_view s);
std::optional<MediaKind> ParseMediaKind(std::string_view s);
std::optional<ReceiptKind> ParseReceiptKind(std::string_view s);
std::optional<NonAcceptanceGround> ParseNonAcceptanceGround(std::string_view s);
std::optional<IdType> ParseIdType(std::string_view s);

// Every enum above as {"<name>": [{"value": wire name, "label": Chinese label}, ...]}, in declaration
// order: what GET /api/v1/vocabulary sends, so the web client shows the server's labels.
struct VocabularyEntry {
  std::string_view value, label;
};
struct Vocabulary {
  std::string_view name;
  std::vector<VocabularyEntry> entries;
};
std::vector<Vocabulary> AllVocabularies();

inline bool IsTerminal(CaseStatus s) {
  return s == CaseStatus::kNotAccepted || s == CaseStatus::kNotStarted || s == CaseStatus::kRejected ||
         s == CaseStatus::kTransferred;
}

}  // namespace qc::domain
