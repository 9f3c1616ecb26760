// The content-addressed media store (媒体库): one blob per distinct content, named by its SHA-256.
// Blobs are never modified or deleted; a blob either exists whole or not at all. Everything that
// touches media bytes — uploads, playback, `quancheng verify` — goes through this interface, so an
// object store can stand beside the directory implementation (blob/directory_blob_store.h) later.
//
//   QC_ASSIGN_OR_RETURN(auto reader, blobs.Open(sha256, 0, size));   // a byte range, streamed
//   QC_ASSIGN_OR_RETURN(ContentDigests d, blobs.Put(stream));         // hashed as it is stored
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <string>

#include "blob/content_hasher.h"
#include "common/byte_reader.h"
#include "common/status.h"

namespace qc::blob {

// One stored object as a listing finds it. `sha256` is empty when the object's name is not a
// content address (something put there by hand): verify reports it.
struct BlobEntry {
  std::string name;    // as stored (the directory store: its path below the root)
  std::string sha256;  // lowercase hex, from the name
  uint64_t size = 0;
};

class BlobStore {
 public:
  virtual ~BlobStore() = default;

  // `sha256_hex` must be 64 lowercase hex characters (else InvalidArgument, field "sha256").
  virtual StatusOr<bool> Exists(const std::string& sha256_hex) const = 0;
  // The blob's size; NotFound when absent.
  virtual StatusOr<uint64_t> Size(const std::string& sha256_hex) const = 0;
  // Bytes [offset, offset + length) of the blob, to be read in pieces; NotFound when absent.
  virtual StatusOr<std::unique_ptr<ByteReader>> Open(const std::string& sha256_hex, uint64_t offset,
                                                     uint64_t length) const = 0;
  // Stores everything `in` yields as a blob, computing SHA-256 and SM3 on the way, durably; identical
  // content is stored once. Returns the digests (the blob's name is d.sha256).
  virtual StatusOr<ContentDigests> Put(ByteReader& in) = 0;
  // Takes over a fully written and fsynced local file whose SHA-256 the caller has computed (upload
  // staging). The file is gone afterwards, moved or, when the blob exists already, removed.
  virtual Status Adopt(const std::filesystem::path& file, const std::string& sha256_hex) = 0;
  // Every stored object, in no particular order.
  virtual Status List(const std::function<Status(const BlobEntry&)>& each) const = 0;
};

bool IsSha256Hex(const std::string& s);
// fsync of a directory, so that a rename or create in it survives a crash.
Status SyncDir(const std::filesystem::path& dir);

}  // namespace qc::blob
