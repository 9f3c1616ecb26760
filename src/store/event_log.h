// The append-only events table (the ledger's leaves). See docs/formats/events.md.
//
// Append() encodes the event as canonical JSON, hashes it as an RFC 9162 leaf and inserts it at the
// next index. The caller owns the transaction: nothing is durable until it commits.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "common/status.h"
#include "domain/event.h"
#include "store/db.h"

namespace qc::store {

// What an append recorded: enough to answer the client.
struct AppendedEvent {
  int64_t index;
  std::string type;
  std::string leaf_hash;  // 32 raw bytes
};

struct StoredEvent {
  domain::Event event;  // event.index set
  std::string bytes;    // canonical JSON, exactly as hashed
  std::string leaf_hash;  // 32 raw bytes
};

class EventLog {
 public:
  explicit EventLog(Db& db) : db_(db) {}  // `db` must outlive this EventLog

  StatusOr<int64_t> Size();
  // Sets e.index; returns its index, type and leaf hash.
  StatusOr<AppendedEvent> Append(domain::Event& e);
  // Events of one case with index < `before` (all when before < 0), in order.
  StatusOr<std::vector<domain::Event>> ReadCase(const std::string& case_id, int64_t before = -1);
  StatusOr<std::vector<StoredEvent>> ReadRange(int64_t start, int64_t count);

 private:
  Db& db_;
};

}  // namespace qc::store
