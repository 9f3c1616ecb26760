// Digests through OpenSSL EVP. Each returns the raw 32-byte digest.
#pragma once

#include <string>
#include <string_view>

namespace qc::crypto {

std::string Sha256(std::string_view data);
// RFC 9162 §2.1.1 leaf hash: SHA-256(0x00 || data).
std::string LeafHash(std::string_view data);

// `n` cryptographically random bytes (OpenSSL RAND_bytes); aborts if the RNG fails.
std::string RandomBytes(size_t n);
// A random identifier: prefix + 20 lowercase hex characters ("case_3f9c...").
std::string RandomId(std::string_view prefix);

}  // namespace qc::crypto
