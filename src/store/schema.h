// The SQLite schema. Three kinds of table:
//   events        the ledger: append-only (triggers refuse UPDATE and DELETE), gap-free 0-based idx;
//                 with tree_nodes (its Merkle tree) and checkpoints (signed tree heads), also append-only.
//   projections   derived from events only, rebuildable: kProjectionTables.
//   operational   credentials (argon2id hashes) and sessions: secrets, deliberately outside the ledger.
#pragma once

#include <array>
#include <string_view>

#include "common/status.h"
#include "store/db.h"

namespace qc::store {

// 2: checkpoints; 3: case_deadlines, case_media, uploads, devices, stations; 4: cases rendered again
// (deadlines in working days and China days, approvals' proposals, refusals' grounds); 5: approval_steps
// (who decided which step: the 已办 list).
inline constexpr int kSchemaVersion = 5;

// Every projection table with the columns that identify a row, in the order rows are compared.
struct ProjectionTable {
  std::string_view name;
  std::string_view key_columns;
};
inline constexpr std::array<ProjectionTable, 11> kProjectionTables{{
    {"units", "id"},
    {"users", "id"},
    {"devices", "id"},
    {"stations", "id"},
    {"cases", "id"},
    {"case_parties", "case_id, pos"},
    {"case_officers", "case_id, user_id"},
    {"approvals", "id"},
    {"approval_steps", "approval_id, pos"},
    {"case_deadlines", "case_id, kind"},
    {"case_media", "record_id"},
}};

// Creates every table, index and trigger if missing; refuses a database of a newer schema. Returns
// the version the database had (0: new).
StatusOr<int> EnsureSchema(Db& db);
// The DDL of the projection tables alone (used to build fresh projections for a rebuild).
std::string_view ProjectionDdl();

// The number of rows in all projection tables together.
StatusOr<int64_t> ProjectionRowCount(Db& db);

}  // namespace qc::store
