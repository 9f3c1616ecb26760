// The checkpoints table: every signed tree head, in size order. See docs/formats/ledger.md.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "common/status.h"
#include "store/db.h"

namespace qc::store {

struct StoredCheckpoint {
  int64_t size = 0;
  std::string root_hash;  // 32 raw bytes
  std::string note;       // the signed note, verbatim
  std::string signed_at;  // RFC 3339
};

StatusOr<std::optional<StoredCheckpoint>> LatestCheckpoint(Db& db);
StatusOr<std::optional<StoredCheckpoint>> CheckpointOfSize(Db& db, int64_t size);
// Up to `count` checkpoints with size > `after`, smallest first.
StatusOr<std::vector<StoredCheckpoint>> ListCheckpoints(Db& db, int64_t after, int64_t count);
Status InsertCheckpoint(Db& db, const StoredCheckpoint& c);

}  // namespace qc::store
