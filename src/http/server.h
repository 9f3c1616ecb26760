// The HTTP/1.1 server (Boost.Beast on Asio, C++20 coroutines). Only server.cc includes Boost.
//
// Threads: `io_threads` run the io_context (parse, write, nothing blocking); every request is handed
// to a pool of `worker_threads` where the router runs (SQL, argon2id, waiting for group commit), and
// the session coroutine co_awaits the result. SIGINT/SIGTERM stop accepting, let requests in flight
// finish (up to 5 s), then return.
#pragma once

#include <cstddef>
#include <string>

#include "app/app.h"
#include "common/status.h"

namespace qc::http {

struct ServerOptions {
  std::string bind = "127.0.0.1";
  int port = 8080;  // 0: any free port (printed on start)
  size_t max_body = 1 << 20;
  int io_threads = 2;
  int worker_threads = 32;
  bool secure_cookie = false;
  std::string web_root = "web/dist";  // the built web application served at "/" (see static_files.h)
  // Open connections beyond this are answered 503 and closed at once.
  int max_connections = 1024;
  // Request bodies being read at once, all connections together (each counted at its Content-Length,
  // a chunked one at max_body): past it a request is answered 503 before its body is read. Bodies of
  // session routes are read only once the session is known (no memory for the unauthenticated).
  size_t max_body_bytes_in_flight = size_t{64} << 20;
};

// Blocks until a stop signal. Prints "QuanCheng listening on http://<bind>:<port>" once listening.
Status Serve(app::App& app, const ServerOptions& options);

}  // namespace qc::http
