// The Merkle tree against the RFC 9162 test vectors (tests/vectors/rfc9162, copied unchanged with their licence)
// and against a naive recursive reference tree for every size up to 300.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <random>

#include "common/canonical_json.h"
#include "common/hex.h"
#include "crypto/base64.h"
#include "ledger/merkle.h"

namespace qc::ledger {
namespace {

namespace fs = std::filesystem;

// Decodes one vector field; a field that is not valid base64 decodes to itself (still not 32 bytes).
std::string B64(const Json& j) {
  auto d = crypto::Base64Decode(j.get<std::string>());
  return d.ok() ? *d : j.get<std::string>();
}

std::vector<std::string> Proof(const Json& j) {
  std::vector<std::string> out;
  if (j.is_array())
    for (const auto& e : j) out.push_back(B64(e));
  return out;
}

std::vector<fs::path> Vectors(const std::string& kind) {
  std::vector<fs::path> out;
  fs::path dir = fs::path(QC_VECTORS_DIR) / "rfc9162" / kind;
  for (const auto& e : fs::recursive_directory_iterator(dir))
    if (e.path().extension() == ".json") out.push_back(e.path());
  std::sort(out.begin(), out.end());
  return out;
}

Json Load(const fs::path& p) {
  std::ifstream in(p);
  return Json::parse(in);
}

TEST(Rfc9162Vectors, Inclusion) {
  auto files = Vectors("inclusion");
  ASSERT_GT(files.size(), 40u) << "vectors missing under " << QC_VECTORS_DIR;
  int accepted = 0, rejected = 0;
  for (const auto& f : files) {
    Json v = Load(f);
    Status st = VerifyInclusion(v["leafIdx"].get<uint64_t>(), v["treeSize"].get<uint64_t>(), B64(v["leafHash"]),
                                Proof(v["proof"]), B64(v["root"]));
    if (v["wantErr"].get<bool>()) {
      EXPECT_FALSE(st.ok()) << f << " must be rejected: " << v["desc"];
      ++rejected;
    } else {
      EXPECT_TRUE(st.ok()) << f << ": " << st.ToString();
      ++accepted;
    }
  }
  EXPECT_GT(accepted, 0);
  EXPECT_GT(rejected, 0);
}

TEST(Rfc9162Vectors, Consistency) {
  auto files = Vectors("consistency");
  ASSERT_GT(files.size(), 40u);
  for (const auto& f : files) {
    Json v = Load(f);
    Status st = VerifyConsistency(v["size1"].get<uint64_t>(), v["size2"].get<uint64_t>(), Proof(v["proof"]),
                                  B64(v["root1"]), B64(v["root2"]));
    if (v["wantErr"].get<bool>()) {
      EXPECT_FALSE(st.ok()) << f << " must be rejected: " << v["desc"];
    } else {
      EXPECT_TRUE(st.ok()) << f << ": " << st.ToString();
    }
  }
}

TEST(Rfc9162Vectors, ReferenceRootsOfTheEightLeaves) {
  // From the vectors' README: the leaf inputs and the root of the first n of them.
  const std::vector<std::string> leaves{
      "", "00", "10", "2021", "3031", "40414243", "5051525354555657", "606162636465666768696a6b6c6d6e6f"};
  const std::vector<std::string> roots{"e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
                                       "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
                                       "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
                                       "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
                                       "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
                                       "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
                                       "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
                                       "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
                                       "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328"};
  std::map<std::pair<int, uint64_t>, std::string> nodes;
  NodeReader reader = [&](int level, uint64_t index) -> StatusOr<std::string> {
    auto it = nodes.find({level, index});
    if (it == nodes.end()) return Status::NotFound("node");
    return it->second;
  };
  EXPECT_EQ(ToHex(*RootAt(0, reader)), roots[0]);
  for (size_t i = 0; i < leaves.size(); ++i) {
    std::string bytes;
    for (size_t j = 0; j < leaves[i].size(); j += 2)
      bytes.push_back(static_cast<char>(std::stoi(leaves[i].substr(j, 2), nullptr, 16)));
    auto completed = NodesCompletedBy(i, HashLeaf(bytes), reader);
    ASSERT_TRUE(completed.ok());
    for (const auto& n : *completed) nodes[{n.level, n.index}] = n.hash;
    EXPECT_EQ(ToHex(*RootAt(i + 1, reader)), roots[i + 1]) << "size " << i + 1;
  }
}

// The tree as RFC 9162 §2.1.1 defines it, recursively, straight from the leaves (leaves are only
// ever appended in this test, so a range's hash can be remembered once computed).
std::string NaiveRoot(const std::vector<std::string>& leaf_hashes, size_t a, size_t b) {
  static std::map<std::pair<size_t, size_t>, std::string> memo;
  if (b - a == 0) return HashEmpty();
  if (b - a == 1) return leaf_hashes[a];
  if (auto it = memo.find({a, b}); it != memo.end()) return it->second;
  size_t k = 1;
  while (k * 2 < b - a) k *= 2;
  std::string h = HashChildren(NaiveRoot(leaf_hashes, a, a + k), NaiveRoot(leaf_hashes, a + k, b));
  memo[{a, b}] = h;
  return h;
}

std::vector<std::string> NaivePath(size_t m, const std::vector<std::string>& d, size_t a, size_t b) {
  if (b - a <= 1) return {};
  size_t k = 1;
  while (k * 2 < b - a) k *= 2;
  std::vector<std::string> p;
  if (m < k) {
    p = NaivePath(m, d, a, a + k);
    p.push_back(NaiveRoot(d, a + k, b));
  } else {
    p = NaivePath(m - k, d, a + k, b);
    p.push_back(NaiveRoot(d, a, a + k));
  }
  return p;
}

std::vector<std::string> NaiveSubproof(size_t m, const std::vector<std::string>& d, size_t a, size_t b, bool start) {
  if (m == b - a) return start ? std::vector<std::string>{} : std::vector<std::string>{NaiveRoot(d, a, b)};
  size_t k = 1;
  while (k * 2 < b - a) k *= 2;
  std::vector<std::string> p;
  if (m <= k) {
    p = NaiveSubproof(m, d, a, a + k, start);
    p.push_back(NaiveRoot(d, a + k, b));
  } else {
    p = NaiveSubproof(m - k, d, a + k, b, false);
    p.push_back(NaiveRoot(d, a, a + k));
  }
  return p;
}

TEST(Merkle, MatchesTheNaiveTreeForEverySizeUpTo300) {
  std::mt19937_64 rng(20261127);
  std::vector<std::string> leaf_hashes;
  std::map<std::pair<int, uint64_t>, std::string> nodes;
  size_t reads = 0;
  NodeReader reader = [&](int level, uint64_t index) -> StatusOr<std::string> {
    ++reads;
    auto it = nodes.find({level, index});
    if (it == nodes.end()) return Status::NotFound("node not stored");
    return it->second;
  };
  std::vector<std::string> roots{HashEmpty()};
  for (uint64_t n = 1; n <= 300; ++n) {
    std::string data(static_cast<size_t>(rng() % 64), '\0');
    for (auto& ch : data) ch = static_cast<char>(rng());
    leaf_hashes.push_back(HashLeaf(data));
    auto completed = NodesCompletedBy(n - 1, leaf_hashes.back(), reader);
    ASSERT_TRUE(completed.ok()) << n;
    for (const auto& node : *completed) nodes[{node.level, node.index}] = node.hash;
    std::string root = NaiveRoot(leaf_hashes, 0, n);
    ASSERT_EQ(*RootAt(n, reader), root) << "size " << n;
    roots.push_back(root);
  }
  for (uint64_t n = 1; n <= 300; ++n) {
    for (uint64_t m = 0; m < n; ++m) {
      reads = 0;
      auto proof = InclusionProof(m, n, reader);
      ASSERT_TRUE(proof.ok());
      ASSERT_EQ(*proof, NaivePath(m, leaf_hashes, 0, n)) << "inclusion " << m << " in " << n;
      EXPECT_LE(reads, 2u * 10u) << "O(log n) node reads";
      ASSERT_TRUE(VerifyInclusion(m, n, leaf_hashes[m], *proof, roots[n]).ok());
      if (!proof->empty()) {
        auto tampered = *proof;
        tampered[0][5] ^= 1;
        EXPECT_FALSE(VerifyInclusion(m, n, leaf_hashes[m], tampered, roots[n]).ok());
      }
      uint64_t size1 = m + 1;
      reads = 0;
      auto cons = ConsistencyProof(size1, n, reader);
      ASSERT_TRUE(cons.ok());
      ASSERT_EQ(*cons, NaiveSubproof(size1, leaf_hashes, 0, n, true)) << "consistency " << size1 << " to " << n;
      EXPECT_LE(reads, 2u * 10u);
      ASSERT_TRUE(VerifyConsistency(size1, n, *cons, roots[size1], roots[n]).ok()) << size1 << " to " << n;
      if (size1 < n) {
        EXPECT_FALSE(VerifyConsistency(size1, n, *cons, roots[n], roots[n]).ok());
      }
    }
  }
}

TEST(Base64, RoundTripsAndRejectsNonCanonical) {
  for (const std::string& s : std::vector<std::string>{"", "a", "ab", "abc", "abcd", std::string("\0\xff\x10", 3)})
    EXPECT_EQ(*crypto::Base64Decode(crypto::Base64Encode(s)), s);
  for (const char* bad : {"a", "ab=", "a===", "ab=c", "ZG9uJ3QgY2FyZSAx\n", "Zm9v!A==", "Zh=="})
    EXPECT_FALSE(crypto::Base64Decode(bad).ok()) << bad;
}

}  // namespace
}  // namespace qc::ledger
