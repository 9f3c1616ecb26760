// Resumable uploads: creation, offsets, termination, expiry, and the finish that turns the bytes into
// a content-addressed blob and a MediaRegistered event. See app/uploads.h for the life of an upload.
#include <fcntl.h>
#include <sys/statvfs.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>

#include <spdlog/spdlog.h>

#include "app/app.h"
#include "common/byte_reader.h"
#include "crypto/hash.h"
#include "domain/media.h"
#include "media/probe.h"
#include "store/event_log.h"
#include "store/upload_repo.h"

namespace qc::app {

namespace fs = std::filesystem;
using domain::Actor;

namespace {

constexpr size_t kIoChunk = 1 << 20;

Status Errno(const std::string& what) { return Status::Internal(what + "：" + std::strerror(errno)); }

Status WriteAll(int fd, std::string_view d) {
  while (!d.empty()) {
    ssize_t n = ::write(fd, d.data(), d.size());
    if (n < 0) {
      if (errno == EINTR) continue;
      return Errno("写入上传文件失败");
    }
    d.remove_prefix(static_cast<size_t>(n));
  }
  return Status();
}

// Feeds bytes [0, len) of the file at `path` to `h`.
Status HashPrefix(const std::string& path, int64_t len, blob::ContentHasher& h) {
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return Errno("无法读取上传文件");
  Status st = ReadFileRange(fd, 0, len, [&](std::string_view piece) {
    h.Update(piece);
    return Status();
  });
  ::close(fd);
  return st;
}

Status MetaError(const std::string& key, const std::string& message) {
  return Status::InvalidArgument("invalid_field", message, "Upload-Metadata." + key);
}

UploadInfo RowToInfo(const store::UploadRow& r) {
  UploadInfo u;
  u.id = r.id;
  u.length = r.length;
  u.offset = r.received;
  u.metadata = r.metadata;
  u.params = ParseJson(r.params).value_or(Json::object());
  u.case_id = r.case_id;
  // A state the store does not know would be a corrupt row: treated as refused, never written to.
  u.state = domain::ParseUploadState(r.state).value_or(domain::UploadState::kRefused);
  u.sha256 = r.sha256;
  u.sm3 = r.sm3;
  u.record_id = r.record_id;
  u.error_code = r.error_code;
  u.error = r.error;
  u.expires_at = ParseRfc3339(r.expires_at).value_or(TimePoint{});
  return u;
}

std::optional<TimePoint> OptTime(const Json& p, const char* key) {
  if (!p.contains(key) || !p[key].is_string()) return std::nullopt;
  auto t = ParseRfc3339(p[key].get<std::string>());
  return t.ok() ? std::optional<TimePoint>(*t) : std::nullopt;
}

// The registration an upload asks for, from its parameters and (once known) its digests.
domain::MediaRegistration Registration(const UploadInfo& u, domain::MediaKind kind, const Json& media) {
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

}  // namespace

std::string App::PartPath(const std::string& upload_id) const {
  return (fs::path(options_.data_dir) / "uploads" / (upload_id + ".part")).string();
}

StatusOr<domain::CaseState> App::LoadCaseState(const std::string& case_id) {
  auto db = reads_->Acquire();
  store::EventLog log(*db);
  QC_ASSIGN_OR_RETURN(auto events, log.ReadCase(case_id));
  if (events.empty()) return Status::NotFound("案件不存在", "case_id");
  domain::CaseState c;
  for (const auto& e : events) QC_RETURN_IF_ERROR(domain::Apply(c, e));
  return c;
}

std::shared_ptr<UploadSlot> App::Slot(const std::string& id) {
  std::lock_guard<std::mutex> lock(slots_mu_);
  auto& weak = slots_[id];
  auto slot = weak.lock();
  if (!slot) {
    slot = std::make_shared<UploadSlot>();
    weak = slot;
  }
  if (slots_.size() > 1024)
    for (auto it = slots_.begin(); it != slots_.end();) it = it->second.expired() ? slots_.erase(it) : std::next(it);
  return slot;
}

void App::KeepWarm(std::shared_ptr<UploadSlot> slot) {
  std::lock_guard<std::mutex> lock(slots_mu_);
  for (auto it = warm_slots_.begin(); it != warm_slots_.end(); ++it)
    if (*it == slot) {
      warm_slots_.erase(it);
      break;
    }
  warm_slots_.push_front(std::move(slot));
  if (warm_slots_.size() > kWarmUploads) warm_slots_.pop_back();
}

StatusOr<UploadInfo> App::LoadUpload(const std::string& id) {
  auto db = reads_->Acquire();
  QC_ASSIGN_OR_RETURN(auto row, store::GetUpload(*db, id));
  if (!row) return Status::NotFound("上传不存在", "id");
  return RowToInfo(*row);
}

StatusOr<UploadInfo> App::CreateUpload(const Uploader& who, int64_t length,
                                       const std::map<std::string, std::string>& meta,
                                       const std::string& raw_metadata) {
  if (length <= 0) return Status::InvalidArgument("invalid_field", "不能上传空文件", "Upload-Length");
  if (length > options_.tus_max_size)
    return Status::PayloadTooLarge("文件超过 " + std::to_string(options_.tus_max_size) + " 字节的上限");
  auto get = [&](const char* key) -> std::string {
    auto it = meta.find(key);
    return it == meta.end() ? "" : it->second;
  };
  Json p = Json::object();
  std::string filename = get("filename");
  if (filename.empty()) return MetaError("filename", "应当提供文件名");
  if (filename.size() > 255) return MetaError("filename", "文件名过长");
  p["filename"] = filename;
  if (!get("filetype").empty()) p["filetype"] = get("filetype").substr(0, 100);
  std::string kind = get("kind").empty() ? "av" : get("kind");
  if (kind != "av" && kind != "attachment") return MetaError("kind", "类型应为 av（音像记录）或 attachment（附件）");
  p["kind"] = kind;
  std::string act = get("act");
  if (!act.empty() && !domain::AvActLabel(act)) return MetaError("act", "执法行为无效：" + act);
  if (kind == "av" && act.empty()) return MetaError("act", "音像记录应当注明所记录的执法行为");
  if (!act.empty()) p["act"] = act;
  if (!get("stage").empty()) {
    if (!domain::ParseStage(get("stage"))) return MetaError("stage", "阶段无效");
    p["stage"] = get("stage");
  }
  for (const char* key : {"capture_start", "capture_end"}) {
    if (get(key).empty()) continue;
    auto t = ParseRfc3339(get(key));
    if (!t.ok()) return MetaError(key, "时间格式应为 RFC 3339，如 2026-11-27T09:30:00+08:00");
    if (*t > clock_.Now() + std::chrono::minutes(5)) return MetaError(key, "拍摄时间晚于当前时间");
    p[key] = FormatRfc3339(*t);
  }
  if (!get("parties_informed").empty()) {
    if (get("parties_informed") != "true" && get("parties_informed") != "false")
      return MetaError("parties_informed", "应为 true 或 false");
    p["parties_informed"] = get("parties_informed") == "true";
  }
  std::string device_officer;
  if (!get("device_id").empty()) {
    // The camera, by id or serial number: registered and in service.
    auto device = GetDevice(get("device_id"));
    if (!device.ok()) return MetaError("device_id", "执法记录仪未登记：" + get("device_id"));
    if (!(*device)["active"].get<bool>()) return MetaError("device_id", "该执法记录仪已停用");
    p["device_id"] = (*device)["id"];
    p["device_serial"] = (*device)["serial"];
    device_officer = (*device)["officer_id"];
  }

  // The case, and whether this uploader may add to it.
  std::string case_id = get("case_id");
  if (case_id.empty()) return MetaError("case_id", "应当注明所属案件");
  auto loaded = LoadCaseState(case_id);
  if (!loaded.ok()) {
    if (loaded.status().error_code() == ErrorCode::kNotFound) return MetaError("case_id", "案件不存在");
    return loaded.status();
  }
  domain::CaseState& c = *loaded;
  QC_ASSIGN_OR_RETURN(auto units, Units());
  Actor acting;
  if (who.user) {
    acting = *who.user;
    QC_RETURN_IF_ERROR(domain::Authorize(acting, domain::Action::kUploadMedia, domain::CaseResource(c), units.get()));
    p["uploader"] = {{"kind", "user"}, {"id", acting.user_id}, {"name", acting.name}};
  } else {
    QC_RETURN_IF_ERROR(domain::AuthorizeStationUpload(who.station_unit, domain::CaseResource(c), *units));
    p["uploader"] = {{"kind", "station"}, {"id", who.station_id}, {"name", who.station_name}};
  }
  std::string officer = get("officer");
  if (officer.empty() && who.user && who.user->role == domain::Role::kOfficer) officer = who.user->user_id;
  if (officer.empty()) officer = device_officer;  // a station's upload: the camera's officer
  if (officer.empty()) return MetaError("officer", "应当注明记录人员");
  auto officer_id = FindUserId(officer);
  if (!officer_id.ok()) return MetaError("officer", "记录人员不存在：" + officer);
  auto officer_actor = LoadActor(*officer_id);
  if (!officer_actor.ok()) return MetaError("officer", "记录人员不存在或已停用");
  p["officer_id"] = officer_actor->user_id;
  p["officer_name"] = officer_actor->name;

  UploadInfo u;
  u.id = crypto::TimeOrderedId("upl_", clock_.Now().time_since_epoch().count());
  u.length = length;
  u.metadata = raw_metadata;
  u.params = p;
  u.case_id = case_id;
  u.state = domain::UploadState::kReceiving;
  u.expires_at = clock_.Now() + options_.upload_expiry;
  // Check now what registration will check, so a refusal comes before the bytes, not after.
  Status dry = domain::DecideRegisterMedia(
                   c, acting, !who.user,
                   Registration(u, domain::ParseMediaKind(kind).value_or(domain::MediaKind::kAv), Json::object()))
                   .status();
  if (!dry.ok()) {
    std::string f = dry.field();
    if (!f.empty() && f != "sha256" && dry.error_code() == ErrorCode::kInvalidArgument)
      return MetaError(f, dry.message());
    return dry;
  }

  // Room: the uploader's quota of unfinished bytes, and the disk (a full disk would stop the ledger
  // for everyone).
  {
    auto db = reads_->Acquire();
    QC_ASSIGN_OR_RETURN(int64_t open, store::OpenUploadBytes(*db, who.owner_id(), FormatRfc3339(clock_.Now())));
    if (open + length > options_.upload_quota)
      return Status::Make(ErrorCode::kResourceExhausted, "insufficient_storage",
                          "未完成的上传合计将超过每人 " + std::to_string(options_.upload_quota >> 30) +
                              " GiB 的限额（已有 " + std::to_string(open) + " 字节），请先完成或删除之前的上传",
                          "Upload-Length");
  }
  QC_RETURN_IF_ERROR(CheckDiskFor(length));

  fs::path dir = fs::path(options_.data_dir) / "uploads";
  if (::mkdir(dir.c_str(), 0700) != 0 && errno != EEXIST) return Errno("无法创建上传目录");
  int fd = ::open(PartPath(u.id).c_str(), O_CREAT | O_EXCL | O_WRONLY | O_CLOEXEC | O_NOFOLLOW, 0600);
  if (fd < 0) return Errno("无法创建上传文件");
  ::close(fd);
  QC_RETURN_IF_ERROR(blob::SyncDir(dir));
  std::string now = FormatRfc3339(clock_.Now());
  QC_RETURN_IF_ERROR(writer_->Run([&](store::WriteTx& tx) -> Status {
    store::UploadRow row;
    row.id = u.id;
    row.owner_id = who.owner_id();
    row.length = length;
    row.metadata = raw_metadata;
    row.params = p.dump();
    row.case_id = case_id;
    row.expires_at = FormatRfc3339(u.expires_at);
    return store::InsertUpload(tx.db(), row, now);
  }));
  spdlog::info("upload {} created: {} bytes for case {} by {}", u.id, length, case_id, who.owner_id());
  return u;
}

Status App::CheckDiskFor(int64_t more) {
  struct statvfs v {};
  if (::statvfs(options_.data_dir.c_str(), &v) != 0) return Errno("无法读取磁盘空间");
  int64_t free_bytes = static_cast<int64_t>(v.f_bavail) * static_cast<int64_t>(v.f_frsize);
  int64_t pending = 0;
  {
    auto db = reads_->Acquire();
    QC_ASSIGN_OR_RETURN(pending, store::PendingUploadBytes(*db, FormatRfc3339(clock_.Now())));
  }
  if (free_bytes - options_.disk_reserve - pending < more)
    return Status::Make(ErrorCode::kResourceExhausted, "insufficient_storage",
                        "服务器存储空间不足（可用 " + std::to_string(free_bytes >> 20) + " MiB，须保留 " +
                            std::to_string(options_.disk_reserve >> 20) + " MiB），请联系管理员",
                        "Upload-Length");
  return Status();
}

StatusOr<UploadInfo> App::GetUpload(const Uploader& who, const std::string& id) {
  auto u = LoadUpload(id);
  if (!u.ok()) return Status::NotFound("上传不存在或已删除", "id");
  if (u->params.value("uploader", Json::object()).value("id", "") != who.owner_id())
    return Status::NotFound("上传不存在或已删除", "id");  // another uploader's upload is not revealed
  if (u->state == domain::UploadState::kReceiving && u->expires_at < clock_.Now())
    return Status::Make(ErrorCode::kNotFound, "gone", "上传已过期");
  return u;
}

StatusOr<std::unique_ptr<UploadPatch>> App::BeginPatch(const Uploader& who, const std::string& id, int64_t offset,
                                                       std::optional<ChecksumSpec> checksum) {
  QC_ASSIGN_OR_RETURN(UploadInfo u, GetUpload(who, id));
  if (u.state != domain::UploadState::kReceiving)
    return Status::Conflict("upload_complete", "上传已完成，不能再写入", "Upload-Offset");
  if (offset != u.offset)
    return Status::Conflict("offset_mismatch", "Upload-Offset 应为 " + std::to_string(u.offset), "Upload-Offset");
  auto slot = Slot(id);
  {
    std::lock_guard<std::mutex> lock(slot->mu);
    if (slot->busy) return Status::Conflict("locked", "该文件正在由另一个请求上传");
    slot->busy = true;
  }
  auto release = [&] {
    std::lock_guard<std::mutex> lock(slot->mu);
    slot->busy = false;
  };
  int fd = ::open(PartPath(id).c_str(), O_WRONLY | O_CLOEXEC | O_NOFOLLOW);
  if (fd < 0 || ::ftruncate(fd, offset) != 0 || ::lseek(fd, offset, SEEK_SET) != offset) {
    Status st = Errno("无法打开上传文件");
    if (fd >= 0) ::close(fd);
    release();
    return st;
  }
  // The running digests continue where the last PATCH left them; after a restart they are rebuilt.
  // (A long PATCH that committed part of itself and then failed leaves hashed != offset: rebuilt too.)
  if (!slot->hasher || slot->hashed != offset) {
    if (offset > 0) spdlog::info("upload {}: digests rebuilt from the first {} bytes of the file", id, offset);
    slot->hasher = std::make_unique<blob::ContentHasher>();
    Status st = HashPrefix(PartPath(id), offset, *slot->hasher);
    if (!st.ok()) {
      slot->hasher.reset();
      ::close(fd);
      release();
      return st;
    }
    slot->hashed = offset;
  }
  return std::make_unique<UploadPatch>(*this, std::move(u), slot, fd, std::move(checksum));
}

Status App::CommitOffset(const std::string& id, int64_t offset) {
  std::string expires = FormatRfc3339(clock_.Now() + options_.upload_expiry);
  return writer_->Run([&](store::WriteTx& tx) { return store::CommitUploadOffset(tx.db(), id, offset, expires); });
}

UploadPatch::UploadPatch(App& app, UploadInfo info, std::shared_ptr<UploadSlot> slot, int fd,
                         std::optional<ChecksumSpec> checksum)
    : app_(app), info_(std::move(info)), slot_(std::move(slot)), fd_(fd), checksum_(std::move(checksum)) {
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
  QC_RETURN_IF_ERROR(WriteAll(fd_, data));
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
        static_cast<int64_t>(v.f_bavail) * static_cast<int64_t>(v.f_frsize) < app_.options().disk_reserve)
      return Status::Make(ErrorCode::kResourceExhausted, "insufficient_storage", "服务器存储空间不足，请稍后续传");
    if (::fdatasync(fd_) != 0) return Errno("数据落盘失败");
    QC_RETURN_IF_ERROR(app_.CommitOffset(info_.id, info_.offset + written_));
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
    if (::fdatasync(fd_) != 0) return discard(Errno("数据落盘失败"));
    Status st = app_.CommitOffset(info_.id, offset);
    if (!st.ok()) return discard(st);
  }
  slot_->hashed = offset;
  info_.offset = offset;
  info_.expires_at = app_.clock().Now() + app_.options().upload_expiry;
  if (offset < info_.length) {
    // The next PATCH continues these digests (without this, each would re-read the whole file).
    slot_->hasher->Trim();
    app_.KeepWarm(slot_);
    release();
    return info_;
  }
  ::close(fd_);
  fd_ = -1;
  std::unique_ptr<blob::ContentHasher> hasher = std::move(slot_->hasher);
  slot_->hashed = -1;
  auto done = app_.FinishUpload(info_.id, std::move(hasher));
  release();
  return done;
}

StatusOr<UploadInfo> App::FinishUpload(const std::string& id, std::unique_ptr<blob::ContentHasher> hasher,
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
    QC_RETURN_IF_ERROR(writer_->Run(
        [&](store::WriteTx& tx) { return store::MarkUploadComplete(tx.db(), id, u.sha256, u.sm3, media.dump()); }));
    u.state = domain::UploadState::kComplete;
    spdlog::info("upload {} complete: {} bytes sha256 {} sm3 {}", id, u.length, u.sha256, u.sm3);
  } else {
    auto db = reads_->Acquire();
    QC_ASSIGN_OR_RETURN(std::string stored, store::UploadMedia(*db, id));
    media = ParseJson(stored).value_or(Json::object());
  }
  bool audio_video = media.value("audio_video", false);
  media.erase("audio_video");

  auto refuse = [&](const std::string& code, const std::string& message) -> StatusOr<UploadInfo> {
    QC_RETURN_IF_ERROR(
        writer_->Run([&](store::WriteTx& tx) { return store::MarkUploadRefused(tx.db(), id, code, message); }));
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
    auto a = LoadActor(up.value("id", ""));
    if (!a.ok()) return refuse("uploader_inactive", "上传人已停用");
    acting = *a;
  }
  domain::ActorRef station{up.value("id", ""), up.value("name", ""), "station"};
  domain::MediaRegistration reg = Registration(u, kind, media);
  reg.record_id = crypto::TimeOrderedId("rec_", clock_.Now().time_since_epoch().count());
  // Decided once before the bytes move (a refusal leaves them in staging for another try) ...
  {
    QC_ASSIGN_OR_RETURN(domain::CaseState c, LoadCaseState(u.case_id));
    // The uploader may have lost the case since the upload began (moved to another unit): checked
    // again as at creation.
    if (!by_station) {
      Status still = Allow(acting, domain::Action::kUploadMedia, domain::CaseResource(c));
      if (!still.ok()) return refuse("forbidden", "上传人已无权向该案件上传：" + still.message());
    }
    Status pre = domain::DecideRegisterMedia(c, acting, by_station, reg).status();
    if (!pre.ok()) return refuse(pre.code(), pre.message());
  }
  // ... then the file becomes a blob (atomic rename, fsynced), and only then is the event appended.
  if (have_part) {
    QC_RETURN_IF_ERROR(blobs_->Adopt(part, u.sha256));
  } else {
    QC_ASSIGN_OR_RETURN(bool stored, blobs_->Exists(u.sha256));
    if (!stored)
      return Status::Internal("upload " + id + ": neither the part file nor the blob " + u.sha256 + " exists");
  }
  auto recorded = Record(
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

Status App::TerminateUpload(const Uploader& who, const std::string& id) {
  QC_ASSIGN_OR_RETURN(UploadInfo u, GetUpload(who, id));
  if (u.state != domain::UploadState::kReceiving) return Status::PermissionDenied("已完成的上传不能删除");
  auto slot = Slot(id);
  std::lock_guard<std::mutex> lock(slot->mu);
  if (slot->busy) return Status::Conflict("locked", "该文件正在上传，不能删除");
  QC_RETURN_IF_ERROR(writer_->Run([&](store::WriteTx& tx) { return store::DeleteReceivingUpload(tx.db(), id); }));
  slot->hasher.reset();
  slot->hashed = -1;
  ::unlink(PartPath(id).c_str());
  spdlog::info("upload {} terminated by {}", id, who.owner_id());
  return Status();
}

StatusOr<UploadInfo> App::RegisterUploadAsAttachment(const Uploader& who, const std::string& id) {
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

StatusOr<int> App::ExpireUploads() {
  std::vector<std::string> ids;
  {
    auto db = reads_->Acquire();
    QC_ASSIGN_OR_RETURN(ids, store::ExpiredUploadIds(*db, FormatRfc3339(clock_.Now()), 1000));
  }
  int n = 0;
  for (const auto& id : ids) {
    auto slot = Slot(id);
    std::lock_guard<std::mutex> lock(slot->mu);
    if (slot->busy) continue;
    std::string now = FormatRfc3339(clock_.Now());
    QC_RETURN_IF_ERROR(writer_->Run([&](store::WriteTx& tx) { return store::DeleteExpiredUpload(tx.db(), id, now); }));
    ::unlink(PartPath(id).c_str());
    slot->hasher.reset();
    ++n;
  }
  if (n) spdlog::info("expired {} unfinished uploads", n);
  return n;
}

Status App::RecoverUploads() {
  std::vector<store::UploadRow> rows;
  {
    auto db = reads_->Acquire();
    QC_ASSIGN_OR_RETURN(rows, store::UnfinishedUploads(*db));
  }
  for (const auto& row : rows) {
    const std::string& id = row.id;
    auto state = domain::ParseUploadState(row.state);
    const int64_t received = row.received, length = row.length;
    if (state == domain::UploadState::kReceiving) {
      // Bytes past the committed offset were never acknowledged: drop them.
      struct stat st;
      std::string part = PartPath(id);
      if (::stat(part.c_str(), &st) == 0 && st.st_size > received && ::truncate(part.c_str(), received) != 0)
        return Errno("无法截断上传文件 " + part);
      if (received < length) continue;
    }
    auto done = FinishUpload(id, nullptr);
    if (!done.ok())
      spdlog::error("upload {}: recovery failed: {}", id, done.status().ToString());
    else
      spdlog::info("upload {}: recovered as {}", id, domain::ToString(done->state));
  }
  return Status();
}

}  // namespace qc::app
