#include "store/schema.h"

#include "store/query.h"

#include <string>

namespace qc::store {
namespace {

constexpr std::string_view kLedgerDdl = R"sql(
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) STRICT;

-- The ledger. idx is the RFC 9162 leaf index (0-based, gap-free); bytes are the canonical JSON
-- that was hashed; leaf_hash = SHA-256(0x00 || bytes).
CREATE TABLE IF NOT EXISTS events (
  idx       INTEGER PRIMARY KEY,
  type      TEXT NOT NULL,
  case_id   TEXT,
  at        TEXT NOT NULL,
  bytes     BLOB NOT NULL,
  leaf_hash BLOB NOT NULL CHECK (length(leaf_hash) = 32)
) STRICT;
CREATE INDEX IF NOT EXISTS events_by_case ON events(case_id, idx) WHERE case_id IS NOT NULL;
CREATE INDEX IF NOT EXISTS events_calendar ON events(idx) WHERE type = 'CalendarYearSet';
CREATE INDEX IF NOT EXISTS events_ledger_verified ON events(idx) WHERE type = 'LedgerVerified';

CREATE TRIGGER IF NOT EXISTS events_append_only_update BEFORE UPDATE ON events
BEGIN SELECT RAISE(ABORT, 'events are append-only: UPDATE refused'); END;
CREATE TRIGGER IF NOT EXISTS events_append_only_delete BEFORE DELETE ON events
BEGIN SELECT RAISE(ABORT, 'events are append-only: DELETE refused'); END;
CREATE TRIGGER IF NOT EXISTS events_gap_free BEFORE INSERT ON events
WHEN NEW.idx IS NOT (SELECT COALESCE(MAX(idx), -1) + 1 FROM events)
BEGIN SELECT RAISE(ABORT, 'events must be appended at the next index'); END;

-- The Merkle tree over the events (see src/ledger/merkle.h): the hash of every perfect subtree of
-- 2^level leaves starting at leaf idx * 2^level, for level >= 1 (level 0 is events.leaf_hash).
-- Written in the same transaction as the event that completes it; append-only like the events.
CREATE TABLE IF NOT EXISTS tree_nodes (
  level INTEGER NOT NULL CHECK (level >= 1),
  idx   INTEGER NOT NULL,
  hash  BLOB NOT NULL CHECK (length(hash) = 32),
  PRIMARY KEY (level, idx)
) STRICT, WITHOUT ROWID;
CREATE TRIGGER IF NOT EXISTS tree_nodes_append_only_update BEFORE UPDATE ON tree_nodes
BEGIN SELECT RAISE(ABORT, 'tree nodes are append-only: UPDATE refused'); END;
CREATE TRIGGER IF NOT EXISTS tree_nodes_append_only_delete BEFORE DELETE ON tree_nodes
BEGIN SELECT RAISE(ABORT, 'tree nodes are append-only: DELETE refused'); END;

-- Signed checkpoints (C2SP signed notes over the tree head at `size`), every one kept. Append-only;
-- each is larger than the last. verify checks each against the recomputed tree.
CREATE TABLE IF NOT EXISTS checkpoints (
  size      INTEGER PRIMARY KEY CHECK (size >= 1),
  root_hash BLOB NOT NULL CHECK (length(root_hash) = 32),
  note      TEXT NOT NULL,
  signed_at TEXT NOT NULL
) STRICT;
CREATE TRIGGER IF NOT EXISTS checkpoints_append_only_update BEFORE UPDATE ON checkpoints
BEGIN SELECT RAISE(ABORT, 'checkpoints are append-only: UPDATE refused'); END;
CREATE TRIGGER IF NOT EXISTS checkpoints_append_only_delete BEFORE DELETE ON checkpoints
BEGIN SELECT RAISE(ABORT, 'checkpoints are append-only: DELETE refused'); END;
CREATE TRIGGER IF NOT EXISTS checkpoints_grow BEFORE INSERT ON checkpoints
WHEN NEW.size <= (SELECT COALESCE(MAX(size), 0) FROM checkpoints)
BEGIN SELECT RAISE(ABORT, 'a checkpoint must be larger than the last one'); END;

CREATE TABLE IF NOT EXISTS credentials (
  user_id       TEXT PRIMARY KEY,
  password_hash TEXT NOT NULL,
  updated_at    TEXT NOT NULL
) STRICT;

CREATE TABLE IF NOT EXISTS sessions (
  token_hash TEXT PRIMARY KEY,
  user_id    TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  last_seen  INTEGER NOT NULL,  -- ms since the epoch, written at most once a minute
  expires_at INTEGER NOT NULL   -- absolute expiry, ms since the epoch
) STRICT;
CREATE INDEX IF NOT EXISTS sessions_by_user ON sessions(user_id);

-- Resumable uploads in progress (tus). Operational: the record of a finished upload is its
-- MediaRegistered event; this row only says how far the bytes got.
CREATE TABLE IF NOT EXISTS uploads (
  id         TEXT PRIMARY KEY,
  owner_id   TEXT NOT NULL,     -- user id or collection-station id
  length     INTEGER NOT NULL,
  received   INTEGER NOT NULL,  -- bytes fsynced and acknowledged
  metadata   TEXT NOT NULL,     -- Upload-Metadata as given
  params     TEXT NOT NULL,     -- JSON: what the metadata asked for
  case_id    TEXT NOT NULL,
  state      TEXT NOT NULL,     -- receiving | complete | registered | refused
  sha256     TEXT NOT NULL DEFAULT '',
  sm3        TEXT NOT NULL DEFAULT '',
  media      TEXT NOT NULL DEFAULT '{}',
  record_id  TEXT NOT NULL DEFAULT '',
  error_code TEXT NOT NULL DEFAULT '',
  error      TEXT NOT NULL DEFAULT '',
  created_at TEXT NOT NULL,
  expires_at TEXT NOT NULL
) STRICT;
CREATE INDEX IF NOT EXISTS uploads_by_state ON uploads(state, expires_at);
CREATE INDEX IF NOT EXISTS uploads_by_owner ON uploads(owner_id, state);

-- Gap-free number sequences (store/sequences.h): the last number given per scope (a unit), kind
-- (case numbers; the 文号 of written records to come) and year. Written in the transaction that
-- records the numbered thing, so a rolled-back command gives its number back.
CREATE TABLE IF NOT EXISTS number_sequences (
  scope TEXT NOT NULL,
  kind  TEXT NOT NULL,
  year  INTEGER NOT NULL,
  last  INTEGER NOT NULL CHECK (last >= 0),
  PRIMARY KEY (scope, kind, year)
) STRICT, WITHOUT ROWID;

-- Collection-station tokens (采集站), issued once and kept only as SHA-256 hashes.
CREATE TABLE IF NOT EXISTS station_tokens (
  token_hash TEXT PRIMARY KEY,
  station_id TEXT NOT NULL,
  created_at TEXT NOT NULL
) STRICT;
CREATE INDEX IF NOT EXISTS station_tokens_by_station ON station_tokens(station_id);
)sql";

constexpr std::string_view kProjectionDdl = R"sql(
CREATE TABLE IF NOT EXISTS units (
  id TEXT PRIMARY KEY, name TEXT NOT NULL, parent_id TEXT, code TEXT NOT NULL, created_at TEXT NOT NULL,
  enforcement_body INTEGER NOT NULL DEFAULT 0
) STRICT;
CREATE TABLE IF NOT EXISTS users (
  id TEXT PRIMARY KEY, username TEXT NOT NULL UNIQUE, name TEXT NOT NULL, role TEXT NOT NULL,
  unit_id TEXT NOT NULL, cert_no TEXT NOT NULL, active INTEGER NOT NULL,
  created_at TEXT NOT NULL, updated_at TEXT NOT NULL, auxiliary INTEGER NOT NULL DEFAULT 0
) STRICT;
CREATE TABLE IF NOT EXISTS devices (
  id TEXT PRIMARY KEY, serial TEXT NOT NULL UNIQUE, model TEXT NOT NULL, officer_id TEXT NOT NULL,
  unit_id TEXT NOT NULL, active INTEGER NOT NULL, created_at TEXT NOT NULL, updated_at TEXT NOT NULL
) STRICT;
CREATE TABLE IF NOT EXISTS stations (
  id TEXT PRIMARY KEY, name TEXT NOT NULL, location TEXT NOT NULL, unit_id TEXT NOT NULL,
  active INTEGER NOT NULL, created_at TEXT NOT NULL, updated_at TEXT NOT NULL
) STRICT;
CREATE TABLE IF NOT EXISTS cases (
  id TEXT PRIMARY KEY, number TEXT NOT NULL, unit_id TEXT NOT NULL, title TEXT NOT NULL,
  start_mode TEXT NOT NULL, stage TEXT NOT NULL, status TEXT NOT NULL, procedure TEXT NOT NULL,
  major INTEGER NOT NULL, urgent INTEGER NOT NULL, start_approved INTEGER NOT NULL,
  created_by TEXT NOT NULL, created_at TEXT NOT NULL, updated_at TEXT NOT NULL,
  version INTEGER NOT NULL, last_index INTEGER NOT NULL,
  search_text TEXT NOT NULL,  -- number, title and party names, for the text filter
  detail TEXT NOT NULL        -- the case as the API shows it (JSON)
) STRICT;
CREATE INDEX IF NOT EXISTS cases_by_unit ON cases(unit_id, created_at);
CREATE UNIQUE INDEX IF NOT EXISTS cases_by_number ON cases(unit_id, number);
CREATE TABLE IF NOT EXISTS case_parties (
  case_id TEXT NOT NULL, pos INTEGER NOT NULL, kind TEXT NOT NULL, name TEXT NOT NULL,
  id_number TEXT NOT NULL, PRIMARY KEY (case_id, pos)
) STRICT, WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS case_officers (
  case_id TEXT NOT NULL, user_id TEXT NOT NULL, name TEXT NOT NULL, cert_no TEXT NOT NULL,
  lead INTEGER NOT NULL, PRIMARY KEY (case_id, user_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS case_officers_by_user ON case_officers(user_id);
CREATE TABLE IF NOT EXISTS approvals (
  id TEXT PRIMARY KEY, case_id TEXT NOT NULL, unit_id TEXT NOT NULL, kind TEXT NOT NULL,
  state TEXT NOT NULL, round INTEGER NOT NULL, pending_role TEXT, submitted_by TEXT NOT NULL,
  submitted_at TEXT NOT NULL, updated_at TEXT NOT NULL
) STRICT;
CREATE INDEX IF NOT EXISTS approvals_pending ON approvals(pending_role, unit_id);
CREATE TABLE IF NOT EXISTS approval_steps (
  approval_id TEXT NOT NULL, pos INTEGER NOT NULL, actor_id TEXT NOT NULL, step TEXT NOT NULL,
  decision TEXT NOT NULL, at TEXT NOT NULL, PRIMARY KEY (approval_id, pos)
) STRICT, WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS approval_steps_by_actor ON approval_steps(actor_id, at);
CREATE TABLE IF NOT EXISTS case_deadlines (
  case_id TEXT NOT NULL, kind TEXT NOT NULL, unit_id TEXT NOT NULL, label TEXT NOT NULL,
  article TEXT NOT NULL, since TEXT NOT NULL, due_at TEXT NOT NULL, PRIMARY KEY (case_id, kind)
) STRICT, WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS case_deadlines_by_due ON case_deadlines(due_at);
CREATE TABLE IF NOT EXISTS case_media (
  record_id TEXT PRIMARY KEY, case_id TEXT NOT NULL, unit_id TEXT NOT NULL, kind TEXT NOT NULL,
  act TEXT NOT NULL, stage TEXT NOT NULL, officer_id TEXT NOT NULL, device_id TEXT NOT NULL,
  station_id TEXT NOT NULL, sha256 TEXT NOT NULL, size INTEGER NOT NULL, capture_end TEXT,
  registered_at TEXT NOT NULL, late_seconds INTEGER  -- NULL: within 24 hours (Art. 33)
) STRICT;
CREATE INDEX IF NOT EXISTS case_media_by_case ON case_media(case_id);
CREATE INDEX IF NOT EXISTS case_media_by_sha256 ON case_media(sha256);
CREATE INDEX IF NOT EXISTS case_media_late_by_officer ON case_media(officer_id) WHERE late_seconds IS NOT NULL;
CREATE INDEX IF NOT EXISTS case_media_late_by_device ON case_media(device_id) WHERE late_seconds IS NOT NULL;
)sql";

}  // namespace

std::string_view ProjectionDdl() { return kProjectionDdl; }

StatusOr<int> EnsureSchema(Db& db) {
  QC_RETURN_IF_ERROR(db.Exec(std::string(kLedgerDdl)));
  QC_ASSIGN_OR_RETURN(Stmt * s, db.Prepare("SELECT value FROM meta WHERE key = 'schema_version'"));
  QC_ASSIGN_OR_RETURN(bool row, s->Step());
  int previous = 0;
  if (row) {
    int v = std::stoi(s->Text(0));
    previous = v;
    s->Reset();
    if (v > kSchemaVersion)
      return Status::Internal("数据库版本 " + std::to_string(v) + " 高于本程序支持的版本，请升级程序");
  } else {
    s->Reset();
  }
  QC_RETURN_IF_ERROR(db.Exec(std::string(kProjectionDdl)));
  QC_ASSIGN_OR_RETURN(Stmt * col,
                      db.Prepare("SELECT 1 FROM pragma_table_info('units') WHERE name = 'enforcement_body'"));
  QC_ASSIGN_OR_RETURN(bool has_body_flag, col->Step());
  col->Reset();
  if (!has_body_flag) {
    // Version 5 flags enforcement bodies; before it, the top unit was the one body (as UnitCreated
    // events without the flag are read).
    QC_RETURN_IF_ERROR(db.Exec("ALTER TABLE units ADD COLUMN enforcement_body INTEGER NOT NULL DEFAULT 0"));
    QC_RETURN_IF_ERROR(db.Exec("UPDATE units SET enforcement_body = 1 WHERE parent_id IS NULL"));
  }
  QC_ASSIGN_OR_RETURN(Stmt * aux, db.Prepare("SELECT 1 FROM pragma_table_info('users') WHERE name = 'auxiliary'"));
  QC_ASSIGN_OR_RETURN(bool has_aux, aux->Step());
  aux->Reset();
  // Users are marked 辅警 since issue 12 §5; everyone before it was a police officer (the default).
  if (!has_aux) QC_RETURN_IF_ERROR(db.Exec("ALTER TABLE users ADD COLUMN auxiliary INTEGER NOT NULL DEFAULT 0"));
  QC_RETURN_IF_ERROR(db.Exec("INSERT OR REPLACE INTO meta(key, value) VALUES ('schema_version', '" +
                             std::to_string(kSchemaVersion) + "')"));
  return previous;
}

StatusOr<int64_t> ProjectionRowCount(Db& db) {
  int64_t n = 0;
  for (const auto& t : kProjectionTables) {
    QC_ASSIGN_OR_RETURN(Stmt * s, db.Prepare("SELECT count(*) FROM " + std::string(t.name)));
    QC_ASSIGN_OR_RETURN(int64_t rows, ReadInt(*s));
    n += rows;
  }
  return n;
}

}  // namespace qc::store
