// The case projections as app/ asks for them: one case's detail, the case list with its filters,
// deadlines across cases, the approval inbox and media records. Rows, not SQL.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "common/status.h"
#include "store/db.h"
#include "store/query.h"

namespace qc::store {

struct CaseDetailRow {
  std::string unit_id;
  std::string detail;       // the case's JSON as projected
  int64_t last_index = -1;  // the ledger index of the last event the detail includes
};
StatusOr<std::optional<CaseDetailRow>> GetCaseDetail(Db& db, const std::string& case_id);
// The unit a case belongs to (nullopt: no such case).
StatusOr<std::optional<std::string>> CaseUnit(Db& db, const std::string& case_id);

// Filters of the case list; unset ones do not filter. `units`: the units the reader may see (unset:
// all). `officer`: a user id or username among the case's officers. `text`: a substring of the
// searchable text. `created_from`/`created_to`: RFC 3339 UTC bounds, inclusive/exclusive.
struct CaseFilter {
  std::optional<std::vector<std::string>> units;
  std::optional<std::string> stage, status, start_mode, officer, text, created_from, created_to;
  std::string sort = "created_at";  // created_at | updated_at | number | stage | status | title
  bool descending = true;
};
struct CaseSummaryRow {
  std::string id, number, title, unit_id, unit_name, start_mode, stage, status;
  bool major = false, urgent = false;
  std::string created_at, updated_at;
  std::string officers;  // names joined by "、", the lead first
};
bool IsCaseSortKey(const std::string& key);
StatusOr<Page<CaseSummaryRow>> ListCases(Db& db, const CaseFilter& f, PageRequest p);

struct DeadlineFilter {
  std::string due_before;  // RFC 3339 UTC
  std::optional<std::vector<std::string>> units;
  std::optional<std::string> officer_id;  // only cases this user is an officer of
};
struct DeadlineRow {
  std::string case_id, number, title, stage, status, kind, label, article, since, due_at;
};
StatusOr<Page<DeadlineRow>> ListDeadlines(Db& db, const DeadlineFilter& f, PageRequest p);

// The inbox: either the steps waiting for `pending_role` in `units`, or the approvals returned to
// the officer `returned_to` (the latest round of each case only).
struct ApprovalInboxFilter {
  std::optional<std::string> returned_to;
  std::optional<std::string> pending_role;
  std::optional<std::vector<std::string>> units;  // unset: all
};
struct ApprovalRow {
  std::string id, case_id, case_number, case_title, kind, state;
  int64_t round = 0;
  std::optional<std::string> pending_role;
  std::string submitted_by_name, submitted_at, updated_at;
  bool major = false, urgent = false;
  std::string start_mode;
  std::string my_decision, my_decided_at;  // ListApprovalsDecidedBy: the user's latest step
};
StatusOr<Page<ApprovalRow>> ListApprovalInbox(Db& db, const ApprovalInboxFilter& f, PageRequest p);
// 已办: the approvals in `units` (unset: all) where `actor_id` decided a step other than the
// submission, with that user's latest decision, most recently decided first.
StatusOr<Page<ApprovalRow>> ListApprovalsDecidedBy(Db& db, const std::string& actor_id,
                                                   const std::optional<std::vector<std::string>>& units, PageRequest p);
StatusOr<std::optional<std::string>> CaseOfApproval(Db& db, const std::string& approval_id);

StatusOr<std::optional<std::string>> CaseOfMediaRecord(Db& db, const std::string& record_id);
// Records registered late (Art. 33), newest first.
struct LateMediaFilter {
  std::optional<std::vector<std::string>> units;
  std::string officer_id, device_id;  // empty: any
};
struct LateMediaRow {
  std::string record_id, case_id, number, title, act, officer_id, officer_name, device_id, capture_end, registered_at;
  int64_t late_seconds = 0;
};
StatusOr<Page<LateMediaRow>> ListLateMedia(Db& db, const LateMediaFilter& f, PageRequest p);

}  // namespace qc::store
