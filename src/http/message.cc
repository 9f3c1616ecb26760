#include "http/message.h"

namespace qc::http {
namespace {

int HexVal(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

bool Decode(std::string_view in, bool plus_is_space, std::string* out) {
  out->clear();
  for (size_t i = 0; i < in.size(); ++i) {
    char c = in[i];
    if (c == '%') {
      if (i + 2 >= in.size()) return false;
      int h = HexVal(in[i + 1]), l = HexVal(in[i + 2]);
      if (h < 0 || l < 0) return false;
      out->push_back(static_cast<char>(h * 16 + l));
      i += 2;
    } else if (c == '+' && plus_is_space) {
      out->push_back(' ');
    } else {
      out->push_back(c);
    }
  }
  return true;
}

}  // namespace

bool ParseTarget(const std::string& target, std::string* path, std::map<std::string, std::string>* query) {
  size_t q = target.find('?');
  if (!Decode(std::string_view(target).substr(0, q), false, path)) return false;
  if (path->empty() || (*path)[0] != '/') return false;
  query->clear();
  if (q == std::string::npos) return true;
  std::string_view rest = std::string_view(target).substr(q + 1);
  while (!rest.empty()) {
    size_t amp = rest.find('&');
    std::string_view pair = rest.substr(0, amp);
    rest = amp == std::string_view::npos ? std::string_view() : rest.substr(amp + 1);
    if (pair.empty()) continue;
    size_t eq = pair.find('=');
    std::string k, v;
    if (!Decode(pair.substr(0, eq), true, &k)) return false;
    if (eq != std::string_view::npos && !Decode(pair.substr(eq + 1), true, &v)) return false;
    (*query)[k] = v;
  }
  return true;
}

}  // namespace qc::http
