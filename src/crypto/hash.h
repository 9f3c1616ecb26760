// Digests through OpenSSL EVP. Each returns the raw 32-byte digest.
#pragma once

#include <string>
#include <string_view>

namespace qc::crypto {

std::string Sha256(std::string_view data);

// SHA-256 over data given in pieces (large files).
class Sha256Stream {
 public:
  Sha256Stream();
  ~Sha256Stream();
  Sha256Stream(const Sha256Stream&) = delete;
  Sha256Stream& operator=(const Sha256Stream&) = delete;
  void Update(std::string_view data);
  std::string Final();  // 32 raw bytes; the stream is spent

 private:
  void* ctx_;
};
// RFC 9162 §2.1.1 leaf hash: SHA-256(0x00 || data).
std::string LeafHash(std::string_view data);

// `n` cryptographically random bytes (OpenSSL RAND_bytes); aborts if the RNG fails.
std::string RandomBytes(size_t n);
// A random identifier: prefix + 20 lowercase hex characters ("case_3f9c...").
std::string RandomId(std::string_view prefix);
// A time-ordered identifier: prefix + 12 hex digits of milliseconds since the epoch + 10 random hex
// digits ("case_019ac4f2e1b07d3a9c51e2"). Ids made later sort later, so B-tree inserts keyed by them
// append instead of touching a random page (fewer pages written per group commit).
std::string TimeOrderedId(std::string_view prefix, int64_t unix_ms);

}  // namespace qc::crypto
