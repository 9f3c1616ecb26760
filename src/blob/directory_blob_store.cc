#include "blob/directory_blob_store.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <vector>

#include "crypto/hash.h"
#include "common/hex.h"

namespace qc::blob {

namespace fs = std::filesystem;

namespace {

Status CheckName(const std::string& h) {
  if (!IsSha256Hex(h)) return Status::InvalidArgument("invalid_field", "摘要格式错误", "sha256");
  return Status();
}

}  // namespace

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

StatusOr<std::unique_ptr<DirectoryBlobStore>> DirectoryBlobStore::Create(fs::path root) {
  if (::mkdir(root.c_str(), 0700) != 0 && errno != EEXIST) return ErrnoStatus("无法创建媒体库目录 " + root.string());
  return std::make_unique<DirectoryBlobStore>(std::move(root));
}

fs::path DirectoryBlobStore::PathFor(const std::string& h) const {
  return root_ / "sha256" / h.substr(0, 2) / h.substr(2, 2) / h;
}

StatusOr<bool> DirectoryBlobStore::Exists(const std::string& h) const {
  QC_RETURN_IF_ERROR(CheckName(h));
  struct stat st;
  return ::stat(PathFor(h).c_str(), &st) == 0 && S_ISREG(st.st_mode);
}

StatusOr<uint64_t> DirectoryBlobStore::Size(const std::string& h) const {
  QC_RETURN_IF_ERROR(CheckName(h));
  struct stat st;
  if (::stat(PathFor(h).c_str(), &st) != 0 || !S_ISREG(st.st_mode)) return Status::NotFound("媒体文件不存在：" + h);
  return static_cast<uint64_t>(st.st_size);
}

StatusOr<std::unique_ptr<ByteReader>> DirectoryBlobStore::Open(const std::string& h, uint64_t offset,
                                                               uint64_t length) const {
  QC_ASSIGN_OR_RETURN(uint64_t size, Size(h));
  if (offset > size || length > size - offset) return Status::Internal("媒体文件范围超出其长度：" + h);
  auto r = FileRangeReader::Open(PathFor(h).string(), static_cast<int64_t>(offset), static_cast<int64_t>(length));
  if (!r.ok()) {
    if (r.status().error_code() == ErrorCode::kNotFound) return Status::NotFound("媒体文件不存在：" + h);
    return r.status();
  }
  return std::unique_ptr<ByteReader>(std::move(*r));
}

StatusOr<ContentDigests> DirectoryBlobStore::Put(ByteReader& in) {
  fs::path incoming = root_ / "incoming";
  for (const fs::path& d : {root_, incoming})
    if (::mkdir(d.c_str(), 0700) != 0 && errno != EEXIST) return ErrnoStatus("无法创建目录 " + d.string());
  fs::path tmp = incoming / (ToHex(crypto::RandomBytes(16)) + ".part");
  int fd = ::open(tmp.c_str(), O_CREAT | O_EXCL | O_WRONLY | O_CLOEXEC | O_NOFOLLOW, 0600);
  if (fd < 0) return ErrnoStatus("无法创建媒体库临时文件");
  ContentHasher hasher;
  std::vector<char> buf(size_t{1} << 20);
  Status st;
  for (;;) {
    auto n = in.Read(buf.data(), buf.size());
    if (!n.ok()) {
      st = n.status();
      break;
    }
    if (*n == 0) break;
    std::string_view piece(buf.data(), *n);
    hasher.Update(piece);
    st = WriteFully(fd, piece, "写入媒体库失败");
    if (!st.ok()) break;
  }
  if (st.ok() && ::fsync(fd) != 0) st = ErrnoStatus("媒体库文件同步失败");
  ::close(fd);
  ContentDigests d = hasher.Final();
  if (!st.ok()) {
    ::unlink(tmp.c_str());
    return st;
  }
  QC_RETURN_IF_ERROR(Adopt(tmp, d.sha256));
  return d;
}

Status DirectoryBlobStore::Adopt(const fs::path& file, const std::string& h) {
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

Status DirectoryBlobStore::List(const std::function<Status(const BlobEntry&)>& each) const {
  fs::path top = root_ / "sha256";
  std::error_code ec;
  if (!fs::exists(top, ec)) return Status();
  for (auto it = fs::recursive_directory_iterator(top, ec); !ec && it != fs::recursive_directory_iterator();
       it.increment(ec)) {
    if (!it->is_regular_file()) continue;
    std::string name = it->path().filename().string();
    std::string rel = fs::relative(it->path(), top).string();
    bool addressed = IsSha256Hex(name) && rel == name.substr(0, 2) + "/" + name.substr(2, 2) + "/" + name;
    std::error_code size_ec;
    uint64_t size = it->file_size(size_ec);
    QC_RETURN_IF_ERROR(each(BlobEntry{rel, addressed ? name : "", size_ec ? 0 : size}));
  }
  if (ec) return Status::Internal("无法遍历 " + top.string() + "：" + ec.message());
  return Status();
}

}  // namespace qc::blob
