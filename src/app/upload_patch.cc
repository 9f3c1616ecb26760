// One PATCH of a resumable upload: its bytes written, digested, flushed early and committed (see
// UploadPatch in app/uploads.h).
#include <fcntl.h>
#include <sys/statvfs.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include <spdlog/spdlog.h>

#include "app/uploads.h"
#include "common/byte_reader.h"

namespace qc::app {

UploadPatch::UploadPatch(UploadService& uploads, UploadInfo info, std::shared_ptr<UploadSlot> slot, int fd,
                         std::optional<ChecksumSpec> checksum)
    : uploads_(uploads), info_(std::move(info)), slot_(std::move(slot)), fd_(fd), checksum_(std::move(checksum)) {
  if (checksum_) checksum_stream_.emplace(checksum_->alg);
}

UploadPatch::~UploadPatch() {
  if (!finished_) (void)Finish(false);
  if (fd_ >= 0) ::close(fd_);
}

Status UploadPatch::Write(std::string_view data) {
  if (written_ + static_cast<int64_t>(data.size()) > info_.length - info_.offset)
    return Status::Make(ErrorCode::kPayloadTooLarge, "exceeds_upload_length",
                        "写入的数据超出 Upload-Length（" + std::to_string(info_.length) + " 字节）");
  QC_RETURN_IF_ERROR(WriteFully(fd_, data, "写入上传文件失败"));
  slot_->hasher->Update(data);
  if (checksum_stream_) checksum_stream_->Update(data);
  written_ += static_cast<int64_t>(data.size());
  if (written_ - flushing_ >= kFlushEvery) {
    // Start writing back what has arrived; the fdatasync that acknowledges it then has little to do.
    ::sync_file_range(fd_, info_.offset + flushing_, written_ - flushing_, SYNC_FILE_RANGE_WRITE);
    flushing_ = written_;
  }
  if (!checksum_ && written_ - committed_ >= kCommitEvery) {
    // The reserve holds while writing too (the disk may have filled from elsewhere).
    struct statvfs v {};
    if (::fstatvfs(fd_, &v) == 0 &&
        static_cast<int64_t>(v.f_bavail) * static_cast<int64_t>(v.f_frsize) < uploads_.ctx_.options.disk_reserve)
      return Status::Make(ErrorCode::kResourceExhausted, "insufficient_storage", "服务器存储空间不足，请稍后续传");
    if (::fdatasync(fd_) != 0) return ErrnoStatus("数据落盘失败");
    QC_RETURN_IF_ERROR(uploads_.CommitOffset(info_.id, info_.offset + written_));
    committed_ = written_;
  }
  return Status();
}

StatusOr<UploadInfo> UploadPatch::Finish(bool complete) {
  finished_ = true;
  auto release = [&] {
    std::lock_guard<std::mutex> lock(slot_->mu);
    slot_->busy = false;
  };
  auto discard = [&](Status why) -> Status {
    // Nothing of this request is kept: the file goes back to the acknowledged offset and the digests
    // are rebuilt from the file on the next PATCH.
    if (::ftruncate(fd_, info_.offset + committed_) != 0)
      spdlog::error("upload {}: truncate failed: {}", info_.id, std::strerror(errno));
    slot_->hasher.reset();
    slot_->hashed = -1;
    release();
    return why;
  };
  if (checksum_) {
    if (!complete) return discard(Status::InvalidArgument("incomplete_body", "请求体不完整，已丢弃"));
    if (checksum_stream_->Final() != checksum_->expected)
      return discard(Status::Make(ErrorCode::kInvalidArgument, "checksum_mismatch",
                                  "数据块的 " + std::string(crypto::ToString(checksum_->alg)) + " 校验值不符，已丢弃",
                                  "Upload-Checksum"));
  }
  if (written_ == 0) {
    release();
    return info_;
  }
  int64_t offset = info_.offset + written_;
  if (written_ > committed_) {
    if (::fdatasync(fd_) != 0) return discard(ErrnoStatus("数据落盘失败"));
    Status st = uploads_.CommitOffset(info_.id, offset);
    if (!st.ok()) return discard(st);
  }
  slot_->hashed = offset;
  info_.offset = offset;
  info_.expires_at = uploads_.ctx_.clock.Now() + uploads_.ctx_.options.upload_expiry;
  if (offset < info_.length) {
    // The next PATCH continues these digests (without this, each would re-read the whole file).
    slot_->hasher->Trim();
    uploads_.KeepWarm(slot_);
    release();
    return info_;
  }
  ::close(fd_);
  fd_ = -1;
  std::unique_ptr<blob::ContentHasher> hasher = std::move(slot_->hasher);
  slot_->hashed = -1;
  auto done = uploads_.FinishUpload(info_.id, std::move(hasher));
  release();
  return done;
}

}  // namespace qc::app
