#include "http/client.h"

// Boost 1.74 with GCC 12 needs <utility> before Asio (see DESIGN.md).
#include <utility>

#include <unistd.h>

#include <algorithm>
#include <thread>

#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

namespace qc::http {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = beast::http;
using tcp = asio::ip::tcp;

constexpr size_t kPiece = 1 << 20;
constexpr size_t kMaxResponseBody = 4 << 20;

bool AllDigits(std::string_view s) {
  return !s.empty() && s.size() <= 5 && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

}  // namespace

StatusOr<Url> Url::Parse(std::string_view text) {
  auto bad = [&](const std::string& why) {
    return Status::InvalidArgument("invalid_field", "服务器地址无效（" + why + "）：" + std::string(text), "server");
  };
  if (text.starts_with("https://")) return bad("暂只支持 http://，请经 TLS 隧道或本机反向代理连接");
  if (!text.starts_with("http://")) return bad("应以 http:// 开头");
  std::string_view rest = text.substr(7);
  size_t slash = rest.find('/');
  std::string_view authority = rest.substr(0, slash);
  Url u;
  if (slash != std::string_view::npos) {
    u.base_path = std::string(rest.substr(slash));
    while (!u.base_path.empty() && u.base_path.back() == '/') u.base_path.pop_back();
    if (u.base_path.find_first_of("?# ") != std::string::npos) return bad("路径不能含查询或空格");
  }
  if (authority.find('@') != std::string_view::npos) return bad("不能含用户名");
  size_t colon = authority.rfind(':');
  if (colon != std::string_view::npos && authority.find(']') == std::string_view::npos) {
    if (!AllDigits(authority.substr(colon + 1))) return bad("端口无效");
    u.port = std::string(authority.substr(colon + 1));
    authority = authority.substr(0, colon);
  }
  if (authority.empty()) return bad("缺少主机名");
  u.host = std::string(authority);
  return u;
}

std::string Url::ToString() const { return "http://" + host + (port == "80" ? "" : ":" + port) + base_path; }

std::string Url::Resolve(std::string_view location) const {
  if (location.starts_with("/") && !location.starts_with("//")) return std::string(location);
  auto same = Url::Parse(location);
  if (!same.ok() || same->host != host || same->port != port) return "";
  return same->base_path.empty() ? "/" : same->base_path;
}

std::string ClientResponse::Header(const std::string& name) const {
  auto it = headers.find(name);
  return it == headers.end() ? "" : it->second;
}

struct HttpClient::Impl {
  Url url;
  std::chrono::seconds timeout;
  int64_t max_rate = 0;
  asio::io_context ioc;
  std::optional<beast::tcp_stream> stream;
  beast::flat_buffer buffer;

  // Runs one asynchronous operation to completion on this thread (the stream's expiry bounds it).
  template <class Start>
  beast::error_code Run(Start start) {
    beast::error_code result = asio::error::operation_aborted;
    start([&result](beast::error_code ec, auto&&...) { result = ec; });
    ioc.restart();
    ioc.run();
    return result;
  }

  Status Fail(const std::string& step, const beast::error_code& ec) {
    Close();
    return Status::Unavailable("与服务器 " + url.ToString() + " 的连接失败（" + step + "）：" + ec.message());
  }

  void Close() {
    if (stream) {
      beast::error_code ignored;
      stream->socket().shutdown(tcp::socket::shutdown_both, ignored);
      stream->close();
    }
    stream.reset();
    buffer.clear();
  }

  Status Connect() {
    if (stream) return Status();
    tcp::resolver resolver(ioc);
    tcp::resolver::results_type endpoints;
    beast::error_code ec = Run([&](auto handler) {
      resolver.async_resolve(url.host, url.port, [&, handler](beast::error_code e, tcp::resolver::results_type r) mutable {
        endpoints = std::move(r);
        handler(e);
      });
    });
    if (ec) return Fail("解析主机名", ec);
    stream.emplace(ioc);
    stream->expires_after(timeout);
    ec = Run([&](auto handler) { stream->async_connect(endpoints, handler); });
    if (ec) return Fail("连接", ec);
    return Status();
  }

  // Writes the body pieces of a file range, pacing them to max_rate.
  beast::error_code WriteFile(const FileRange& f, const std::function<void(int64_t)>& progress) {
    size_t piece = max_rate > 0 ? std::clamp<size_t>(static_cast<size_t>(max_rate / 8), 4096, kPiece) : kPiece;
    std::vector<char> buf(piece);
    auto start = std::chrono::steady_clock::now();
    int64_t sent = 0;
    while (sent < f.length) {
      size_t want = static_cast<size_t>(std::min<int64_t>(static_cast<int64_t>(piece), f.length - sent));
      ssize_t n = ::pread(f.fd, buf.data(), want, f.offset + sent);
      if (n <= 0) return beast::error_code(n < 0 ? errno : EIO, boost::system::generic_category());
      stream->expires_after(timeout);
      beast::error_code ec = Run([&](auto handler) {
        asio::async_write(*stream, asio::buffer(buf.data(), static_cast<size_t>(n)), handler);
      });
      if (ec) return ec;
      sent += n;
      if (progress) progress(sent);
      if (max_rate > 0) {
        auto due = start + std::chrono::microseconds(sent * 1'000'000 / max_rate);
        std::this_thread::sleep_until(due);
      }
    }
    return {};
  }

  StatusOr<ClientResponse> Read(bool head) {
    bhttp::response_parser<bhttp::string_body> parser;
    parser.body_limit(kMaxResponseBody);
    parser.skip(head);
    stream->expires_after(timeout);
    beast::error_code ec = Run([&](auto handler) { bhttp::async_read(*stream, buffer, parser, handler); });
    if (ec) return Fail("读取应答", ec);
    auto& res = parser.get();
    ClientResponse out;
    out.status = static_cast<int>(res.result_int());
    for (const auto& field : res) {
      std::string name(field.name_string());
      std::transform(name.begin(), name.end(), name.begin(), [](unsigned char c) { return std::tolower(c); });
      out.headers[name] = std::string(field.value());
    }
    out.body = std::move(res.body());
    if (!res.keep_alive()) Close();
    return out;
  }

  StatusOr<ClientResponse> Send(const ClientRequest& r, const std::function<void(int64_t)>& progress) {
    bhttp::verb verb = bhttp::string_to_verb(r.method);
    if (verb == bhttp::verb::unknown) return Status::InvalidArgument("invalid_field", "未知的请求方法", "method");
    QC_RETURN_IF_ERROR(Connect());
    bhttp::request<bhttp::empty_body> req{verb, r.target, 11};
    req.set(bhttp::field::host, url.host + (url.port == "80" ? "" : ":" + url.port));
    req.set(bhttp::field::user_agent, "quancheng-dock/" QC_VERSION);
    for (const auto& [k, v] : r.headers) req.set(k, v);
    int64_t length = r.file ? r.file->length : static_cast<int64_t>(r.body.size());
    if (length > 0 || verb == bhttp::verb::post || verb == bhttp::verb::patch || verb == bhttp::verb::put)
      req.content_length(static_cast<uint64_t>(length));
    bhttp::request_serializer<bhttp::empty_body> serializer{req};
    stream->expires_after(timeout);
    beast::error_code ec = Run([&](auto handler) { bhttp::async_write_header(*stream, serializer, handler); });
    if (!ec && r.file) {
      ec = WriteFile(*r.file, progress);
    } else if (!ec && !r.body.empty()) {
      stream->expires_after(timeout);
      ec = Run([&](auto handler) { asio::async_write(*stream, asio::buffer(r.body), handler); });
      if (!ec && progress) progress(length);
    }
    if (ec) {
      // The server may have answered early (a wrong offset, a refused upload) and closed: read that.
      if (!stream) return Fail("发送", ec);
      auto early = Read(verb == bhttp::verb::head);
      if (early.ok()) {
        Close();
        return early;
      }
      return Fail("发送", ec);
    }
    return Read(verb == bhttp::verb::head);
  }
};

HttpClient::HttpClient(Url url, std::chrono::seconds timeout) : impl_(std::make_unique<Impl>()) {
  impl_->url = std::move(url);
  impl_->timeout = timeout;
}

HttpClient::~HttpClient() { impl_->Close(); }

void HttpClient::set_max_rate(int64_t bytes_per_second) { impl_->max_rate = std::max<int64_t>(0, bytes_per_second); }

StatusOr<ClientResponse> HttpClient::Send(const ClientRequest& request, const std::function<void(int64_t)>& progress) {
  return impl_->Send(request, progress);
}

const Url& HttpClient::url() const { return impl_->url; }

}  // namespace qc::http
