#include "http/server.h"
#include "http/static_files.h"

// Boost 1.74 with GCC 12 needs <utility> before Asio (see DESIGN.md).
#include <utility>

#include <atomic>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <thread>
#include <vector>

#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <spdlog/spdlog.h>

#include "http/handlers.h"

namespace qc::http {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = beast::http;
using tcp = asio::ip::tcp;

struct State {
  app::App& app;
  const ServerOptions& options;
  Router router;
  StaticFiles web;
  asio::thread_pool workers;
  std::atomic<int> in_flight{0};  // requests read and not yet answered
  std::atomic<bool> stopping{false};
};

Request ToRequest(const bhttp::request<bhttp::string_body>& br, const std::string& client, bool* ok) {
  Request req;
  req.method = std::string(br.method_string());
  *ok = ParseTarget(std::string(br.target()), &req.path, &req.query);
  for (const auto& f : br) {
    std::string name(f.name_string());
    for (auto& ch : name) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    req.headers[name] = std::string(f.value());
  }
  req.body = br.body();
  req.client = client;
  return req;
}

bhttp::response<bhttp::string_body> ToBeast(Response r, unsigned version, bool keep_alive) {
  bhttp::response<bhttp::string_body> res{static_cast<bhttp::status>(r.status), version};
  res.set(bhttp::field::server, "QuanCheng/" QC_VERSION);
  res.set(bhttp::field::content_type, r.content_type);
  bool cache_set = false;
  for (const auto& [k, v] : r.headers) cache_set |= beast::iequals(k, "Cache-Control");
  if (!cache_set) res.set(bhttp::field::cache_control, "no-store");
  res.set("X-Content-Type-Options", "nosniff");
  for (auto& [k, v] : r.headers) res.insert(k, v);
  res.keep_alive(keep_alive);
  res.body() = std::move(r.body);
  res.prepare_payload();
  return res;
}

asio::awaitable<void> WriteError(beast::tcp_stream& stream, const Status& s, unsigned version) {
  auto res = ToBeast(ErrorResponse(s), version, false);
  beast::error_code ec;
  co_await bhttp::async_write(stream, res, asio::redirect_error(asio::use_awaitable, ec));
}

asio::awaitable<void> Session(tcp::socket socket, State& st) {
  beast::error_code ec;
  std::string client = socket.remote_endpoint(ec).address().to_string();
  beast::tcp_stream stream(std::move(socket));
  beast::flat_buffer buffer;
  for (;;) {
    bhttp::request_parser<bhttp::string_body> parser;
    parser.header_limit(16 * 1024);
    parser.body_limit(st.options.max_body);
    stream.expires_after(std::chrono::seconds(60));
    co_await bhttp::async_read(stream, buffer, parser, asio::redirect_error(asio::use_awaitable, ec));
    if (ec == bhttp::error::end_of_stream || ec == asio::error::eof || ec == beast::error::timeout ||
        ec == asio::error::connection_reset || ec == asio::error::operation_aborted) {
      break;
    }
    if (ec == bhttp::error::body_limit) {
      co_await WriteError(stream, Status::PayloadTooLarge("请求体超过 " + std::to_string(st.options.max_body) + " 字节的上限"), 11);
      break;
    }
    if (ec == bhttp::error::header_limit) {
      co_await WriteError(stream, Status::Make(ErrorCode::kPayloadTooLarge, "headers_too_large", "请求头过大"), 11);
      break;
    }
    if (ec) {
      co_await WriteError(stream, Status::InvalidArgument("malformed_request", "HTTP 请求格式错误"), 11);
      break;
    }
    auto& breq = parser.get();
    bool keep_alive = breq.keep_alive() && !st.stopping;
    unsigned version = breq.version();
    bool target_ok = true;
    Request req = ToRequest(breq, client, &target_ok);
    auto started = std::chrono::steady_clock::now();
    Response resp;
    st.in_flight++;
    if (st.stopping) {
      // Nothing new starts once a stop is asked for, so nothing is recorded without an answer.
      resp = ErrorResponse(Status::Unavailable("服务正在停止，请稍后重试"));
    } else if (!target_ok) {
      resp = ErrorResponse(Status::InvalidArgument("malformed_request", "请求地址编码错误"));
    } else {
      // Run the handler on the worker pool; this coroutine resumes on its own executor afterwards.
      resp = co_await asio::co_spawn(
          st.workers.get_executor(),
          [&st, &req]() -> asio::awaitable<Response> {
            co_return IsApiPath(req.path) ? st.router.Dispatch(req, st.app) : st.web.Serve(req);
          },
          asio::use_awaitable);
    }
    double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started).count();
    spdlog::info("{} {} {} {}B {:.1f}ms {} {}", req.method, std::string(breq.target()), resp.status, resp.body.size(),
                 ms, client, resp.user.empty() ? "-" : resp.user);
    auto res = ToBeast(std::move(resp), version, keep_alive && !st.stopping);
    co_await bhttp::async_write(stream, res, asio::redirect_error(asio::use_awaitable, ec));
    st.in_flight--;  // answered (or the client is gone)
    if (ec || !keep_alive || st.stopping) break;
  }
  stream.socket().shutdown(tcp::socket::shutdown_send, ec);
}

asio::awaitable<void> Listen(tcp::acceptor& acceptor, State& st) {
  for (;;) {
    beast::error_code ec;
    tcp::socket socket = co_await acceptor.async_accept(asio::redirect_error(asio::use_awaitable, ec));
    if (ec) {
      if (!acceptor.is_open()) co_return;
      continue;
    }
    socket.set_option(tcp::no_delay(true), ec);
    asio::co_spawn(acceptor.get_executor(), Session(std::move(socket), st), asio::detached);
  }
}

}  // namespace

Status Serve(app::App& app, const ServerOptions& options) {
  asio::io_context ioc(options.io_threads);
  State st{app, options, MakeApiRouter(options.secure_cookie), StaticFiles(options.web_root),
           asio::thread_pool(options.worker_threads), {}};

  beast::error_code ec;
  auto address = asio::ip::make_address(options.bind, ec);
  if (ec) return Status::InvalidArgument("invalid_field", "监听地址无效：" + options.bind, "bind");
  tcp::endpoint endpoint(address, static_cast<unsigned short>(options.port));
  tcp::acceptor acceptor(ioc);
  acceptor.open(endpoint.protocol(), ec);
  if (!ec) acceptor.set_option(asio::socket_base::reuse_address(true), ec);
  if (!ec) acceptor.bind(endpoint, ec);
  if (!ec) acceptor.listen(asio::socket_base::max_listen_connections, ec);
  if (ec) return Status::Unavailable("无法监听 " + options.bind + ":" + std::to_string(options.port) + "：" + ec.message());
  int port = acceptor.local_endpoint().port();
  std::printf("QuanCheng listening on http://%s:%d\n", options.bind.c_str(), port);
  std::fflush(stdout);
  spdlog::info("listening on {}:{} ({} io threads, {} workers)", options.bind, port, options.io_threads,
               options.worker_threads);

  asio::signal_set signals(ioc, SIGINT, SIGTERM);
  asio::steady_timer drain(ioc);
  auto deadline = std::make_shared<std::chrono::steady_clock::time_point>();
  std::function<void()> wait_drain = [&] {
    if (st.in_flight.load() == 0 || std::chrono::steady_clock::now() > *deadline) {
      ioc.stop();
      return;
    }
    drain.expires_after(std::chrono::milliseconds(20));
    drain.async_wait([&](beast::error_code) { wait_drain(); });
  };
  signals.async_wait([&](beast::error_code e, int sig) {
    if (e) return;
    spdlog::info("signal {}: stopping", sig);
    st.stopping = true;
    beast::error_code ignored;
    acceptor.close(ignored);
    *deadline = std::chrono::steady_clock::now() + std::chrono::seconds(5);
    wait_drain();
  });

  asio::co_spawn(ioc, Listen(acceptor, st), asio::detached);
  std::vector<std::thread> threads;
  for (int i = 1; i < options.io_threads; ++i) threads.emplace_back([&] { ioc.run(); });
  ioc.run();
  for (auto& t : threads) t.join();
  st.workers.join();
  spdlog::info("stopped");
  return Status();
}

}  // namespace qc::http
