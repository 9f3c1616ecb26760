#include "common/byte_reader.h"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <vector>

namespace qc {

namespace {

// One pread, retried on EINTR: bytes read, or an error (including a file that ended early).
StatusOr<size_t> ReadAt(int fd, char* buf, size_t want, int64_t pos) {
  for (;;) {
    ssize_t n = ::pread(fd, buf, want, pos);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return Status::Internal(std::string("读取文件失败：") + std::strerror(errno));
    if (n == 0 && want > 0) return Status::Internal("读取文件失败：文件变短了");
    return static_cast<size_t>(n);
  }
}

}  // namespace

Status WriteFully(int fd, std::string_view data, const std::string& what) {
  while (!data.empty()) {
    ssize_t n = ::write(fd, data.data(), data.size());
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return ErrnoStatus(what);
    data.remove_prefix(static_cast<size_t>(n));
  }
  return Status();
}

Status ReadFileRange(int fd, int64_t offset, int64_t length, const std::function<Status(std::string_view)>& piece,
                     size_t chunk) {
  std::vector<char> buf(
      static_cast<size_t>(std::max<int64_t>(1, std::min<int64_t>(static_cast<int64_t>(chunk), length))));
  for (int64_t done = 0; done < length;) {
    size_t want = static_cast<size_t>(std::min<int64_t>(static_cast<int64_t>(buf.size()), length - done));
    QC_ASSIGN_OR_RETURN(size_t n, ReadAt(fd, buf.data(), want, offset + done));
    QC_RETURN_IF_ERROR(piece(std::string_view(buf.data(), n)));
    done += static_cast<int64_t>(n);
  }
  return Status();
}

StatusOr<std::unique_ptr<FileRangeReader>> FileRangeReader::Open(const std::string& path, int64_t offset,
                                                                 int64_t length) {
  if (offset < 0 || length < 0) return Status::Internal("文件范围无效");
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
  if (fd < 0) {
    if (errno == ENOENT) return Status::NotFound("文件不存在");
    return Status::Internal(std::string("无法读取文件：") + std::strerror(errno));
  }
  return std::unique_ptr<FileRangeReader>(new FileRangeReader(fd, offset, length));
}

FileRangeReader::~FileRangeReader() { ::close(fd_); }

StatusOr<size_t> FileRangeReader::Read(char* buf, size_t n) {
  size_t want = static_cast<size_t>(std::min<int64_t>(static_cast<int64_t>(n), left_));
  if (want == 0) return size_t{0};
  QC_ASSIGN_OR_RETURN(size_t got, ReadAt(fd_, buf, want, pos_));
  pos_ += static_cast<int64_t>(got);
  left_ -= static_cast<int64_t>(got);
  return got;
}

StatusOr<size_t> StringReader::Read(char* buf, size_t n) {
  size_t k = std::min(n, data_.size() - pos_);
  std::memcpy(buf, data_.data() + pos_, k);
  pos_ += k;
  return k;
}

}  // namespace qc
