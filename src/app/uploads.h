// Resumable uploads (tus 1.0) of audio-video records and attachments, as the app layer sees them.
// The HTTP edge (http/handlers_uploads.cc) speaks the protocol; this file keeps the state.
//
// Life of an upload (row in `uploads`, bytes in data/uploads/<id>.part):
//   receiving --PATCH--> receiving ... --last byte fsynced--> complete (digests, container metadata)
//     --blob adopted into data/blobs, MediaRegistered appended--> registered
//   complete can also end in `refused` (not audio or video, recorded as such): the same bytes may
//   then be registered as an attachment (附件) with RegisterUpload.
//   An unfinished upload past its expiry, or terminated, is deleted; a completed one never is.
//
// Durability: bytes are fdatasync'ed before the new offset is committed, and the offset is what
// HEAD reports; a crash loses at most bytes that were never acknowledged. At start, RecoverUploads()
// truncates each part file to its committed offset and finishes any upload whose last byte was
// committed but not yet registered, so a crash leaves either a resumable upload or a registered blob.
#pragma once

#include <cstdint>
#include <deque>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>

#include "blob/content_hasher.h"
#include "common/canonical_json.h"
#include "common/clock.h"
#include "common/status.h"
#include "crypto/digest.h"
#include "domain/media.h"
#include "domain/policy.h"
#include "domain/types.h"
#include "app/context.h"

namespace qc::app {

// Who uploads: a logged-in user, or a collection station (采集站) authenticated by its token.
struct Uploader {
  std::optional<domain::Actor> user;
  std::string station_id, station_name, station_unit;
  std::string owner_id() const { return user ? user->user_id : station_id; }
};

struct UploadInfo {
  std::string id;
  int64_t length = 0, offset = 0;
  std::string metadata;  // the Upload-Metadata header as given at creation
  TimePoint expires_at;
  domain::UploadState state = domain::UploadState::kReceiving;
  std::string case_id, sha256, sm3, record_id;
  std::string error_code, error;  // why it was refused
  Json params = Json::object();   // what the metadata asked for
};

struct ChecksumSpec {
  crypto::DigestAlg alg;
  std::string expected;  // raw digest bytes
};

// In-memory state of uploads being written: one PATCH at a time per upload, and the running digests
// so a resumed upload is not re-read from the start (unless the process restarted).
struct UploadSlot {
  std::mutex mu;
  bool busy = false;
  std::unique_ptr<blob::ContentHasher> hasher;
  int64_t hashed = -1;  // bytes the hasher has seen; -1: none
};

class DeviceService;
class DirectoryService;
class UploadPatch;

// The uploads (uploads.cc, upload_patch.cc, upload_finish.cc). Open() runs RecoverUploads first.
class UploadService {
 public:
  UploadService(AppContext& ctx, DirectoryService& directory, DeviceService& devices)
      : ctx_(ctx), directory_(directory), devices_(devices) {}

  StatusOr<UploadInfo> CreateUpload(const Uploader& who, int64_t length, const std::map<std::string, std::string>& meta,
                                    const std::string& raw_metadata);
  StatusOr<UploadInfo> GetUpload(const Uploader& who, const std::string& id);
  // Starts receiving bytes at `offset` (must equal the committed offset: Conflict offset_mismatch).
  // Locked (code "locked") while another PATCH of the same upload runs.
  StatusOr<std::unique_ptr<UploadPatch>> BeginPatch(const Uploader& who, const std::string& id, int64_t offset,
                                                    std::optional<ChecksumSpec> checksum);
  // Deletes an unfinished upload (tus termination); a completed one is refused.
  Status TerminateUpload(const Uploader& who, const std::string& id);
  // Registers a refused upload (not audio or video) as an attachment (附件) instead.
  StatusOr<UploadInfo> RegisterUploadAsAttachment(const Uploader& who, const std::string& id);
  // Deletes unfinished uploads past their expiry; returns how many.
  StatusOr<int> ExpireUploads();
  // Truncates each unfinished upload to its committed offset and finishes those whose last byte was
  // committed (a crash between the last byte and the registration).
  Status RecoverUploads();

 private:
  friend class UploadPatch;
  StatusOr<UploadInfo> LoadUpload(const std::string& id);
  std::shared_ptr<UploadSlot> Slot(const std::string& id);
  // Keeps the slot (and its running digests) of an upload between two of its requests, for the
  // kWarmUploads uploads written to last; an upload that drops out has its digests rebuilt from the
  // file by its next request.
  void KeepWarm(std::shared_ptr<UploadSlot> slot);
  static constexpr size_t kWarmUploads = 64;
  Status CommitOffset(const std::string& id, int64_t offset);
  // Hashes, probes, adopts and registers a fully received upload. Idempotent: resumes after a crash.
  StatusOr<UploadInfo> FinishUpload(const std::string& id, std::unique_ptr<blob::ContentHasher> hasher,
                                    std::optional<domain::MediaKind> force_kind = std::nullopt);
  std::string PartPath(const std::string& upload_id) const;
  // Refuses (507 insufficient_storage) when the disk's free space, less the reserve, cannot take
  // `more` bytes on top of what unfinished uploads still have to write.
  Status CheckDiskFor(int64_t more);
  // Feeds bytes [0, len) of the file at `path` to `h`.
  static Status HashPrefix(const std::string& path, int64_t len, blob::ContentHasher& h);
  // The registration an upload asks for, from its parameters and (once known) its digests.
  static domain::MediaRegistration Registration(const UploadInfo& u, domain::MediaKind kind, const Json& media);

  AppContext& ctx_;
  DirectoryService& directory_;
  DeviceService& devices_;
  std::mutex slots_mu_;
  std::map<std::string, std::weak_ptr<UploadSlot>> slots_;
  std::deque<std::shared_ptr<UploadSlot>> warm_slots_;  // most recent first
};

// One PATCH (or a creation-with-upload body) being received. Write() may be called from any thread,
// one call at a time; Finish() exactly once. A long request without a checksum commits its offset
// every kCommitEvery bytes, so a crash in the middle of a multi-GB PATCH loses at most that much;
// write-back of each kFlushEvery is started early so those commits (and the last) wait little.
class UploadPatch {
 public:
  static constexpr int64_t kCommitEvery = int64_t{64} << 20;
  static constexpr int64_t kFlushEvery = int64_t{8} << 20;

  UploadPatch(UploadService& uploads, UploadInfo info, std::shared_ptr<UploadSlot> slot, int fd,
              std::optional<ChecksumSpec> checksum);
  ~UploadPatch();
  UploadPatch(const UploadPatch&) = delete;
  UploadPatch& operator=(const UploadPatch&) = delete;

  Status Write(std::string_view data);
  // `complete`: the request body arrived whole. Without a checksum, a cut body keeps what arrived.
  StatusOr<UploadInfo> Finish(bool complete);

 private:
  UploadService& uploads_;
  UploadInfo info_;
  std::shared_ptr<UploadSlot> slot_;
  int fd_;
  std::optional<ChecksumSpec> checksum_;
  std::optional<crypto::DigestStream> checksum_stream_;
  int64_t written_ = 0;    // bytes of this request written to the file
  int64_t committed_ = 0;  // of those, bytes fsynced and committed (long requests commit as they go)
  int64_t flushing_ = 0;   // of those, bytes whose write-back has been started
  bool finished_ = false;
};

}  // namespace qc::app
