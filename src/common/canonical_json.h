// Canonical JSON for events: RFC 8785 (JCS) restricted to integers.
//
//   Object keys sorted (ASCII keys only, so byte order equals JCS's UTF-16 order), no whitespace,
//   UTF-8 output, strings escaped as JCS says (\b \f \n \r \t \" \\, other controls as \u00xx),
//   integers only: a float anywhere is rejected. The bytes returned are exactly the bytes hashed
//   into the ledger; see docs/formats/events.md.
#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "common/status.h"

namespace qc {

using Json = nlohmann::json;

// InvalidArgument if `j` holds a float, a non-ASCII key or invalid UTF-8.
StatusOr<std::string> CanonicalJson(const Json& j);

// Parses bytes into JSON; InvalidArgument("malformed_json") with the position on failure.
StatusOr<Json> ParseJson(const std::string& bytes);

}  // namespace qc
