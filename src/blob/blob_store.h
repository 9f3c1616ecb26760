// The content-addressed media store: data/blobs/sha256/ab/cd/<sha256 hex>, one file per distinct
// content. Files enter only by Adopt(), which renames a fully written and fsynced file into place
// (identical content is stored once) and fsyncs the directories, so a blob either exists whole or not
// at all. Blobs are never modified or deleted through this class.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>

#include "common/status.h"

namespace qc::blob {

class BlobStore {
 public:
  explicit BlobStore(std::filesystem::path root) : root_(std::move(root)) {}  // data/blobs

  // root/sha256/ab/cd/<hash>; `sha256_hex` must be 64 lowercase hex characters.
  std::filesystem::path PathFor(const std::string& sha256_hex) const;
  bool Exists(const std::string& sha256_hex) const;
  // The blob's size, NotFound when absent.
  StatusOr<uint64_t> Size(const std::string& sha256_hex) const;
  // Moves `file` (same filesystem, already fsynced) into place as the blob `sha256_hex`. When the blob
  // exists already, `file` is removed instead. The caller vouches for the hash.
  Status Adopt(const std::filesystem::path& file, const std::string& sha256_hex);

 private:
  std::filesystem::path root_;
};

bool IsSha256Hex(const std::string& s);
// fsync of a directory, so that a rename or create in it survives a crash.
Status SyncDir(const std::filesystem::path& dir);

}  // namespace qc::blob
