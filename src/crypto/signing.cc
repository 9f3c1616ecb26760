#include "crypto/signing.h"

#include <openssl/core_names.h>
#include <openssl/evp.h>
#include <openssl/params.h>
#include <openssl/pem.h>

namespace qc::crypto {
namespace {

using PkeyPtr = std::shared_ptr<EVP_PKEY>;
PkeyPtr Wrap(EVP_PKEY* k) { return PkeyPtr(k, EVP_PKEY_free); }

struct MdCtx {
  EVP_MD_CTX* p = EVP_MD_CTX_new();
  ~MdCtx() { EVP_MD_CTX_free(p); }
};

// Starts a sign or verify operation: SM3 and the explicit distinguishing ID for SM2, no digest for
// Ed25519 (it hashes the message itself).
bool InitOperation(EVP_MD_CTX* ctx, SignatureAlgorithm a, EVP_PKEY* key, bool sign) {
  if (a == SignatureAlgorithm::kEd25519)
    return (sign ? EVP_DigestSignInit_ex(ctx, nullptr, nullptr, nullptr, nullptr, key, nullptr)
                 : EVP_DigestVerifyInit_ex(ctx, nullptr, nullptr, nullptr, nullptr, key, nullptr)) == 1;
  // OpenSSL 3.0 refuses the ID as an init parameter (it is only accepted once the operation has
  // started and before any data), so it is set on the operation's context right after init.
  EVP_PKEY_CTX* pctx = nullptr;
  bool ok = sign ? EVP_DigestSignInit_ex(ctx, &pctx, "SM3", nullptr, nullptr, key, nullptr) == 1
                 : EVP_DigestVerifyInit_ex(ctx, &pctx, "SM3", nullptr, nullptr, key, nullptr) == 1;
  return ok && pctx != nullptr &&
         EVP_PKEY_CTX_set1_id(pctx, kSm2DistinguishingId.data(), static_cast<int>(kSm2DistinguishingId.size())) == 1;
}

StatusOr<PkeyPtr> PublicFromRaw(SignatureAlgorithm a, std::string_view raw) {
  if (a == SignatureAlgorithm::kEd25519) {
    if (raw.size() != 32) return Status::InvalidArgument("invalid_key", "Ed25519 公钥应为 32 字节", "key");
    EVP_PKEY* k = EVP_PKEY_new_raw_public_key(EVP_PKEY_ED25519, nullptr,
                                              reinterpret_cast<const unsigned char*>(raw.data()), raw.size());
    if (k == nullptr) return Status::InvalidArgument("invalid_key", "Ed25519 公钥无效", "key");
    return Wrap(k);
  }
  if (raw.size() != 65 || raw[0] != 0x04)
    return Status::InvalidArgument("invalid_key", "SM2 公钥应为 65 字节的非压缩点", "key");
  EVP_PKEY_CTX* ctx = EVP_PKEY_CTX_new_from_name(nullptr, "SM2", nullptr);
  if (ctx == nullptr) return Status::Internal("本机 OpenSSL 不支持 SM2");
  char group[] = "SM2";
  OSSL_PARAM params[] = {
      OSSL_PARAM_construct_utf8_string(OSSL_PKEY_PARAM_GROUP_NAME, group, 0),
      OSSL_PARAM_construct_octet_string(OSSL_PKEY_PARAM_PUB_KEY, const_cast<char*>(raw.data()), raw.size()),
      OSSL_PARAM_construct_end()};
  EVP_PKEY* k = nullptr;
  bool ok = EVP_PKEY_fromdata_init(ctx) == 1 && EVP_PKEY_fromdata(ctx, &k, EVP_PKEY_PUBLIC_KEY, params) == 1;
  EVP_PKEY_CTX_free(ctx);
  if (!ok || k == nullptr) return Status::InvalidArgument("invalid_key", "SM2 公钥无效（不在曲线上）", "key");
  return Wrap(k);
}

}  // namespace

std::string_view AlgorithmName(SignatureAlgorithm a) {
  return a == SignatureAlgorithm::kEd25519 ? "ed25519" : "sm2-sm3";
}

StatusOr<SigningKey> SigningKey::Generate(SignatureAlgorithm a) {
  EVP_PKEY* k = a == SignatureAlgorithm::kEd25519 ? EVP_PKEY_Q_keygen(nullptr, nullptr, "ED25519")
                                                  : EVP_PKEY_Q_keygen(nullptr, nullptr, "SM2");
  if (k == nullptr) return Status::Internal(std::string("无法生成 ") + std::string(AlgorithmName(a)) + " 密钥");
  return SigningKey(a, Wrap(k));
}

StatusOr<SigningKey> SigningKey::FromPem(std::string_view pem) {
  BIO* bio = BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size()));
  EVP_PKEY* k = bio ? PEM_read_bio_PrivateKey(bio, nullptr, nullptr, nullptr) : nullptr;
  BIO_free(bio);
  if (k == nullptr) return Status::InvalidArgument("invalid_key", "私钥文件不是 PKCS#8 PEM 格式", "key");
  PkeyPtr key = Wrap(k);
  if (EVP_PKEY_is_a(k, "ED25519")) return SigningKey(SignatureAlgorithm::kEd25519, key);
  if (EVP_PKEY_is_a(k, "SM2")) return SigningKey(SignatureAlgorithm::kSm2Sm3, key);
  return Status::InvalidArgument("invalid_key", "私钥既不是 Ed25519 也不是 SM2", "key");
}

StatusOr<SigningKey> SigningKey::FromEd25519Seed(std::string_view seed) {
  if (seed.size() != 32) return Status::InvalidArgument("invalid_key", "Ed25519 私钥种子应为 32 字节", "key");
  EVP_PKEY* k = EVP_PKEY_new_raw_private_key(EVP_PKEY_ED25519, nullptr,
                                             reinterpret_cast<const unsigned char*>(seed.data()), seed.size());
  if (k == nullptr) return Status::InvalidArgument("invalid_key", "Ed25519 私钥无效", "key");
  return SigningKey(SignatureAlgorithm::kEd25519, Wrap(k));
}

std::string SigningKey::ToPem() const {
  BIO* bio = BIO_new(BIO_s_mem());
  PEM_write_bio_PrivateKey(bio, key_.get(), nullptr, nullptr, 0, nullptr, nullptr);
  char* data = nullptr;
  long n = BIO_get_mem_data(bio, &data);
  std::string out(data, static_cast<size_t>(n));
  BIO_free(bio);
  return out;
}

std::string SigningKey::PublicKey() const {
  unsigned char buf[128];
  size_t len = sizeof buf;
  if (algorithm_ == SignatureAlgorithm::kEd25519) {
    if (EVP_PKEY_get_raw_public_key(key_.get(), buf, &len) != 1) return {};
  } else if (EVP_PKEY_get_octet_string_param(key_.get(), OSSL_PKEY_PARAM_PUB_KEY, buf, sizeof buf, &len) != 1) {
    return {};
  }
  return std::string(reinterpret_cast<char*>(buf), len);
}

StatusOr<std::string> SigningKey::Sign(std::string_view message) const {
  // One call with a buffer of the maximum size: asking for the length first would finalise SM2's
  // digest context in OpenSSL 3.0.
  MdCtx ctx;
  int max = EVP_PKEY_get_size(key_.get());
  if (ctx.p == nullptr || max <= 0 || !InitOperation(ctx.p, algorithm_, key_.get(), true))
    return Status::Internal("签名失败");
  std::string sig(static_cast<size_t>(max), '\0');
  size_t len = sig.size();
  if (EVP_DigestSign(ctx.p, reinterpret_cast<unsigned char*>(sig.data()), &len,
                     reinterpret_cast<const unsigned char*>(message.data()), message.size()) != 1)
    return Status::Internal("签名失败");
  sig.resize(len);
  return sig;
}

Status VerifySignature(SignatureAlgorithm a, std::string_view public_key, std::string_view message,
                       std::string_view signature) {
  QC_ASSIGN_OR_RETURN(PkeyPtr key, PublicFromRaw(a, public_key));
  MdCtx ctx;
  if (ctx.p == nullptr || !InitOperation(ctx.p, a, key.get(), false)) return Status::Internal("无法验证签名");
  int rc = EVP_DigestVerify(ctx.p, reinterpret_cast<const unsigned char*>(signature.data()), signature.size(),
                            reinterpret_cast<const unsigned char*>(message.data()), message.size());
  if (rc != 1) return Status::InvalidArgument("bad_signature", "签名不正确", "signature");
  return Status();
}

}  // namespace qc::crypto
