#include "domain/types.h"

#include <array>
#include <utility>

namespace qc::domain {
namespace {

template <typename E, size_t N>
using Table = std::array<std::pair<std::string_view, std::string_view>, N>;  // wire name, label

constexpr Table<Role, 6> kRoles{{{"officer", "执法人员"},
                                 {"reviewer", "审核人"},
                                 {"approver", "负责人"},
                                 {"legal", "法制员"},
                                 {"custodian", "档案管理员"},
                                 {"admin", "系统管理员"}}};
constexpr Table<StartMode, 3> kModes{{{"application", "依申请"}, {"ex_officio", "依职权"}, {"complaint", "投诉举报"}}};
constexpr Table<Stage, 5> kStages{{{"initiation", "程序启动"},
                                   {"investigation", "调查取证"},
                                   {"review_decision", "审查决定"},
                                   {"service_execution", "送达执行"},
                                   {"archiving", "归档管理"}}};
constexpr Table<CaseStatus, 8> kStatuses{{{"pending", "待启动"},
                                          {"awaiting_approval", "审批中"},
                                          {"returned", "退回修改"},
                                          {"in_progress", "办理中"},
                                          {"not_accepted", "不予受理"},
                                          {"not_started", "不予启动"},
                                          {"rejected", "不予批准"},
                                          {"transferred", "已移送"}}};
constexpr Table<PartyKind, 3> kPartyKinds{
    {{"natural_person", "自然人"}, {"legal_person", "法人"}, {"other_organization", "其他组织"}}};
constexpr Table<Procedure, 2> kProcedures{{{"ordinary", "普通程序"}, {"simple", "简易程序"}}};
constexpr Table<ApprovalKind, 7> kApprovalKinds{{{"start", "程序启动审批"},
                                                 {"non_acceptance", "不予受理审批"},
                                                 {"not_start", "不予启动审批"},
                                                 {"clear_major", "撤销重大复杂认定审批"},
                                                 {"decision", "处理决定审批"},
                                                 {"document", "文书审批"},
                                                 {"correction", "文书更正审批"}}};
constexpr Table<ApprovalState, 6> kApprovalStates{{{"reviewing", "待审核"},
                                                   {"legal_review", "待法制审核"},
                                                   {"deciding", "待负责人批准"},
                                                   {"approved", "已批准"},
                                                   {"returned", "已退回"},
                                                   {"rejected", "不予批准"}}};
constexpr Table<ApprovalStepKind, 6> kApprovalSteps{{{"submit", "承办人提交"},
                                                     {"review", "审核"},
                                                     {"legal_review", "法制审核"},
                                                     {"decide", "负责人批准"},
                                                     {"expert_opinion", "专家论证"},
                                                     {"collective_discussion", "集体讨论"}}};
constexpr Table<ApprovalDecision, 5> kApprovalDecisions{
    {{"submit", "提交"}, {"approve", "同意"}, {"return", "退回"}, {"reject", "不予批准"}, {"opinion", "记录意见"}}};
constexpr Table<UploadState, 4> kUploadStates{
    {{"receiving", "上传中"}, {"complete", "已接收"}, {"registered", "已登记"}, {"refused", "已拒绝"}}};
constexpr Table<MediaKind, 2> kMediaKinds{{{"av", "音像记录"}, {"attachment", "附件"}}};
constexpr Table<ReceiptKind, 3> kReceiptKinds{
    {{"materials", "材料接收凭证"}, {"acceptance", "受理凭证"}, {"non_acceptance", "不予受理凭证"}}};
constexpr Table<IdType, 6> kIdTypes{{{"resident_id", "居民身份证"},
                                     {"passport", "护照"},
                                     {"hk_macao_permit", "港澳居民来往内地通行证"},
                                     {"taiwan_permit", "台湾居民来往大陆通行证"},
                                     {"foreign_permanent", "外国人永久居留身份证"},
                                     {"other", "其他"}}};
constexpr Table<NonAcceptanceGround, 3> kNonAcceptanceGrounds{{{"not_required", "申请事项依法不需要取得行政许可"},
                                                               {"not_competent", "申请事项依法不属于本机关职权范围"},
                                                               {"other", "其他依法不予受理的情形"}}};

template <typename E, typename T>
std::optional<E> ParseIn(const T& table, std::string_view s) {
  for (size_t i = 0; i < table.size(); ++i)
    if (table[i].first == s) return static_cast<E>(i);
  return std::nullopt;
}

template <typename T>
Vocabulary Entries(std::string_view name, const T& table) {
  Vocabulary v{name, {}};
  for (const auto& [value, label] : table) v.entries.push_back({value, label});
  return v;
}

}  // namespace

std::string_view ToString(Role r) { return kRoles[static_cast<size_t>(r)].first; }
std::string_view ToString(StartMode m) { return kModes[static_cast<size_t>(m)].first; }
std::string_view ToString(Stage s) { return kStages[static_cast<size_t>(s)].first; }
std::string_view ToString(CaseStatus s) { return kStatuses[static_cast<size_t>(s)].first; }
std::string_view ToString(PartyKind k) { return kPartyKinds[static_cast<size_t>(k)].first; }
std::string_view ToString(Procedure p) { return kProcedures[static_cast<size_t>(p)].first; }
std::string_view ToString(ApprovalKind k) { return kApprovalKinds[static_cast<size_t>(k)].first; }
std::string_view ToString(ApprovalState s) { return kApprovalStates[static_cast<size_t>(s)].first; }
std::string_view ToString(ApprovalStepKind s) { return kApprovalSteps[static_cast<size_t>(s)].first; }
std::string_view ToString(ApprovalDecision d) { return kApprovalDecisions[static_cast<size_t>(d)].first; }
std::string_view ToString(UploadState s) { return kUploadStates[static_cast<size_t>(s)].first; }
std::string_view ToString(MediaKind k) { return kMediaKinds[static_cast<size_t>(k)].first; }
std::string_view ToString(ReceiptKind k) { return kReceiptKinds[static_cast<size_t>(k)].first; }
std::string_view ToString(NonAcceptanceGround g) { return kNonAcceptanceGrounds[static_cast<size_t>(g)].first; }
std::string_view ToString(IdType t) { return kIdTypes[static_cast<size_t>(t)].first; }

std::string_view Label(Role r) { return kRoles[static_cast<size_t>(r)].second; }
std::string_view Label(StartMode m) { return kModes[static_cast<size_t>(m)].second; }
std::string_view Label(Stage s) { return kStages[static_cast<size_t>(s)].second; }
std::string_view Label(CaseStatus s) { return kStatuses[static_cast<size_t>(s)].second; }
std::string_view Label(PartyKind k) { return kPartyKinds[static_cast<size_t>(k)].second; }
std::string_view Label(Procedure p) { return kProcedures[static_cast<size_t>(p)].second; }
std::string_view Label(ApprovalKind k) { return kApprovalKinds[static_cast<size_t>(k)].second; }
std::string_view Label(ApprovalState s) { return kApprovalStates[static_cast<size_t>(s)].second; }
std::string_view Label(ApprovalStepKind s) { return kApprovalSteps[static_cast<size_t>(s)].second; }
std::string_view Label(ApprovalDecision d) { return kApprovalDecisions[static_cast<size_t>(d)].second; }
std::string_view Label(UploadState s) { return kUploadStates[static_cast<size_t>(s)].second; }
std::string_view Label(MediaKind k) { return kMediaKinds[static_cast<size_t>(k)].second; }
std::string_view Label(ReceiptKind k) { return kReceiptKinds[static_cast<size_t>(k)].second; }
std::string_view Label(NonAcceptanceGround g) { return kNonAcceptanceGrounds[static_cast<size_t>(g)].second; }
std::string_view Label(IdType t) { return kIdTypes[static_cast<size_t>(t)].second; }

std::optional<Role> ParseRole(std::string_view s) { return ParseIn<Role>(kRoles, s); }
std::optional<StartMode> ParseStartMode(std::string_view s) { return ParseIn<StartMode>(kModes, s); }
std::optional<Stage> ParseStage(std::string_view s) { return ParseIn<Stage>(kStages, s); }
std::optional<CaseStatus> ParseCaseStatus(std::string_view s) { return ParseIn<CaseStatus>(kStatuses, s); }
std::optional<PartyKind> ParsePartyKind(std::string_view s) { return ParseIn<PartyKind>(kPartyKinds, s); }
std::optional<Procedure> ParseProcedure(std::string_view s) { return ParseIn<Procedure>(kProcedures, s); }
std::optional<ApprovalKind> ParseApprovalKind(std::string_view s) { return ParseIn<ApprovalKind>(kApprovalKinds, s); }
std::optional<ApprovalState> ParseApprovalState(std::string_view s) {
  return ParseIn<ApprovalState>(kApprovalStates, s);
}
std::optional<ApprovalStepKind> ParseApprovalStepKind(std::string_view s) {
  return ParseIn<ApprovalStepKind>(kApprovalSteps, s);
}
std::optional<ApprovalDecision> ParseApprovalDecision(std::string_view s) {
  return ParseIn<ApprovalDecision>(kApprovalDecisions, s);
}
std::optional<UploadState> ParseUploadState(std::string_view s) { return ParseIn<UploadState>(kUploadStates, s); }
std::optional<MediaKind> ParseMediaKind(std::string_view s) { return ParseIn<MediaKind>(kMediaKinds, s); }
std::optional<ReceiptKind> ParseReceiptKind(std::string_view s) { return ParseIn<ReceiptKind>(kReceiptKinds, s); }
std::optional<IdType> ParseIdType(std::string_view s) { return ParseIn<IdType>(kIdTypes, s); }
std::optional<NonAcceptanceGround> ParseNonAcceptanceGround(std::string_view s) {
  return ParseIn<NonAcceptanceGround>(kNonAcceptanceGrounds, s);
}

std::vector<Vocabulary> AllVocabularies() {
  return {Entries("roles", kRoles),
          Entries("start_modes", kModes),
          Entries("stages", kStages),
          Entries("case_statuses", kStatuses),
          Entries("party_kinds", kPartyKinds),
          Entries("procedures", kProcedures),
          Entries("approval_kinds", kApprovalKinds),
          Entries("approval_states", kApprovalStates),
          Entries("approval_steps", kApprovalSteps),
          Entries("approval_decisions", kApprovalDecisions),
          Entries("upload_states", kUploadStates),
          Entries("media_kinds", kMediaKinds),
          Entries("receipt_kinds", kReceiptKinds),
          Entries("non_acceptance_grounds", kNonAcceptanceGrounds),
          Entries("id_types", kIdTypes)};
}

}  // namespace qc::domain
