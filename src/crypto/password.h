// Password hashing with argon2id (libargon2), encoded in the PHC string form
// "$argon2id$v=19$m=19456,t=2,p=1$<salt>$<hash>". Parameters follow the OWASP minimum for
// argon2id; they are read back from the encoded string, so raising them later keeps old hashes valid.
#pragma once

#include <string>

#include "common/status.h"

namespace qc::crypto {

StatusOr<std::string> HashPassword(const std::string& password);
// True only when `password` matches `encoded`. A malformed `encoded` is simply false.
bool VerifyPassword(const std::string& password, const std::string& encoded);

// Art.-independent policy: 8–128 characters with at least three of lower, upper, digit, symbol.
Status CheckPasswordPolicy(const std::string& password);

}  // namespace qc::crypto
