#include "ledger/checkpoint.h"

#include "crypto/base64.h"
#include "crypto/hash.h"
#include "ledger/merkle.h"

namespace qc::ledger {
namespace {

Status Bad(std::string message, std::string field = "checkpoint") {
  return Status::InvalidArgument("malformed_checkpoint", std::move(message), std::move(field));
}

// Splits off the next line (without its newline); false if no newline is left.
bool NextLine(std::string_view& rest, std::string_view& line) {
  size_t nl = rest.find('\n');
  if (nl == std::string_view::npos) return false;
  line = rest.substr(0, nl);
  rest.remove_prefix(nl + 1);
  return true;
}

// ASCII decimal without leading zeros (unless 0), at most 18 digits.
std::optional<int64_t> ParseDecimal(std::string_view s) {
  if (s.empty() || s.size() > 18 || (s.size() > 1 && s[0] == '0')) return std::nullopt;
  int64_t v = 0;
  for (char c : s) {
    if (c < '0' || c > '9') return std::nullopt;
    v = v * 10 + (c - '0');
  }
  return v;
}

StatusOr<std::string> Hash32(std::string_view b64, std::string field) {
  auto raw = crypto::Base64Decode(b64);
  if (!raw.ok() || raw->size() != 32) return Bad("哈希应为 32 字节的 base64", std::move(field));
  return *raw;
}

}  // namespace

std::string CheckpointText(const Checkpoint& c) {
  return c.origin + "\n" + std::to_string(c.size) + "\n" + crypto::Base64Encode(c.root_hash) + "\n";
}

StatusOr<Checkpoint> ParseCheckpointText(std::string_view text) {
  std::string_view rest = text, origin, size, root;
  if (!NextLine(rest, origin) || !NextLine(rest, size) || !NextLine(rest, root))
    return Bad("检查点正文应有来源、树大小、根哈希三行");
  if (origin.empty()) return Bad("检查点缺少来源行");
  Checkpoint c;
  c.origin = std::string(origin);
  auto n = ParseDecimal(size);
  if (!n) return Bad("树大小应为不带前导零的十进制整数");
  c.size = *n;
  QC_ASSIGN_OR_RETURN(c.root_hash, Hash32(root, "checkpoint"));
  return c;
}

std::string FormatProofBundle(const ProofBundle& b) {
  std::string out(kProofHeader);
  out += '\n';
  if (b.extra) out += "extra " + crypto::Base64Encode(*b.extra) + "\n";
  out += "index " + std::to_string(b.index) + "\n";
  for (const auto& h : b.proof) out += crypto::Base64Encode(h) + "\n";
  out += "\n";
  out += b.checkpoint_note;
  return out;
}

StatusOr<ProofBundle> ParseProofBundle(std::string_view text) {
  if (text.size() > 1024 * 1024 * 16) return Bad("证明文件过大", "bundle");
  std::string_view rest = text, line;
  if (!NextLine(rest, line) || line != kProofHeader) return Bad("首行应为 c2sp.org/tlog-proof@v1", "bundle");
  ProofBundle b;
  if (!NextLine(rest, line)) return Bad("缺少 index 行", "bundle");
  if (line.substr(0, 6) == "extra ") {
    auto extra = crypto::Base64Decode(line.substr(6));
    if (!extra.ok()) return Bad("extra 不是有效的 base64", "bundle");
    b.extra = *extra;
    if (!NextLine(rest, line)) return Bad("缺少 index 行", "bundle");
  }
  if (line.substr(0, 6) != "index ") return Bad("缺少 index 行", "bundle");
  auto index = ParseDecimal(line.substr(6));
  if (!index) return Bad("index 应为不带前导零的十进制整数", "bundle");
  b.index = *index;
  for (;;) {
    if (!NextLine(rest, line)) return Bad("证明之后缺少空行和检查点", "bundle");
    if (line.empty()) break;
    if (b.proof.size() >= 64) return Bad("证明路径过长", "bundle");
    QC_ASSIGN_OR_RETURN(std::string h, Hash32(line, "bundle"));
    b.proof.push_back(std::move(h));
  }
  b.checkpoint_note = std::string(rest);
  return b;
}

StatusOr<VerifiedBundle> VerifyProofBundle(const ProofBundle& b, const std::vector<NoteVerifier>& keys) {
  if (!b.extra) return Bad("证明文件不含条目内容（extra 行），无法计算叶子哈希", "bundle");
  QC_ASSIGN_OR_RETURN(Note note, ParseNote(b.checkpoint_note));
  VerifiedBundle v;
  QC_ASSIGN_OR_RETURN(v.signed_by, VerifyNote(note, keys));
  QC_ASSIGN_OR_RETURN(v.checkpoint, ParseCheckpointText(note.text));
  // The log is named by its origin: a checkpoint must be signed by a key of that name (a copy of the
  // keys used for another log, e.g. a staging one, does not make its checkpoints this log's).
  bool origin_signed = false;
  for (const auto& k : keys)
    for (const auto& s : note.signatures)
      origin_signed |= k.name == v.checkpoint.origin && s.name == k.name && s.key_id == k.id;
  if (!origin_signed)
    return Status::InvalidArgument("bad_signature", "检查点的来源 " + v.checkpoint.origin + " 不是签名密钥的名称",
                                   "bundle");
  if (b.index >= v.checkpoint.size) return Bad("条目序号不在检查点的树内", "bundle");
  v.index = b.index;
  v.leaf_hash = ledger::HashLeaf(*b.extra);
  Status st = VerifyInclusion(static_cast<uint64_t>(b.index), static_cast<uint64_t>(v.checkpoint.size), v.leaf_hash,
                              b.proof, v.checkpoint.root_hash);
  if (!st.ok()) return Status::InvalidArgument("bad_proof", "包含证明与检查点的根哈希不符：" + st.message(), "bundle");
  return v;
}

}  // namespace qc::ledger
