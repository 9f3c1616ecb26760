// Login sessions as stored: only the SHA-256 of each token, its user and its times (milliseconds
// since the epoch). The row is the authority (app/auth.cc): a session whose row is gone has ended.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "common/status.h"
#include "store/db.h"

namespace qc::store {

struct SessionRow {
  std::string token_hash, user_id;
  int64_t created_ms = 0, last_seen_ms = 0, expires_ms = 0;
};

Status InsertSession(Db& db, const SessionRow& s);
StatusOr<std::optional<SessionRow>> FindSession(Db& db, const std::string& token_hash);
Status TouchSession(Db& db, const std::string& token_hash, int64_t last_seen_ms);
Status DeleteSession(Db& db, const std::string& token_hash);
Status DeleteUserSessions(Db& db, const std::string& user_id);
// Sessions past their absolute expiry are of no use to anyone.
Status PurgeSessionsExpiredBy(Db& db, int64_t now_ms);

}  // namespace qc::store
