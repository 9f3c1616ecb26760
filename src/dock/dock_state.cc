#include "dock/dock_state.h"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>

#include "common/hex.h"
#include "crypto/digest.h"

namespace qc::dock {
namespace {

namespace fs = std::filesystem;

Status IoError(const std::string& what, const std::string& path) {
  return Status::Internal(what + " " + path + "：" + std::strerror(errno));
}

Status FsyncPath(const std::string& path, int flags) {
  int fd = ::open(path.c_str(), flags | O_CLOEXEC);
  if (fd < 0) return IoError("无法打开", path);
  int rc = ::fsync(fd);
  ::close(fd);
  return rc == 0 ? Status() : IoError("无法落盘", path);
}

// Writes `text` to `path` atomically and durably.
Status WriteDurably(const std::string& path, const std::string& text) {
  std::string tmp = path + ".tmp";
  int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  if (fd < 0) return IoError("无法写入", tmp);
  size_t done = 0;
  while (done < text.size()) {
    ssize_t n = ::write(fd, text.data() + done, text.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      ::close(fd);
      return IoError("无法写入", tmp);
    }
    done += static_cast<size_t>(n);
  }
  if (::fsync(fd) != 0) {
    ::close(fd);
    return IoError("无法落盘", tmp);
  }
  ::close(fd);
  if (::rename(tmp.c_str(), path.c_str()) != 0) return IoError("无法改名", tmp);
  return FsyncPath(fs::path(path).parent_path().string(), O_RDONLY | O_DIRECTORY);
}

}  // namespace

std::string FileEntry::Key() const {
  std::string id = path + '\0' + std::to_string(size) + '\0' + std::to_string(mtime_ns);
  return ToHex(crypto::Digest(crypto::DigestAlg::kSha256, id)).substr(0, 32);
}

std::string_view ToString(FileStatus s) {
  switch (s) {
    case FileStatus::kUploading: return "uploading";
    case FileStatus::kRefused: return "refused";
    case FileStatus::kDone: return "done";
  }
  return "uploading";
}

std::optional<FileStatus> ParseFileStatus(std::string_view s) {
  for (FileStatus f : {FileStatus::kUploading, FileStatus::kRefused, FileStatus::kDone})
    if (ToString(f) == s) return f;
  return std::nullopt;
}

Json FileEntry::ToJson() const {
  return {{"path", path},          {"size", size},
          {"mtime_ns", mtime_ns},  {"sha256", sha256},
          {"location", location},  {"status", std::string(ToString(status))},
          {"error", error},        {"meta_stamp", meta_stamp},
          {"record_id", record_id}};
}

StatusOr<FileEntry> FileEntry::FromJson(const Json& j) {
  try {
    FileEntry e;
    e.path = j.at("path").get<std::string>();
    e.size = j.at("size").get<int64_t>();
    e.mtime_ns = j.at("mtime_ns").get<int64_t>();
    e.sha256 = j.value("sha256", "");
    e.location = j.value("location", "");
    auto status = ParseFileStatus(j.value("status", "uploading"));
    if (!status) return Status::Internal("状态文件损坏：status");
    e.status = *status;
    e.error = j.value("error", "");
    e.meta_stamp = j.value("meta_stamp", "");
    e.record_id = j.value("record_id", "");
    return e;
  } catch (const std::exception& ex) {
    return Status::Internal(std::string("状态文件损坏：") + ex.what());
  }
}

StatusOr<DockState> DockState::Open(const std::string& dir) {
  std::error_code ec;
  fs::create_directories(fs::path(dir) / "files", ec);
  if (ec) return Status::InvalidArgument("invalid_field", "无法创建状态目录 " + dir + "：" + ec.message(), "state");
  std::string lock = (fs::path(dir) / "lock").string();
  int fd = ::open(lock.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0600);
  if (fd < 0) return IoError("无法打开", lock);
  if (::flock(fd, LOCK_EX | LOCK_NB) != 0) {
    ::close(fd);
    return Status::Conflict("locked", "另一个采集程序正在使用状态目录 " + dir, "state");
  }
  return DockState(dir, fd);
}

DockState::DockState(DockState&& other) noexcept : dir_(std::move(other.dir_)), lock_fd_(other.lock_fd_) {
  other.lock_fd_ = -1;
}

DockState::~DockState() {
  if (lock_fd_ >= 0) ::close(lock_fd_);
}

std::optional<FileEntry> DockState::Load(const std::string& key) const {
  std::ifstream in(fs::path(dir_) / "files" / (key + ".json"));
  if (!in) return std::nullopt;
  Json j = Json::parse(in, nullptr, false);
  if (!j.is_object()) return std::nullopt;  // a torn write cannot happen (rename); a hand edit can
  auto e = FileEntry::FromJson(j);
  if (!e.ok()) return std::nullopt;
  return *e;
}

Status DockState::Save(const FileEntry& e) const {
  return WriteDurably((fs::path(dir_) / "files" / (e.Key() + ".json")).string(), e.ToJson().dump(2) + "\n");
}

Status DockState::Remove(const std::string& key) const {
  std::string path = (fs::path(dir_) / "files" / (key + ".json")).string();
  if (::unlink(path.c_str()) != 0 && errno != ENOENT) return IoError("无法删除", path);
  return Status();
}

Status DockState::AppendDone(const Json& line) const {
  std::string path = (fs::path(dir_) / "done.log").string();
  int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0600);
  if (fd < 0) return IoError("无法写入", path);
  std::string text = line.dump() + "\n";
  ssize_t n = ::write(fd, text.data(), text.size());
  int rc = ::fsync(fd);
  ::close(fd);
  if (n != static_cast<ssize_t>(text.size()) || rc != 0) return IoError("无法写入", path);
  return Status();
}

}  // namespace qc::dock
