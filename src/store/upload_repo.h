// The uploads table: the state of each resumable upload (tus) as app/uploads.cc keeps it. The bytes
// live in the upload staging directory; this is only their bookkeeping. See app/uploads.h for the
// life of an upload (receiving → complete → registered | refused).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "common/status.h"
#include "store/db.h"

namespace qc::store {

struct UploadRow {
  std::string id, owner_id;
  int64_t length = 0, received = 0;
  std::string metadata, params, case_id, state, sha256, sm3, record_id, error_code, error, expires_at;
};

StatusOr<std::optional<UploadRow>> GetUpload(Db& db, const std::string& id);
// A new upload in state receiving with nothing received.
Status InsertUpload(Db& db, const UploadRow& u, const std::string& created_at);
// Declared bytes of one owner's unfinished, unexpired uploads.
StatusOr<int64_t> OpenUploadBytes(Db& db, const std::string& owner_id, const std::string& now);
// Bytes every unfinished, unexpired upload has still to write.
StatusOr<int64_t> PendingUploadBytes(Db& db, const std::string& now);
// Commits a received offset of a receiving upload (never backwards) and extends its expiry.
Status CommitUploadOffset(Db& db, const std::string& id, int64_t offset, const std::string& expires_at);
Status MarkUploadComplete(Db& db, const std::string& id, const std::string& sha256, const std::string& sm3,
                          const std::string& media);
StatusOr<std::string> UploadMedia(Db& db, const std::string& id);
Status MarkUploadRefused(Db& db, const std::string& id, const std::string& code, const std::string& message);
Status MarkUploadRegistered(Db& db, const std::string& id, const std::string& record_id);
// Deletes an upload still receiving (tus termination).
Status DeleteReceivingUpload(Db& db, const std::string& id);
// Up to `limit` receiving uploads whose expiry is before `now`.
StatusOr<std::vector<std::string>> ExpiredUploadIds(Db& db, const std::string& now, int limit);
// Deletes the upload if it is still receiving and expired at `now`.
Status DeleteExpiredUpload(Db& db, const std::string& id, const std::string& now);
// Receiving and complete uploads (the ones a restart must recover).
StatusOr<std::vector<UploadRow>> UnfinishedUploads(Db& db);

}  // namespace qc::store
