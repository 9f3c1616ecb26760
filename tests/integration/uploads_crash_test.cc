// Large uploads: the server killed (SIGKILL) in the middle of a long PATCH resumes from the last
// committed offset and ends with a registered blob that `verify` accepts; a 1 GiB upload keeps the
// server's peak RSS under 100 MiB.
#include <gtest/gtest.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <random>
#include <thread>

#include "cli_run.h"
#include "common/hex.h"
#include "crypto/base64.h"
#include "crypto/digest.h"
#include "server_fixture.h"

namespace qc::testing {
namespace {

namespace fs = std::filesystem;

std::string Meta(const std::vector<std::pair<std::string, std::string>>& kv) {
  std::string out;
  for (const auto& [k, v] : kv) out += (out.empty() ? "" : ",") + k + " " + crypto::Base64Encode(v);
  return out;
}

// Fast deterministic bytes (xorshift), so the test needs no large file on disk.
void FillBytes(std::string& out, size_t n, uint64_t seed) {
  out.resize(n);
  uint64_t x = seed | 1;
  for (size_t i = 0; i + 8 <= n; i += 8) {
    x ^= x << 13, x ^= x >> 7, x ^= x << 17;
    std::memcpy(out.data() + i, &x, 8);
  }
}

int Connect(int port) {
  int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(static_cast<uint16_t>(port));
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) throw std::runtime_error("connect");
  return fd;
}

// Sends a PATCH whose body is `body` (declared `declared` bytes long) piece by piece; stops early when
// the connection breaks or `stop` is set. Returns the bytes of body sent.
size_t StreamPatch(int port, const std::string& path, const std::string& token, int64_t offset, std::string_view body,
                   size_t declared, std::atomic<bool>* stop, std::string* answer = nullptr) {
  int fd = Connect(port);
  std::string head =
      "PATCH " + path +
      " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n"
      "Authorization: Bearer " +
      token + "\r\nTus-Resumable: 1.0.0\r\nUpload-Offset: " + std::to_string(offset) +
      "\r\nContent-Type: application/offset+octet-stream\r\nContent-Length: " + std::to_string(declared) + "\r\n\r\n";
  ::send(fd, head.data(), head.size(), MSG_NOSIGNAL);
  size_t sent = 0;
  while (sent < body.size() && !(stop && stop->load())) {
    ssize_t n = ::send(fd, body.data() + sent, std::min<size_t>(1 << 20, body.size() - sent), MSG_NOSIGNAL);
    if (n <= 0) break;
    sent += static_cast<size_t>(n);
  }
  if (answer) {
    char buf[4096];
    for (;;) {
      ssize_t n = ::recv(fd, buf, sizeof buf, 0);
      if (n <= 0) break;
      answer->append(buf, static_cast<size_t>(n));
    }
  }
  ::close(fd);
  return sent;
}

struct Upload {
  std::string loc, case_id;
};

Upload CreateAttachment(int port, Client& officer, size_t length) {
  Upload u;
  u.case_id =
      officer
          .Post("/api/v1/cases",
                {{"start_mode", "ex_officio"}, {"title", "大文件上传测试"}, {"start_form", {{"cause", "巡查"}}}})
          .json()["case"]["id"];
  HttpResponse r =
      Send(port, "POST", "/api/v1/uploads/", "",
           {{"Authorization", "Bearer " + officer.token()},
            {"Tus-Resumable", "1.0.0"},
            {"Upload-Length", std::to_string(length)},
            {"Upload-Metadata", Meta({{"filename", "大文件.bin"}, {"case_id", u.case_id}, {"kind", "attachment"}})}});
  if (r.status != 201) throw std::runtime_error("create: " + r.body);
  u.loc = r.headers["location"];
  return u;
}

int64_t Offset(int port, const std::string& token, const std::string& loc) {
  HttpResponse h = Send(port, "HEAD", loc, "", {{"Authorization", "Bearer " + token}, {"Tus-Resumable", "1.0.0"}});
  return h.status == 200 ? std::stoll(h.headers["upload-offset"]) : -1;
}

TEST(UploadsCrash, KilledMidPatchResumesFromTheLastCommittedOffset) {
  constexpr size_t kSize = 150u << 20;  // past two commit points (every 64 MiB)
  std::string data;
  FillBytes(data, kSize, 42);
  Server server;
  Client officer(server.port(), "officer1");
  Upload u = CreateAttachment(server.port(), officer, kSize);
  std::string id = u.loc.substr(u.loc.rfind('/') + 1);

  // Send 100 MiB of the whole body and kill the server once 64 MiB are committed.
  std::atomic<bool> stop{false};
  std::thread sender([&] {
    StreamPatch(server.port(), u.loc, officer.token(), 0, std::string_view(data).substr(0, 100u << 20), kSize, &stop);
  });
  int64_t committed = 0;
  for (int i = 0; i < 600 && committed < (64 << 20); ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    committed = Offset(server.port(), officer.token(), u.loc);
  }
  ASSERT_GE(committed, 64 << 20) << "a long PATCH commits as it goes";
  server.Stop(SIGKILL);
  stop = true;
  sender.join();

  server.Start();
  Client again(server.port(), "officer1");
  int64_t offset = Offset(server.port(), again.token(), u.loc);
  EXPECT_GE(offset, 64 << 20);
  EXPECT_LE(offset, 100 << 20);
  fs::path part = fs::path(server.data_dir()) / "uploads" / (id + ".part");
  EXPECT_EQ(static_cast<int64_t>(fs::file_size(part)), offset) << "nothing past the committed offset is kept";

  std::string answer;
  StreamPatch(server.port(), u.loc, again.token(), offset, std::string_view(data).substr(offset), kSize - offset,
              nullptr, &answer);
  EXPECT_NE(answer.find("204 No Content"), std::string::npos) << answer.substr(0, 300);
  EXPECT_NE(answer.find("Upload-Registration: registered"), std::string::npos) << answer.substr(0, 300);
  Json media = again.Get("/api/v1/cases/" + u.case_id).json()["media"];
  ASSERT_EQ(media.size(), 1u);
  EXPECT_EQ(media[0]["sha256"], ToHex(crypto::Digest(crypto::DigestAlg::kSha256, data)));
  EXPECT_EQ(media[0]["sm3"], ToHex(crypto::Digest(crypto::DigestAlg::kSm3, data)));

  // The digests lived in the killed process: the restarted one rebuilt them from the file.
  server.Stop(SIGTERM);
  EXPECT_NE(server.Log().find("upload " + id + ": digests rebuilt from the first " + std::to_string(offset) + " bytes"),
            std::string::npos);

  // The whole directory checks out: events, checkpoints, projections and the blob's two digests.
  CliRun v = RunQuancheng("verify --data " + server.data_dir());
  EXPECT_EQ(v.status, 0) << v.output;
}

TEST(UploadsCrash, OneGibibyteInConstantMemory) {
  // The optimized build users run (test.sh builds it first); the sanitizers' allocator would measure
  // itself.
  ASSERT_TRUE(fs::exists(QC_RELEASE_BINARY)) << "build the release preset first: " << QC_RELEASE_BINARY;
  constexpr size_t kSize = size_t{1} << 30;
  std::string block;
  FillBytes(block, 64u << 20, 7);
  Server server({}, true, QC_RELEASE_BINARY);
  Client officer(server.port(), "officer1");
  Upload u = CreateAttachment(server.port(), officer, kSize);
  int fd = Connect(server.port());
  std::string head = "PATCH " + u.loc + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\nAuthorization: Bearer " +
                     officer.token() +
                     "\r\nTus-Resumable: 1.0.0\r\nUpload-Offset: 0\r\n"
                     "Content-Type: application/offset+octet-stream\r\nContent-Length: " +
                     std::to_string(kSize) + "\r\n\r\n";
  ::send(fd, head.data(), head.size(), MSG_NOSIGNAL);
  crypto::DigestStream sha(crypto::DigestAlg::kSha256);
  for (size_t sent = 0; sent < kSize; sent += block.size()) {
    // Vary each block so identical chunks cannot be deduplicated by anything along the way.
    std::memcpy(block.data(), &sent, sizeof sent);
    sha.Update(block);
    for (size_t off = 0; off < block.size();) {
      ssize_t n = ::send(fd, block.data() + off, block.size() - off, MSG_NOSIGNAL);
      ASSERT_GT(n, 0) << "server closed the connection";
      off += static_cast<size_t>(n);
    }
  }
  std::string answer;
  char buf[4096];
  for (ssize_t n; (n = ::recv(fd, buf, sizeof buf, 0)) > 0;) answer.append(buf, static_cast<size_t>(n));
  ::close(fd);
  EXPECT_NE(answer.find("204 No Content"), std::string::npos) << answer.substr(0, 300);
  // Peak resident memory of the server over its whole life, from the kernel.
  std::ifstream status("/proc/" + std::to_string(server.pid()) + "/status");
  int64_t hwm_kib = -1;
  for (std::string line; std::getline(status, line);)
    if (line.rfind("VmHWM:", 0) == 0) hwm_kib = std::stoll(line.substr(6));
  ASSERT_GT(hwm_kib, 0);
  RecordProperty("peak_rss_kib", std::to_string(hwm_kib));
  std::printf("server peak RSS during a 1 GiB upload: %lld KiB\n", static_cast<long long>(hwm_kib));
  EXPECT_LT(hwm_kib, 100 * 1024);
  Json media = officer.Get("/api/v1/cases/" + u.case_id).json()["media"];
  ASSERT_EQ(media.size(), 1u);
  EXPECT_EQ(media[0]["sha256"], ToHex(sha.Final()));
  EXPECT_EQ(media[0]["size"], kSize);
}

}  // namespace
}  // namespace qc::testing
