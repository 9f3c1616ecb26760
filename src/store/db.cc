#include "store/db.h"

#include <sqlite3.h>

namespace qc::store {

Status SqliteError(sqlite3* db, int rc, std::string_view what) {
  std::string msg = std::string(what) + ": " + (db ? sqlite3_errmsg(db) : sqlite3_errstr(rc));
  if ((rc & 0xff) == SQLITE_CONSTRAINT) return Status::Conflict("constraint", msg);
  if ((rc & 0xff) == SQLITE_BUSY) return Status::Unavailable(msg);
  return Status::Internal(msg);
}

Stmt::~Stmt() { sqlite3_finalize(s_); }

Stmt& Stmt::Bind(int i, int64_t v) {
  sqlite3_bind_int64(s_, i, v);
  return *this;
}
Stmt& Stmt::Bind(int i, std::string_view text) {
  sqlite3_bind_text(s_, i, text.data(), static_cast<int>(text.size()), SQLITE_TRANSIENT);
  return *this;
}
Stmt& Stmt::BindBlob(int i, std::string_view bytes) {
  sqlite3_bind_blob(s_, i, bytes.data(), static_cast<int>(bytes.size()), SQLITE_TRANSIENT);
  return *this;
}
Stmt& Stmt::BindStaticBlob(int i, std::string_view bytes) {
  sqlite3_bind_blob(s_, i, bytes.data(), static_cast<int>(bytes.size()), SQLITE_STATIC);
  return *this;
}
Stmt& Stmt::BindStatic(int i, std::string_view text) {
  sqlite3_bind_text(s_, i, text.data(), static_cast<int>(text.size()), SQLITE_STATIC);
  return *this;
}
Stmt& Stmt::BindNull(int i) {
  sqlite3_bind_null(s_, i);
  return *this;
}

StatusOr<bool> Stmt::Step() {
  int rc = sqlite3_step(s_);
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  Status st = SqliteError(sqlite3_db_handle(s_), rc, "step");
  sqlite3_reset(s_);
  return st;
}

Status Stmt::Run() {
  for (;;) {
    QC_ASSIGN_OR_RETURN(bool row, Step());
    if (!row) return Status();
  }
}

void Stmt::Reset() {
  sqlite3_reset(s_);
  sqlite3_clear_bindings(s_);
}

int64_t Stmt::Int(int col) const { return sqlite3_column_int64(s_, col); }
std::string Stmt::Text(int col) const {
  const unsigned char* t = sqlite3_column_text(s_, col);
  return t ? std::string(reinterpret_cast<const char*>(t), sqlite3_column_bytes(s_, col)) : std::string();
}
std::string Stmt::Blob(int col) const {
  const void* b = sqlite3_column_blob(s_, col);
  return b ? std::string(static_cast<const char*>(b), sqlite3_column_bytes(s_, col)) : std::string();
}
bool Stmt::IsNull(int col) const { return sqlite3_column_type(s_, col) == SQLITE_NULL; }
int Stmt::ColumnCount() const { return sqlite3_column_count(s_); }

StatusOr<std::unique_ptr<Db>> Db::Open(const std::string& path, bool create) {
  sqlite3* raw = nullptr;
  int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX | (create ? SQLITE_OPEN_CREATE : 0);
  int rc = sqlite3_open_v2(path.c_str(), &raw, flags, nullptr);
  if (rc != SQLITE_OK) {
    Status st = Status::Internal("无法打开数据库 " + path + ": " + sqlite3_errstr(rc));
    sqlite3_close(raw);
    return st;
  }
  std::unique_ptr<Db> db(new Db(raw));
  sqlite3_busy_timeout(raw, 10000);
  sqlite3_extended_result_codes(raw, 1);
  QC_RETURN_IF_ERROR(
      db->Exec("PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON; "
               "PRAGMA cache_size=-32768;"));
  return db;
}

Db::~Db() {
  cache_.clear();
  sqlite3_close(db_);
}

Status Db::Exec(const std::string& sql) {
  char* err = nullptr;
  int rc = sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, &err);
  if (rc != SQLITE_OK) {
    std::string msg = err ? err : sqlite3_errstr(rc);
    sqlite3_free(err);
    if ((rc & 0xff) == SQLITE_CONSTRAINT) return Status::Conflict("constraint", msg);
    if ((rc & 0xff) == SQLITE_BUSY) return Status::Unavailable(msg);
    return Status::Internal("sqlite: " + msg);
  }
  return Status();
}

StatusOr<Stmt*> Db::Prepare(const std::string& sql) {
  auto it = cache_.find(sql);
  if (it != cache_.end()) {
    it->second->Reset();
    return it->second.get();
  }
  sqlite3_stmt* s = nullptr;
  int rc = sqlite3_prepare_v3(db_, sql.c_str(), static_cast<int>(sql.size()), SQLITE_PREPARE_PERSISTENT, &s, nullptr);
  if (rc != SQLITE_OK) return SqliteError(db_, rc, "prepare");
  auto [pos, _] = cache_.emplace(sql, std::make_unique<Stmt>(s));
  return pos->second.get();
}

}  // namespace qc::store
