#include "ledger/note.h"

#include <algorithm>
#include <cstdio>

#include "crypto/base64.h"
#include "crypto/hash.h"

namespace qc::ledger {
namespace {

constexpr std::string_view kDash = "\xE2\x80\x94 ";  // U+2014 EM DASH, then a space

std::string BigEndian(uint32_t v) {
  return {static_cast<char>(v >> 24), static_cast<char>(v >> 16), static_cast<char>(v >> 8), static_cast<char>(v)};
}

uint32_t ReadBigEndian(std::string_view b) {
  return (uint32_t(uint8_t(b[0])) << 24) | (uint32_t(uint8_t(b[1])) << 16) | (uint32_t(uint8_t(b[2])) << 8) |
         uint32_t(uint8_t(b[3]));
}

Status Bad(std::string message) { return Status::InvalidArgument("malformed_note", std::move(message), "note"); }

// Valid UTF-8 (shortest form, no surrogates) without control characters other than newline, as
// signed notes require.
bool CleanUtf8(std::string_view s) {
  size_t i = 0;
  while (i < s.size()) {
    auto c = static_cast<uint8_t>(s[i]);
    if (c < 0x80) {
      if ((c < 0x20 && c != '\n') || c == 0x7f) return false;
      ++i;
      continue;
    }
    int extra;
    uint32_t cp;
    if (c >= 0xC2 && c <= 0xDF)
      extra = 1, cp = c & 0x1F;
    else if (c >= 0xE0 && c <= 0xEF)
      extra = 2, cp = c & 0x0F;
    else if (c >= 0xF0 && c <= 0xF4)
      extra = 3, cp = c & 0x07;
    else
      return false;
    if (i + extra >= s.size()) return false;
    for (int k = 1; k <= extra; ++k) {
      auto b = static_cast<uint8_t>(s[i + k]);
      if ((b & 0xC0) != 0x80) return false;
      cp = (cp << 6) | (b & 0x3F);
    }
    if ((extra == 2 && cp < 0x800) || (extra == 3 && (cp < 0x10000 || cp > 0x10FFFF)) || (cp >= 0xD800 && cp <= 0xDFFF))
      return false;
    i += extra + 1;
  }
  return true;
}

}  // namespace

std::string SignatureType(crypto::SignatureAlgorithm a) {
  if (a == crypto::SignatureAlgorithm::kEd25519) return std::string(1, '\x01');
  return std::string(1, '\xff') + std::string(kSm2SignatureName);
}

uint32_t KeyId(std::string_view name, crypto::SignatureAlgorithm a, std::string_view public_key) {
  std::string data(name);
  data += '\n';
  data += SignatureType(a);
  data += public_key;
  return ReadBigEndian(crypto::Sha256(data));
}

Status CheckKeyName(std::string_view name) {
  if (name.empty()) return Bad("密钥名称为空");
  for (unsigned char c : name)
    if (c <= 0x20 || c == '+' || c == 0x7f) return Bad("密钥名称不得含空白或“+”：" + std::string(name));
  if (!CleanUtf8(name)) return Bad("密钥名称不是有效的 UTF-8");
  // Unicode spaces (signed-note forbids every space): U+0085, U+00A0, U+1680, U+2000–U+200A,
  // U+2028, U+2029, U+202F, U+205F, U+3000.
  for (std::string_view sp : {"\xC2\x85", "\xC2\xA0", "\xE1\x9A\x80", "\xE2\x80\xA8", "\xE2\x80\xA9", "\xE2\x80\xAF",
                              "\xE2\x81\x9F", "\xE3\x80\x80"})
    if (name.find(sp) != std::string_view::npos) return Bad("密钥名称不得含空白：" + std::string(name));
  for (unsigned char c = 0x80; c <= 0x8A; ++c)
    if (name.find(std::string("\xE2\x80") + static_cast<char>(c)) != std::string_view::npos)
      return Bad("密钥名称不得含空白：" + std::string(name));
  return Status();
}

StatusOr<NoteVerifier> NoteVerifier::Parse(std::string_view vkey) {
  while (!vkey.empty() && (vkey.back() == '\n' || vkey.back() == '\r' || vkey.back() == ' ')) vkey.remove_suffix(1);
  auto p1 = vkey.find('+');
  auto p2 = p1 == std::string_view::npos ? p1 : vkey.find('+', p1 + 1);
  auto fail = [] { return Status::InvalidArgument("invalid_key", "公钥格式应为 名称+密钥ID+base64", "key"); };
  if (p2 == std::string_view::npos || p2 - p1 != 9) return fail();
  NoteVerifier v;
  v.name = std::string(vkey.substr(0, p1));
  if (!CheckKeyName(v.name).ok()) return fail();
  std::string_view hex = vkey.substr(p1 + 1, 8);
  for (char c : hex)
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return fail();
  uint32_t id = static_cast<uint32_t>(std::stoul(std::string(hex), nullptr, 16));
  auto raw = crypto::Base64Decode(vkey.substr(p2 + 1));
  if (!raw.ok() || raw->empty()) return fail();
  std::string sm2 = SignatureType(crypto::SignatureAlgorithm::kSm2Sm3);
  if ((*raw)[0] == '\x01') {
    v.algorithm = crypto::SignatureAlgorithm::kEd25519;
    v.public_key = raw->substr(1);
  } else if (raw->compare(0, sm2.size(), sm2) == 0) {
    v.algorithm = crypto::SignatureAlgorithm::kSm2Sm3;
    v.public_key = raw->substr(sm2.size());
  } else {
    return Status::InvalidArgument("invalid_key", "不支持的签名类型（仅支持 Ed25519 与 SM2/SM3）", "key");
  }
  size_t want = v.algorithm == crypto::SignatureAlgorithm::kEd25519 ? 32 : 65;
  if (v.public_key.size() != want) return fail();
  v.id = KeyId(v.name, v.algorithm, v.public_key);
  if (v.id != id) return Status::InvalidArgument("invalid_key", "公钥的密钥 ID 与内容不符", "key");
  return v;
}

std::string NoteVerifier::Encode() const {
  char hex[9];
  std::snprintf(hex, sizeof hex, "%08x", id);
  return name + "+" + hex + "+" + crypto::Base64Encode(SignatureType(algorithm) + public_key);
}

NoteVerifier NoteSigner::Verifier() const {
  NoteVerifier v;
  v.name = name;
  v.algorithm = key.algorithm();
  v.public_key = key.PublicKey();
  v.id = KeyId(v.name, v.algorithm, v.public_key);
  return v;
}

StatusOr<std::string> NoteSigner::SignatureLine(std::string_view text) const {
  QC_ASSIGN_OR_RETURN(std::string sig, key.Sign(text));
  return std::string(kDash) + name + " " + crypto::Base64Encode(BigEndian(id()) + sig) + "\n";
}

StatusOr<Note> ParseNote(std::string_view note) {
  if (note.size() > kMaxNoteSize) return Bad("签名注记过长");
  if (!CleanUtf8(note)) return Bad("签名注记须为 UTF-8 文本，且除换行外不含控制字符");
  if (note.empty() || note.back() != '\n') return Bad("签名注记须以换行结尾");
  // The text ends at the last blank line.
  size_t split = note.rfind("\n\n");
  if (split == std::string_view::npos) return Bad("签名注记缺少正文与签名之间的空行");
  Note out;
  out.text = std::string(note.substr(0, split + 1));
  std::string_view rest = note.substr(split + 2);
  while (!rest.empty()) {
    size_t nl = rest.find('\n');
    std::string_view line = rest.substr(0, nl);
    rest.remove_prefix(nl + 1);
    if (line.substr(0, kDash.size()) != kDash) return Bad("签名行须以“— ”开头");
    line.remove_prefix(kDash.size());
    size_t sp = line.find(' ');
    if (sp == std::string_view::npos) return Bad("签名行缺少签名");
    NoteSignature s;
    s.name = std::string(line.substr(0, sp));
    QC_RETURN_IF_ERROR(CheckKeyName(s.name));
    auto raw = crypto::Base64Decode(line.substr(sp + 1));
    if (!raw.ok() || raw->size() < 5) return Bad("签名不是有效的 base64 或过短");
    s.key_id = ReadBigEndian(*raw);
    s.signature = raw->substr(4);
    out.signatures.push_back(std::move(s));
    if (out.signatures.size() > kMaxNoteSignatures) return Bad("签名过多");
  }
  if (out.signatures.empty()) return Bad("签名注记没有签名");
  return out;
}

StatusOr<std::string> SignNote(std::string_view text, const std::vector<NoteSigner>& signers) {
  if (text.empty() || text.back() != '\n') return Bad("注记正文须以换行结尾");
  if (!CleanUtf8(text) || text.size() > kMaxNoteSize / 2) return Bad("注记正文无效");
  std::string out(text);
  out += '\n';
  for (const auto& s : signers) {
    QC_ASSIGN_OR_RETURN(std::string line, s.SignatureLine(text));
    out += line;
  }
  return out;
}

StatusOr<std::vector<std::string>> VerifyNote(const Note& note, const std::vector<NoteVerifier>& known) {
  std::vector<std::string> verified;
  std::vector<const NoteVerifier*> seen;
  for (const auto& s : note.signatures) {
    for (const auto& k : known) {
      if (k.name != s.name || k.id != s.key_id) continue;
      std::string who = k.name + " (" + std::string(crypto::AlgorithmName(k.algorithm)) + ")";
      // A second signature line by the same key would count twice: refused, as Go's note.Open does.
      if (std::find(seen.begin(), seen.end(), &k) != seen.end())
        return Status::InvalidArgument("bad_signature", "同一密钥的签名出现两次：" + who, "note");
      seen.push_back(&k);
      if (!crypto::VerifySignature(k.algorithm, k.public_key, note.text, s.signature).ok())
        return Status::InvalidArgument("bad_signature", "签名不正确：" + who, "note");
      verified.push_back(std::move(who));
    }
  }
  if (verified.empty()) return Status::InvalidArgument("bad_signature", "没有可信密钥的签名", "note");
  return verified;
}

}  // namespace qc::ledger
