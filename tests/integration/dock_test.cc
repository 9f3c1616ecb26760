// `quancheng dock`, the collection-station agent, against the real server: files under the watched
// directory are uploaded with the station's token, confirmed by digest, then deleted; a file the
// server refuses stays; the agent killed mid-upload resumes the same upload when restarted; a network
// cut mid-upload (a relay that resets its connections) is resumed; a revoked token stops it; over
// https (nginx terminating TLS in front) the server's certificate is checked.
// Media are made with ffmpeg at run time.
#include <gtest/gtest.h>

#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <thread>

#include "cli_run.h"
#include "common/hex.h"
#include "crypto/digest.h"
#include "cut_proxy.h"
#include "server_fixture.h"

namespace qc::testing {
namespace {

namespace fs = std::filesystem;
using namespace std::chrono_literals;

std::string ReadFile(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

void WriteFile(const fs::path& p, const std::string& text) {
  fs::create_directories(p.parent_path());
  std::ofstream(p, std::ios::binary) << text;
}

std::string Sha256Hex(const fs::path& p) { return ToHex(crypto::Digest(crypto::DigestAlg::kSha256, ReadFile(p))); }

void Ffmpeg(const std::string& args, const fs::path& out) {
  fs::create_directories(out.parent_path());
  std::string cmd = "ffmpeg -loglevel error -y " + args + " '" + out.string() + "' > /dev/null 2>&1";
  if (std::system(cmd.c_str()) != 0) throw std::runtime_error("ffmpeg failed: " + cmd);
}

// A camera-like clip: H.264 + AAC with a creation time; `big` makes it lossless 720p (about 1.7 MB a second).
void MakeClip(const fs::path& out, int seconds, bool big = false) {
  std::string d = std::to_string(seconds);
  Ffmpeg("-f lavfi -i testsrc2=duration=" + d + (big ? ":size=1280x720" : ":size=320x240") +
             ":rate=25 -f lavfi -i sine=frequency=440:duration=" + d + " -c:v libx264 -preset ultrafast " +
             (big ? "-qp 0 " : "") + "-c:a aac -shortest -metadata creation_time=2026-11-27T01:00:00Z",
         out);
}

bool WaitFor(const std::function<bool()>& done, std::chrono::seconds limit) {
  auto end = std::chrono::steady_clock::now() + limit;
  while (std::chrono::steady_clock::now() < end) {
    if (done()) return true;
    std::this_thread::sleep_for(100ms);
  }
  return done();
}

// The agent in the background (the watch loop), its output in `log`.
pid_t Spawn(const std::vector<std::string>& args, const fs::path& log, std::vector<std::string> program = {QC_BINARY}) {
  pid_t parent = ::getpid();
  pid_t pid = ::fork();
  if (pid == 0) {
    ::prctl(PR_SET_PDEATHSIG, SIGKILL);
    if (::getppid() != parent) std::_Exit(127);
    FILE* f = std::freopen(log.c_str(), "w", stdout);
    (void)f;
    ::dup2(::fileno(stdout), STDERR_FILENO);
    std::vector<std::string> all = program;
    all.insert(all.end(), args.begin(), args.end());
    std::vector<char*> argv;
    for (auto& a : all) argv.push_back(a.data());
    argv.push_back(nullptr);
    ::execv(argv[0], argv.data());
    std::_Exit(127);
  }
  return pid;
}

int Kill(pid_t pid, int sig) {
  ::kill(pid, sig);
  int status = 0;
  ::waitpid(pid, &status, 0);
  return status;
}

int FreePort() {
  int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  ::bind(fd, reinterpret_cast<sockaddr*>(&a), sizeof a);
  socklen_t len = sizeof a;
  ::getsockname(fd, reinterpret_cast<sockaddr*>(&a), &len);
  ::close(fd);
  return ntohs(a.sin_port);
}

bool Listening(int port) {
  int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_port = htons(static_cast<uint16_t>(port));
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  bool ok = ::connect(fd, reinterpret_cast<sockaddr*>(&a), sizeof a) == 0;
  ::close(fd);
  return ok;
}

// Debian's nginx terminating TLS in front of the server (streaming request bodies), with a
// self-signed certificate for localhost made by openssl, as a deployment would put it.
class TlsFront {
 public:
  TlsFront(const fs::path& dir, int backend_port) : dir_(dir), port_(FreePort()) {
    fs::create_directories(dir / "tmp");
    std::string cmd =
        "openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 2 -subj /CN=localhost "
        "-addext subjectAltName=DNS:localhost -keyout '" +
        (dir / "key.pem").string() + "' -out '" + cert() + "' > /dev/null 2>&1";
    if (std::system(cmd.c_str()) != 0) throw std::runtime_error("openssl req failed");
    std::string d = dir.string();
    WriteFile(
        dir / "nginx.conf",
        "user root; pid " + d + "/nginx.pid; error_log " + d +
            "/error.log;\n"
            "events { worker_connections 64; }\n"
            "http { access_log off; client_body_temp_path " +
            d + "/tmp; proxy_temp_path " + d +
            "/tmp;\n"
            "  fastcgi_temp_path " +
            d + "/tmp; uwsgi_temp_path " + d + "/tmp; scgi_temp_path " + d +
            "/tmp;\n"
            "  server { listen 127.0.0.1:" +
            std::to_string(port_) +
            " ssl;\n"
            "    ssl_certificate " +
            cert() + "; ssl_certificate_key " + d +
            "/key.pem;\n"
            "    client_max_body_size 0;\n"
            "    location / { proxy_pass http://127.0.0.1:" +
            std::to_string(backend_port) +
            ";\n"
            "      proxy_http_version 1.1; proxy_request_buffering off; proxy_set_header Connection \"\"; } } }\n");
    pid_ = Spawn({}, dir / "nginx.out", {"/usr/sbin/nginx", "-p", d, "-c", d + "/nginx.conf", "-g", "daemon off;"});
    bool up = WaitFor([&] { return Listening(port_); }, 20s);
    if (!up)
      throw std::runtime_error("nginx did not start: " + ReadFile(dir / "error.log") + ReadFile(dir / "nginx.out"));
  }
  ~TlsFront() { Kill(pid_, SIGTERM); }
  int port() const { return port_; }
  std::string cert() const { return (dir_ / "cert.pem").string(); }

 private:
  fs::path dir_;
  int port_;
  pid_t pid_ = -1;
};

// A stand-in for the server that takes every byte but answers the final GET with `describe`: what
// the agent does when the server's account of an upload is wrong or malformed.
class StubTusServer {
 public:
  explicit StubTusServer(std::string describe) : describe_(std::move(describe)) {
    fd_ = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    ::bind(fd_, reinterpret_cast<sockaddr*>(&a), sizeof a);
    ::listen(fd_, 8);
    socklen_t len = sizeof a;
    ::getsockname(fd_, reinterpret_cast<sockaddr*>(&a), &len);
    port_ = ntohs(a.sin_port);
    thread_ = std::thread([this] { Loop(); });
  }
  ~StubTusServer() {
    ::shutdown(fd_, SHUT_RDWR);
    ::close(fd_);
    thread_.join();
  }
  int port() const { return port_; }

 private:
  void Loop() {
    for (;;) {
      int c = ::accept(fd_, nullptr, nullptr);
      if (c < 0) return;
      std::string in;
      char buf[65536];
      size_t head_end;
      while ((head_end = in.find("\r\n\r\n")) == std::string::npos) {
        ssize_t n = ::recv(c, buf, sizeof buf, 0);
        if (n <= 0) break;
        in.append(buf, static_cast<size_t>(n));
      }
      if (head_end == std::string::npos) {
        ::close(c);
        continue;
      }
      std::string head = in.substr(0, head_end), method = head.substr(0, head.find(' '));
      size_t cl = head.find("Content-Length: ");
      int64_t length = cl == std::string::npos ? 0 : std::stoll(head.substr(cl + 16));
      int64_t body = static_cast<int64_t>(in.size() - head_end - 4);
      while (body < length) {
        ssize_t n = ::recv(c, buf, sizeof buf, 0);
        if (n <= 0) break;
        body += n;
      }
      std::string out;
      if (method == "POST") out = "HTTP/1.1 201 Created\r\nLocation: /api/v1/uploads/upl_stub\r\nContent-Length: 0\r\n";
      if (method == "HEAD")
        out = "HTTP/1.1 200 OK\r\nUpload-Offset: " + std::to_string(received_) + "\r\nContent-Length: 0\r\n";
      if (method == "PATCH") {
        received_ += body;
        out = "HTTP/1.1 204 No Content\r\nUpload-Offset: " + std::to_string(received_) + "\r\n";
      }
      if (method == "GET")
        out =
            "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: " + std::to_string(describe_.size()) +
            "\r\n";
      out += "Connection: close\r\n\r\n" + (method == "GET" ? describe_ : "");
      ::send(c, out.data(), out.size(), MSG_NOSIGNAL);
      ::close(c);
    }
  }
  std::string describe_;
  int fd_ = -1, port_ = 0;
  int64_t received_ = 0;
  std::thread thread_;
};

class DockTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    server_ = new Server();
    Client admin(server_->port(), "admin");
    HttpResponse d =
        admin.Post("/api/v1/devices", {{"serial", "DOCK-0001"}, {"model", "DSJ-X1"}, {"officer_id", "officer1"}});
    if (d.status != 201) throw std::runtime_error("device: " + d.body);
  }
  static void TearDownTestSuite() { delete server_; }

  void SetUp() override {
    dir_ = fs::path(server_->data_dir()) /
           ("dock-" + std::string(::testing::UnitTest::GetInstance()->current_test_info()->name()));
    cam_ = dir_ / "cam";
    fs::create_directories(cam_);
    officer_ = std::make_unique<Client>(port(), "officer1");
    Client admin(port(), "admin");
    HttpResponse st =
        admin.Post("/api/v1/stations",
                   {{"name", "一中队采集站"}, {"location", "值班室"}, {"unit_id", officer_->user()["unit_id"]}});
    if (st.status != 201) throw std::runtime_error("station: " + st.body);
    station_id_ = st.json()["station"]["id"];
    token_ = st.json()["token"];
    WriteFile(dir_ / "token", token_ + "\n");
    case_id_ = NewCase("采集站上传测试");
  }

  static int port() { return server_->port(); }

  std::string NewCase(const std::string& title) { return OpenExOfficioCase(*officer_, title); }

  // The dock's arguments; `server_port` is the server's unless a relay stands between.
  std::vector<std::string> Args(int server_port, std::vector<std::string> extra = {}) const {
    std::vector<std::string> a{"dock",
                               "--watch",
                               cam_.string(),
                               "--server",
                               "http://127.0.0.1:" + std::to_string(server_port),
                               "--device",
                               "DOCK-0001",
                               "--token-file",
                               (dir_ / "token").string(),
                               "--state",
                               (dir_ / "state").string(),
                               "--settle",
                               "0"};
    a.insert(a.end(), extra.begin(), extra.end());
    return a;
  }
  std::vector<std::string> CaseArgs() const {
    return {"--case", case_id_, "--act", "site_inspection", "--parties-informed", "true"};
  }

  CliRun RunOnce(const std::vector<std::string>& args) const {
    std::string line;
    for (const auto& a : args) line += "'" + a + "' ";
    return RunQuancheng(line + "--once");
  }

  // The upload path the agent recorded in its state, once it has created one.
  std::string StateLocation() const {
    std::error_code ec;
    for (const auto& e : fs::directory_iterator(dir_ / "state" / "files", ec)) {
      if (e.path().extension() != ".json") continue;
      Json j = Json::parse(ReadFile(e.path()), nullptr, false);
      if (j.is_object() && !j.value("location", "").empty()) return j["location"];
    }
    return "";
  }

  int64_t ServerOffset(const std::string& location) const {
    HttpResponse h =
        Send(port(), "HEAD", location, "", {{"Authorization", "Bearer " + token_}, {"Tus-Resumable", "1.0.0"}});
    return h.status == 200 ? std::stoll(h.headers["upload-offset"]) : -1;
  }

  Json Upload(const std::string& location) const {
    return Send(port(), "GET", location, "", {{"Authorization", "Bearer " + token_}}).json();
  }

  Json CaseMedia(const std::string& case_id) const { return officer_->Get("/api/v1/cases/" + case_id).json()["media"]; }

  int RecordsWithDigest(const std::string& case_id, const std::string& sha256) const {
    int n = 0;
    for (const auto& m : CaseMedia(case_id)) n += m["sha256"] == sha256;
    return n;
  }

  static Server* server_;
  fs::path dir_, cam_;
  std::unique_ptr<Client> officer_;
  std::string station_id_, token_, case_id_;
};
Server* DockTest::server_ = nullptr;

TEST_F(DockTest, UploadsConfirmsTheDigestThenDeletesAndKeepsWhatTheServerRefuses) {
  fs::path clip = cam_ / "DCIM" / "100MEDIA" / "FILE0001.MP4", photo = cam_ / "DCIM" / "IMG0001.JPG",
           orphan = cam_ / "DCIM" / "100MEDIA" / "FILE0002.MP4";
  MakeClip(clip, 2);
  Ffmpeg("-f lavfi -i color=red:size=64x64 -frames:v 1", photo);
  MakeClip(orphan, 1);
  WriteFile(cam_ / ".Trash" / "old.mp4", "hidden: never uploaded");
  std::string clip_sha = Sha256Hex(clip), photo_sha = Sha256Hex(photo);
  std::string sidecar = Json{{"case_id", case_id_}, {"act", "seizure"}, {"parties_informed", true}}.dump();
  WriteFile(clip.string() + ".qc.json", sidecar);
  WriteFile(photo.string() + ".qc.json", sidecar);

  // No --case: the files with a sidecar go; the one without stays, with the reason.
  CliRun r = RunOnce(Args(port()));
  EXPECT_EQ(r.status, 1) << r.output;
  EXPECT_FALSE(fs::exists(clip)) << r.output;
  EXPECT_FALSE(fs::exists(clip.string() + ".qc.json"));
  EXPECT_FALSE(fs::exists(photo));
  EXPECT_TRUE(fs::exists(orphan)) << "a file without a case is kept";
  EXPECT_TRUE(fs::exists(cam_ / ".Trash" / "old.mp4"));
  EXPECT_NE(r.output.find("未指定所属案件"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("不是音视频文件，改作附件登记"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find(clip_sha + "（与服务器一致）"), std::string::npos) << r.output;
  EXPECT_EQ(r.output.find(token_), std::string::npos) << "the token is never printed";

  Json media = CaseMedia(case_id_);
  ASSERT_EQ(media.size(), 2u) << media.dump();
  for (const auto& m : media) {
    EXPECT_EQ(m["station_id"], station_id_);
    EXPECT_EQ(m["device_serial"], "DOCK-0001");
    EXPECT_EQ(m["officer"]["name"], "张伟") << "the camera's officer";
    EXPECT_EQ(m["registered_by"]["role"], "station");
    if (m["kind"] == "av") {
      EXPECT_EQ(m["sha256"], clip_sha);
      EXPECT_EQ(m["act"], "seizure");
      EXPECT_EQ(m["file_name"], "FILE0001.MP4");
      EXPECT_EQ(m["capture_start"], "2026-11-27T01:00:00.000Z") << "the container's creation time";
      EXPECT_EQ(m["capture_end"], "2026-11-27T01:00:02.000Z") << "creation time + duration";
    } else {
      EXPECT_EQ(m["kind"], "attachment");
      EXPECT_EQ(m["sha256"], photo_sha);
    }
  }
  std::string done = ReadFile(dir_ / "state" / "done.log");
  EXPECT_NE(done.find(clip_sha), std::string::npos);
  EXPECT_NE(done.find(photo_sha), std::string::npos);

  // Told once; a sidecar with a wrong key is refused at that key; a good one lets the file go.
  r = RunOnce(Args(port()));
  EXPECT_EQ(r.status, 1);
  EXPECT_EQ(r.output.find("未指定所属案件"), std::string::npos) << "a refusal is reported once: " << r.output;
  WriteFile(orphan.string() + ".qc.json", R"({"case": "x"})");
  r = RunOnce(Args(port()));
  EXPECT_EQ(r.status, 1);
  EXPECT_NE(r.output.find("sidecar.case"), std::string::npos) << r.output;
  WriteFile(orphan.string() + ".qc.json", Json{{"case_id", case_id_}, {"act", "no_such_act"}}.dump());
  r = RunOnce(Args(port(), {"--parties-informed", "false"}));
  EXPECT_EQ(r.status, 1);
  EXPECT_NE(r.output.find("Upload-Metadata.act"), std::string::npos) << "the server's field: " << r.output;
  EXPECT_TRUE(fs::exists(orphan));
  WriteFile(orphan.string() + ".qc.json", Json{{"case_id", case_id_}, {"act", "site_inspection"}}.dump());
  r = RunOnce(Args(port(), {"--parties-informed", "false"}));
  EXPECT_EQ(r.status, 0) << r.output;
  EXPECT_FALSE(fs::exists(orphan));
  EXPECT_EQ(CaseMedia(case_id_).size(), 3u);
  EXPECT_EQ(RunOnce(Args(port())).status, 0) << "nothing left";
}

TEST_F(DockTest, KilledMidUploadResumesTheSameUploadWhenRestarted) {
  fs::path clip = cam_ / "DCIM" / "FILE0003.MP4";
  MakeClip(clip, 6, /*big=*/true);
  int64_t size = static_cast<int64_t>(fs::file_size(clip));
  ASSERT_GT(size, 6 << 20);
  std::string sha = Sha256Hex(clip);

  auto args = Args(port(), CaseArgs());
  for (std::string a : {"--chunk-mib", "1", "--max-rate", "1500000", "--interval", "1"}) args.push_back(a);
  pid_t agent = Spawn(args, dir_ / "agent1.log");
  std::string location;
  ASSERT_TRUE(WaitFor([&] { return !(location = StateLocation()).empty(); }, 60s)) << ReadFile(dir_ / "agent1.log");
  ASSERT_TRUE(WaitFor([&] { return ServerOffset(location) >= (2 << 20); }, 60s)) << ReadFile(dir_ / "agent1.log");

  // A second agent on the same state directory is refused while the first runs.
  CliRun twin = RunOnce(Args(port(), CaseArgs()));
  EXPECT_EQ(twin.status, 2) << twin.output;
  EXPECT_NE(twin.output.find("另一个采集程序"), std::string::npos) << twin.output;

  Kill(agent, SIGKILL);
  int64_t at_kill = ServerOffset(location);
  ASSERT_GT(at_kill, 0);
  ASSERT_LT(at_kill, size) << "killed before the end";
  EXPECT_TRUE(fs::exists(clip)) << "nothing deleted before the server confirmed";
  EXPECT_EQ(RecordsWithDigest(case_id_, sha), 0);

  CliRun r = RunOnce(Args(port(), CaseArgs()));
  EXPECT_EQ(r.status, 0) << r.output;
  EXPECT_NE(r.output.find("处续传"), std::string::npos) << "resumed, not restarted: " << r.output;
  EXPECT_FALSE(fs::exists(clip));
  Json u = Upload(location);
  EXPECT_EQ(u["state"], "registered") << "the same upload finished: " << u.dump();
  EXPECT_EQ(u["sha256"], sha);
  EXPECT_EQ(RecordsWithDigest(case_id_, sha), 1);
  EXPECT_NE(ReadFile(dir_ / "state" / "done.log").find(location), std::string::npos);
}

TEST_F(DockTest, NetworkCutMidUploadIsResumed) {
  fs::path clip = cam_ / "FILE0004.MP4";
  MakeClip(clip, 6, /*big=*/true);
  std::string sha = Sha256Hex(clip);
  CutProxy proxy(port());

  auto args = Args(proxy.port(), CaseArgs());
  for (std::string a : {"--chunk-mib", "4", "--max-rate", "1500000", "--interval", "1", "--timeout", "5"})
    args.push_back(a);
  pid_t agent = Spawn(args, dir_ / "agent.log");
  std::string location;
  ASSERT_TRUE(WaitFor([&] { return !(location = StateLocation()).empty(); }, 60s)) << ReadFile(dir_ / "agent.log");
  ASSERT_TRUE(WaitFor([&] { return ServerOffset(location) >= (4 << 20); }, 60s)) << ReadFile(dir_ / "agent.log");
  // Into the second piece: 1 MiB of it relayed (the first piece and its requests are 4 MiB + headers).
  ASSERT_TRUE(WaitFor([&] { return proxy.bytes_up() >= (5 << 20); }, 60s)) << ReadFile(dir_ / "agent.log");
  proxy.Cut(3s);

  bool gone = WaitFor([&] { return !fs::exists(clip); }, 120s);
  Kill(agent, SIGTERM);
  std::string log = ReadFile(dir_ / "agent.log");
  ASSERT_TRUE(gone) << log;
  EXPECT_EQ(proxy.cuts(), 1);
  EXPECT_NE(log.find("秒后续传"), std::string::npos) << log;
  EXPECT_NE(log.find("处续传"), std::string::npos) << log;
  Json u = Upload(location);
  EXPECT_EQ(u["state"], "registered") << u.dump();
  EXPECT_EQ(u["sha256"], sha);
  EXPECT_EQ(RecordsWithDigest(case_id_, sha), 1);
}

TEST_F(DockTest, AFileChangedDuringItsUploadIsKeptAndSentAgainAsANewFile) {
  fs::path clip = cam_ / "FILE0007.MP4";
  MakeClip(clip, 3, /*big=*/true);
  std::string before = Sha256Hex(clip);
  auto args = Args(port(), CaseArgs());
  for (std::string a : {"--chunk-mib", "1", "--max-rate", "1500000", "--interval", "1"}) args.push_back(a);
  pid_t agent = Spawn(args, dir_ / "agent.log");
  std::string location;
  ASSERT_TRUE(WaitFor([&] { return !(location = StateLocation()).empty() && ServerOffset(location) > 0; }, 60s))
      << ReadFile(dir_ / "agent.log");
  std::ofstream(clip, std::ios::app | std::ios::binary) << "appended by the camera";
  std::string after = Sha256Hex(clip);
  bool gone = WaitFor([&] { return !fs::exists(clip); }, 120s);
  Kill(agent, SIGTERM);
  std::string log = ReadFile(dir_ / "agent.log");
  ASSERT_TRUE(gone) << log;
  EXPECT_NE(log.find("在上传期间被修改"), std::string::npos) << log;
  EXPECT_EQ(RecordsWithDigest(case_id_, before), 1) << "the content as it was read";
  EXPECT_EQ(RecordsWithDigest(case_id_, after), 1) << "and as it is now, before the file went";
}

TEST_F(DockTest, NothingIsDeletedUnlessTheServerHoldsTheSameDigest) {
  fs::path clip = cam_ / "FILE0008.MP4";
  MakeClip(clip, 1);
  int64_t size = static_cast<int64_t>(fs::file_size(clip));
  {
    StubTusServer wrong(Json{
        {"state", "registered"},
        {"sha256", std::string(64, '0')},
        {"length", size},
        {"record_id", "rec_stub"},
        {"sm3", ""}}.dump());
    CliRun r = RunOnce(Args(wrong.port(), CaseArgs()));
    EXPECT_EQ(r.status, 1) << r.output;
    EXPECT_NE(r.output.find("摘要与本地文件不一致"), std::string::npos) << r.output;
    EXPECT_TRUE(fs::exists(clip));
  }
  fs::remove_all(dir_ / "state");
  {
    StubTusServer shorter(Json{{"state", "registered"}, {"sha256", Sha256Hex(clip)}, {"length", size - 1}}.dump());
    CliRun r = RunOnce(Args(shorter.port(), CaseArgs()));
    EXPECT_EQ(r.status, 1) << r.output;
    EXPECT_TRUE(fs::exists(clip)) << "a length that differs keeps the file";
  }
  fs::remove_all(dir_ / "state");
  {
    StubTusServer malformed(R"({"state": null, "sha256": 7, "error": "x"})");
    CliRun r = RunOnce(Args(malformed.port(), CaseArgs()));
    EXPECT_EQ(r.status, 1) << "no crash on a malformed answer: " << r.output;
    EXPECT_TRUE(fs::exists(clip));
  }
  // The real server, afterwards: the file goes.
  fs::remove_all(dir_ / "state");
  EXPECT_EQ(RunOnce(Args(port(), CaseArgs())).status, 0);
  EXPECT_FALSE(fs::exists(clip));
}

TEST_F(DockTest, TheStateDirectoryMayNotBeInTheWatchedOne) {
  auto args = Args(port(), CaseArgs());
  args[10] = (cam_ / ".state").string();  // --state
  CliRun r = RunOnce(args);
  EXPECT_EQ(r.status, 2) << r.output;
  EXPECT_NE(r.output.find("不能在监视目录"), std::string::npos) << r.output;
}

TEST_F(DockTest, ARevokedTokenStopsTheAgentAndKeepsTheFiles) {
  fs::path clip = cam_ / "FILE0005.MP4";
  MakeClip(clip, 1);
  Client admin(port(), "admin");
  ASSERT_EQ(admin.Post("/api/v1/stations/" + station_id_ + "/revoke", Json::object()).status, 200);
  CliRun r = RunOnce(Args(port(), CaseArgs()));
  EXPECT_EQ(r.status, 3) << r.output;
  EXPECT_NE(r.output.find("令牌"), std::string::npos) << r.output;
  EXPECT_TRUE(fs::exists(clip));
}

TEST_F(DockTest, OverHttpsTheServersCertificateIsChecked) {
  fs::path clip = cam_ / "FILE0006.MP4";
  MakeClip(clip, 1);
  std::string sha = Sha256Hex(clip);
  TlsFront front(dir_ / "nginx", port());
  std::string https = "https://localhost:" + std::to_string(front.port());

  auto args = Args(port(), CaseArgs());
  args[4] = https;  // --server
  CliRun r = RunOnce(args);
  EXPECT_EQ(r.status, 4) << "a certificate no trusted CA signed: " << r.output;
  EXPECT_NE(r.output.find("无法验证服务器"), std::string::npos) << r.output;
  EXPECT_TRUE(fs::exists(clip));

  args.push_back("--ca");
  args.push_back(front.cert());
  std::vector<std::string> by_address = args;
  by_address[4] = "https://127.0.0.1:" + std::to_string(front.port());
  r = RunOnce(by_address);
  EXPECT_EQ(r.status, 4) << "a trusted certificate for another name (localhost, not 127.0.0.1): " << r.output;
  EXPECT_TRUE(fs::exists(clip));

  r = RunOnce(args);
  EXPECT_EQ(r.status, 0) << r.output << ReadFile(dir_ / "nginx" / "error.log");
  EXPECT_FALSE(fs::exists(clip));
  EXPECT_EQ(RecordsWithDigest(case_id_, sha), 1);
}

TEST_F(DockTest, BadArgumentsAreRefusedAtTheirFlag) {
  CliRun r = RunQuancheng("dock --watch " + cam_.string() + " --server ftp://example.org --device X --token-file " +
                          (dir_ / "token").string() + " --once");
  EXPECT_EQ(r.status, 2) << r.output;
  EXPECT_NE(r.output.find("（server）"), std::string::npos) << r.output;
  r = RunQuancheng("dock --watch " + cam_.string() + " --server http://127.0.0.1:1 --device X --once");
  EXPECT_EQ(r.status, 2) << r.output;
  EXPECT_NE(r.output.find("token-file"), std::string::npos) << r.output;
  r = RunQuancheng("dock --watch " + (dir_ / "missing").string() +
                   " --server http://127.0.0.1:1 --device X --token-file " + (dir_ / "token").string() + " --once");
  EXPECT_EQ(r.status, 2) << r.output;
  EXPECT_NE(r.output.find("监视目录不存在"), std::string::npos) << r.output;
}

}  // namespace
}  // namespace qc::testing
