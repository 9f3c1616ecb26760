#include "blob/blob_store.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace qc::blob {

namespace fs = std::filesystem;

bool IsSha256Hex(const std::string& s) {
  if (s.size() != 64) return false;
  for (char c : s)
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  return true;
}

Status SyncDir(const fs::path& dir) {
  int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) return Status::Internal("无法打开目录 " + dir.string() + "：" + std::strerror(errno));
  int rc = ::fsync(fd);
  int err = errno;
  ::close(fd);
  if (rc != 0) return Status::Internal("目录同步失败 " + dir.string() + "：" + std::strerror(err));
  return Status();
}

fs::path BlobStore::PathFor(const std::string& h) const {
  return root_ / "sha256" / h.substr(0, 2) / h.substr(2, 2) / h;
}

bool BlobStore::Exists(const std::string& h) const {
  std::error_code ec;
  return IsSha256Hex(h) && fs::is_regular_file(PathFor(h), ec);
}

StatusOr<uint64_t> BlobStore::Size(const std::string& h) const {
  if (!IsSha256Hex(h)) return Status::InvalidArgument("invalid_field", "摘要格式错误", "sha256");
  struct stat st;
  if (::stat(PathFor(h).c_str(), &st) != 0 || !S_ISREG(st.st_mode)) return Status::NotFound("媒体文件不存在：" + h);
  return static_cast<uint64_t>(st.st_size);
}

Status BlobStore::Adopt(const fs::path& file, const std::string& h) {
  if (!IsSha256Hex(h)) return Status::Internal("blob hash is not 64 lowercase hex: " + h);
  fs::path target = PathFor(h);
  // Make each level and fsync its parent, so the new directory entries are durable too.
  fs::path dirs[] = {root_, root_ / "sha256", target.parent_path().parent_path(), target.parent_path()};
  for (size_t i = 0; i < std::size(dirs); ++i) {
    if (::mkdir(dirs[i].c_str(), 0700) == 0) {
      if (i > 0) QC_RETURN_IF_ERROR(SyncDir(dirs[i - 1]));
    } else if (errno != EEXIST) {
      return Status::Internal("无法创建目录 " + dirs[i].string() + "：" + std::strerror(errno));
    }
  }
  struct stat st;
  if (::stat(target.c_str(), &st) == 0) {
    // Identical content is stored once.
    if (::unlink(file.c_str()) != 0 && errno != ENOENT)
      return Status::Internal("无法删除重复文件 " + file.string() + "：" + std::strerror(errno));
    return Status();
  }
  if (::rename(file.c_str(), target.c_str()) != 0)
    return Status::Internal("无法移入媒体库 " + target.string() + "：" + std::strerror(errno));
  ::chmod(target.c_str(), 0400);  // read-only: nothing rewrites a blob
  QC_RETURN_IF_ERROR(SyncDir(target.parent_path()));
  return SyncDir(file.parent_path());
}

}  // namespace qc::blob
