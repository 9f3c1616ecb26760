// Digests through OpenSSL EVP. Each returns the raw 32-byte digest.
#pragma once

#include <string>
#include <string_view>

namespace qc::crypto {

std::string Sha256(std::string_view data);

// `n` cryptographically random bytes (OpenSSL RAND_bytes); aborts if the RNG fails.
std::string RandomBytes(size_t n);
// A time-ordered identifier: prefix + 12 hex digits of milliseconds since the epoch + 10 random hex
// digits ("case_019ac4f2e1b07d3a9c51e2"). Ids made later sort later, so B-tree inserts keyed by them
// append instead of touching a random page (fewer pages written per group commit).
std::string TimeOrderedId(std::string_view prefix, int64_t unix_ms);

}  // namespace qc::crypto
