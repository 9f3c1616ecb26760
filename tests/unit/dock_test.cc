// The collection-station agent's parts that need no server: the server URL, the progress display,
// the state directory (durable entries, one agent at a time), and the metadata a file is sent with.
#include <gtest/gtest.h>

#include <sys/stat.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "common/clock.h"
#include "dock/dock_state.h"
#include "dock/file_meta.h"
#include "dock/progress.h"
#include "http/client.h"
#include "test_dir.h"

namespace qc::dock {
namespace {

using qc::testing::TempDir;

TEST(DockUrl, ParsesHostPortAndPrefix) {
  auto u = http::Url::Parse("http://10.1.2.3:8080/quancheng/");
  ASSERT_TRUE(u.ok()) << u.status().ToString();
  EXPECT_EQ(u->host, "10.1.2.3");
  EXPECT_EQ(u->port, "8080");
  EXPECT_EQ(u->base_path, "/quancheng");
  EXPECT_EQ(u->Target("/api/v1/uploads/"), "/quancheng/api/v1/uploads/");
  EXPECT_EQ(u->ToString(), "http://10.1.2.3:8080/quancheng");
  auto plain = http::Url::Parse("http://qc.example");
  ASSERT_TRUE(plain.ok());
  EXPECT_EQ(plain->port, "80");
  EXPECT_EQ(plain->Target("/x"), "/x");
}

TEST(DockUrl, HttpsDefaultsToPort443) {
  auto u = http::Url::Parse("https://qc.yixian.gaj");
  ASSERT_TRUE(u.ok());
  EXPECT_TRUE(u->tls);
  EXPECT_EQ(u->port, "443");
  EXPECT_EQ(u->ToString(), "https://qc.yixian.gaj");
  EXPECT_EQ(u->Resolve("http://qc.yixian.gaj/api/v1/uploads/upl_1"), "") << "no downgrade to http";
  EXPECT_EQ(u->Resolve("https://qc.yixian.gaj/api/v1/uploads/upl_1"), "/api/v1/uploads/upl_1");
}

TEST(DockUrl, RefusesWhatItCannotSpeakAtTheServerField) {
  for (const char* bad : {"https://", "ftp://x", "qc.example:8080", "http://", "http://h:80a", "http://u@h/",
                          "http://h:123456", "http://h/p?q=1"}) {
    auto u = http::Url::Parse(bad);
    ASSERT_FALSE(u.ok()) << bad;
    EXPECT_EQ(u.status().field(), "server") << bad;
  }
}

TEST(DockUrl, ResolvesLocationsOnTheSameServerOnly) {
  auto u = *http::Url::Parse("http://10.1.2.3:8080");
  EXPECT_EQ(u.Resolve("/api/v1/uploads/upl_1"), "/api/v1/uploads/upl_1");
  EXPECT_EQ(u.Resolve("http://10.1.2.3:8080/api/v1/uploads/upl_1"), "/api/v1/uploads/upl_1");
  EXPECT_EQ(u.Resolve("http://evil.example/api/v1/uploads/upl_1"), "") << "the token is not sent elsewhere";
  EXPECT_EQ(u.Resolve("//evil.example/x"), "");
  EXPECT_EQ(u.Resolve(""), "");
  auto prefixed = *http::Url::Parse("http://10.1.2.3/quancheng");
  EXPECT_EQ(prefixed.Resolve("/api/v1/uploads/upl_1"), "/quancheng/api/v1/uploads/upl_1")
      << "the server behind a proxy";
  EXPECT_EQ(prefixed.Resolve("/quancheng/api/v1/uploads/upl_1"), "/quancheng/api/v1/uploads/upl_1");
}

TEST(DockProgress, DrawsABarWithSizesAndRate) {
  EXPECT_EQ(Progress::Bytes(999), "999 B");
  EXPECT_EQ(Progress::Bytes(46'100'000), "46.1 MB");
  EXPECT_EQ(Progress::Bytes(int64_t{2'147'483'648}), "2.15 GB");
  EXPECT_EQ(Progress::Bar("a.mp4", 45, 100, 0, 10), "a.mp4 [####------]  45%  45 B/100 B");
  EXPECT_EQ(Progress::Bar("a.mp4", 100, 100, 12'300'000, 4), "a.mp4 [####] 100%  100 B/100 B  12.3 MB/s");
}

TEST(DockProgress, LogsATimestampedLineAtEachTenthWhenNotOnATerminal) {
  FakeClock clock(*ParseRfc3339("2026-11-27T02:00:00Z"));
  std::ostringstream out;
  Progress p(out, /*tty=*/false, clock);
  p.Begin("上传", "a.mp4", 1000, 300);
  for (int done = 300; done <= 1000; done += 50) p.Update(done);
  p.End();
  std::string text = out.str();
  EXPECT_EQ(text.rfind("2026-11-27T02:00:00.000Z 上传 a.mp4：从 300 B 处续传，共 1.0 kB\n", 0), 0u) << text;
  int lines = 0;
  for (char c : text) lines += c == '\n';
  EXPECT_EQ(lines, 1 + 6) << "the start, then 40% … 90% (six), no 100% and no redraws: " << text;
  EXPECT_NE(text.find("上传 a.mp4 40%（400 B/1.0 kB"), std::string::npos) << text;
  EXPECT_EQ(text.find('\r'), std::string::npos);
}

TEST(DockProgress, RedrawsInPlaceOnATerminal) {
  FakeClock clock(*ParseRfc3339("2026-11-27T02:00:00Z"));
  std::ostringstream out;
  Progress p(out, /*tty=*/true, clock);
  p.Begin("上传", "a.mp4", 100, 0);
  p.Update(100);
  p.Log("已登记 a.mp4");
  std::string text = out.str();
  EXPECT_EQ(text.rfind("\r\033[K上传 a.mp4 [", 0), 0u) << text;
  EXPECT_NE(text.find("100%"), std::string::npos);
  EXPECT_NE(text.find("\r\033[K2026-11-27T02:00:00.000Z 已登记 a.mp4\n"), std::string::npos) << "the bar cleared first";
}

TEST(DockState, EntriesSurviveAndTheKeyFollowsTheFilesIdentity) {
  TempDir dir;
  FileEntry e;
  e.path = "DCIM/FILE0001.MP4";
  e.size = 1234;
  e.mtime_ns = 1'700'000'000'000'000'000;
  e.sha256 = std::string(64, 'a');
  e.location = "/api/v1/uploads/upl_1";
  {
    auto st = DockState::Open(dir.path());
    ASSERT_TRUE(st.ok()) << st.status().ToString();
    ASSERT_TRUE(st->Save(e).ok());
  }
  auto st = DockState::Open(dir.path());
  ASSERT_TRUE(st.ok());
  auto back = st->Load(e.Key());
  ASSERT_TRUE(back.has_value());
  EXPECT_EQ(back->location, e.location);
  EXPECT_EQ(back->sha256, e.sha256);
  FileEntry rewritten = e;
  rewritten.mtime_ns += 1;
  EXPECT_NE(rewritten.Key(), e.Key()) << "a file rewritten under the same name is a new file";
  EXPECT_FALSE(st->Load(rewritten.Key()).has_value());
  ASSERT_TRUE(st->Remove(e.Key()).ok());
  EXPECT_FALSE(st->Load(e.Key()).has_value());
}

TEST(DockState, OneAgentPerStateDirectory) {
  TempDir dir;
  auto first = DockState::Open(dir.path());
  ASSERT_TRUE(first.ok());
  auto second = DockState::Open(dir.path());
  ASSERT_FALSE(second.ok());
  EXPECT_EQ(second.status().field(), "state");
}

TEST(DockFileMeta, SidecarOverridesTheDefaultsAndIsCheckedKeyByKey) {
  TempDir dir;
  std::string file = dir.File("FILE0001.MP4");
  std::ofstream(file) << "not really a video";
  MetaDefaults d;
  d.device = "DSJ-1";
  d.case_id = "case_default";
  d.act = "site_inspection";
  d.parties_informed = true;
  int64_t mtime_ns = int64_t{1'795'000'000} * 1'000'000'000;

  auto m = BuildFileMeta(file, "FILE0001.MP4", mtime_ns, d);
  ASSERT_TRUE(m.ok());
  auto value = [&](const std::string& k) {
    for (const auto& [key, v] : m->pairs)
      if (key == k) return v;
    return std::string("(absent)");
  };
  EXPECT_TRUE(m->has_case);
  EXPECT_EQ(value("case_id"), "case_default");
  EXPECT_EQ(value("device_id"), "DSJ-1");
  EXPECT_EQ(value("parties_informed"), "true");
  EXPECT_EQ(value("capture_start"), "(absent)") << "no container time";
  EXPECT_EQ(value("capture_end"), FormatRfc3339(TimePoint(std::chrono::milliseconds(mtime_ns / 1'000'000))))
      << "the modification time stands for the end";

  std::string before = MetaStamp(file, d);
  std::ofstream(file + kSidecarSuffix) << R"({"case_id": "case_2", "act": "seizure", "parties_informed": false,
                                             "capture_end": "2026-11-27T09:00:00+08:00"})";
  EXPECT_NE(MetaStamp(file, d), before) << "a new sidecar retries a refused file";
  m = BuildFileMeta(file, "FILE0001.MP4", mtime_ns, d);
  ASSERT_TRUE(m.ok()) << m.status().ToString();
  EXPECT_EQ(value("case_id"), "case_2");
  EXPECT_EQ(value("act"), "seizure");
  EXPECT_EQ(value("parties_informed"), "false");
  EXPECT_EQ(value("capture_end"), "2026-11-27T09:00:00+08:00");

  for (const auto& [text, field] :
       std::vector<std::pair<std::string, std::string>>{{R"({"case": "x"})", "sidecar.case"},
                                                        {R"({"parties_informed": "yes"})", "sidecar.parties_informed"},
                                                        {R"({"act": 3})", "sidecar.act"},
                                                        {R"([1, 2])", "sidecar"},
                                                        {R"({"case_id": )", "sidecar"},
                                                        {std::string(70 * 1024, ' ') + "{}", "sidecar"}}) {
    std::ofstream(file + kSidecarSuffix, std::ios::trunc) << text;
    auto bad = BuildFileMeta(file, "FILE0001.MP4", mtime_ns, d);
    ASSERT_FALSE(bad.ok()) << text;
    EXPECT_EQ(bad.status().field(), field) << text;
  }

  // A FIFO would block a plain read; a link could point anywhere: neither is read.
  std::filesystem::remove(file + kSidecarSuffix);
  ASSERT_EQ(::mkfifo((file + kSidecarSuffix).c_str(), 0600), 0);
  auto fifo = BuildFileMeta(file, "FILE0001.MP4", mtime_ns, d);
  ASSERT_FALSE(fifo.ok());
  EXPECT_EQ(fifo.status().field(), "sidecar");
  EXPECT_NE(MetaStamp(file, d), before);
  std::filesystem::remove(file + kSidecarSuffix);
  std::filesystem::create_symlink("/dev/zero", file + kSidecarSuffix);
  EXPECT_FALSE(BuildFileMeta(file, "FILE0001.MP4", mtime_ns, d).ok());
  std::filesystem::remove(file + kSidecarSuffix);

  MetaDefaults no_case = d;
  no_case.case_id.clear();
  std::ofstream(file + kSidecarSuffix, std::ios::trunc) << "{}";
  m = BuildFileMeta(file, "FILE0001.MP4", mtime_ns, no_case);
  ASSERT_TRUE(m.ok());
  EXPECT_FALSE(m->has_case);
}

}  // namespace
}  // namespace qc::dock
