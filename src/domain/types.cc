#include "domain/types.h"

#include <array>
#include <utility>

namespace qc::domain {
namespace {

template <typename E, size_t N>
using Table = std::array<std::pair<std::string_view, std::string_view>, N>;  // wire name, label

constexpr Table<Role, 6> kRoles{{{"officer", "执法人员"}, {"reviewer", "审核人"}, {"approver", "负责人"},
                                  {"legal", "法制员"}, {"custodian", "档案管理员"}, {"admin", "系统管理员"}}};
constexpr Table<StartMode, 3> kModes{{{"application", "依申请"}, {"ex_officio", "依职权"}, {"complaint", "投诉举报"}}};
constexpr Table<Stage, 5> kStages{{{"initiation", "程序启动"}, {"investigation", "调查取证"},
                                    {"review_decision", "审查决定"}, {"service_execution", "送达执行"},
                                    {"archiving", "归档管理"}}};
constexpr Table<CaseStatus, 7> kStatuses{{{"pending", "待启动"}, {"awaiting_approval", "审批中"},
                                           {"returned", "退回修改"}, {"in_progress", "办理中"},
                                           {"not_accepted", "不予受理"}, {"not_started", "不予启动"},
                                           {"rejected", "不予批准"}}};
constexpr std::array<std::string_view, 3> kPartyKinds{"natural_person", "legal_person", "other_organization"};
constexpr std::array<std::string_view, 2> kProcedures{"ordinary", "simple"};

template <typename E, typename T>
std::optional<E> ParseIn(const T& table, std::string_view s) {
  for (size_t i = 0; i < table.size(); ++i) {
    if constexpr (std::is_same_v<typename T::value_type, std::string_view>) {
      if (table[i] == s) return static_cast<E>(i);
    } else {
      if (table[i].first == s) return static_cast<E>(i);
    }
  }
  return std::nullopt;
}

}  // namespace

std::string_view ToString(Role r) { return kRoles[static_cast<size_t>(r)].first; }
std::string_view ToString(StartMode m) { return kModes[static_cast<size_t>(m)].first; }
std::string_view ToString(Stage s) { return kStages[static_cast<size_t>(s)].first; }
std::string_view ToString(CaseStatus s) { return kStatuses[static_cast<size_t>(s)].first; }
std::string_view ToString(PartyKind k) { return kPartyKinds[static_cast<size_t>(k)]; }
std::string_view ToString(Procedure p) { return kProcedures[static_cast<size_t>(p)]; }

std::string_view Label(Role r) { return kRoles[static_cast<size_t>(r)].second; }
std::string_view Label(StartMode m) { return kModes[static_cast<size_t>(m)].second; }
std::string_view Label(Stage s) { return kStages[static_cast<size_t>(s)].second; }
std::string_view Label(CaseStatus s) { return kStatuses[static_cast<size_t>(s)].second; }

std::optional<Role> ParseRole(std::string_view s) { return ParseIn<Role>(kRoles, s); }
std::optional<StartMode> ParseStartMode(std::string_view s) { return ParseIn<StartMode>(kModes, s); }
std::optional<Stage> ParseStage(std::string_view s) { return ParseIn<Stage>(kStages, s); }
std::optional<CaseStatus> ParseCaseStatus(std::string_view s) { return ParseIn<CaseStatus>(kStatuses, s); }
std::optional<PartyKind> ParsePartyKind(std::string_view s) { return ParseIn<PartyKind>(kPartyKinds, s); }
std::optional<Procedure> ParseProcedure(std::string_view s) { return ParseIn<Procedure>(kProcedures, s); }

}  // namespace qc::domain
