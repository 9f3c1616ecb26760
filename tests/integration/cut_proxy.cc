#include "cut_proxy.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <stdexcept>

namespace qc::testing {
namespace {

int Connect(int port) {
  int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_port = htons(static_cast<uint16_t>(port));
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (::connect(fd, reinterpret_cast<sockaddr*>(&a), sizeof a) != 0) {
    ::close(fd);
    return -1;
  }
  return fd;
}

// Closes with RST (SO_LINGER 0), as a dropped link looks to the peer once it notices.
void Reset(int fd) {
  linger l{1, 0};
  ::setsockopt(fd, SOL_SOCKET, SO_LINGER, &l, sizeof l);
  ::close(fd);
}

bool WriteAll(int fd, const char* p, size_t n) {
  while (n > 0) {
    ssize_t w = ::send(fd, p, n, MSG_NOSIGNAL);
    if (w < 0 && errno == EINTR) continue;
    if (w <= 0) return false;
    p += w;
    n -= static_cast<size_t>(w);
  }
  return true;
}

}  // namespace

CutProxy::CutProxy(int target_port) : target_port_(target_port) {
  listen_fd_ = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  int one = 1;
  ::setsockopt(listen_fd_, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (::bind(listen_fd_, reinterpret_cast<sockaddr*>(&a), sizeof a) != 0 || ::listen(listen_fd_, 16) != 0)
    throw std::runtime_error("proxy: cannot listen");
  socklen_t len = sizeof a;
  ::getsockname(listen_fd_, reinterpret_cast<sockaddr*>(&a), &len);
  port_ = ntohs(a.sin_port);
  thread_ = std::thread([this] { Loop(); });
}

CutProxy::~CutProxy() {
  stop_ = true;
  thread_.join();
  for (auto& p : pairs_) {
    ::close(p.client);
    ::close(p.server);
  }
  ::close(listen_fd_);
}

void CutProxy::Cut(std::chrono::milliseconds down) {
  std::lock_guard<std::mutex> lock(mu_);
  cut_requested_ = true;
  down_until_ = std::chrono::steady_clock::now() + down;
}

void CutProxy::Loop() {
  char buf[64 * 1024];
  while (!stop_) {
    bool cut = false, down = false;
    {
      std::lock_guard<std::mutex> lock(mu_);
      cut = cut_requested_;
      cut_requested_ = false;
      down = std::chrono::steady_clock::now() < down_until_;
    }
    if (cut) {
      for (auto& p : pairs_) {
        Reset(p.client);
        Reset(p.server);
      }
      pairs_.clear();
      ++cuts_;
    }
    std::vector<pollfd> fds{{listen_fd_, POLLIN, 0}};
    for (auto& p : pairs_) {
      fds.push_back({p.client, POLLIN, 0});
      fds.push_back({p.server, POLLIN, 0});
    }
    if (::poll(fds.data(), fds.size(), 50) <= 0) continue;
    const size_t polled = pairs_.size();  // a pair accepted below is polled from the next round
    if (fds[0].revents & POLLIN) {
      int c = ::accept4(listen_fd_, nullptr, nullptr, SOCK_CLOEXEC);
      if (c >= 0) {
        int s = down ? -1 : Connect(target_port_);
        if (s < 0)
          Reset(c);
        else
          pairs_.push_back({c, s});
      }
    }
    std::vector<Pair> alive(pairs_.begin() + static_cast<std::ptrdiff_t>(polled), pairs_.end());
    for (size_t i = 0; i < polled; ++i) {
      bool ok = true;
      for (int side = 0; side < 2 && ok; ++side) {
        const pollfd& pf = fds[1 + 2 * i + side];
        if (!(pf.revents & (POLLIN | POLLHUP | POLLERR))) continue;
        ssize_t n = ::recv(pf.fd, buf, sizeof buf, 0);
        int to = side == 0 ? pairs_[i].server : pairs_[i].client;
        ok = n > 0 && WriteAll(to, buf, static_cast<size_t>(n));
        if (ok && side == 0) bytes_up_ += n;
      }
      if (ok) {
        alive.push_back(pairs_[i]);
      } else {
        ::close(pairs_[i].client);
        ::close(pairs_[i].server);
      }
    }
    pairs_ = std::move(alive);
  }
}

}  // namespace qc::testing
