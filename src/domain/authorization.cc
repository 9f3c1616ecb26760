// Every rule of access, one per action. Roles: 执法人员 officer, 审核人 reviewer, 负责人（批准人）
// approver, 法制员 legal, 档案管理员 custodian, 系统管理员 admin. Units form a tree (the bureau at the
// root, its 执法队 below); CanSeeUnit (policy.cc) says whose cases a role sees.
#include "domain/authorization.h"

#include "domain/case_state.h"

namespace qc::domain {
namespace {

thread_local int64_t decisions = 0;

Status Deny(const std::string& why) { return Status::PermissionDenied(why); }

bool IsAuditor(const Actor& a) {  // the roles that audit the record (Art. 37, 38)
  return a.role == Role::kLegal || a.role == Role::kCustodian || a.role == Role::kAdmin;
}

constexpr const char* kAuxiliaryAlone = "辅警不得单独执法，案件由民警办理（辅警可以协助摄录、上传音像记录）";

Status NeedUnits(const UnitTree* units) {
  return units ? Status() : Status::Internal("authorization needs the unit tree");
}

// The assigned officers act on a case (Art. 12 names the officers on every record).
Status CaseOfficer(const Actor& a, const CaseState* c) {
  if (c == nullptr) return Status::Internal("authorization needs the case");
  if (a.role != Role::kOfficer) return Deny("只有执法人员可以办理案件");
  if (a.auxiliary) return Deny(kAuxiliaryAlone);
  if (!c->HasOfficer(a.user_id)) return Deny("您不是本案的承办人员");
  return Status();
}

// Art. 7: 承办、审核、批准 by different people. The step waits for a role; one person takes at most one
// step of an approval, whatever their role has become since (a reviewer made approver may not
// approve what they reviewed), and never a step of what they submitted.
Status ApprovalStep(const Actor& a, const Resource& r) {
  if (r.case_state == nullptr) return Status::Internal("authorization needs the case");
  const Approval* ap = nullptr;
  for (const auto& x : r.case_state->approvals)
    if (x.id == r.approval_id) ap = &x;
  if (ap == nullptr) return Status::NotFound("审批事项不存在", "approval_id");
  auto need = ap->pending_role();
  if (need && a.role != *need) return Deny("该审批环节应由" + std::string(Label(*need)) + "办理（第七条）");
  // The 批准 is the head's of the enforcement body (行政机关负责人, Art. 7, 10), not of a team.
  if (need == Role::kApprover && !r.case_state->body_id.empty() && a.unit_id != r.case_state->body_id)
    return Deny("应由执法主体（" + r.case_state->body_name + "）的负责人批准（第七条）");
  for (const auto& s : ap->steps) {
    if (s.actor.id != a.user_id) continue;
    // 专家论证 and 集体讨论 are recorded by the role that then decides its own step.
    if (s.step == ApprovalStepKind::kExpert || s.step == ApprovalStepKind::kCollective) continue;
    if (s.step == ApprovalStepKind::kSubmit) return Deny("承办人不能审批自己提交的事项（第七条）");
    return Deny("同一人不能办理同一审批事项的两个环节（第七条：已办理" + std::string(Label(s.step)) + "）");
  }
  return Status();
}

// The role rules alone: may `a` do `action` to some resource? (Resource::any; the route gate.)
Status DecideForSome(const Actor& a, Action action) {
  switch (action) {
    case Action::kOpenCase:
    case Action::kActOnCase:
    case Action::kUploadMedia: return a.role == Role::kOfficer ? Status() : Deny("只有执法人员可以办理案件");
    case Action::kViewCase: return a.role == Role::kAdmin ? Deny("系统管理员不查看执法记录（第三十六条）") : Status();
    case Action::kAccessMedia:
      return a.role == Role::kAdmin ? Deny("系统管理员无权调阅执法记录（第三十六条）") : Status();
    case Action::kDecideApprovalStep:
      return a.role == Role::kReviewer || a.role == Role::kLegal || a.role == Role::kApprover
                 ? Status()
                 : Deny("只有审核人、法制员和负责人办理审批（第七条）");
    case Action::kArchiveCase:
      return a.role == Role::kCustodian ? Status() : Deny("只有档案管理员可以归档封存案卷（第三十三条）");
    case Action::kReadUser:          // one's own record at least
    case Action::kListUnitOfficers:  // one's own unit at least
    case Action::kReadEvent:         // the events of the cases one sees at least
      return Status();
    default: return Status::Internal("not a resource rule");
  }
}

Status Decide(const Actor& a, Action action, const Resource& r, const UnitTree* units) {
  switch (action) {
    case Action::kOwnSession:
    case Action::kListUnits:
    case Action::kListCases:
    case Action::kViewApprovalInbox: return Status();  // what each sees is filtered: by kViewCase per unit, by role
    case Action::kManageDirectory: return a.role == Role::kAdmin ? Status() : Deny("只有系统管理员可以管理用户和单位");
    case Action::kManageDevices:
      return a.role == Role::kAdmin ? Status() : Deny("只有系统管理员可以管理执法记录仪和采集站");
    case Action::kReadLedgerEntries:
      return IsAuditor(a) ? Status() : Deny("只有法制员、档案管理员和系统管理员可以查阅账本条目");
    case Action::kRecordLedgerVerification:
      return IsAuditor(a) ? Status() : Deny("只有法制员、档案管理员和系统管理员记录账本核验");
    default: break;
  }
  if (r.any) return DecideForSome(a, action);
  switch (action) {
    case Action::kReadUser:
      return a.role == Role::kAdmin || a.user_id == r.user_id ? Status() : Deny("只有系统管理员可以查看其他用户");
    case Action::kListUnitOfficers:
      QC_RETURN_IF_ERROR(NeedUnits(units));
      return a.role == Role::kAdmin || CanSeeUnit(a, r.unit_id, *units) ? Status() : Deny("无权查看其他单位的人员");
    case Action::kOpenCase:
      if (a.role != Role::kOfficer) return Deny("只有执法人员可以登记案件");
      if (a.auxiliary) return Deny(kAuxiliaryAlone);
      return r.unit_id == a.unit_id ? Status() : Deny("只能在本单位登记案件");
    case Action::kViewCase:
      QC_RETURN_IF_ERROR(NeedUnits(units));
      // The administrator sees no case record (Art. 36: least privilege): CanSeeUnit is false.
      return CanSeeUnit(a, r.unit_id, *units) ? Status() : Deny("无权查看其他单位的案件");
    case Action::kActOnCase: return CaseOfficer(a, r.case_state);
    case Action::kArchiveCase:
      // The case's visibility (the custodian's body) is checked by the caller that loaded it.
      return a.role == Role::kCustodian ? Status() : Deny("只有档案管理员可以归档封存案卷（第三十三条）");
    case Action::kDecideApprovalStep: return ApprovalStep(a, r);
    case Action::kUploadMedia:
      QC_RETURN_IF_ERROR(NeedUnits(units));
      if (!CanSeeUnit(a, r.unit_id, *units)) return Deny("无权向其他单位的案件上传");
      if (a.role != Role::kOfficer) return Deny("只有执法人员可以登记音像记录");
      if (r.case_state && !r.case_state->HasOfficer(a.user_id)) return Deny("您不是本案的承办人员");
      return Status();
    case Action::kAccessMedia:
      QC_RETURN_IF_ERROR(NeedUnits(units));
      if (a.role == Role::kAdmin) return Deny("系统管理员无权调阅执法记录（第三十六条）");
      return CanSeeUnit(a, r.unit_id, *units) ? Status() : Deny("无权查看其他单位的案件");
    case Action::kReadEvent:
      if (!r.has_case) return IsAuditor(a) ? Status() : Deny("只有法制员、档案管理员和系统管理员可以下载该事件的证明");
      QC_RETURN_IF_ERROR(NeedUnits(units));
      return CanSeeUnit(a, r.unit_id, *units) ? Status() : Deny("无权查看其他单位的案件");
    default: return Deny("未定义的操作");
  }
}

}  // namespace

std::string_view ToString(Action a) {
  switch (a) {
    case Action::kOwnSession: return "own_session";
    case Action::kListCases: return "list_cases";
    case Action::kListUnits: return "list_units";
    case Action::kManageDirectory: return "manage_directory";
    case Action::kReadUser: return "read_user";
    case Action::kListUnitOfficers: return "list_unit_officers";
    case Action::kManageDevices: return "manage_devices";
    case Action::kOpenCase: return "open_case";
    case Action::kViewCase: return "view_case";
    case Action::kActOnCase: return "act_on_case";
    case Action::kDecideApprovalStep: return "decide_approval_step";
    case Action::kViewApprovalInbox: return "view_approval_inbox";
    case Action::kArchiveCase: return "archive_case";
    case Action::kUploadMedia: return "upload_media";
    case Action::kAccessMedia: return "access_media";
    case Action::kReadLedgerEntries: return "read_ledger_entries";
    case Action::kReadEvent: return "read_event";
    case Action::kRecordLedgerVerification: return "record_ledger_verification";
  }
  return "?";
}

Resource CaseResource(const CaseState& c) {
  Resource r;
  r.unit_id = c.unit_id;
  r.case_state = &c;
  r.has_case = true;
  return r;
}

Status Authorize(const Actor& a, Action action, const Resource& r, const UnitTree* units) {
  ++decisions;
  if (a.system) return Status();  // init, the demo and the command line hold the data directory
  return Decide(a, action, r, units);
}

Status AuthorizeStationUpload(const std::string& station_unit, const Resource& r, const UnitTree& units) {
  ++decisions;
  return units.IsWithin(r.unit_id, station_unit) ? Status() : Deny("采集站无权向其他单位的案件上传");
}

int64_t AuthorizationDecisionsOnThisThread() { return decisions; }

}  // namespace qc::domain
