// Media records of cases: access (play, download) recorded as RecordAccessed, tickets for the Range
// requests that follow, and the 24-hour findings (Art. 33).

#include "app/case_service.h"
#include "app/media_service.h"
#include "app/page_json.h"
#include "common/hex.h"
#include "crypto/hash.h"
#include "domain/media.h"
#include "store/case_repo.h"

namespace qc::app {

using domain::Actor;

namespace {

StatusOr<std::string> CaseOfRecord(store::Db& db, const std::string& record_id) {
  QC_ASSIGN_OR_RETURN(auto case_id, store::CaseOfMediaRecord(db, record_id));
  if (!case_id) return Status::NotFound("记录不存在", "record_id");
  return *case_id;
}

// The content type the bytes are served as: only from the container that libavformat found in them,
// never from what the uploader said (an "attachment" declared text/html would otherwise run as a page
// of the application's origin). Empty: not audio or video, served as a download.
std::string PlayableType(const Json& r) {
  if (r.value("kind", "") == "attachment") return "";
  const Json media = r.value("media", Json::object());
  std::string container = media.value("container", "");
  bool video = !media.value("video_codec", "").empty();
  if (container.find("mp4") != std::string::npos) return video ? "video/mp4" : "audio/mp4";
  if (container.find("matroska") != std::string::npos) return video ? "video/webm" : "audio/webm";
  if (container == "avi") return "video/x-msvideo";
  if (container == "mpegts") return "video/mp2t";
  if (container == "wav") return "audio/wav";
  if (container == "mp3") return "audio/mpeg";
  if (container == "ogg") return "audio/ogg";
  return "";
}

}  // namespace

StatusOr<Json> MediaService::AccessMedia(const Actor& a, const std::string& record_id, const std::string& purpose,
                                         const std::string& reason) {
  std::string case_id;
  {
    auto db = ctx_.reads->Acquire();
    QC_ASSIGN_OR_RETURN(case_id, CaseOfRecord(*db, record_id));
  }
  domain::AccessRequest req{record_id, purpose, reason};
  QC_ASSIGN_OR_RETURN(CommandResult r, cases_.ActOnCase(a, case_id, [&](const domain::CaseState& c) {
    return domain::DecideAccessRecord(c, a, req);
  }));
  std::string token = ToHex(crypto::RandomBytes(24));
  TimePoint expires = ctx_.clock.Now() + ctx_.options.media_ticket_ttl;
  {
    std::lock_guard<std::mutex> lock(tickets_mu_);
    TimePoint now = ctx_.clock.Now();
    for (auto it = tickets_.begin(); it != tickets_.end();)
      it = it->second.expires < now ? tickets_.erase(it) : std::next(it);
    tickets_[ToHex(crypto::Sha256(token))] = {record_id, a.user_id, purpose, expires};
  }
  Json record = nullptr;
  for (const auto& m : r.body.value("media", Json::array()))
    if (m.value("record_id", "") == record_id) record = m;
  return Json{{"url", "/api/v1/media/" + record_id + "/content?ticket=" + token},
              {"expires_at", FormatRfc3339(expires)},
              {"record", record},
              {"events", EventsJson(r.events)}};
}

StatusOr<MediaFile> MediaService::OpenMediaByTicket(const std::string& record_id, const std::string& ticket) {
  std::string purpose, user_id;
  {
    std::lock_guard<std::mutex> lock(tickets_mu_);
    auto it = tickets_.find(ToHex(crypto::Sha256(ticket)));
    if (it == tickets_.end() || it->second.expires < ctx_.clock.Now() || it->second.record_id != record_id)
      return Status::Unauthenticated("调阅凭证无效或已过期，请重新申请调阅");
    purpose = it->second.purpose;
    user_id = it->second.user_id;
  }
  // A ticket is worth no more than its holder's account: deactivated, it plays nothing.
  if (!ctx_.LoadActor(user_id).ok()) return Status::Unauthenticated("调阅凭证无效或已过期，请重新申请调阅");
  std::string detail;
  {
    auto db = ctx_.reads->Acquire();
    QC_ASSIGN_OR_RETURN(std::string case_id, CaseOfRecord(*db, record_id));
    QC_ASSIGN_OR_RETURN(auto row, store::GetCaseDetail(*db, case_id));
    if (row) detail = std::move(row->detail);
  }
  QC_ASSIGN_OR_RETURN(Json c, ParseJson(detail));
  for (const auto& m : c.value("media", Json::array())) {
    if (m.value("record_id", "") != record_id) continue;
    std::string sha = m.value("sha256", "");
    QC_ASSIGN_OR_RETURN(uint64_t size, ctx_.blobs->Size(sha));
    std::string type = PlayableType(m);
    return MediaFile{sha,
                     type.empty() ? "application/octet-stream" : type,
                     m.value("file_name", ""),
                     purpose,
                     static_cast<int64_t>(size),
                     !type.empty()};
  }
  return Status::NotFound("记录不存在", "record_id");
}

StatusOr<std::unique_ptr<ByteReader>> MediaService::ReadMedia(const MediaFile& f, int64_t offset, int64_t length) {
  return ctx_.blobs->Open(f.sha256, static_cast<uint64_t>(offset), static_cast<uint64_t>(length));
}

StatusOr<Json> MediaService::LateMedia(const Actor& a, const std::string& officer_id, const std::string& device_id,
                                       int page, int page_size) {
  store::PageRequest p{page, page_size};
  store::LateMediaFilter f{std::nullopt, officer_id, device_id};
  QC_ASSIGN_OR_RETURN(f.units, ctx_.VisibleUnits(a));
  if (f.units && f.units->empty()) return EmptyPageJson(p);
  auto db = ctx_.reads->Acquire();
  QC_ASSIGN_OR_RETURN(auto rows, store::ListLateMedia(*db, f, p));
  return PageJson(rows, p, [](const store::LateMediaRow& m) {
    return Json{{"record_id", m.record_id},
                {"case_id", m.case_id},
                {"number", m.number},
                {"title", m.title},
                {"act", m.act},
                {"act_label", std::string(domain::AvActLabel(m.act).value_or(""))},
                {"officer_id", m.officer_id},
                {"officer_name", m.officer_name},
                {"device_id", m.device_id},
                {"capture_end", m.capture_end},
                {"registered_at", m.registered_at},
                {"late_seconds", m.late_seconds},
                {"rule", std::string(domain::kAvLateRule)},
                {"article", "第三十三条"}};
  });
}

}  // namespace qc::app
