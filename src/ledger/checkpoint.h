// Checkpoints (https://c2sp.org/tlog-checkpoint) and proof bundles (https://c2sp.org/tlog-proof).
//
// A checkpoint is the text of a signed note:
//   yixian.gaj/quancheng          origin: names the log
//   1024                          tree size, decimal, no leading zeros
//   Z6pMFcS4...=                  base64 of the RFC 9162 root hash of the first `size` events
//
// A proof bundle proves one event offline:
//   c2sp.org/tlog-proof@v1
//   extra <base64 of the event's canonical JSON bytes>    (QuanCheng always includes it)
//   index 5
//   <base64 inclusion proof hashes, leaf's sibling first>
//   <blank line>
//   <the signed checkpoint note, verbatim>
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/status.h"
#include "ledger/note.h"

namespace qc::ledger {

inline constexpr std::string_view kDefaultOrigin = "yixian.gaj/quancheng";
inline constexpr std::string_view kProofHeader = "c2sp.org/tlog-proof@v1";

struct Checkpoint {
  std::string origin;
  int64_t size = 0;
  std::string root_hash;  // 32 raw bytes
};

std::string CheckpointText(const Checkpoint& c);
// Parses a checkpoint note text (extension lines after the root are allowed and ignored).
StatusOr<Checkpoint> ParseCheckpointText(std::string_view text);

struct ProofBundle {
  std::optional<std::string> extra;  // decoded bytes
  int64_t index = 0;
  std::vector<std::string> proof;  // raw 32-byte hashes
  std::string checkpoint_note;     // signed note, verbatim
};

std::string FormatProofBundle(const ProofBundle& b);
StatusOr<ProofBundle> ParseProofBundle(std::string_view text);

// What VerifyProofBundle established.
struct VerifiedBundle {
  Checkpoint checkpoint;
  std::vector<std::string> signed_by;
  int64_t index = 0;
  std::string leaf_hash;
};
// Checks the checkpoint's signatures with `keys`, then that SHA-256(0x00 || extra) sits at `index`
// in the checkpointed tree. The bundle must carry the entry in `extra`.
StatusOr<VerifiedBundle> VerifyProofBundle(const ProofBundle& b, const std::vector<NoteVerifier>& keys);

}  // namespace qc::ledger
