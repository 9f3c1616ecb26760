#include "crypto/digest.h"

#include <cstdlib>

#include <openssl/evp.h>

namespace qc::crypto {
namespace {

const EVP_MD* Md(DigestAlg a) {
  switch (a) {
    case DigestAlg::kSha1: return EVP_sha1();
    case DigestAlg::kSha256: return EVP_sha256();
    case DigestAlg::kSm3: return EVP_sm3();
  }
  std::abort();
}

EVP_MD_CTX* Ctx(void* p) { return static_cast<EVP_MD_CTX*>(p); }

}  // namespace

std::optional<DigestAlg> ParseDigestAlg(std::string_view name) {
  if (name == "sha1") return DigestAlg::kSha1;
  if (name == "sha256") return DigestAlg::kSha256;
  if (name == "sm3") return DigestAlg::kSm3;
  return std::nullopt;
}

std::string_view ToString(DigestAlg a) {
  switch (a) {
    case DigestAlg::kSha1: return "sha1";
    case DigestAlg::kSha256: return "sha256";
    case DigestAlg::kSm3: return "sm3";
  }
  return "";
}

DigestStream::DigestStream(DigestAlg alg) : alg_(alg), ctx_(EVP_MD_CTX_new()) {
  if (ctx_ == nullptr || EVP_DigestInit_ex(Ctx(ctx_), Md(alg), nullptr) != 1) std::abort();
}

DigestStream::DigestStream(const DigestStream& other) : alg_(other.alg_), ctx_(EVP_MD_CTX_new()) {
  if (ctx_ == nullptr || EVP_MD_CTX_copy_ex(Ctx(ctx_), Ctx(other.ctx_)) != 1) std::abort();
}

DigestStream::~DigestStream() { EVP_MD_CTX_free(Ctx(ctx_)); }

void DigestStream::Update(std::string_view data) {
  if (EVP_DigestUpdate(Ctx(ctx_), data.data(), data.size()) != 1) std::abort();
}

std::string DigestStream::Final() {
  unsigned char out[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  if (EVP_DigestFinal_ex(Ctx(ctx_), out, &len) != 1) std::abort();
  return std::string(reinterpret_cast<char*>(out), len);
}

std::string Digest(DigestAlg alg, std::string_view data) {
  DigestStream s(alg);
  s.Update(data);
  return s.Final();
}

}  // namespace qc::crypto
