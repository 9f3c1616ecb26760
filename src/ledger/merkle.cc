#include "ledger/merkle.h"

#include <bit>
#include <map>

#include "crypto/hash.h"

namespace qc::ledger {
namespace {

Status Bad(const std::string& why) { return Status::InvalidArgument("invalid_proof", "证明无效：" + why); }

// Largest power of two strictly less than n (n >= 2).
uint64_t SplitPoint(uint64_t n) { return uint64_t{1} << (std::bit_width(n - 1) - 1); }

// Hashes of arbitrary ranges [a, b) of the tree, computed from stored perfect subtrees and memoized
// for the duration of one proof: the ranges a proof needs share their right spines.
class RangeHasher {
 public:
  explicit RangeHasher(const NodeReader& reader) : reader_(reader) {}

  StatusOr<std::string> Hash(uint64_t a, uint64_t b) {
    uint64_t n = b - a;
    if (n == 0) return HashEmpty();
    auto key = std::make_pair(a, b);
    if (auto it = memo_.find(key); it != memo_.end()) return it->second;
    std::string h;
    if (std::has_single_bit(n) && a % n == 0) {
      QC_ASSIGN_OR_RETURN(h, reader_(std::countr_zero(n), a / n));
      if (h.size() != kHashSize) return Status::Internal("账本节点长度错误");
    } else {
      uint64_t k = SplitPoint(n);
      QC_ASSIGN_OR_RETURN(std::string left, Hash(a, a + k));
      QC_ASSIGN_OR_RETURN(std::string right, Hash(a + k, b));
      h = HashChildren(left, right);
    }
    memo_.emplace(key, h);
    return h;
  }

 private:
  const NodeReader& reader_;
  std::map<std::pair<uint64_t, uint64_t>, std::string> memo_;
};

// PATH(m, D[a:b]) of RFC 9162 §2.1.3.1, iteratively: collected root-side first, then reversed.
StatusOr<std::vector<std::string>> Path(uint64_t m, uint64_t a, uint64_t b, RangeHasher& h) {
  std::vector<std::string> out;
  while (b - a > 1) {
    uint64_t k = SplitPoint(b - a);
    if (m < k) {
      QC_ASSIGN_OR_RETURN(std::string s, h.Hash(a + k, b));
      out.push_back(std::move(s));
      b = a + k;
    } else {
      QC_ASSIGN_OR_RETURN(std::string s, h.Hash(a, a + k));
      out.push_back(std::move(s));
      m -= k;
      a += k;
    }
  }
  return std::vector<std::string>(out.rbegin(), out.rend());
}

// SUBPROOF(m, D[a:b], start) of RFC 9162 §2.1.4.1.
StatusOr<std::vector<std::string>> SubProof(uint64_t m, uint64_t a, uint64_t b, bool start, RangeHasher& h) {
  std::vector<std::string> out;
  while (m != b - a) {
    uint64_t k = SplitPoint(b - a);
    if (m <= k) {
      QC_ASSIGN_OR_RETURN(std::string s, h.Hash(a + k, b));
      out.push_back(std::move(s));
      b = a + k;
    } else {
      QC_ASSIGN_OR_RETURN(std::string s, h.Hash(a, a + k));
      out.push_back(std::move(s));
      m -= k;
      a += k;
      start = false;
    }
  }
  if (!start) {
    QC_ASSIGN_OR_RETURN(std::string s, h.Hash(a, b));
    out.push_back(std::move(s));
  }
  return std::vector<std::string>(out.rbegin(), out.rend());
}

// The verification helpers of RFC 9162 §2.1.3.2 in the decomposed form: the proof of leaf `index` in
// a tree of `size` has `inner` elements below the point where the path meets the right border, then
// `border` elements.
void Decompose(uint64_t index, uint64_t size, int* inner, int* border) {
  *inner = std::bit_width(index ^ (size - 1));
  *border = std::popcount(index >> *inner);
}

std::string ChainInner(std::string seed, const std::vector<std::string>& proof, size_t from, size_t to,
                       uint64_t index) {
  for (size_t i = from; i < to; ++i)
    seed = ((index >> (i - from)) & 1) == 0 ? HashChildren(seed, proof[i]) : HashChildren(proof[i], seed);
  return seed;
}

std::string ChainInnerRight(std::string seed, const std::vector<std::string>& proof, size_t from, size_t to,
                            uint64_t index) {
  for (size_t i = from; i < to; ++i)
    if (((index >> (i - from)) & 1) == 1) seed = HashChildren(proof[i], seed);
  return seed;
}

std::string ChainBorderRight(std::string seed, const std::vector<std::string>& proof, size_t from) {
  for (size_t i = from; i < proof.size(); ++i) seed = HashChildren(proof[i], seed);
  return seed;
}

Status CheckSizes(const std::vector<std::string>& hashes, const char* what) {
  for (const auto& h : hashes)
    if (h.size() != kHashSize) return Bad(std::string(what) + "长度不是 32 字节");
  return Status();
}

}  // namespace

std::string HashLeaf(std::string_view data) {
  std::string buf;
  buf.reserve(1 + data.size());
  buf.push_back('\x00');
  buf.append(data);
  return crypto::Sha256(buf);
}

std::string HashChildren(std::string_view left, std::string_view right) {
  std::string buf;
  buf.reserve(1 + left.size() + right.size());
  buf.push_back('\x01');
  buf.append(left);
  buf.append(right);
  return crypto::Sha256(buf);
}

std::string HashEmpty() { return crypto::Sha256(""); }

StatusOr<std::vector<Node>> NodesCompletedBy(uint64_t index, const std::string& leaf_hash, const NodeReader& reader) {
  std::vector<Node> out{{0, index, leaf_hash}};
  std::string h = leaf_hash;
  // Each trailing 1 bit of index means a left sibling waits at that level to be joined.
  for (int level = 0; ((index >> level) & 1) == 1; ++level) {
    QC_ASSIGN_OR_RETURN(std::string left, reader(level, (index >> level) - 1));
    h = HashChildren(left, h);
    out.push_back({level + 1, index >> (level + 1), h});
  }
  return out;
}

StatusOr<std::string> RootAt(uint64_t size, const NodeReader& reader) {
  RangeHasher h(reader);
  return h.Hash(0, size);
}

StatusOr<std::vector<std::string>> InclusionProof(uint64_t index, uint64_t size, const NodeReader& reader) {
  if (index >= size) return Status::InvalidArgument("invalid_field", "叶子序号须小于树的大小", "index");
  RangeHasher h(reader);
  return Path(index, 0, size, h);
}

StatusOr<std::vector<std::string>> ConsistencyProof(uint64_t size1, uint64_t size2, const NodeReader& reader) {
  if (size1 == 0 || size1 > size2) return Status::InvalidArgument("invalid_field", "须满足 0 < from ≤ to", "from");
  RangeHasher h(reader);
  return SubProof(size1, 0, size2, true, h);
}

Status VerifyInclusion(uint64_t index, uint64_t size, const std::string& leaf_hash,
                       const std::vector<std::string>& proof, const std::string& root) {
  if (index >= size) return Bad("叶子序号超出树的大小");
  if (leaf_hash.size() != kHashSize) return Bad("叶子哈希长度不是 32 字节");
  if (root.size() != kHashSize) return Bad("根哈希长度不是 32 字节");
  QC_RETURN_IF_ERROR(CheckSizes(proof, "证明中的哈希"));
  int inner, border;
  Decompose(index, size, &inner, &border);
  if (proof.size() != static_cast<size_t>(inner + border)) return Bad("证明的长度不对");
  std::string h = ChainInner(leaf_hash, proof, 0, inner, index);
  h = ChainBorderRight(h, proof, inner);
  if (h != root) return Bad("根哈希不匹配");
  return Status();
}

Status VerifyConsistency(uint64_t size1, uint64_t size2, const std::vector<std::string>& proof,
                         const std::string& root1, const std::string& root2) {
  if (size2 < size1) return Bad("size2 小于 size1");
  if (size1 == 0) return Bad("从空树出发的一致性证明没有意义");
  if (size1 == size2) {  // nothing to prove: the same tree must have the same root
    if (!proof.empty()) return Bad("两个大小相同，证明应为空");
    if (root1 != root2) return Bad("根哈希不匹配");
    return Status();
  }
  if (root1.size() != kHashSize || root2.size() != kHashSize) return Bad("根哈希长度不是 32 字节");
  QC_RETURN_IF_ERROR(CheckSizes(proof, "证明中的哈希"));
  if (proof.empty()) return Bad("证明为空");
  int inner, border;
  Decompose(size1 - 1, size2, &inner, &border);
  int shift = std::countr_zero(size1);
  inner -= shift;  // the proof starts at level `shift`, where size1's subtree is perfect
  std::string seed;
  size_t start;
  if (size1 == (uint64_t{1} << shift)) {
    seed = root1;  // size1 is itself a perfect subtree: its root is the seed
    start = 0;
  } else {
    seed = proof[0];
    start = 1;
  }
  if (proof.size() != start + inner + border) return Bad("证明的长度不对");
  uint64_t mask = (size1 - 1) >> shift;
  std::string h1 = ChainInnerRight(seed, proof, start, start + inner, mask);
  h1 = ChainBorderRight(h1, proof, start + inner);
  if (h1 != root1) return Bad("第一个根哈希不匹配");
  std::string h2 = ChainInner(seed, proof, start, start + inner, mask);
  h2 = ChainBorderRight(h2, proof, start + inner);
  if (h2 != root2) return Bad("第二个根哈希不匹配");
  return Status();
}

}  // namespace qc::ledger
