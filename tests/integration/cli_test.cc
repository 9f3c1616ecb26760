// The command line: init without the demo, user add / list / passwd with the password on stdin,
// version — then the server accepts exactly those credentials.
#include <gtest/gtest.h>

#include <cstdio>
#include <filesystem>
#include <memory>
#include <thread>

#include <signal.h>
#include <sys/wait.h>

#include "cli_run.h"
#include "server_fixture.h"

namespace qc::testing {
namespace {

CliRun Quancheng(const std::string& args, const std::string& input = "") { return RunQuancheng(args, input); }

TEST(Cli, InitUserAddListPasswdThenLogin) {
  std::string tmpl = (std::filesystem::temp_directory_path() / "qc-cli-XXXXXX").string();
  std::string dir = ::mkdtemp(tmpl.data());
  std::string data = dir + "/data";

  EXPECT_EQ(Quancheng("version").output.rfind("quancheng ", 0), 0u);
  CliRun init = Quancheng("init --data " + data);
  ASSERT_EQ(init.status, 0) << init.output;
  EXPECT_TRUE(std::filesystem::exists(data + "/quancheng.db"));
  // Security probe: the database files were 0644 in a 0755 directory.
  namespace fs = std::filesystem;
  EXPECT_EQ(fs::status(data).permissions() & fs::perms::all, fs::perms::owner_all);
  for (const char* f : {"/quancheng.db", "/quancheng.db-wal", "/quancheng.db-shm"}) {
    if (fs::exists(data + f)) {
      EXPECT_EQ(fs::status(data + f).permissions() & fs::perms::all, fs::perms::owner_read | fs::perms::owner_write)
          << f;
    }
  }
  EXPECT_TRUE(std::filesystem::is_directory(data + "/blobs"));
  EXPECT_EQ(std::filesystem::status(data + "/keys").permissions() & std::filesystem::perms::others_all,
            std::filesystem::perms::none);
  EXPECT_NE(Quancheng("init --data " + data).status, 0) << "a second init must refuse";

  CliRun weak = Quancheng("user add --data " + data + " --username chief --role admin --unit 易县公安局", "short");
  EXPECT_NE(weak.status, 0);
  EXPECT_NE(weak.output.find("密码"), std::string::npos) << weak.output;
  CliRun bad_unit =
      Quancheng("user add --data " + data + " --username x --role admin --unit 不存在的单位", "Strong#Pass1");
  EXPECT_NE(bad_unit.status, 0);
  CliRun no_cert =
      Quancheng("user add --data " + data + " --username cop --role officer --unit 易县公安局", "Strong#Pass1");
  EXPECT_NE(no_cert.status, 0) << "an officer needs a certificate number";
  CliRun add = Quancheng("user add --data " + data + " --username chief --name 局管理员 --role admin --unit 易县公安局",
                         "Strong#Pass1");
  ASSERT_EQ(add.status, 0) << add.output;
  CliRun list = Quancheng("user list --data " + data);
  EXPECT_NE(list.output.find("chief\t局管理员\tadmin\t易县公安局"), std::string::npos) << list.output;
  EXPECT_EQ(list.output.find("officer1"), std::string::npos) << "no demo accounts without --demo";

  ASSERT_EQ(Quancheng("user passwd --data " + data + " --username chief", "Changed#Pass2").status, 0);
  {
    // Serve the same data directory and log in with the changed password.
    std::string log = dir + "/serve.log";
    std::string cmd = std::string(QC_BINARY) + " serve --data " + data + " --port 0 > " + log + " 2>&1 & echo $!";
    FILE* p = ::popen(cmd.c_str(), "r");
    char pidbuf[32] = {0};
    ASSERT_NE(std::fgets(pidbuf, sizeof pidbuf, p), nullptr);
    ::pclose(p);
    int pid = std::atoi(pidbuf);
    int port = 0;
    for (int i = 0; i < 300 && port == 0; ++i) {
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
      FILE* f = std::fopen(log.c_str(), "r");
      if (!f) continue;
      char line[512];
      while (std::fgets(line, sizeof line, f))
        if (std::sscanf(line, "QuanCheng listening on http://127.0.0.1:%d", &port) == 1) break;
      std::fclose(f);
    }
    ASSERT_GT(port, 0);
    EXPECT_EQ(Send(port, "POST", "/api/v1/auth/login", R"({"username":"chief","password":"Strong#Pass1"})").status,
              401);
    HttpResponse ok = Send(port, "POST", "/api/v1/auth/login", R"({"username":"chief","password":"Changed#Pass2"})");
    EXPECT_EQ(ok.status, 200) << ok.body;
    EXPECT_EQ(ok.json()["user"]["role"], "admin");
    ::kill(pid, SIGTERM);
    for (int i = 0; i < 100 && ::kill(pid, 0) == 0; ++i) std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  std::filesystem::remove_all(dir);
}

// Security probe: a password reset from the command line, against a running server, left the old
// sessions valid until the server restarted.
TEST(Cli, PasswdAgainstARunningServerEndsTheUsersSessions) {
  Server server;
  Client officer(server.port(), "officer1");
  Client other(server.port(), "officer2");
  ASSERT_EQ(officer.Get("/api/v1/cases").status, 200);
  CliRun r = Quancheng("user passwd --data " + server.data_dir() + " --username officer1", "Changed#Pass2");
  ASSERT_EQ(r.status, 0) << r.output;
  EXPECT_EQ(officer.Get("/api/v1/cases").status, 401) << "the old session ended at once";
  EXPECT_EQ(other.Get("/api/v1/cases").status, 200) << "other users keep theirs";
}

}  // namespace
}  // namespace qc::testing
