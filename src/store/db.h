// A thin RAII layer over the SQLite C API. The SQL stays visible at the call site.
//
//   QC_ASSIGN_OR_RETURN(Stmt* s, db.Prepare("SELECT name FROM users WHERE id = ?"));
//   s->Bind(1, id);
//   QC_ASSIGN_OR_RETURN(bool row, s->Step());
//   if (row) name = s->Text(0);
//
// A Db is used by one thread at a time (not thread-safe). Prepared statements are cached per Db and
// reset on every Prepare(), so a Stmt* stays valid until the Db is destroyed but must not be held
// across another Prepare() of the same SQL.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <string_view>

#include "common/status.h"

struct sqlite3;
struct sqlite3_stmt;

namespace qc::store {

class Stmt {
 public:
  explicit Stmt(sqlite3_stmt* s) : s_(s) {}
  ~Stmt();
  Stmt(const Stmt&) = delete;
  Stmt& operator=(const Stmt&) = delete;

  Stmt& Bind(int i, int64_t v);
  Stmt& Bind(int i, int v) { return Bind(i, static_cast<int64_t>(v)); }
  Stmt& Bind(int i, bool v) { return Bind(i, static_cast<int64_t>(v ? 1 : 0)); }
  Stmt& Bind(int i, std::string_view text);
  Stmt& Bind(int i, const char* text) { return Bind(i, std::string_view(text)); }
  Stmt& Bind(int i, const std::string& text) { return Bind(i, std::string_view(text)); }
  Stmt& BindBlob(int i, std::string_view bytes);
  // Without a copy: `bytes` must stay alive and unchanged until the statement is stepped to
  // completion or reset (use for large values bound right before Run()).
  Stmt& BindStaticBlob(int i, std::string_view bytes);
  Stmt& BindStatic(int i, std::string_view text);
  Stmt& BindNull(int i);

  // True when a row is ready, false when done. Errors (constraint, trigger RAISE) are Status.
  StatusOr<bool> Step();
  // Step() to completion, expecting no rows.
  Status Run();
  void Reset();

  int64_t Int(int col) const;
  std::string Text(int col) const;
  std::string Blob(int col) const;
  bool IsNull(int col) const;
  int ColumnCount() const;

 private:
  sqlite3_stmt* s_;
};

class Db {
 public:
  // Opens (creating if asked) the database at `path` with WAL and synchronous=FULL.
  static StatusOr<std::unique_ptr<Db>> Open(const std::string& path, bool create);
  ~Db();
  Db(const Db&) = delete;
  Db& operator=(const Db&) = delete;

  Status Exec(const std::string& sql);
  // A read transaction: every read until EndRead() sees one snapshot.
  Status BeginRead() { return Exec("BEGIN"); }
  Status EndRead() { return Exec("COMMIT"); }
  StatusOr<Stmt*> Prepare(const std::string& sql);
  sqlite3* raw() { return db_; }

 private:
  explicit Db(sqlite3* db) : db_(db) {}
  sqlite3* db_;
  std::map<std::string, std::unique_ptr<Stmt>, std::less<>> cache_;
};

Status SqliteError(sqlite3* db, int rc, std::string_view what);

}  // namespace qc::store
