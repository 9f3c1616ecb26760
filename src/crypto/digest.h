// Streaming digests by name: SHA-1, SHA-256 and SM3 (GB/T 32905), for uploads (tus checksums, content
// addressing) where the bytes arrive in pieces. Copyable, so a running digest can be forked.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace qc::crypto {

enum class DigestAlg { kSha1, kSha256, kSm3 };
// "sha1" | "sha256" | "sm3" (the names tus's Upload-Checksum uses).
std::optional<DigestAlg> ParseDigestAlg(std::string_view name);
std::string_view ToString(DigestAlg a);

class DigestStream {
 public:
  explicit DigestStream(DigestAlg alg);
  ~DigestStream();
  DigestStream(const DigestStream& other);
  DigestStream& operator=(const DigestStream&) = delete;
  void Update(std::string_view data);
  std::string Final();  // raw digest bytes; the stream is spent
  DigestAlg alg() const { return alg_; }

 private:
  DigestAlg alg_;
  void* ctx_;
};

// One-shot: the raw digest of `data`.
std::string Digest(DigestAlg alg, std::string_view data);

}  // namespace qc::crypto
