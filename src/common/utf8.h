// The length of UTF-8 text in code points (characters), as a user counts them: "不予受理" is 4.
// The text is assumed valid UTF-8 (JSON bodies are checked when parsed).
#pragma once

#include <cstddef>
#include <string_view>

namespace qc {

inline size_t Utf8Length(std::string_view s) {
  size_t n = 0;
  for (unsigned char c : s) n += (c & 0xC0) != 0x80;
  return n;
}

}  // namespace qc
