#include "store/session_repo.h"

#include "store/query.h"

namespace qc::store {

Status InsertSession(Db& db, const SessionRow& s) {
  return Execute(db,
                 "INSERT INTO sessions(token_hash, user_id, created_at, last_seen, expires_at) VALUES (?, ?, ?, ?, ?)",
                 {s.token_hash, s.user_id, s.created_ms, s.last_seen_ms, s.expires_ms});
}

StatusOr<std::optional<SessionRow>> FindSession(Db& db, const std::string& token_hash) {
  QC_ASSIGN_OR_RETURN(Stmt * s, db.Prepare("SELECT token_hash, user_id, created_at, last_seen, expires_at "
                                           "FROM sessions WHERE token_hash = ?"));
  s->Bind(1, token_hash);
  return ReadFirst<SessionRow>(*s, [](Stmt& r) {
    return SessionRow{r.Text(0), r.Text(1), r.Int(2), r.Int(3), r.Int(4)};
  });
}

Status TouchSession(Db& db, const std::string& token_hash, int64_t last_seen_ms) {
  return Execute(db, "UPDATE sessions SET last_seen = ? WHERE token_hash = ?", {last_seen_ms, token_hash});
}

Status DeleteSession(Db& db, const std::string& token_hash) {
  return Execute(db, "DELETE FROM sessions WHERE token_hash = ?", {token_hash});
}

Status DeleteUserSessions(Db& db, const std::string& user_id) {
  return Execute(db, "DELETE FROM sessions WHERE user_id = ?", {user_id});
}

Status PurgeSessionsExpiredBy(Db& db, int64_t now_ms) {
  return Execute(db, "DELETE FROM sessions WHERE expires_at <= ?", {now_ms});
}

}  // namespace qc::store
