#include "http/server.h"
#include "http/static_files.h"

// Boost 1.74 with GCC 12 needs <utility> before Asio (see DESIGN.md).
#include <utility>

#include <fcntl.h>
#include <unistd.h>

#include <atomic>
#include <limits>
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
  std::atomic<int> connections{0};
  std::atomic<size_t> body_bytes{0};  // bodies being read (ServerOptions::max_body_bytes_in_flight)
};

// A reservation of body memory, given back when the request is done.
class BodyBudget {
 public:
  BodyBudget(State& st, size_t bytes) : st_(st) {
    size_t before = st_.body_bytes.fetch_add(bytes);
    if (before + bytes > st_.options.max_body_bytes_in_flight) {
      st_.body_bytes -= bytes;
    } else {
      bytes_ = bytes;
    }
  }
  ~BodyBudget() { st_.body_bytes -= bytes_; }
  BodyBudget(const BodyBudget&) = delete;
  BodyBudget& operator=(const BodyBudget&) = delete;
  bool granted(size_t wanted) const { return bytes_ == wanted; }

 private:
  State& st_;
  size_t bytes_ = 0;
};

Request ToRequest(const bhttp::request_header<>& br, const std::string& client, bool* ok) {
  Request req;
  req.method = std::string(br.method_string());
  *ok = ParseTarget(std::string(br.target()), &req.path, &req.query);
  for (const auto& f : br) {
    std::string name(f.name_string());
    for (auto& ch : name) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    req.headers[name] = std::string(f.value());
  }
  req.client = client;
  return req;
}

// The request target for the log, with the values of query parameters that are credentials (a
// playback ticket, a token) replaced by "***".
std::string RedactTarget(std::string target) {
  size_t q = target.find('?');
  if (q == std::string::npos) return target;
  for (size_t pos = q + 1; pos < target.size();) {
    size_t end = target.find('&', pos);
    if (end == std::string::npos) end = target.size();
    size_t eq = target.find('=', pos);
    if (eq != std::string::npos && eq < end) {
      std::string key = target.substr(pos, eq - pos);
      if (key == "ticket" || key == "token" || key == "access_token") {
        target.replace(eq + 1, end - eq - 1, "***");
        end = eq + 4;
      }
    }
    pos = end + 1;
  }
  return target;
}

constexpr const char* kDefaultCsp =
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; media-src 'self' blob:; "
    "font-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; "
    "frame-ancestors 'none'";

template <typename Body>
void SetHeaders(bhttp::response<Body>& res, Response& r, bool keep_alive) {
  res.set(bhttp::field::server, "QuanCheng/" QC_VERSION);
  res.set(bhttp::field::content_type, r.content_type);
  bool cache_set = false, csp_set = false;
  for (const auto& [k, v] : r.headers) {
    cache_set |= beast::iequals(k, "Cache-Control");
    csp_set |= beast::iequals(k, "Content-Security-Policy");
  }
  if (!cache_set) res.set(bhttp::field::cache_control, "no-store");
  res.set("X-Content-Type-Options", "nosniff");
  // Every response: scripts and styles only from the application's own files (no inline script or
  // style, no eval), never framed; a route may set a stricter policy of its own (media content).
  if (!csp_set) res.set("Content-Security-Policy", kDefaultCsp);
  res.set("Referrer-Policy", "same-origin");
  for (auto& [k, v] : r.headers) res.insert(k, v);
  res.keep_alive(keep_alive);
}

bhttp::response<bhttp::string_body> ToBeast(Response r, unsigned version, bool keep_alive, bool head = false) {
  bhttp::response<bhttp::string_body> res{static_cast<bhttp::status>(r.status), version};
  if (r.status == 460) res.reason("Checksum Mismatch");  // tus's own status, unknown to Beast
  SetHeaders(res, r, keep_alive);
  res.body() = head ? std::string() : std::move(r.body);
  res.prepare_payload();
  return res;
}

asio::awaitable<void> WriteError(beast::tcp_stream& stream, const Status& s, unsigned version) {
  auto res = ToBeast(ErrorResponse(s), version, false);
  beast::error_code ec;
  co_await bhttp::async_write(stream, res, asio::redirect_error(asio::use_awaitable, ec));
}

// Runs `f` on the worker pool (nothing blocking on the I/O threads) and resumes here with its result.
template <typename F>
auto OnWorker(State& st, F f) -> asio::awaitable<decltype(f())> {
  co_return co_await asio::co_spawn(
      st.workers.get_executor(), [&f]() -> asio::awaitable<decltype(f())> { co_return f(); }, asio::use_awaitable);
}

constexpr size_t kChunk = 1 << 20;  // request and file bodies move in pieces of at most 1 MiB

// Sends `r` whose body comes from a reader, reading it piece by piece on the workers.
asio::awaitable<void> WriteStream(beast::tcp_stream& stream, Response r, unsigned version, bool keep_alive, State& st,
                                  beast::error_code& ec) {
  StreamBody body = std::move(*r.stream);
  bhttp::response<bhttp::buffer_body> res{static_cast<bhttp::status>(r.status), version};
  SetHeaders(res, r, keep_alive);
  res.content_length(static_cast<uint64_t>(body.length));
  std::vector<char> buf(std::min<int64_t>(kChunk, std::max<int64_t>(body.length, 1)));
  bhttp::response_serializer<bhttp::buffer_body> sr{res};
  res.body().data = nullptr;
  res.body().more = true;
  co_await bhttp::async_write_header(stream, sr, asio::redirect_error(asio::use_awaitable, ec));
  int64_t left = body.length;
  while (!ec) {
    size_t n = 0;
    if (left > 0) {
      // Bytes read, or -1 when the source failed (asio needs a default-constructible result).
      int64_t got = co_await OnWorker(st, [&]() -> int64_t {
        auto r = body.reader->Read(buf.data(),
                                   static_cast<size_t>(std::min<int64_t>(static_cast<int64_t>(buf.size()), left)));
        if (!r.ok()) {
          spdlog::error("response body: {}", r.status().ToString());
          return -1;
        }
        return static_cast<int64_t>(*r);
      });
      if (got <= 0) {  // the source failed or ended early: cut the connection, never send short data
        ec = asio::error::connection_aborted;
        break;
      }
      n = static_cast<size_t>(got);
    }
    left -= static_cast<int64_t>(n);
    res.body().data = n > 0 ? buf.data() : nullptr;
    res.body().size = n;
    res.body().more = left > 0;
    stream.expires_after(std::chrono::seconds(60));
    co_await bhttp::async_write(stream, sr, asio::redirect_error(asio::use_awaitable, ec));
    if (ec == bhttp::error::need_buffer) ec = {};
    if (left == 0 || sr.is_done()) break;
  }
  co_await OnWorker(st, [&] {
    body.reader.reset();  // closes files on a worker
    return 0;
  });
}

asio::awaitable<void> SendContinue(beast::tcp_stream& stream, const bhttp::request_header<>& h, beast::error_code& ec) {
  if (!beast::iequals(h[bhttp::field::expect], "100-continue")) co_return;
  bhttp::response<bhttp::empty_body> res{bhttp::status::continue_, h.version()};
  co_await bhttp::async_write(stream, res, asio::redirect_error(asio::use_awaitable, ec));
}

// A streaming route (tus PATCH/POST): the handler sees the headers first, then the body arrives in
// pieces that go to its sink on the workers, each awaited before the next is read — so memory stays
// at one piece per upload whatever the body's size. Returns the answer; *keep_alive false when the
// connection cannot carry another request.
asio::awaitable<Response> StreamBody(beast::tcp_stream& stream, beast::flat_buffer& buffer,
                                     bhttp::request_parser<bhttp::empty_body>& head, const Request& req, State& st,
                                     bool* keep_alive, bool* client_gone) {
  bhttp::request_parser<bhttp::buffer_body> p{std::move(head)};
  p.body_limit(std::numeric_limits<std::uint64_t>::max());
  StreamStart start = co_await OnWorker(st, [&] { return st.router.Open(req, st.app); });
  if (auto* r = std::get_if<Response>(&start)) {
    if (!p.is_done()) *keep_alive = false;  // the body was not read
    co_return std::move(*r);
  }
  std::unique_ptr<BodySink> sink = std::move(std::get<std::unique_ptr<BodySink>>(start));
  beast::error_code ec;
  co_await SendContinue(stream, p.get(), ec);
  std::vector<char> buf(kChunk);
  // Room for large reads: Beast sizes each read by the buffer's free capacity (up to 64 KiB), and the
  // buffer left from reading the header is small — 512-byte reads otherwise.
  buffer.reserve(kChunk);
  Status write_error;
  while (!ec && !p.is_done()) {
    p.get().body().data = buf.data();
    p.get().body().size = buf.size();
    stream.expires_after(std::chrono::seconds(60));
    co_await bhttp::async_read(stream, buffer, p, asio::redirect_error(asio::use_awaitable, ec));
    if (ec == bhttp::error::need_buffer) ec = {};
    size_t n = buf.size() - p.get().body().size;
    if (n > 0) {
      write_error = co_await OnWorker(st, [&] { return sink->Write(std::string_view(buf.data(), n)); });
      if (!write_error.ok()) break;
    }
  }
  bool complete = !ec && p.is_done() && write_error.ok();
  if (!complete) *keep_alive = false;
  *client_gone = static_cast<bool>(ec);
  Response r = co_await OnWorker(st, [&] { return sink->Finish(complete, write_error); });
  co_await OnWorker(st, [&] {
    sink.reset();  // closes files on a worker
    return 0;
  });
  co_return r;
}

asio::awaitable<void> Session(tcp::socket socket, State& st) {
  beast::error_code ec;
  std::string client = socket.remote_endpoint(ec).address().to_string();
  beast::tcp_stream stream(std::move(socket));
  beast::flat_buffer buffer;
  for (;;) {
    bhttp::request_parser<bhttp::empty_body> head;
    head.header_limit(16 * 1024);
    // The header parser must not judge the body: Beast checks Content-Length against the parser's
    // limit (1 MiB by default) as soon as the header is read. Each route's limit is applied after.
    head.body_limit(std::numeric_limits<std::uint64_t>::max());
    stream.expires_after(std::chrono::seconds(60));
    co_await bhttp::async_read_header(stream, buffer, head, asio::redirect_error(asio::use_awaitable, ec));
    if (ec == bhttp::error::end_of_stream || ec == asio::error::eof || ec == beast::error::timeout ||
        ec == asio::error::connection_reset || ec == asio::error::operation_aborted) {
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
    const auto& h = head.get();
    bool keep_alive = h.keep_alive() && !st.stopping;
    unsigned version = h.version();
    std::string target(h.target());
    bool target_ok = true;
    Request req = ToRequest(h, client, &target_ok);
    bool head_request = req.method == "HEAD";
    auto started = std::chrono::steady_clock::now();
    Response resp;
    bool client_gone = false;
    st.in_flight++;
    if (st.stopping) {
      // Nothing new starts once a stop is asked for, so nothing is recorded without an answer.
      resp = ErrorResponse(Status::Unavailable("服务正在停止，请稍后重试"));
      keep_alive = false;
    } else if (!target_ok) {
      resp = ErrorResponse(Status::InvalidArgument("malformed_request", "请求地址编码错误"));
      keep_alive = false;
    } else if (auto te = req.Header("transfer-encoding"); te && !beast::iequals(*te, "chunked")) {
      // RFC 9112 §6.1: a request's transfer coding other than chunked (even "identity") is a 400.
      resp = ErrorResponse(
          Status::InvalidArgument("malformed_request", "不支持的 Transfer-Encoding：" + *te, "Transfer-Encoding"));
      keep_alive = false;
    } else if (IsApiPath(req.path) && st.router.IsStream(req.method, req.path)) {
      resp = co_await StreamBody(stream, buffer, head, req, st, &keep_alive, &client_gone);
    } else if (std::optional<Response> refused;
               !head.is_done() && IsApiPath(req.path) &&
               (refused = co_await OnWorker(st, [&] { return st.router.Preauthorize(req, st.app); }))) {
      // A session route answers 401 from the headers alone: no memory for an unauthenticated body.
      resp = std::move(*refused);
      keep_alive = false;
    } else {
      size_t wanted = head.content_length()
                          ? static_cast<size_t>(std::min<std::uint64_t>(*head.content_length(), st.options.max_body))
                          : (head.chunked() ? st.options.max_body : 0);
      BodyBudget budget(st, wanted);
      if (!budget.granted(wanted)) {
        st.in_flight--;
        Response busy = ErrorResponse(Status::Unavailable("服务器繁忙，请稍后重试"));
        busy.headers.emplace_back("Retry-After", "1");
        auto res = ToBeast(std::move(busy), version, false);
        co_await bhttp::async_write(stream, res, asio::redirect_error(asio::use_awaitable, ec));
        break;
      }
      bhttp::request_parser<bhttp::string_body> parser{std::move(head)};
      parser.body_limit(st.options.max_body);
      if (!parser.is_done()) {
        if (parser.content_length() && *parser.content_length() > st.options.max_body) {
          ec = bhttp::error::body_limit;
        } else {
          co_await SendContinue(stream, parser.get(), ec);
          if (!ec) co_await bhttp::async_read(stream, buffer, parser, asio::redirect_error(asio::use_awaitable, ec));
        }
      }
      if (ec == bhttp::error::body_limit) {
        st.in_flight--;
        co_await WriteError(
            stream, Status::PayloadTooLarge("请求体超过 " + std::to_string(st.options.max_body) + " 字节的上限"),
            version);
        break;
      }
      if (ec) {
        st.in_flight--;
        if (ec != asio::error::eof && ec != bhttp::error::end_of_stream && ec != beast::error::timeout &&
            ec != asio::error::connection_reset && ec != bhttp::error::partial_message)
          co_await WriteError(stream, Status::InvalidArgument("malformed_request", "HTTP 请求格式错误"), version);
        break;
      }
      req.body = std::move(parser.get().body());
      // Run the handler on the worker pool; this coroutine resumes on its own executor afterwards.
      resp = co_await OnWorker(
          st, [&] { return IsApiPath(req.path) ? st.router.Dispatch(req, st.app) : st.web.Serve(req); });
    }
    double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started).count();
    spdlog::info("{} {} {} {}B {:.1f}ms {} {}", req.method, RedactTarget(target), resp.status,
                 resp.stream ? resp.stream->length : static_cast<int64_t>(resp.body.size()), ms, client,
                 resp.user.empty() ? "-" : resp.user);
    if (client_gone) {
      st.in_flight--;
      break;
    }
    keep_alive = keep_alive && !st.stopping;
    if (resp.stream && !head_request) {
      co_await WriteStream(stream, std::move(resp), version, keep_alive, st, ec);
    } else {
      auto res = ToBeast(std::move(resp), version, keep_alive, head_request);
      co_await bhttp::async_write(stream, res, asio::redirect_error(asio::use_awaitable, ec));
    }
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
    if (st.connections.load() >= st.options.max_connections) {
      // Over the cap: a short 503 and close, without a session coroutine or buffers.
      static const std::string kBusy = [] {
        std::string body = R"({"code":"unavailable","message":"连接数已达上限，请稍后重试","field":null})";
        return "HTTP/1.1 503 Service Unavailable\r\nContent-Type: application/json; charset=utf-8\r\n"
               "Retry-After: 1\r\nConnection: close\r\nContent-Length: " +
               std::to_string(body.size()) + "\r\n\r\n" + body;
      }();
      socket.non_blocking(true, ec);
      socket.send(asio::buffer(kBusy), 0, ec);
      socket.close(ec);
      continue;
    }
    st.connections++;
    asio::co_spawn(acceptor.get_executor(), Session(std::move(socket), st),
                   [&st](std::exception_ptr) { st.connections--; });
  }
}

}  // namespace

Status Serve(app::App& app, const ServerOptions& options) {
  asio::io_context ioc(options.io_threads);
  State st{app,
           options,
           MakeApiRouter(options.secure_cookie),
           StaticFiles(options.web_root),
           asio::thread_pool(options.worker_threads),
           {}};

  beast::error_code ec;
  auto address = asio::ip::make_address(options.bind, ec);
  if (ec) return Status::InvalidArgument("invalid_field", "监听地址无效：" + options.bind, "bind");
  tcp::endpoint endpoint(address, static_cast<unsigned short>(options.port));
  tcp::acceptor acceptor(ioc);
  acceptor.open(endpoint.protocol(), ec);
  if (!ec) acceptor.set_option(asio::socket_base::reuse_address(true), ec);
  if (!ec) acceptor.bind(endpoint, ec);
  if (!ec) acceptor.listen(asio::socket_base::max_listen_connections, ec);
  if (ec)
    return Status::Unavailable("无法监听 " + options.bind + ":" + std::to_string(options.port) + "：" + ec.message());
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
