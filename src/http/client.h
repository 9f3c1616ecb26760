// A small blocking HTTP/1.1 client (Boost.Beast behind a pimpl: only client.cc includes Boost).
//
//   HttpClient c(*Url::Parse("http://10.0.0.5:8080"), std::chrono::seconds(30));
//   auto r = c.Send({.method = "HEAD", .target = "/api/v1/uploads/upl_…"});
//
// One connection, kept alive between requests and re-opened after any error. Every network step
// (resolve, connect, each write of a body piece, the response) has its own timeout. A request body is
// either bytes in memory or a range of an open file, sent in pieces (constant memory) with an optional
// rate limit and a progress callback. http:// or https:// (TLS 1.2+, the server's certificate checked
// against the system's CAs or a given PEM file, and its name against the URL's host); see
// docs/architecture.md §5.3.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "common/status.h"

namespace qc::http {

struct Url {
  bool tls = false;  // https
  std::string host;
  std::string port = "80";
  std::string base_path;  // "" or "/prefix" (no trailing slash)

  // "http[s]://host[:port][/prefix]". Field "server" in errors.
  static StatusOr<Url> Parse(std::string_view text);
  std::string ToString() const;
  // The request target of an API path: base_path + path.
  std::string Target(std::string_view path) const { return base_path + std::string(path); }
  // A Location header resolved against this server (RFC 3986 §5.2): "/x" as is, "http://same/x" to
  // "/x". Empty when it names another server or is not a URL.
  std::string Resolve(std::string_view location) const;
};

struct ClientResponse {
  int status = 0;
  std::map<std::string, std::string> headers;  // lowercase names
  std::string body;

  std::string Header(const std::string& lowercase_name) const;
};

struct FileRange {
  int fd = -1;
  int64_t offset = 0;
  int64_t length = 0;
};

struct ClientRequest {
  std::string method = "GET";
  std::string target;  // the path and query, sent as is (see Url::Target)
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;               // sent when `file` is empty
  std::optional<FileRange> file;  // a body read from the file in pieces
};

class HttpClient {
 public:
  // `ca_file`: PEM certificates to trust for https instead of the system's ("" for the system's).
  HttpClient(Url url, std::chrono::seconds timeout, std::string ca_file = "");
  ~HttpClient();
  HttpClient(const HttpClient&) = delete;
  HttpClient& operator=(const HttpClient&) = delete;

  // Limits file bodies to `bytes_per_second` (0: no limit).
  void set_max_rate(int64_t bytes_per_second);

  // Any HTTP status is a response; only network failures are errors (kUnavailable, the cause in the
  // message), and a server certificate that cannot be verified (kPermissionDenied, code "tls_verify"). `progress` is
  // called with the body bytes sent so far, after each piece.
  StatusOr<ClientResponse> Send(const ClientRequest& request, const std::function<void(int64_t sent)>& progress = {});

  const Url& url() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace qc::http
