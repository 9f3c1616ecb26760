// Nothing acknowledged is lost: concurrent writers, then SIGKILL, then every acknowledged event is
// there, in a gap-free log, after a restart.
#include <gtest/gtest.h>

#include <signal.h>
#include <sqlite3.h>

#include <atomic>
#include <set>
#include <thread>

#include "server_fixture.h"

namespace qc::testing {
namespace {

TEST(Durability, AcknowledgedCasesSurviveSigkill) {
  Server server;
  Client officer(server.port(), "officer2");
  std::mutex mu;
  std::set<std::string> acknowledged;
  std::atomic<bool> stop{false};
  std::vector<std::thread> writers;
  for (int t = 0; t < 8; ++t) {
    writers.emplace_back([&, t] {
      for (int i = 0; i < 200 && !stop; ++i) {
        HttpResponse r;
        try {
          r = officer.Post("/api/v1/cases", {{"start_mode", "complaint"},
                                             {"title", "并发投诉" + std::to_string(t) + "-" + std::to_string(i)},
                                             {"complaint", {{"channel", "phone"}, {"content", "测试"}}}});
        } catch (const std::exception&) {
          return;  // the server is gone
        }
        if (r.status == 201) {
          std::lock_guard<std::mutex> lock(mu);
          acknowledged.insert(r.json()["case"]["id"].get<std::string>());
        }
      }
    });
  }
  // Kill it while the writers are busy.
  for (int i = 0; i < 400; ++i) {
    {
      std::lock_guard<std::mutex> lock(mu);
      if (acknowledged.size() >= 40) break;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  EXPECT_EQ(server.Stop(SIGKILL), 128 + SIGKILL);
  stop = true;
  for (auto& w : writers) w.join();
  ASSERT_GE(acknowledged.size(), 1u);

  server.Start();
  Client again(server.port(), "officer2");
  for (const auto& id : acknowledged) {
    HttpResponse r = again.Get("/api/v1/cases/" + id);
    EXPECT_EQ(r.status, 200) << id << " was acknowledged but is lost";
  }
  // The log is gap-free and 0-based after the crash.
  sqlite3* db = nullptr;
  sqlite3_open_v2((server.data_dir() + "/quancheng.db").c_str(), &db, SQLITE_OPEN_READONLY, nullptr);
  sqlite3_stmt* s = nullptr;
  sqlite3_prepare_v2(db, "SELECT COUNT(*), MIN(idx), MAX(idx) FROM events", -1, &s, nullptr);
  ASSERT_EQ(sqlite3_step(s), SQLITE_ROW);
  EXPECT_EQ(sqlite3_column_int64(s, 1), 0);
  EXPECT_EQ(sqlite3_column_int64(s, 2), sqlite3_column_int64(s, 0) - 1);
  sqlite3_finalize(s);
  sqlite3_close(db);
}

}  // namespace
}  // namespace qc::testing
