// The HTTP request and response as the handlers see them: plain structs, no Boost, so that only
// server.cc compiles Beast.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "common/byte_reader.h"
#include "common/status.h"

namespace qc::http {

struct Request {
  std::string method;                          // "GET", "POST", ...
  std::string path;                            // decoded path without the query
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

// A body read from a source in pieces on the worker threads (media playback, later exports): a
// multi-GB body never sits in memory. Exactly `length` bytes are sent; a source that ends early or
// fails cuts the connection rather than send short data.
struct StreamBody {
  std::shared_ptr<ByteReader> reader;
  int64_t length = 0;
};

struct Response {
  int status = 200;
  std::string content_type = "application/json; charset=utf-8";
  std::string body;
  std::vector<std::pair<std::string, std::string>> headers;
  std::string user;                  // for the request log only
  std::optional<StreamBody> stream;  // when set, the body comes from this reader instead of `body`
};

// A request body consumed as it arrives (tus uploads): the server reads the body in pieces and hands
// each to Write() on a worker thread, one at a time, then calls Finish() once.
class BodySink {
 public:
  virtual ~BodySink() = default;
  virtual Status Write(std::string_view chunk) = 0;
  // `complete`: the whole body arrived and every Write succeeded; `error`: why a Write failed (OK if
  // none did). Returns the answer (which the client may no longer be there to read).
  virtual Response Finish(bool complete, const Status& error) = 0;
};

// Splits "/a/b?x=1&y=%E4%B8%AD" into a decoded path and query. False when the encoding is invalid.
bool ParseTarget(const std::string& target, std::string* path, std::map<std::string, std::string>* query);

}  // namespace qc::http
