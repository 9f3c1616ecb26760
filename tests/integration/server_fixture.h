// Starts the real `quancheng serve` on a free port with a temporary data directory, and speaks
// HTTP/1.1 to it over a plain socket.
#pragma once

#include <sys/types.h>

#include <map>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace qc::testing {

using Json = nlohmann::json;

struct HttpResponse {
  int status = 0;
  std::map<std::string, std::string> headers;  // lowercase names; a repeated header's values one a line
  std::string body;
  Json json() const;
};

// One request on a fresh connection. `raw` (when not empty) is sent as is instead.
HttpResponse Send(int port, const std::string& method, const std::string& path, const std::string& body = "",
                  const std::map<std::string, std::string>& headers = {});
HttpResponse SendRaw(int port, const std::string& raw);
// A connected socket that sends nothing (the caller closes it); once the server has accepted it.
int ConnectIdle(int port);

class Server {
 public:
  // Creates a data directory (with the demo unless `demo` is false) and starts serving.
  explicit Server(std::vector<std::string> extra_args = {}, bool demo = true, std::string binary = QC_BINARY);
  ~Server();
  void Start();
  // Sends `sig`, waits, and returns the exit status (as from waitpid's WEXITSTATUS, or 128+signal).
  int Stop(int sig);
  int port() const { return port_; }
  pid_t pid() const { return pid_; }
  const std::string& data_dir() const { return dir_; }
  std::string Log() const;
  int64_t EventCount() const;  // read straight from the SQLite file

 private:
  std::string binary_;
  std::string dir_;
  std::vector<std::string> extra_args_;
  pid_t pid_ = -1;
  int port_ = 0;
};

// A logged-in user talking to a Server.
class Client {
 public:
  Client(int port, const std::string& username, const std::string& password = "Demo@2026");
  HttpResponse Get(const std::string& path) const;
  HttpResponse Post(const std::string& path, const Json& body) const;
  HttpResponse Patch(const std::string& path, const Json& body) const;
  HttpResponse Put(const std::string& path, const Json& body) const;
  const std::string& token() const { return token_; }
  const Json& user() const { return user_; }

 private:
  int port_;
  std::string token_;
  Json user_;
};

// An ex officio case (stage 程序启动) of `officer` against one legal person: its id.
std::string OpenExOfficioCase(const Client& officer, const std::string& title);

}  // namespace qc::testing
