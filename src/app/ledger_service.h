// The ledger as clients read it (ledger.cc: proofs and entries) and its signed checkpoints
// (checkpoints.cc: signed tree heads as C2SP signed-note text, proof bundles). Hashes only, except
// LedgerEntries and ProofBundle, which reveal events and ask the authorization decision.
//
//   QC_RETURN_IF_ERROR(app.ledger().SignCheckpoint());      // if the log grew since the last one
//   auto note = app.ledger().LatestCheckpointNote();
#pragma once

#include <cstdint>
#include <mutex>
#include <optional>
#include <string>

#include "app/context.h"

namespace qc::app {

class LedgerService {
 public:
  explicit LedgerService(AppContext& ctx) : ctx_(ctx) {}

  StatusOr<Json> InclusionProof(int64_t index, std::optional<int64_t> size);
  StatusOr<Json> ConsistencyProof(int64_t from, std::optional<int64_t> to);
  StatusOr<Json> LedgerEntries(const domain::Actor& a, int64_t start, int64_t count);
  StatusOr<int64_t> EventCount();

  // Signs the current tree head if the log grew since the last checkpoint. Refuses (and logs) a head
  // not consistent with the last one signed. While serving, App's checkpointer calls it every interval.
  Status SignCheckpoint();
  StatusOr<std::string> LatestCheckpointNote();
  StatusOr<std::string> CheckpointNote(int64_t size);
  StatusOr<Json> ListCheckpoints(int64_t after, int64_t count);
  Json LedgerKeysJson() const;
  // Event `index` as a C2SP tlog-proof against the latest checkpoint, with the event bytes as its
  // extra data. Reveals the event: audit roles, or a user who may see the event's case.
  StatusOr<std::string> ProofBundle(const domain::Actor& a, int64_t index);
  const LedgerKeys& ledger_keys() const { return ctx_.keys; }

  // The auditor's own chain of verifications (verifications.cc), kept in the ledger so that another
  // computer continues it: RecordVerification checks that `root_hash` (base64) is this ledger's root at
  // `size` (409 root_mismatch otherwise) and records LedgerVerified; LastVerification returns the
  // latest of the actor's, {"verification": {origin, size, root_hash, at, index} | null}.
  StatusOr<CommandResult> RecordVerification(const domain::Actor& a, int64_t size, const std::string& root_hash);
  StatusOr<Json> LastVerification(const domain::Actor& a);

 private:
  AppContext& ctx_;
  std::mutex sign_mu_;  // one signer at a time
};

}  // namespace qc::app
