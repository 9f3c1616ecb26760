#include "crypto/hash.h"

#include <cstdio>
#include <cstdlib>

#include <openssl/evp.h>
#include <openssl/rand.h>

#include "common/hex.h"

namespace qc::crypto {
namespace {

std::string Digest(const EVP_MD* md, std::string_view prefix, std::string_view data) {
  unsigned char out[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  EVP_MD_CTX* ctx = EVP_MD_CTX_new();
  if (ctx == nullptr || EVP_DigestInit_ex(ctx, md, nullptr) != 1 ||
      EVP_DigestUpdate(ctx, prefix.data(), prefix.size()) != 1 ||
      EVP_DigestUpdate(ctx, data.data(), data.size()) != 1 || EVP_DigestFinal_ex(ctx, out, &len) != 1) {
    std::abort();  // only on allocation failure inside OpenSSL
  }
  EVP_MD_CTX_free(ctx);
  return std::string(reinterpret_cast<char*>(out), len);
}

}  // namespace

std::string Sha256(std::string_view data) { return Digest(EVP_sha256(), {}, data); }

std::string RandomBytes(size_t n) {
  std::string out(n, '\0');
  if (RAND_bytes(reinterpret_cast<unsigned char*>(out.data()), static_cast<int>(n)) != 1) std::abort();
  return out;
}

std::string TimeOrderedId(std::string_view prefix, int64_t unix_ms) {
  char ts[16];
  std::snprintf(ts, sizeof ts, "%012llx", static_cast<unsigned long long>(unix_ms) & 0xffffffffffffULL);
  return std::string(prefix) + ts + ToHex(RandomBytes(5));
}

}  // namespace qc::crypto
