// Vocabulary of the domain: roles, the three ways to start a case, the five stages (Art. 4),
// case status, party kinds. Each enum has a stable wire name (used in events and the API) and a
// Chinese label (used in the UI and in error messages).
#pragma once

#include <optional>
#include <string>
#include <string_view>

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
  kNotStarted,        // 投诉举报 not started, complainant notified (Art. 11), terminal
  kRejected,          // start approval rejected, terminal
};

enum class PartyKind { kNaturalPerson, kLegalPerson, kOtherOrganization };  // 自然人 / 法人 / 其他组织

enum class Procedure { kOrdinary, kSimple };  // 普通程序 / 简易程序 (Art. 23)

std::string_view ToString(Role r);
std::string_view ToString(StartMode m);
std::string_view ToString(Stage s);
std::string_view ToString(CaseStatus s);
std::string_view ToString(PartyKind k);
std::string_view ToString(Procedure p);

std::string_view Label(Role r);
std::string_view Label(StartMode m);
std::string_view Label(Stage s);
std::string_view Label(CaseStatus s);

std::optional<Role> ParseRole(std::string_view s);
std::optional<StartMode> ParseStartMode(std::string_view s);
std::optional<Stage> ParseStage(std::string_view s);
std::optional<CaseStatus> ParseCaseStatus(std::string_view s);
std::optional<PartyKind> ParsePartyKind(std::string_view s);
std::optional<Procedure> ParseProcedure(std::string_view s);

inline bool IsTerminal(CaseStatus s) {
  return s == CaseStatus::kNotAccepted || s == CaseStatus::kNotStarted || s == CaseStatus::kRejected;
}

}  // namespace qc::domain
