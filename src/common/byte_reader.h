// Bytes read in pieces: a response body streamed from a blob, a file range hashed, a blob stored from
// a stream. Each source implements ByteReader; ReadFileRange is the one loop over pread() that every
// piece of code reading a file range uses (upload digests, verify, the dock's checksums).
//
//   QC_ASSIGN_OR_RETURN(auto r, FileRangeReader::Open(path, 0, size));
//   for (;;) { QC_ASSIGN_OR_RETURN(size_t n, r->Read(buf, sizeof buf)); if (n == 0) break; ... }
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>

#include "common/status.h"

namespace qc {

class ByteReader {
 public:
  virtual ~ByteReader() = default;
  // Reads up to `n` bytes into `buf`; 0 only at the end. A source that ends before the length it
  // promised is an error, never a short success.
  virtual StatusOr<size_t> Read(char* buf, size_t n) = 0;
};

// Feeds bytes [offset, offset + length) of the open file `fd` to `piece`, at most `chunk` bytes at a
// time. A file shorter than that is an error (Internal, "文件变短了").
// Writes all of `data` at the file's position, retrying short writes and EINTR; a failure is
// ErrnoStatus(what).
Status WriteFully(int fd, std::string_view data, const std::string& what);

Status ReadFileRange(int fd, int64_t offset, int64_t length, const std::function<Status(std::string_view)>& piece,
                     size_t chunk = size_t{1} << 20);

// Reads `length` bytes of a file from `offset`; owns the descriptor.
class FileRangeReader final : public ByteReader {
 public:
  // Opens without following a symbolic link at the last component.
  static StatusOr<std::unique_ptr<FileRangeReader>> Open(const std::string& path, int64_t offset, int64_t length);
  ~FileRangeReader() override;
  StatusOr<size_t> Read(char* buf, size_t n) override;

 private:
  FileRangeReader(int fd, int64_t offset, int64_t length) : fd_(fd), pos_(offset), left_(length) {}
  int fd_;
  int64_t pos_, left_;
};

// Reads a string (tests, small generated bodies).
class StringReader final : public ByteReader {
 public:
  explicit StringReader(std::string data) : data_(std::move(data)) {}
  StatusOr<size_t> Read(char* buf, size_t n) override;

 private:
  std::string data_;
  size_t pos_ = 0;
};

}  // namespace qc
