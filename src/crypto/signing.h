// Digital signatures for checkpoints: Ed25519 (RFC 8032) and SM2 with SM3 (GB/T 32918, GB/T 32905),
// both through OpenSSL 3 EVP.
//
//   QC_ASSIGN_OR_RETURN(auto key, SigningKey::Generate(SignatureAlgorithm::kSm2Sm3));
//   QC_ASSIGN_OR_RETURN(std::string sig, key.Sign(message));
//   QC_RETURN_IF_ERROR(VerifySignature(key.algorithm(), key.PublicKey(), message, sig));
//
// SM2 hashes Z = SM3(ENTL || ID || curve || public key) into the signed digest. OpenSSL 1.1.1 and 3.x
// disagree on the default ID, so the distinguishing ID is always set explicitly to the GB/T 35276
// default kSm2DistinguishingId, for signing and for verifying.
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "common/status.h"

typedef struct evp_pkey_st EVP_PKEY;

namespace qc::crypto {

enum class SignatureAlgorithm { kEd25519, kSm2Sm3 };

inline constexpr std::string_view kSm2DistinguishingId = "1234567812345678";

// "ed25519" or "sm2-sm3".
std::string_view AlgorithmName(SignatureAlgorithm a);

class SigningKey {
 public:
  static StatusOr<SigningKey> Generate(SignatureAlgorithm a);
  // A PKCS#8 PEM private key of either algorithm (as ToPem() writes it, or `openssl genpkey`).
  static StatusOr<SigningKey> FromPem(std::string_view pem);
  // An Ed25519 key from its 32-byte RFC 8032 seed (as in the note skey "PRIVATE+KEY+..." form).
  static StatusOr<SigningKey> FromEd25519Seed(std::string_view seed);

  SignatureAlgorithm algorithm() const { return algorithm_; }
  std::string ToPem() const;  // PKCS#8, unencrypted: keep the file mode 0600
  // Ed25519: the 32-byte RFC 8032 encoding. SM2: the 65-byte uncompressed point 04 || X || Y.
  std::string PublicKey() const;
  // Ed25519: 64 bytes. SM2: the DER SEQUENCE { r, s } over SM3(Z || message).
  StatusOr<std::string> Sign(std::string_view message) const;

 private:
  SigningKey(SignatureAlgorithm a, std::shared_ptr<EVP_PKEY> key) : algorithm_(a), key_(std::move(key)) {}
  SignatureAlgorithm algorithm_;
  std::shared_ptr<EVP_PKEY> key_;
};

// OK when `signature` is a valid signature of `message` under the raw `public_key`.
Status VerifySignature(SignatureAlgorithm a, std::string_view public_key, std::string_view message,
                       std::string_view signature);

}  // namespace qc::crypto
