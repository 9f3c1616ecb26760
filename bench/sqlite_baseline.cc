// bench_sqlite_baseline — the durable-write ceiling of this disk, measured with SQLite alone.
//
// One row per transaction (BEGIN; INSERT; COMMIT), journal_mode=WAL, synchronous=FULL: every COMMIT
// waits for an fsync of the WAL, exactly what one un-batched durable write costs. Each row is an
// integer key plus a blob of --size bytes (300 by default, about one CaseOpened event).
//
//   bench_sqlite_baseline --dir DIR [--seconds S | --count N] [--size BYTES] [--keep]
//
// The database is DIR/sqlite_baseline.db; it is created fresh and removed afterwards (unless --keep).
// Output: a human line, then a machine line "rows_per_sec=<float>" (run.sh reads the latter).
// Links SQLite only; nothing from the project.
#include <sqlite3.h>

#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <random>
#include <string>
#include <vector>

namespace {

[[noreturn]] void Die(sqlite3* db, const char* what) {
  std::fprintf(stderr, "bench_sqlite_baseline: %s: %s\n", what, db ? sqlite3_errmsg(db) : "?");
  std::exit(1);
}

void Exec(sqlite3* db, const char* sql) {
  char* err = nullptr;
  if (sqlite3_exec(db, sql, nullptr, nullptr, &err) != SQLITE_OK) {
    std::fprintf(stderr, "bench_sqlite_baseline: %s: %s\n", sql, err ? err : "?");
    sqlite3_free(err);
    std::exit(1);
  }
}

sqlite3_stmt* Prepare(sqlite3* db, const char* sql) {
  sqlite3_stmt* s = nullptr;
  if (sqlite3_prepare_v3(db, sql, -1, SQLITE_PREPARE_PERSISTENT, &s, nullptr) != SQLITE_OK) Die(db, sql);
  return s;
}

void Step(sqlite3* db, sqlite3_stmt* s, const char* what) {
  if (sqlite3_step(s) != SQLITE_DONE) Die(db, what);
  sqlite3_reset(s);
}

void Usage() {
  std::fprintf(stderr,
               "usage: bench_sqlite_baseline --dir DIR [--seconds S | --count N] [--size BYTES] [--keep]\n"
               "  one INSERT per BEGIN/COMMIT, journal_mode=WAL, synchronous=FULL; prints rows/second\n");
  std::exit(2);
}

}  // namespace

int main(int argc, char** argv) {
  std::string dir;
  double seconds = 10;
  int64_t count = 0;  // 0: run for `seconds`
  int size = 300;
  bool keep = false;
  for (int i = 1; i < argc; ++i) {
    auto arg = [&](const char* name) -> const char* {
      if (std::strcmp(argv[i], name) != 0) return nullptr;
      if (i + 1 >= argc) Usage();
      return argv[++i];
    };
    if (const char* v = arg("--dir"))
      dir = v;
    else if (const char* v = arg("--seconds"))
      seconds = std::atof(v), count = 0;
    else if (const char* v = arg("--count"))
      count = std::atoll(v);
    else if (const char* v = arg("--size"))
      size = std::atoi(v);
    else if (std::strcmp(argv[i], "--keep") == 0)
      keep = true;
    else
      Usage();
  }
  if (dir.empty() || size < 0 || size > (1 << 20) || (count <= 0 && !(seconds > 0))) Usage();

  const std::string path = dir + "/sqlite_baseline.db";
  for (const char* suffix : {"", "-wal", "-shm"}) std::remove((path + suffix).c_str());

  sqlite3* db = nullptr;
  if (sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, nullptr) !=
      SQLITE_OK)
    Die(db, ("open " + path).c_str());
  Exec(db, "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL;");
  Exec(db, "CREATE TABLE rows (k INTEGER PRIMARY KEY, v BLOB NOT NULL)");

  sqlite3_stmt* begin = Prepare(db, "BEGIN");
  sqlite3_stmt* commit = Prepare(db, "COMMIT");
  sqlite3_stmt* insert = Prepare(db, "INSERT INTO rows (k, v) VALUES (?, ?)");

  std::vector<unsigned char> blob(size);
  std::mt19937_64 rng(42);
  for (auto& b : blob) b = static_cast<unsigned char>(rng());

  using Clock = std::chrono::steady_clock;
  const auto start = Clock::now();
  const auto deadline = start + std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(seconds));
  int64_t rows = 0;
  for (;;) {
    if (count > 0 ? rows >= count : Clock::now() >= deadline) break;
    blob[0] = static_cast<unsigned char>(rows);  // not identical rows
    Step(db, begin, "BEGIN");
    sqlite3_bind_int64(insert, 1, rows);
    sqlite3_bind_blob(insert, 2, blob.data(), static_cast<int>(blob.size()), SQLITE_STATIC);
    Step(db, insert, "INSERT");
    Step(db, commit, "COMMIT");
    ++rows;
  }
  const double elapsed = std::chrono::duration<double>(Clock::now() - start).count();

  sqlite3_finalize(begin);
  sqlite3_finalize(commit);
  sqlite3_finalize(insert);
  if (sqlite3_close(db) != SQLITE_OK) Die(db, "close");
  if (!keep)
    for (const char* suffix : {"", "-wal", "-shm"}) std::remove((path + suffix).c_str());

  const double rate = elapsed > 0 ? rows / elapsed : 0;
  std::printf(
      "sqlite baseline: %lld rows of %d B, one per transaction (WAL, synchronous=FULL) in %.2f s = %.1f rows/s"
      " (%.3f ms/commit) [sqlite %s, %s]\n",
      static_cast<long long>(rows), size, elapsed, rate, rows ? elapsed * 1000 / rows : 0.0, sqlite3_libversion(),
      path.c_str());
  std::printf("rows_per_sec=%.1f\n", rate);
  return 0;
}
