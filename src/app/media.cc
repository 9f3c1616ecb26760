// Media records of cases: access (play, download) recorded as RecordAccessed, tickets for the Range
// requests that follow, and the 24-hour findings (Art. 33).
#include <filesystem>

#include "app/app.h"
#include "blob/blob_store.h"
#include "common/hex.h"
#include "crypto/hash.h"
#include "domain/media.h"

namespace qc::app {

namespace fs = std::filesystem;
using domain::Actor;

namespace {

StatusOr<std::string> CaseOfRecord(store::Db& db, const std::string& record_id) {
  QC_ASSIGN_OR_RETURN(store::Stmt * s, db.Prepare("SELECT case_id FROM case_media WHERE record_id = ?"));
  s->Bind(1, record_id);
  QC_ASSIGN_OR_RETURN(bool row, s->Step());
  std::string case_id = row ? s->Text(0) : "";
  s->Reset();
  if (!row) return Status::NotFound("记录不存在", "record_id");
  return case_id;
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

StatusOr<Json> App::AccessMedia(const Actor& a, const std::string& record_id, const std::string& purpose,
                                const std::string& reason) {
  std::string case_id;
  {
    auto db = reads_->Acquire();
    QC_ASSIGN_OR_RETURN(case_id, CaseOfRecord(*db, record_id));
  }
  domain::AccessRequest req{record_id, purpose, reason};
  QC_ASSIGN_OR_RETURN(CommandResult r, ActOnCase(a, case_id, [&](const domain::CaseState& c) {
    return domain::DecideAccessRecord(c, a, req);
  }));
  std::string token = ToHex(crypto::RandomBytes(24));
  TimePoint expires = clock_.Now() + options_.media_ticket_ttl;
  {
    std::lock_guard<std::mutex> lock(tickets_mu_);
    TimePoint now = clock_.Now();
    for (auto it = tickets_.begin(); it != tickets_.end();) it = it->second.expires < now ? tickets_.erase(it) : std::next(it);
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

StatusOr<App::MediaFile> App::OpenMediaByTicket(const std::string& record_id, const std::string& ticket) {
  std::string purpose, user_id;
  {
    std::lock_guard<std::mutex> lock(tickets_mu_);
    auto it = tickets_.find(ToHex(crypto::Sha256(ticket)));
    if (it == tickets_.end() || it->second.expires < clock_.Now() || it->second.record_id != record_id)
      return Status::Unauthenticated("调阅凭证无效或已过期，请重新申请调阅");
    purpose = it->second.purpose;
    user_id = it->second.user_id;
  }
  // A ticket is worth no more than its holder's account: deactivated, it plays nothing.
  if (!LoadActor(user_id).ok()) return Status::Unauthenticated("调阅凭证无效或已过期，请重新申请调阅");
  std::string detail;
  {
    auto db = reads_->Acquire();
    QC_ASSIGN_OR_RETURN(std::string case_id, CaseOfRecord(*db, record_id));
    QC_ASSIGN_OR_RETURN(store::Stmt * s, db->Prepare("SELECT detail FROM cases WHERE id = ?"));
    s->Bind(1, case_id);
    QC_ASSIGN_OR_RETURN(bool row, s->Step());
    detail = row ? s->Text(0) : "";
    s->Reset();
  }
  QC_ASSIGN_OR_RETURN(Json c, ParseJson(detail));
  for (const auto& m : c.value("media", Json::array())) {
    if (m.value("record_id", "") != record_id) continue;
    blob::BlobStore blobs(fs::path(options_.data_dir) / "blobs");
    std::string sha = m.value("sha256", "");
    QC_ASSIGN_OR_RETURN(uint64_t size, blobs.Size(sha));
    std::string type = PlayableType(m);
    return MediaFile{blobs.PathFor(sha).string(), type.empty() ? "application/octet-stream" : type,
                     m.value("file_name", ""), purpose, static_cast<int64_t>(size), !type.empty()};
  }
  return Status::NotFound("记录不存在", "record_id");
}

StatusOr<Json> App::LateMedia(const Actor& a, const std::string& officer_id, const std::string& device_id, int page,
                              int page_size) {
  QC_ASSIGN_OR_RETURN(auto visible, VisibleUnits(a));
  Json empty{{"items", Json::array()}, {"total", 0}, {"page", page}, {"page_size", page_size}};
  if (visible && visible->empty()) return empty;
  std::string where = " WHERE m.late_seconds IS NOT NULL";
  std::vector<std::string> args;
  if (visible) {
    where += " AND m.unit_id IN (";
    for (size_t i = 0; i < visible->size(); ++i) {
      where += i ? ",?" : "?";
      args.push_back((*visible)[i]);
    }
    where += ")";
  }
  if (!officer_id.empty()) {
    where += " AND m.officer_id = ?";
    args.push_back(officer_id);
  }
  if (!device_id.empty()) {
    where += " AND m.device_id = ?";
    args.push_back(device_id);
  }
  auto db = reads_->Acquire();
  QC_ASSIGN_OR_RETURN(store::Stmt * cnt, db->Prepare("SELECT COUNT(*) FROM case_media m" + where));
  for (size_t i = 0; i < args.size(); ++i) cnt->Bind(static_cast<int>(i + 1), args[i]);
  QC_ASSIGN_OR_RETURN(bool crow, cnt->Step());
  int64_t total = crow ? cnt->Int(0) : 0;
  cnt->Reset();
  QC_ASSIGN_OR_RETURN(store::Stmt * s, db->Prepare(
      "SELECT m.record_id, m.case_id, c.number, c.title, m.act, m.officer_id, COALESCE(u.name, ''), m.device_id, "
      "m.capture_end, m.registered_at, m.late_seconds FROM case_media m JOIN cases c ON c.id = m.case_id "
      "LEFT JOIN users u ON u.id = m.officer_id" + where + " ORDER BY m.registered_at DESC, m.record_id LIMIT ? OFFSET ?"));
  int n = 1;
  for (const auto& arg : args) s->Bind(n++, arg);
  s->Bind(n, page_size).Bind(n + 1, static_cast<int64_t>(page - 1) * page_size);
  Json items = Json::array();
  for (;;) {
    QC_ASSIGN_OR_RETURN(bool row, s->Step());
    if (!row) break;
    items.push_back({{"record_id", s->Text(0)}, {"case_id", s->Text(1)}, {"number", s->Text(2)}, {"title", s->Text(3)},
                     {"act", s->Text(4)}, {"act_label", std::string(domain::AvActLabel(s->Text(4)).value_or(""))},
                     {"officer_id", s->Text(5)}, {"officer_name", s->Text(6)}, {"device_id", s->Text(7)},
                     {"capture_end", s->Text(8)}, {"registered_at", s->Text(9)}, {"late_seconds", s->Int(10)},
                     {"rule", std::string(domain::kAvLateRule)}, {"article", "第三十三条"}});
  }
  s->Reset();
  return Json{{"items", std::move(items)}, {"total", total}, {"page", page}, {"page_size", page_size}};
}

}  // namespace qc::app
