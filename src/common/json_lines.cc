#include "common/json_lines.h"

#include <vector>

namespace qc {
namespace {

struct Frame {
  bool object = false;
  std::string path;
  int next_index = 0;       // arrays: the index of the next element
  std::string pending_key;  // objects: the key whose value comes next
  bool expect_key = true;
};

std::string Child(const Frame& f) {
  if (f.object) return f.path.empty() ? f.pending_key : f.path + "." + f.pending_key;
  return f.path + "[" + std::to_string(f.next_index) + "]";
}

}  // namespace

std::map<std::string, int> JsonValueLines(std::string_view text) {
  std::map<std::string, int> out;
  std::vector<Frame> stack;
  int line = 1;
  size_t i = 0;
  // Records a value starting here and returns its path.
  auto value_starts = [&]() -> std::string {
    std::string path;
    if (!stack.empty()) {
      Frame& f = stack.back();
      path = Child(f);
      if (f.object)
        f.expect_key = true;
      else
        ++f.next_index;
    }
    out.emplace(path, line);
    return path;
  };
  auto read_string = [&]() -> std::string {  // at the opening quote; returns the raw contents
    std::string s;
    for (++i; i < text.size() && text[i] != '"'; ++i) {
      if (text[i] == '\\' && i + 1 < text.size())
        s += text[++i];
      else {
        if (text[i] == '\n') ++line;
        s += text[i];
      }
    }
    ++i;
    return s;
  };
  while (i < text.size()) {
    char ch = text[i];
    if (ch == '\n') {
      ++line;
      ++i;
    } else if (ch == ' ' || ch == '\t' || ch == '\r' || ch == ',' || ch == ':') {
      ++i;
    } else if (ch == '{' || ch == '[') {
      std::string path = value_starts();
      stack.push_back({ch == '{', path, 0, "", true});
      ++i;
    } else if (ch == '}' || ch == ']') {
      if (!stack.empty()) stack.pop_back();
      ++i;
    } else if (ch == '"') {
      if (!stack.empty() && stack.back().object && stack.back().expect_key) {
        stack.back().pending_key = read_string();
        stack.back().expect_key = false;
      } else {
        value_starts();
        read_string();
      }
    } else {  // a number, true, false or null
      value_starts();
      while (i < text.size() && text[i] != ',' && text[i] != '}' && text[i] != ']' && text[i] != '\n') ++i;
    }
  }
  return out;
}

int LineOf(const std::map<std::string, int>& lines, std::string path) {
  for (;;) {
    auto it = lines.find(path);
    if (it != lines.end()) return it->second;
    if (path.empty()) return 1;
    size_t cut = path.find_last_of(".[");
    path = cut == std::string::npos ? std::string() : path.substr(0, cut);
  }
}

int LineAtOffset(std::string_view text, size_t offset) {
  int line = 1;
  for (size_t i = 0; i < offset && i < text.size(); ++i)
    if (text[i] == '\n') ++line;
  return line;
}

}  // namespace qc
