#include "dock/file_meta.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>

#include "common/canonical_json.h"
#include "common/hex.h"
#include "crypto/digest.h"
#include "media/probe.h"

namespace qc::dock {
namespace {

namespace fs = std::filesystem;

constexpr const char* kStringKeys[] = {"case_id", "act", "stage", "officer", "capture_start", "capture_end"};

Status SidecarError(const std::string& key, const std::string& message) {
  return Status::InvalidArgument("invalid_field", message, "sidecar" + (key.empty() ? "" : "." + key));
}

constexpr int64_t kMaxSidecar = 64 * 1024;

// A sidecar's bytes: nullopt when there is none. Only a regular file of at most kMaxSidecar bytes is
// read (not a FIFO that would block, not a link to /dev/zero).
StatusOr<std::optional<std::string>> ReadBounded(const std::string& path) {
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK);
  if (fd < 0) {
    if (errno == ENOENT) return std::optional<std::string>();
    return SidecarError("", "无法读取附注文件 " + path + "：" + std::strerror(errno));
  }
  struct stat st {};
  std::string raw;
  Status s;
  if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode))
    s = SidecarError("", "附注文件应为普通文件：" + path);
  else if (st.st_size > kMaxSidecar)
    s = SidecarError("", "附注文件过大：" + path);
  else {
    raw.resize(static_cast<size_t>(st.st_size));
    ssize_t n = ::pread(fd, raw.data(), raw.size(), 0);
    if (n != static_cast<ssize_t>(raw.size())) s = SidecarError("", "无法读取附注文件 " + path);
  }
  ::close(fd);
  if (!s.ok()) return s;
  return std::optional<std::string>(std::move(raw));
}

StatusOr<Json> ReadSidecar(const std::string& path, std::string& raw) {
  QC_ASSIGN_OR_RETURN(auto bytes, ReadBounded(path));
  if (!bytes) return Json::object();
  raw = std::move(*bytes);
  Json j = Json::parse(raw, nullptr, false);
  if (!j.is_object()) return SidecarError("", "附注文件应为 JSON 对象：" + path);
  for (auto it = j.begin(); it != j.end(); ++it) {
    const std::string& k = it.key();
    if (k == "parties_informed") {
      if (!it->is_boolean()) return SidecarError(k, "应为 true 或 false");
      continue;
    }
    bool known = false;
    for (const char* s : kStringKeys) known = known || k == s;
    if (!known) return SidecarError(k, "附注文件中有未知的键：" + k);
    if (!it->is_string()) return SidecarError(k, "应为字符串");
  }
  return j;
}

// The container's creation time, when libavformat reads one.
std::optional<TimePoint> CreationTime(const media::MediaInfo& m) {
  if (m.creation_time.empty()) return std::nullopt;
  auto t = ParseRfc3339(m.creation_time);
  if (t.ok()) return *t;
  return std::nullopt;
}

}  // namespace

StatusOr<FileMeta> BuildFileMeta(const std::string& path, const std::string& name, int64_t mtime_ns,
                                 const MetaDefaults& defaults) {
  std::string raw;
  QC_ASSIGN_OR_RETURN(Json side, ReadSidecar(path + kSidecarSuffix, raw));
  auto pick = [&](const char* key, const std::string& fallback) {
    return side.contains(key) ? side[key].get<std::string>() : fallback;
  };
  FileMeta m;
  auto add = [&](const std::string& k, const std::string& v) {
    if (!v.empty()) m.pairs.emplace_back(k, v);
  };
  add("filename", name);
  add("device_id", defaults.device);
  std::string case_id = pick("case_id", defaults.case_id);
  m.has_case = !case_id.empty();
  add("case_id", case_id);
  add("act", pick("act", defaults.act));
  add("stage", pick("stage", defaults.stage));
  add("officer", pick("officer", defaults.officer));
  std::optional<bool> informed = defaults.parties_informed;
  if (side.contains("parties_informed")) informed = side["parties_informed"].get<bool>();
  if (informed) add("parties_informed", *informed ? "true" : "false");

  std::string start = pick("capture_start", ""), end = pick("capture_end", "");
  if (start.empty() || end.empty()) {
    auto info = media::Probe(path);
    std::optional<TimePoint> created = info.ok() ? CreationTime(*info) : std::nullopt;
    if (created && start.empty()) start = FormatRfc3339(*created);
    if (created && end.empty() && info->duration_ms >= 0)
      end = FormatRfc3339(*created + std::chrono::milliseconds(info->duration_ms));
    if (end.empty()) end = FormatRfc3339(TimePoint(std::chrono::milliseconds(mtime_ns / 1'000'000)));
  }
  add("capture_start", start);
  add("capture_end", end);

  return m;
}

std::string MetaStamp(const std::string& path, const MetaDefaults& d) {
  auto bytes = ReadBounded(path + kSidecarSuffix);
  std::string basis = !bytes.ok() ? "(unreadable) " + bytes.status().message() : *bytes ? **bytes : "(none)";
  for (const std::string* v : {&d.device, &d.case_id, &d.act, &d.stage, &d.officer}) basis += '\x1f' + *v;
  basis += d.parties_informed ? (*d.parties_informed ? "\x1f"
                                                       "true"
                                                     : "\x1f"
                                                       "false")
                              : "\x1f";
  return ToHex(crypto::Digest(crypto::DigestAlg::kSha256, basis)).substr(0, 16);
}

}  // namespace qc::dock
