#include "store/checkpoints.h"

namespace qc::store {
namespace {

StatusOr<std::vector<StoredCheckpoint>> Query(Db& db, const char* sql, int64_t a, int64_t b) {
  QC_ASSIGN_OR_RETURN(Stmt * s, db.Prepare(sql));
  s->Bind(1, a).Bind(2, b);
  std::vector<StoredCheckpoint> out;
  for (;;) {
    auto row = s->Step();
    if (!row.ok()) {
      s->Reset();
      return row.status();
    }
    if (!*row) break;
    out.push_back({s->Int(0), s->Blob(1), s->Text(2), s->Text(3)});
  }
  s->Reset();
  return out;
}

std::optional<StoredCheckpoint> First(std::vector<StoredCheckpoint> v) {
  if (v.empty()) return std::nullopt;
  return std::move(v.front());
}

}  // namespace

StatusOr<std::optional<StoredCheckpoint>> LatestCheckpoint(Db& db) {
  QC_ASSIGN_OR_RETURN(auto v, Query(db,
                                    "SELECT size, root_hash, note, signed_at FROM checkpoints "
                                    "WHERE ?1 = ?2 ORDER BY size DESC LIMIT 1",
                                    0, 0));
  return First(std::move(v));
}

StatusOr<std::optional<StoredCheckpoint>> CheckpointOfSize(Db& db, int64_t size) {
  QC_ASSIGN_OR_RETURN(auto v, Query(db,
                                    "SELECT size, root_hash, note, signed_at FROM checkpoints "
                                    "WHERE size = ?1 AND ?2 = 0",
                                    size, 0));
  return First(std::move(v));
}

StatusOr<std::vector<StoredCheckpoint>> ListCheckpoints(Db& db, int64_t after, int64_t count) {
  return Query(db, "SELECT size, root_hash, note, signed_at FROM checkpoints WHERE size > ?1 ORDER BY size LIMIT ?2",
               after, count);
}

Status InsertCheckpoint(Db& db, const StoredCheckpoint& c) {
  QC_ASSIGN_OR_RETURN(Stmt * s,
                      db.Prepare("INSERT INTO checkpoints(size, root_hash, note, signed_at) VALUES (?, ?, ?, ?)"));
  s->Bind(1, c.size).BindBlob(2, c.root_hash).Bind(3, c.note).Bind(4, c.signed_at);
  return s->Run();
}

}  // namespace qc::store
