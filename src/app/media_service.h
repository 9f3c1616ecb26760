// Media records of cases (media.cc): access (play, download) recorded as RecordAccessed (Art. 34–36),
// tickets for the Range requests that follow, the bytes, and the 24-hour findings (Art. 33).
//
//   auto ticket = app.media().AccessMedia(actor, record_id, "play", "");   // {"url", "expires_at", "record"}
//   auto file = app.media().OpenMediaByTicket(record_id, token);
//   auto bytes = app.media().ReadMedia(*file, offset, length);
#pragma once

#include <map>
#include <memory>
#include <mutex>
#include <string>

#include "app/context.h"
#include "common/byte_reader.h"

namespace qc::app {

class CaseService;

struct MediaFile {
  std::string sha256, content_type, file_name, purpose;
  int64_t size = 0;
  bool playable = false;  // audio or video by its container: may be shown inline
};

class MediaService {
 public:
  MediaService(AppContext& ctx, CaseService& cases) : ctx_(ctx), cases_(cases) {}

  // Records RecordAccessed and returns a ticket for GET .../content (Range requests need no further
  // events): {"url", "expires_at", "record"}.
  StatusOr<Json> AccessMedia(const domain::Actor& a, const std::string& record_id, const std::string& purpose,
                             const std::string& reason);
  StatusOr<MediaFile> OpenMediaByTicket(const std::string& record_id, const std::string& ticket);
  // Bytes [offset, offset + length) of a media record's blob, opened by OpenMediaByTicket.
  StatusOr<std::unique_ptr<ByteReader>> ReadMedia(const MediaFile& f, int64_t offset, int64_t length);
  // Records registered more than 24 hours after capture ended (Art. 33), for an officer, a device or
  // a case the actor may see.
  StatusOr<Json> LateMedia(const domain::Actor& a, const std::string& officer_id, const std::string& device_id,
                           int page, int page_size);

 private:
  struct MediaTicket {
    std::string record_id, user_id, purpose;
    TimePoint expires;
  };
  AppContext& ctx_;
  CaseService& cases_;
  std::mutex tickets_mu_;
  std::map<std::string, MediaTicket> tickets_;  // token hash -> ticket
};

}  // namespace qc::app
