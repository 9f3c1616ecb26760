#include "http/client.h"

// Boost 1.74 with GCC 12 needs <utility> before Asio (see DESIGN.md).
#include <utility>

#include <unistd.h>

#include <algorithm>
#include <thread>

#include <boost/asio.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>
#include <openssl/err.h>
#include <openssl/ssl.h>

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
  Url u;
  if (text.starts_with("https://")) {
    u.tls = true;
    u.port = "443";
  } else if (!text.starts_with("http://")) {
    return bad("应以 http:// 或 https:// 开头");
  }
  std::string_view rest = text.substr(u.tls ? 8 : 7);
  size_t slash = rest.find('/');
  std::string_view authority = rest.substr(0, slash);
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

std::string Url::ToString() const {
  return (tls ? "https://" : "http://") + host + (port == (tls ? "443" : "80") ? "" : ":" + port) + base_path;
}

std::string Url::Resolve(std::string_view location) const {
  if (location.starts_with("/") && !location.starts_with("//")) {
    // Behind a reverse proxy under a prefix, the server names its own path ("/api/v1/…"), which
    // the proxy serves at base_path + that path.
    if (!base_path.empty() && !location.starts_with(base_path + "/")) return base_path + std::string(location);
    return std::string(location);
  }
  auto same = Url::Parse(location);
  if (!same.ok() || same->tls != tls || same->host != host || same->port != port) return "";
  return same->base_path.empty() ? "/" : same->base_path;
}

std::string ClientResponse::Header(const std::string& name) const {
  auto it = headers.find(name);
  return it == headers.end() ? "" : it->second;
}

struct HttpClient::Impl {
  using TlsStream = beast::ssl_stream<beast::tcp_stream>;

  Url url;
  std::chrono::seconds timeout;
  std::string ca_file;
  int64_t max_rate = 0;
  asio::io_context ioc;
  std::optional<asio::ssl::context> tls_context;
  std::optional<beast::tcp_stream> plain;
  std::optional<TlsStream> tls;
  beast::flat_buffer buffer;

  bool connected() const { return plain.has_value() || tls.has_value(); }
  beast::tcp_stream& lowest() { return tls ? beast::get_lowest_layer(*tls) : *plain; }

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
    if (connected()) {
      beast::error_code ignored;
      lowest().socket().shutdown(tcp::socket::shutdown_both, ignored);
      lowest().close();
    }
    tls.reset();
    plain.reset();
    buffer.clear();
  }

  Status Connect() {
    if (connected()) return Status();
    tcp::resolver resolver(ioc);
    tcp::resolver::results_type endpoints;
    beast::error_code ec = Run([&](auto handler) {
      resolver.async_resolve(url.host, url.port,
                             [&, handler](beast::error_code e, tcp::resolver::results_type r) mutable {
                               endpoints = std::move(r);
                               handler(e);
                             });
    });
    if (ec) return Fail("解析主机名", ec);
    if (!url.tls) {
      plain.emplace(ioc);
    } else {
      if (!tls_context) {
        tls_context.emplace(asio::ssl::context::tls_client);
        tls_context->set_options(asio::ssl::context::no_sslv2 | asio::ssl::context::no_sslv3 |
                                 asio::ssl::context::no_tlsv1 | asio::ssl::context::no_tlsv1_1);
        tls_context->set_verify_mode(asio::ssl::verify_peer);
        if (ca_file.empty())
          tls_context->set_default_verify_paths(ec);
        else
          tls_context->load_verify_file(ca_file, ec);
        if (ec) {
          tls_context.reset();
          return Status::InvalidArgument("invalid_field", "无法读取 CA 证书 " + ca_file + "：" + ec.message(), "ca");
        }
      }
      tls.emplace(ioc, *tls_context);
      // SNI, and the certificate must name the host the URL names.
      SSL_set_tlsext_host_name(tls->native_handle(), url.host.c_str());
      tls->set_verify_callback(asio::ssl::host_name_verification(url.host));
    }
    lowest().expires_after(timeout);
    ec = Run([&](auto handler) { lowest().async_connect(endpoints, handler); });
    if (ec) return Fail("连接", ec);
    if (tls) {
      lowest().expires_after(timeout);
      ec = Run([&](auto handler) { tls->async_handshake(asio::ssl::stream_base::client, handler); });
      if (ec) {
        bool verify = ec.category() == asio::error::get_ssl_category() &&
                      ERR_GET_REASON(static_cast<unsigned long>(ec.value())) == SSL_R_CERTIFICATE_VERIFY_FAILED;
        Status s = Fail("TLS 握手", ec);
        if (verify)
          return Status::Make(
              ErrorCode::kPermissionDenied, "tls_verify",
              "无法验证服务器 " + url.ToString() + " 的证书（" + ec.message() + "）：请用 --ca 指定签发它的 CA 证书");
        return s;
      }
    }
    return Status();
  }

  // Writes the body pieces of a file range, pacing them to max_rate.
  template <class Stream>
  beast::error_code WriteFile(Stream& stream, const FileRange& f, const std::function<void(int64_t)>& progress) {
    size_t piece = max_rate > 0 ? std::clamp<size_t>(static_cast<size_t>(max_rate / 8), 4096, kPiece) : kPiece;
    std::vector<char> buf(piece);
    auto start = std::chrono::steady_clock::now();
    int64_t sent = 0;
    while (sent < f.length) {
      size_t want = static_cast<size_t>(std::min<int64_t>(static_cast<int64_t>(piece), f.length - sent));
      ssize_t n = ::pread(f.fd, buf.data(), want, f.offset + sent);
      if (n <= 0) return beast::error_code(n < 0 ? errno : EIO, boost::system::generic_category());
      lowest().expires_after(timeout);
      beast::error_code ec = Run(
          [&](auto handler) { asio::async_write(stream, asio::buffer(buf.data(), static_cast<size_t>(n)), handler); });
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

  template <class Stream>
  StatusOr<ClientResponse> Read(Stream& stream, bool head) {
    bhttp::response_parser<bhttp::string_body> parser;
    parser.body_limit(kMaxResponseBody);
    parser.skip(head);
    lowest().expires_after(timeout);
    beast::error_code ec = Run([&](auto handler) { bhttp::async_read(stream, buffer, parser, handler); });
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

  template <class Stream>
  StatusOr<ClientResponse> SendOn(Stream& stream, const ClientRequest& r, bhttp::verb verb,
                                  const std::function<void(int64_t)>& progress) {
    bhttp::request<bhttp::empty_body> req{verb, r.target, 11};
    bool default_port = url.port == (url.tls ? "443" : "80");
    req.set(bhttp::field::host, url.host + (default_port ? "" : ":" + url.port));
    req.set(bhttp::field::user_agent, "quancheng-dock/" QC_VERSION);
    for (const auto& [k, v] : r.headers) req.set(k, v);
    int64_t length = r.file ? r.file->length : static_cast<int64_t>(r.body.size());
    if (length > 0 || verb == bhttp::verb::post || verb == bhttp::verb::patch || verb == bhttp::verb::put)
      req.content_length(static_cast<uint64_t>(length));
    bhttp::request_serializer<bhttp::empty_body> serializer{req};
    lowest().expires_after(timeout);
    beast::error_code ec = Run([&](auto handler) { bhttp::async_write_header(stream, serializer, handler); });
    if (!ec && r.file) {
      ec = WriteFile(stream, *r.file, progress);
    } else if (!ec && !r.body.empty()) {
      lowest().expires_after(timeout);
      ec = Run([&](auto handler) { asio::async_write(stream, asio::buffer(r.body), handler); });
      if (!ec && progress) progress(length);
    }
    if (ec) {
      // The server may have answered early (a wrong offset, a refused upload) and closed: read that.
      auto early = Read(stream, verb == bhttp::verb::head);
      if (early.ok()) {
        Close();
        return early;
      }
      return Fail("发送", ec);
    }
    return Read(stream, verb == bhttp::verb::head);
  }

  StatusOr<ClientResponse> Send(const ClientRequest& r, const std::function<void(int64_t)>& progress) {
    bhttp::verb verb = bhttp::string_to_verb(r.method);
    if (verb == bhttp::verb::unknown) return Status::InvalidArgument("invalid_field", "未知的请求方法", "method");
    QC_RETURN_IF_ERROR(Connect());
    return tls ? SendOn(*tls, r, verb, progress) : SendOn(*plain, r, verb, progress);
  }
};

HttpClient::HttpClient(Url url, std::chrono::seconds timeout, std::string ca_file) : impl_(std::make_unique<Impl>()) {
  impl_->url = std::move(url);
  impl_->timeout = timeout;
  impl_->ca_file = std::move(ca_file);
}

HttpClient::~HttpClient() { impl_->Close(); }

void HttpClient::set_max_rate(int64_t bytes_per_second) { impl_->max_rate = std::max<int64_t>(0, bytes_per_second); }

StatusOr<ClientResponse> HttpClient::Send(const ClientRequest& request, const std::function<void(int64_t)>& progress) {
  return impl_->Send(request, progress);
}

const Url& HttpClient::url() const { return impl_->url; }

}  // namespace qc::http
