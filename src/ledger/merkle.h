// RFC 9162 §2.1 Merkle tree: hashing, proofs from a stored tree, and proof verification.
//
//   leaf      = SHA-256(0x00 || event bytes)          HashLeaf()
//   interior  = SHA-256(0x01 || left || right)         HashChildren()
//   empty     = SHA-256("")                            HashEmpty()
//
// Storage layout: only *perfect* subtrees are stored, as nodes (level, index) — the hash of leaves
// [index * 2^level, (index + 1) * 2^level). Level 0 nodes are the leaf hashes. Appending leaf i
// completes exactly the nodes (l, i >> l) for l = 0 .. trailing ones of i, so an append writes
// O(log n) nodes. Any root or proof needs only the perfect subtrees along one or two paths:
//
//              (2,0)                 size 6 = 4 + 2:
//           /        \               root = H((2,0), (1,2))
//        (1,0)      (1,1)     (1,2)
//        /  \       /  \      /  \ .
//     (0,0)(0,1)(0,2)(0,3)(0,4)(0,5)
//
// Leaf indexes are 0-based. Hashes are 32 raw bytes; anything else is a malformed proof.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "common/status.h"

namespace qc::ledger {

inline constexpr size_t kHashSize = 32;

std::string HashLeaf(std::string_view data);
std::string HashChildren(std::string_view left, std::string_view right);
std::string HashEmpty();

// Reads the stored hash of perfect subtree (level, index). Must only be asked for nodes that exist
// in the tree being proven (the functions below never ask for others).
using NodeReader = std::function<StatusOr<std::string>(int level, uint64_t index)>;

// The nodes an append of leaf `index` completes, lowest first; `leaf_hash` is node (0, index), and
// `reader` supplies the left siblings (already stored).
struct Node {
  int level;
  uint64_t index;
  std::string hash;
};
StatusOr<std::vector<Node>> NodesCompletedBy(uint64_t index, const std::string& leaf_hash, const NodeReader& reader);

// The root of the first `size` leaves (HashEmpty() for 0).
StatusOr<std::string> RootAt(uint64_t size, const NodeReader& reader);
// RFC 9162 §2.1.3.1 PATH(index, D[size]); InvalidArgument unless index < size.
StatusOr<std::vector<std::string>> InclusionProof(uint64_t index, uint64_t size, const NodeReader& reader);
// RFC 9162 §2.1.4.1 PROOF(size1, D[size2]); InvalidArgument unless 0 < size1 <= size2.
StatusOr<std::vector<std::string>> ConsistencyProof(uint64_t size1, uint64_t size2, const NodeReader& reader);

// RFC 9162 §2.1.3.2. OK only when `proof` proves `leaf_hash` at `index` in the tree of `size`
// with `root`. Every hash must be 32 bytes.
Status VerifyInclusion(uint64_t index, uint64_t size, const std::string& leaf_hash,
                       const std::vector<std::string>& proof, const std::string& root);
// RFC 9162 §2.1.4.2. A proof from the empty tree (size1 = 0) is rejected as meaningless; with
// size1 = size2 the proof must be empty and the roots equal.
Status VerifyConsistency(uint64_t size1, uint64_t size2, const std::vector<std::string>& proof,
                         const std::string& root1, const std::string& root2);

}  // namespace qc::ledger
