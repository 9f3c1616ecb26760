// The media store as a directory: <root>/sha256/ab/cd/<sha256 hex>, one read-only file per blob.
// Files enter by a rename of a fully written and fsynced file, followed by fsyncs of the directories.
#pragma once

#include <filesystem>

#include "blob/blob_store.h"

namespace qc::blob {

class DirectoryBlobStore final : public BlobStore {
 public:
  explicit DirectoryBlobStore(std::filesystem::path root) : root_(std::move(root)) {}  // data/blobs
  // The store at `root`, whose directory (mode 0700) is made when missing.
  static StatusOr<std::unique_ptr<DirectoryBlobStore>> Create(std::filesystem::path root);

  StatusOr<bool> Exists(const std::string& sha256_hex) const override;
  StatusOr<uint64_t> Size(const std::string& sha256_hex) const override;
  StatusOr<std::unique_ptr<ByteReader>> Open(const std::string& sha256_hex, uint64_t offset,
                                             uint64_t length) const override;
  StatusOr<ContentDigests> Put(ByteReader& in) override;
  Status Adopt(const std::filesystem::path& file, const std::string& sha256_hex) override;
  Status List(const std::function<Status(const BlobEntry&)>& each) const override;

 private:
  std::filesystem::path PathFor(const std::string& sha256_hex) const;
  std::filesystem::path root_;
};

}  // namespace qc::blob
