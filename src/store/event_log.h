// The append-only events table (the ledger's leaves). See docs/formats/events.md.
//
// Append() encodes the event as canonical JSON, hashes it as an RFC 9162 leaf and inserts it at the
// next index. The caller owns the transaction: nothing is durable until it commits.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <utility>
#include <string_view>
#include <string>
#include <vector>

#include "common/status.h"
#include "domain/event.h"
#include "ledger/merkle.h"
#include "store/db.h"

namespace qc::store {

// What an append recorded: enough to answer the client.
struct AppendedEvent {
  int64_t index;
  std::string type;
  std::string leaf_hash;  // 32 raw bytes
};

struct StoredEvent {
  domain::Event event;    // event.index set
  std::string bytes;      // canonical JSON, exactly as hashed
  std::string leaf_hash;  // 32 raw bytes
};

class EventLog {
 public:
  explicit EventLog(Db& db) : db_(db) {}  // `db` must outlive this EventLog

  StatusOr<int64_t> Size();
  // Sets e.index; returns its index, type and leaf hash.
  StatusOr<AppendedEvent> Append(domain::Event& e);
  // Appends at `idx`, which the caller knows is the next index (the writer keeps its own counter, so
  // an append does not look the log's size up); the events_gap_free trigger still refuses any other.
  StatusOr<AppendedEvent> AppendAt(domain::Event& e, int64_t idx);
  // Events of one case with index < `before` (all when before < 0), in order.
  StatusOr<std::vector<domain::Event>> ReadCase(const std::string& case_id, int64_t before = -1);
  // The same with the stored bytes and leaf hashes (a case's timeline).
  StatusOr<std::vector<StoredEvent>> ReadCaseStored(const std::string& case_id);
  StatusOr<std::vector<StoredEvent>> ReadRange(int64_t start, int64_t count);
  // Every event in index order, as stored (bytes and leaf hash), without decoding: `verify` reads
  // the whole log through this once.
  Status ScanStored(const std::function<Status(int64_t index, std::string_view bytes, std::string_view leaf_hash)>& f);
  // The stored bytes of every event of one type, in index order.
  Status ScanType(const std::string& type, const std::function<Status(int64_t index, std::string_view bytes)>& f);

  // The Merkle tree over the events (RFC 9162), from the stored perfect subtrees: O(log n) reads.
  StatusOr<std::string> Root(int64_t size);
  StatusOr<std::vector<std::string>> InclusionProof(int64_t index, int64_t size);
  StatusOr<std::vector<std::string>> ConsistencyProof(int64_t size1, int64_t size2);
  // Stored tree nodes (levels above the leaves): how many; the first (by level, index) that covers an
  // event at or past `size`; and the nodes of one level with index < `below`, in index order.
  StatusOr<int64_t> TreeNodeCount();
  StatusOr<std::optional<std::pair<int, int64_t>>> FirstTreeNodeBeyond(int64_t size);
  Status ScanTreeLevel(int level, int64_t below, const std::function<Status(int64_t index, std::string_view hash)>& f);
  // Reads node (level, index): level 0 from events.leaf_hash, higher levels from tree_nodes.
  ledger::NodeReader Nodes();

 private:
  Db& db_;
};

}  // namespace qc::store
