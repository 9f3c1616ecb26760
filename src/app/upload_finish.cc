// The finish of an upload: its digests and container metadata, the blob adopted into the store, and
// the MediaRegistered event (or a refusal, recorded on the upload). Idempotent, so RecoverUploads can
// run it again after a crash. See app/uploads.h.
#include <filesystem>

#include <spdlog/spdlog.h>

#include "app/uploads.h"
#include "crypto/hash.h"
#include "domain/media.h"
#include "media/probe.h"
#include "store/upload_repo.h"

namespace qc::app {

namespace fs = std::filesystem;
using domain::Actor;

namespace {

std::optional<TimePoint> OptTime(const Json& p, const char* key) {
  if (!p.contains(key) || !p[key].is_string()) return std::nullopt;
  auto t = ParseRfc3339(p[key].get<std::string>());
  return t.ok() ? std::optional<TimePoint>(*t) : std::nullopt;
}

}  // namespace

domain::MediaRegistration UploadService::Registration(const UploadInfo& u, domain::MediaKind kind, const Json& media) {
  const Json& p = u.params;
  domain::MediaRegistration m;
  m.upload_id = u.id;
  m.kind = kind;
  m.act = p.value("act", "");
  if (p.contains("stage")) m.stage = domain::ParseStage(p.value("stage", ""));
  m.file_name = p.value("filename", "");
  m.content_type = p.value("filetype", "");
  m.sha256 = u.sha256;
  m.sm3 = u.sm3;
  m.size = u.length;
  m.media = media;
  m.device_id = p.value("device_id", "");
  m.device_serial = p.value("device_serial", "");
  m.officer_id = p.value("officer_id", "");
  m.officer_name = p.value("officer_name", "");
  m.capture_start = OptTime(p, "capture_start");
  m.capture_end = OptTime(p, "capture_end");
  if (p.contains("parties_informed")) m.parties_informed = p.value("parties_informed", false);
  const Json& up = p.value("uploader", Json::object());
  if (up.value("kind", "") == "station") m.station_id = up.value("id", "");
  return m;
}

StatusOr<UploadInfo> UploadService::FinishUpload(const std::string& id, std::unique_ptr<blob::ContentHasher> hasher,
                                                 std::optional<domain::MediaKind> force_kind) {
  QC_ASSIGN_OR_RETURN(UploadInfo u, LoadUpload(id));
  if (u.state == domain::UploadState::kRegistered) return u;
  if (u.state == domain::UploadState::kRefused && !force_kind) return u;
  if (u.offset != u.length) return Status::Internal("upload " + id + " is not complete");
  std::string part = PartPath(id);
  bool have_part = fs::exists(part);
  Json media;
  if (u.state == domain::UploadState::kReceiving) {
    // First finish: digests and container metadata, committed before the file moves.
    if (!have_part) return Status::Internal("upload " + id + ": part file missing");
    blob::ContentDigests d;
    if (hasher && static_cast<int64_t>(hasher->size()) == u.length) {
      d = hasher->Final();
    } else {
      blob::ContentHasher fresh;
      QC_RETURN_IF_ERROR(HashPrefix(part, u.length, fresh));
      d = fresh.Final();
    }
    QC_ASSIGN_OR_RETURN(media::MediaInfo info, media::Probe(part));
    media = media::ToJson(info);
    media["audio_video"] = info.audio_video;
    u.sha256 = d.sha256;
    u.sm3 = d.sm3;
    QC_RETURN_IF_ERROR(ctx_.writer->Run(
        [&](store::WriteTx& tx) { return store::MarkUploadComplete(tx.db(), id, u.sha256, u.sm3, media.dump()); }));
    u.state = domain::UploadState::kComplete;
    spdlog::info("upload {} complete: {} bytes sha256 {} sm3 {}", id, u.length, u.sha256, u.sm3);
  } else {
    auto db = ctx_.reads->Acquire();
    QC_ASSIGN_OR_RETURN(std::string stored, store::UploadMedia(*db, id));
    media = ParseJson(stored).value_or(Json::object());
  }
  bool audio_video = media.value("audio_video", false);
  media.erase("audio_video");

  auto refuse = [&](const std::string& code, const std::string& message) -> StatusOr<UploadInfo> {
    QC_RETURN_IF_ERROR(
        ctx_.writer->Run([&](store::WriteTx& tx) { return store::MarkUploadRefused(tx.db(), id, code, message); }));
    spdlog::info("upload {} refused: {}", id, message);
    return LoadUpload(id);
  };
  domain::MediaKind kind =
      force_kind.value_or(domain::ParseMediaKind(u.params.value("kind", "av")).value_or(domain::MediaKind::kAv));
  if (kind == domain::MediaKind::kAv && !audio_video)
    return refuse("not_audio_video", "该文件不是音频或视频，不能登记为音像记录；可以作为附件登记");

  const Json& up = u.params.value("uploader", Json::object());
  bool by_station = up.value("kind", "") == "station";
  Actor acting;
  if (!by_station) {
    auto a = ctx_.LoadActor(up.value("id", ""));
    if (!a.ok()) return refuse("uploader_inactive", "上传人已停用");
    acting = *a;
  }
  domain::ActorRef station{up.value("id", ""), up.value("name", ""), "station"};
  domain::MediaRegistration reg = Registration(u, kind, media);
  reg.record_id = crypto::TimeOrderedId("rec_", ctx_.clock.Now().time_since_epoch().count());
  // Decided once before the bytes move (a refusal leaves them in staging for another try) ...
  {
    QC_ASSIGN_OR_RETURN(domain::CaseState c, ctx_.LoadCaseState(u.case_id));
    // The uploader may have lost the case since the upload began (moved to another unit): checked
    // again as at creation.
    if (!by_station) {
      Status still = ctx_.Allow(acting, domain::Action::kUploadMedia, domain::CaseResource(c));
      if (!still.ok()) return refuse("forbidden", "上传人已无权向该案件上传：" + still.message());
    }
    Status pre = domain::DecideRegisterMedia(c, acting, by_station, reg).status();
    if (!pre.ok()) return refuse(pre.code(), pre.message());
  }
  // ... then the file becomes a blob (atomic rename, fsynced), and only then is the event appended.
  if (have_part) {
    QC_RETURN_IF_ERROR(ctx_.blobs->Adopt(part, u.sha256));
  } else {
    QC_ASSIGN_OR_RETURN(bool stored, ctx_.blobs->Exists(u.sha256));
    if (!stored)
      return Status::Internal("upload " + id + ": neither the part file nor the blob " + u.sha256 + " exists");
  }
  auto recorded = ctx_.Record(
      acting, u.case_id,
      [&](store::WriteTx& tx) -> StatusOr<std::vector<domain::EventDraft>> {
        QC_ASSIGN_OR_RETURN(const domain::CaseState* c, tx.projector().LoadCase(tx.db(), u.case_id));
        QC_ASSIGN_OR_RETURN(auto drafts, domain::DecideRegisterMedia(*c, acting, by_station, reg));
        QC_RETURN_IF_ERROR(store::MarkUploadRegistered(tx.db(), id, reg.record_id));
        return drafts;
      },
      false, by_station ? &station : nullptr);
  if (!recorded.ok()) {
    if (recorded.status().error_code() == ErrorCode::kInternal) return recorded.status();
    return refuse(recorded.status().code(), recorded.status().message());
  }
  spdlog::info("upload {} registered as {} in case {}", id, reg.record_id, u.case_id);
  return LoadUpload(id);
}

StatusOr<UploadInfo> UploadService::RegisterUploadAsAttachment(const Uploader& who, const std::string& id) {
  QC_ASSIGN_OR_RETURN(UploadInfo u, GetUpload(who, id));
  if (u.state != domain::UploadState::kRefused || u.error_code != "not_audio_video")
    return Status::Conflict("illegal_transition", "只有因不是音视频而未登记的上传可以改为附件登记");
  auto slot = Slot(id);
  std::lock_guard<std::mutex> lock(slot->mu);
  if (slot->busy) return Status::Conflict("locked", "该上传正在处理");
  slot->busy = true;
  auto done = FinishUpload(id, nullptr, domain::MediaKind::kAttachment);
  slot->busy = false;
  return done;
}

}  // namespace qc::app
