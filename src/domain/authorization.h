// The one authorization decision: who may do what to which resource. Every use case asks Authorize()
// before it acts or reads, and every rule of access lives in authorization.cc, nowhere else. Pure:
// the caller supplies the actor, the resource and the unit tree. Deny unless a rule allows.
//
//   QC_RETURN_IF_ERROR(domain::Authorize(actor, Action::kViewCase, CaseResource(state), units.get()));
//
// A refusal is PermissionDenied with the reason in Chinese, citing the article where one applies.
// What a rule does not decide — whether the data is valid, whether the case is in a state that
// allows the act — stays with the domain's Decide functions.
#pragma once

#include <atomic>
#include <cstdint>
#include <string>
#include <string_view>

#include "common/status.h"
#include "domain/policy.h"

namespace qc::domain {

struct CaseState;

enum class Action {
  kOwnSession,  // one's own session: who am I, log out
  // Directory
  kListUnits,         // 单位列表: anyone logged in
  kManageDirectory,   // list, create and change users; create units (系统管理员)
  kReadUser,          // one user record: one's own, or the administrator
  kListUnitOfficers,  // officers of a unit, to choose 协办人员 or a camera's user
  kManageDevices,     // body cameras and collection stations (系统管理员)
  // Cases
  kOpenCase,            // register a case in the actor's unit (执法人员)
  kListCases,           // lists of cases, deadlines, late footage: each filtered by kViewCase per unit
  kViewCase,            // a case's detail and timeline
  kActOnCase,           // every command on a case (its assigned officers)
  kDecideApprovalStep,  // 审核 / 法制审核 / 批准 (Art. 7)
  kViewApprovalInbox,   // one's own inbox (filtered by role and unit)
  kArchiveCase,         // 归档封存 a case file handed over (档案管理员, Art. 33–35)
  // Records
  kUploadMedia,  // upload audio-video or an attachment to a case (a user; a station by unit)
  kAccessMedia,  // play or download a media record (Art. 36: recorded, never the administrator)
  // Ledger
  kReadLedgerEntries,         // the events' bytes (auditing roles; a case's only where the case is visible)
  kReadEvent,                 // one event's bytes (a proof bundle): the case's viewers, or the auditing roles
  kRecordLedgerVerification,  // 记录本人核验账本的检查点 (the auditing roles, Art. 37)
};

std::string_view ToString(Action a);

// What an action is on. Only what the rule of the action reads needs filling in.
struct Resource {
  std::string unit_id;                    // the case's unit, the unit asked about, a station's unit
  const CaseState* case_state = nullptr;  // for kActOnCase, kDecideApprovalStep, kUploadMedia
  std::string user_id;                    // kReadUser: whose record
  std::string approval_id;                // kDecideApprovalStep
  bool has_case = false;                  // kReadEvent: a case's event (unit_id is its unit) or not
  // No resource named: may the actor do this to some resource at all? Only the role rules apply.
  // The router asks this of every session route before its handler (http/router.h).
  bool any = false;
};
Resource CaseResource(const CaseState& c);
inline Resource UnitResource(std::string unit_id) { return Resource{std::move(unit_id)}; }
inline Resource NoResource() { return Resource{}; }
inline Resource AnyResource() {
  Resource r;
  r.any = true;
  return r;
}
inline Resource UserResource(std::string user_id) {
  Resource r;
  r.user_id = std::move(user_id);
  return r;
}
inline Resource EventResource(bool has_case, std::string unit_id) {
  Resource r;
  r.has_case = has_case;
  r.unit_id = std::move(unit_id);
  return r;
}

// `units` is needed by the rules that look at units (seeing a case, a unit's officers, uploading,
// reading events); the rules of case membership and approval steps do without (the domain's Decide
// functions ask those). A rule that needs the tree and is not given one denies.
Status Authorize(const Actor& a, Action action, const Resource& r, const UnitTree* units = nullptr);

// A collection station (采集站) is no user: it uploads to the cases of its unit and the units below.
Status AuthorizeStationUpload(const std::string& station_unit, const Resource& r, const UnitTree& units);

// How many decisions Authorize has taken on this thread: the route-table test reads it around each
// request to check that every endpoint asks.
int64_t AuthorizationDecisionsOnThisThread();

}  // namespace qc::domain
