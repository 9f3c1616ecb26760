// Standard base64 (RFC 4648 §4, with padding), as RFC 9162 proofs and C2SP checkpoints use it.
#pragma once

#include <string>
#include <string_view>

#include "common/status.h"

namespace qc::crypto {

std::string Base64Encode(std::string_view bytes);
// InvalidArgument for anything but canonical padded base64.
StatusOr<std::string> Base64Decode(std::string_view text);

}  // namespace qc::crypto
