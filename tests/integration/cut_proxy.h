// A TCP relay between a client under test and the server, whose connections can be cut: what a
// collection station sees when the network drops in the middle of an upload.
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <mutex>
#include <thread>
#include <vector>

namespace qc::testing {

class CutProxy {
 public:
  explicit CutProxy(int target_port);  // listens on a free loopback port
  ~CutProxy();
  int port() const { return port_; }
  // Resets every open connection now; for `down`, new connections are accepted and closed at once.
  void Cut(std::chrono::milliseconds down);
  int cuts() const { return cuts_; }
  // Bytes relayed from clients to the server so far.
  int64_t bytes_up() const { return bytes_up_; }

 private:
  void Loop();
  struct Pair {
    int client, server;
  };
  int target_port_;
  int listen_fd_ = -1;
  int port_ = 0;
  std::atomic<bool> stop_{false};
  std::mutex mu_;
  bool cut_requested_ = false;
  std::chrono::steady_clock::time_point down_until_{};
  std::atomic<int> cuts_{0};
  std::atomic<int64_t> bytes_up_{0};
  std::vector<Pair> pairs_;  // the loop thread's
  std::thread thread_;
};

}  // namespace qc::testing
