#include "crypto/password.h"

#include <argon2.h>

#include "crypto/hash.h"

namespace qc::crypto {
namespace {
constexpr uint32_t kTimeCost = 2;
constexpr uint32_t kMemoryKiB = 19456;
constexpr uint32_t kParallelism = 1;
constexpr size_t kSaltLen = 16;
constexpr size_t kHashLen = 32;
}  // namespace

StatusOr<std::string> HashPassword(const std::string& password) {
  std::string salt = RandomBytes(kSaltLen);
  size_t enc_len = argon2_encodedlen(kTimeCost, kMemoryKiB, kParallelism, kSaltLen, kHashLen, Argon2_id);
  std::string encoded(enc_len, '\0');
  int rc = argon2id_hash_encoded(kTimeCost, kMemoryKiB, kParallelism, password.data(), password.size(), salt.data(),
                                 salt.size(), kHashLen, encoded.data(), encoded.size());
  if (rc != ARGON2_OK) return Status::Internal(std::string("argon2id: ") + argon2_error_message(rc));
  encoded.resize(encoded.find('\0'));
  return encoded;
}

bool VerifyPassword(const std::string& password, const std::string& encoded) {
  if (encoded.rfind("$argon2id$", 0) != 0) return false;
  return argon2id_verify(encoded.c_str(), password.data(), password.size()) == ARGON2_OK;
}

Status CheckPasswordPolicy(const std::string& password) {
  size_t chars = 0;
  for (unsigned char c : password) chars += (c & 0xC0) != 0x80;
  if (chars < 8 || chars > 128)
    return Status::InvalidArgument("weak_password", "密码长度应为 8–128 个字符", "password");
  int lower = 0, upper = 0, digit = 0, other = 0;
  for (unsigned char c : password) {
    if (c >= 'a' && c <= 'z')
      lower = 1;
    else if (c >= 'A' && c <= 'Z')
      upper = 1;
    else if (c >= '0' && c <= '9')
      digit = 1;
    else
      other = 1;
  }
  if (lower + upper + digit + other < 3)
    return Status::InvalidArgument("weak_password", "密码须包含大写字母、小写字母、数字、符号中的至少三类", "password");
  return Status();
}

}  // namespace qc::crypto
