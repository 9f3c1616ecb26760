// The HTTP request and response as the handlers see them: plain structs, no Boost, so that only
// server.cc compiles Beast.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace qc::http {

struct Request {
  std::string method;  // "GET", "POST", ...
  std::string path;    // decoded path without the query
  std::map<std::string, std::string> query;    // decoded; a repeated key keeps the last value
  std::map<std::string, std::string> headers;  // lowercase names
  std::string body;
  std::string client;  // remote address

  std::optional<std::string> Header(const std::string& lower_name) const {
    auto it = headers.find(lower_name);
    if (it == headers.end()) return std::nullopt;
    return it->second;
  }
};

struct Response {
  int status = 200;
  std::string content_type = "application/json; charset=utf-8";
  std::string body;
  std::vector<std::pair<std::string, std::string>> headers;
  std::string user;  // for the request log only
};

// Splits "/a/b?x=1&y=%E4%B8%AD" into a decoded path and query. False when the encoding is invalid.
bool ParseTarget(const std::string& target, std::string* path, std::map<std::string, std::string>* query);

}  // namespace qc::http
