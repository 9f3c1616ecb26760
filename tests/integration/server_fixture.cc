#include "server_fixture.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <signal.h>
#include <sqlite3.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <thread>

namespace qc::testing {
namespace fs = std::filesystem;

Json HttpResponse::json() const {
  Json j = Json::parse(body, nullptr, false);
  return j;
}

int ConnectIdle(int port) {
  int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(static_cast<uint16_t>(port));
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
    ::close(fd);
    throw std::runtime_error("connect failed");
  }
  return fd;
}

HttpResponse SendRaw(int port, const std::string& raw) {
  int fd = ConnectIdle(port);
  size_t sent = 0;
  while (sent < raw.size()) {
    ssize_t n = ::send(fd, raw.data() + sent, raw.size() - sent, MSG_NOSIGNAL);
    if (n <= 0) break;  // the server may close early (e.g. 413) — read what it answered
    sent += static_cast<size_t>(n);
  }
  std::string in;
  char buf[65536];
  for (;;) {
    ssize_t n = ::recv(fd, buf, sizeof buf, 0);
    if (n <= 0) break;
    in.append(buf, static_cast<size_t>(n));
  }
  ::close(fd);
  HttpResponse r;
  size_t head_end = in.find("\r\n\r\n");
  if (head_end == std::string::npos) return r;
  std::istringstream head(in.substr(0, head_end));
  std::string line;
  std::getline(head, line);
  if (line.size() > 12) r.status = std::stoi(line.substr(9, 3));
  while (std::getline(head, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    size_t colon = line.find(':');
    if (colon == std::string::npos) continue;
    std::string name = line.substr(0, colon);
    for (auto& ch : name) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    std::string value = line.substr(colon + 1);
    value.erase(0, value.find_first_not_of(' '));
    auto [it, fresh] = r.headers.emplace(name, value);
    if (!fresh) it->second += "\n" + value;  // a repeated header (Set-Cookie): one line each
  }
  r.body = in.substr(head_end + 4);
  return r;
}

HttpResponse Send(int port, const std::string& method, const std::string& path, const std::string& body,
                  const std::map<std::string, std::string>& headers) {
  std::string raw = method + " " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n";
  bool has_ct = headers.count("Content-Type") > 0;
  for (const auto& [k, v] : headers) raw += k + ": " + v + "\r\n";
  if (!body.empty() && !has_ct) raw += "Content-Type: application/json\r\n";
  if (!body.empty() || method == "POST" || method == "PATCH")
    raw += "Content-Length: " + std::to_string(body.size()) + "\r\n";
  raw += "\r\n" + body;
  return SendRaw(port, raw);
}

Server::Server(std::vector<std::string> extra_args, bool demo, std::string binary)
    : binary_(std::move(binary)), extra_args_(std::move(extra_args)) {
  std::string tmpl = (fs::temp_directory_path() / "qc-it-XXXXXX").string();
  dir_ = ::mkdtemp(tmpl.data());
  std::string cmd = binary_ + " init --data " + dir_ + (demo ? " --demo" : "") + " > " + dir_ + "/init.log 2>&1";
  if (std::system(cmd.c_str()) != 0) throw std::runtime_error("init failed: " + cmd);
  Start();
}

Server::~Server() {
  if (pid_ > 0) Stop(SIGKILL);
  std::error_code ec;
  fs::remove_all(dir_, ec);
}

void Server::Start() {
  std::string log = dir_ + "/serve.log";
  std::remove(log.c_str());
  pid_t parent = ::getpid();
  pid_ = ::fork();
  if (pid_ == 0) {
    // The server dies with the test process, even when that one crashes (an ASan abort, a timeout):
    // no server is left running in the background.
    ::prctl(PR_SET_PDEATHSIG, SIGKILL);
    if (::getppid() != parent) std::_Exit(127);
    FILE* f = std::freopen(log.c_str(), "w", stdout);
    (void)f;
    ::dup2(::fileno(stdout), STDERR_FILENO);
    std::vector<std::string> args{binary_, "serve", "--data", dir_, "--port", "0"};
    for (const auto& a : extra_args_) args.push_back(a);
    std::vector<char*> argv;
    for (auto& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    ::execv(argv[0], argv.data());
    std::_Exit(127);
  }
  const std::string marker = "listening on http://127.0.0.1:";
  for (int i = 0; i < 600; ++i) {  // up to 30 s (sanitizer builds start slowly)
    std::string text = Log();
    size_t pos = text.find(marker);
    if (pos != std::string::npos && text.find('\n', pos) != std::string::npos) {
      port_ = std::stoi(text.substr(pos + marker.size()));
      return;
    }
    int status;
    if (::waitpid(pid_, &status, WNOHANG) == pid_) {
      pid_ = -1;
      throw std::runtime_error("server exited at start:\n" + text);
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  throw std::runtime_error("server did not start:\n" + Log());
}

int Server::Stop(int sig) {
  if (pid_ <= 0) return -1;
  ::kill(pid_, sig);
  int status = 0;
  ::waitpid(pid_, &status, 0);
  pid_ = -1;
  if (WIFEXITED(status)) return WEXITSTATUS(status);
  return 128 + WTERMSIG(status);
}

std::string Server::Log() const {
  std::ifstream in(dir_ + "/serve.log");
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

int64_t Server::EventCount() const {
  sqlite3* db = nullptr;
  sqlite3_open_v2((dir_ + "/quancheng.db").c_str(), &db, SQLITE_OPEN_READONLY, nullptr);
  sqlite3_stmt* s = nullptr;
  sqlite3_prepare_v2(db, "SELECT COUNT(*) FROM events", -1, &s, nullptr);
  int64_t n = -1;
  if (sqlite3_step(s) == SQLITE_ROW) n = sqlite3_column_int64(s, 0);
  sqlite3_finalize(s);
  sqlite3_close(db);
  return n;
}

Client::Client(int port, const std::string& username, const std::string& password) : port_(port) {
  HttpResponse r =
      Send(port, "POST", "/api/v1/auth/login", Json{{"username", username}, {"password", password}}.dump());
  if (r.status != 200) throw std::runtime_error("login failed for " + username + ": " + r.body);
  token_ = r.json()["token"];
  user_ = r.json()["user"];
}

std::string OpenExOfficioCase(const Client& officer, const std::string& title) {
  HttpResponse r =
      officer.Post("/api/v1/cases",
                   {{"start_mode", "ex_officio"},
                    {"title", title},
                    {"parties", {{{"kind", "legal_person"}, {"name", "易县某公司"}, {"legal_representative", "王某"}}}},
                    {"start_form", {{"cause", "现场检查"}}}});
  if (r.status != 201) throw std::runtime_error("case: " + r.body);
  return r.json()["case"]["id"];
}

HttpResponse Client::Get(const std::string& path) const {
  return Send(port_, "GET", path, "", {{"Authorization", "Bearer " + token_}});
}
HttpResponse Client::Post(const std::string& path, const Json& body) const {
  return Send(port_, "POST", path, body.dump(), {{"Authorization", "Bearer " + token_}});
}
HttpResponse Client::Patch(const std::string& path, const Json& body) const {
  return Send(port_, "PATCH", path, body.dump(), {{"Authorization", "Bearer " + token_}});
}

HttpResponse Client::Put(const std::string& path, const Json& body) const {
  return Send(port_, "PUT", path, body.dump(), {{"Authorization", "Bearer " + token_}});
}

}  // namespace qc::testing
