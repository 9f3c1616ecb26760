#include "store/upload_repo.h"

#include "store/query.h"

namespace qc::store {

namespace {

constexpr const char* kUploadSelect =
    "SELECT id, owner_id, length, received, metadata, params, case_id, state, sha256, sm3, record_id, error_code, "
    "error, expires_at FROM uploads ";

UploadRow ReadUpload(Stmt& s) {
  return {s.Text(0), s.Text(1), s.Int(2),  s.Int(3),   s.Text(4),  s.Text(5),  s.Text(6),
          s.Text(7), s.Text(8), s.Text(9), s.Text(10), s.Text(11), s.Text(12), s.Text(13)};
}

}  // namespace

StatusOr<std::optional<UploadRow>> GetUpload(Db& db, const std::string& id) {
  QC_ASSIGN_OR_RETURN(Stmt * s, db.Prepare(std::string(kUploadSelect) + "WHERE id = ?"));
  s->Bind(1, id);
  return ReadFirst<UploadRow>(*s, ReadUpload);
}

Status InsertUpload(Db& db, const UploadRow& u, const std::string& created_at) {
  return Execute(db,
                 "INSERT INTO uploads(id, owner_id, length, received, metadata, params, case_id, state, created_at, "
                 "expires_at) VALUES (?, ?, ?, 0, ?, ?, ?, 'receiving', ?, ?)",
                 {u.id, u.owner_id, u.length, u.metadata, u.params, u.case_id, created_at, u.expires_at});
}

StatusOr<int64_t> OpenUploadBytes(Db& db, const std::string& owner_id, const std::string& now) {
  QC_ASSIGN_OR_RETURN(Stmt * s, db.Prepare("SELECT COALESCE(SUM(length), 0) FROM uploads "
                                           "WHERE owner_id = ? AND state = 'receiving' AND expires_at > ?"));
  s->Bind(1, owner_id).Bind(2, now);
  return ReadInt(*s);
}

StatusOr<int64_t> PendingUploadBytes(Db& db, const std::string& now) {
  QC_ASSIGN_OR_RETURN(Stmt * s, db.Prepare("SELECT COALESCE(SUM(length - received), 0) FROM uploads "
                                           "WHERE state = 'receiving' AND expires_at > ?"));
  s->Bind(1, now);
  return ReadInt(*s);
}

Status CommitUploadOffset(Db& db, const std::string& id, int64_t offset, const std::string& expires_at) {
  return Execute(
      db, "UPDATE uploads SET received = ?, expires_at = ? WHERE id = ? AND state = 'receiving' AND received <= ?",
      {offset, expires_at, id, offset});
}

Status MarkUploadComplete(Db& db, const std::string& id, const std::string& sha256, const std::string& sm3,
                          const std::string& media) {
  return Execute(
      db, "UPDATE uploads SET state = 'complete', sha256 = ?, sm3 = ?, media = ? WHERE id = ? AND state = 'receiving'",
      {sha256, sm3, media, id});
}

StatusOr<std::string> UploadMedia(Db& db, const std::string& id) {
  QC_ASSIGN_OR_RETURN(Stmt * s, db.Prepare("SELECT media FROM uploads WHERE id = ?"));
  s->Bind(1, id);
  QC_ASSIGN_OR_RETURN(auto media, ReadFirst<std::string>(*s, [](Stmt& r) { return r.Text(0); }));
  return media.value_or("");
}

Status MarkUploadRefused(Db& db, const std::string& id, const std::string& code, const std::string& message) {
  return Execute(db, "UPDATE uploads SET state = 'refused', error_code = ?, error = ? WHERE id = ?",
                 {code, message, id});
}

Status MarkUploadRegistered(Db& db, const std::string& id, const std::string& record_id) {
  return Execute(db, "UPDATE uploads SET state = 'registered', record_id = ?, error_code = '', error = '' WHERE id = ?",
                 {record_id, id});
}

Status DeleteReceivingUpload(Db& db, const std::string& id) {
  return Execute(db, "DELETE FROM uploads WHERE id = ? AND state = 'receiving'", {id});
}

StatusOr<std::vector<std::string>> ExpiredUploadIds(Db& db, const std::string& now, int limit) {
  QC_ASSIGN_OR_RETURN(Stmt * s, db.Prepare("SELECT id FROM uploads WHERE state = 'receiving' AND expires_at < ? "
                                           "ORDER BY expires_at, id LIMIT ?"));
  s->Bind(1, now).Bind(2, limit);
  return ReadAll<std::string>(*s, [](Stmt& r) { return r.Text(0); });
}

Status DeleteExpiredUpload(Db& db, const std::string& id, const std::string& now) {
  return Execute(db, "DELETE FROM uploads WHERE id = ? AND state = 'receiving' AND expires_at < ?", {id, now});
}

StatusOr<std::vector<UploadRow>> UnfinishedUploads(Db& db) {
  QC_ASSIGN_OR_RETURN(Stmt * s, db.Prepare(std::string(kUploadSelect) + "WHERE state IN ('receiving', 'complete')"));
  return ReadAll<UploadRow>(*s, ReadUpload);
}

}  // namespace qc::store
