// `quancheng verify`: proves a data directory intact from its own contents, with the server stopped.
//
// Each layer is checked against the stored layer below it, so a change is reported once, where it
// was made, rather than in everything derived from it:
//   events       gap-free indexes; SHA-256(0x00 || bytes) equals the stored leaf hash
//   tree nodes   each stored node equals SHA-256(0x01 || left || right) of its stored children; no
//                node beyond the events
//   checkpoints  every signature by the log's keys verifies; size, root and note agree; the root
//                equals the tree's root at that size; each is consistent with the next
//   projections  a replay of all events into fresh tables equals the stored tables row by row
//   blobs        every file under blobs/sha256 hashes to its name
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "common/status.h"
#include "ledger/note.h"

namespace qc::app {

struct VerifyReport {
  int64_t events = 0, tree_nodes = 0, checkpoints = 0, projection_rows = 0, blobs = 0;
  std::vector<std::string> signers;      // the keys checkpoints were checked with
  std::vector<std::string> divergences;  // one line each: "<what and where>: <说明>"
  std::string Summary() const;
};

// `keys`: the public keys to check checkpoints with; empty means the *.vkey files in DIR/keys.
StatusOr<VerifyReport> VerifyDataDir(const std::string& data_dir, std::vector<ledger::NoteVerifier> keys = {});

}  // namespace qc::app
