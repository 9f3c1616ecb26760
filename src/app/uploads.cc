// Resumable uploads: creation, offsets, termination, expiry and recovery (the bytes of a request:
// upload_patch.cc; the finish that makes them a blob and a MediaRegistered event: upload_finish.cc).
// See app/uploads.h for the life of an upload.
#include <fcntl.h>
#include <sys/statvfs.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>

#include <spdlog/spdlog.h>

#include "app/devices.h"
#include "app/directory.h"
#include "app/uploads.h"
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

}  // namespace

Status UploadService::HashPrefix(const std::string& path, int64_t len, blob::ContentHasher& h) {
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return ErrnoStatus("无法读取上传文件");
  Status st = ReadFileRange(fd, 0, len, [&](std::string_view piece) {
    h.Update(piece);
    return Status();
  });
  ::close(fd);
  return st;
}

std::string UploadService::PartPath(const std::string& upload_id) const {
  return (fs::path(ctx_.options.data_dir) / "uploads" / (upload_id + ".part")).string();
}

std::shared_ptr<UploadSlot> UploadService::Slot(const std::string& id) {
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

void UploadService::KeepWarm(std::shared_ptr<UploadSlot> slot) {
  std::lock_guard<std::mutex> lock(slots_mu_);
  for (auto it = warm_slots_.begin(); it != warm_slots_.end(); ++it)
    if (*it == slot) {
      warm_slots_.erase(it);
      break;
    }
  warm_slots_.push_front(std::move(slot));
  if (warm_slots_.size() > kWarmUploads) warm_slots_.pop_back();
}

StatusOr<UploadInfo> UploadService::LoadUpload(const std::string& id) {
  auto db = ctx_.reads->Acquire();
  QC_ASSIGN_OR_RETURN(auto row, store::GetUpload(*db, id));
  if (!row) return Status::NotFound("上传不存在", "id");
  return RowToInfo(*row);
}

StatusOr<UploadInfo> UploadService::CreateUpload(const Uploader& who, int64_t length,
                                                 const std::map<std::string, std::string>& meta,
                                                 const std::string& raw_metadata) {
  if (length <= 0) return Status::InvalidArgument("invalid_field", "不能上传空文件", "Upload-Length");
  if (length > ctx_.options.tus_max_size)
    return Status::PayloadTooLarge("文件超过 " + std::to_string(ctx_.options.tus_max_size) + " 字节的上限");
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
  std::string act = domain::CanonicalAvAct(get("act"));
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
    if (*t > ctx_.clock.Now() + std::chrono::minutes(5)) return MetaError(key, "拍摄时间晚于当前时间");
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
    auto device = devices_.GetDevice(get("device_id"));
    if (!device.ok()) return MetaError("device_id", "执法记录仪未登记：" + get("device_id"));
    if (!(*device)["active"].get<bool>()) return MetaError("device_id", "该执法记录仪已停用");
    p["device_id"] = (*device)["id"];
    p["device_serial"] = (*device)["serial"];
    device_officer = (*device)["officer_id"];
  }

  // The case, and whether this uploader may add to it.
  std::string case_id = get("case_id");
  if (case_id.empty()) return MetaError("case_id", "应当注明所属案件");
  auto loaded = ctx_.LoadCaseState(case_id);
  if (!loaded.ok()) {
    if (loaded.status().error_code() == ErrorCode::kNotFound) return MetaError("case_id", "案件不存在");
    return loaded.status();
  }
  domain::CaseState& c = *loaded;
  QC_ASSIGN_OR_RETURN(auto units, ctx_.Units());
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
  auto officer_id = directory_.FindUserId(officer);
  if (!officer_id.ok()) return MetaError("officer", "记录人员不存在：" + officer);
  auto officer_actor = ctx_.LoadActor(*officer_id);
  if (!officer_actor.ok()) return MetaError("officer", "记录人员不存在或已停用");
  p["officer_id"] = officer_actor->user_id;
  p["officer_name"] = officer_actor->name;

  UploadInfo u;
  u.id = crypto::TimeOrderedId("upl_", ctx_.clock.Now().time_since_epoch().count());
  u.length = length;
  u.metadata = raw_metadata;
  u.params = p;
  u.case_id = case_id;
  u.state = domain::UploadState::kReceiving;
  u.expires_at = ctx_.clock.Now() + ctx_.options.upload_expiry;
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
    auto db = ctx_.reads->Acquire();
    QC_ASSIGN_OR_RETURN(int64_t open, store::OpenUploadBytes(*db, who.owner_id(), FormatRfc3339(ctx_.clock.Now())));
    if (open + length > ctx_.options.upload_quota)
      return Status::Make(ErrorCode::kResourceExhausted, "insufficient_storage",
                          "未完成的上传合计将超过每人 " + std::to_string(ctx_.options.upload_quota >> 30) +
                              " GiB 的限额（已有 " + std::to_string(open) + " 字节），请先完成或删除之前的上传",
                          "Upload-Length");
  }
  QC_RETURN_IF_ERROR(CheckDiskFor(length));

  fs::path dir = fs::path(ctx_.options.data_dir) / "uploads";
  if (::mkdir(dir.c_str(), 0700) != 0 && errno != EEXIST) return ErrnoStatus("无法创建上传目录");
  int fd = ::open(PartPath(u.id).c_str(), O_CREAT | O_EXCL | O_WRONLY | O_CLOEXEC | O_NOFOLLOW, 0600);
  if (fd < 0) return ErrnoStatus("无法创建上传文件");
  ::close(fd);
  QC_RETURN_IF_ERROR(blob::SyncDir(dir));
  std::string now = FormatRfc3339(ctx_.clock.Now());
  QC_RETURN_IF_ERROR(ctx_.writer->Run([&](store::WriteTx& tx) -> Status {
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

Status UploadService::CheckDiskFor(int64_t more) {
  struct statvfs v {};
  if (::statvfs(ctx_.options.data_dir.c_str(), &v) != 0) return ErrnoStatus("无法读取磁盘空间");
  int64_t free_bytes = static_cast<int64_t>(v.f_bavail) * static_cast<int64_t>(v.f_frsize);
  int64_t pending = 0;
  {
    auto db = ctx_.reads->Acquire();
    QC_ASSIGN_OR_RETURN(pending, store::PendingUploadBytes(*db, FormatRfc3339(ctx_.clock.Now())));
  }
  if (free_bytes - ctx_.options.disk_reserve - pending < more)
    return Status::Make(ErrorCode::kResourceExhausted, "insufficient_storage",
                        "服务器存储空间不足（可用 " + std::to_string(free_bytes >> 20) + " MiB，须保留 " +
                            std::to_string(ctx_.options.disk_reserve >> 20) + " MiB），请联系管理员",
                        "Upload-Length");
  return Status();
}

StatusOr<UploadInfo> UploadService::GetUpload(const Uploader& who, const std::string& id) {
  auto u = LoadUpload(id);
  if (!u.ok()) return Status::NotFound("上传不存在或已删除", "id");
  if (u->params.value("uploader", Json::object()).value("id", "") != who.owner_id())
    return Status::NotFound("上传不存在或已删除", "id");  // another uploader's upload is not revealed
  if (u->state == domain::UploadState::kReceiving && u->expires_at < ctx_.clock.Now())
    return Status::Make(ErrorCode::kNotFound, "gone", "上传已过期");
  return u;
}

StatusOr<std::unique_ptr<UploadPatch>> UploadService::BeginPatch(const Uploader& who, const std::string& id,
                                                                 int64_t offset, std::optional<ChecksumSpec> checksum) {
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
    Status st = ErrnoStatus("无法打开上传文件");
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

Status UploadService::CommitOffset(const std::string& id, int64_t offset) {
  std::string expires = FormatRfc3339(ctx_.clock.Now() + ctx_.options.upload_expiry);
  return ctx_.writer->Run([&](store::WriteTx& tx) { return store::CommitUploadOffset(tx.db(), id, offset, expires); });
}

Status UploadService::TerminateUpload(const Uploader& who, const std::string& id) {
  QC_ASSIGN_OR_RETURN(UploadInfo u, GetUpload(who, id));
  if (u.state != domain::UploadState::kReceiving) return Status::PermissionDenied("已完成的上传不能删除");
  auto slot = Slot(id);
  std::lock_guard<std::mutex> lock(slot->mu);
  if (slot->busy) return Status::Conflict("locked", "该文件正在上传，不能删除");
  QC_RETURN_IF_ERROR(ctx_.writer->Run([&](store::WriteTx& tx) { return store::DeleteReceivingUpload(tx.db(), id); }));
  slot->hasher.reset();
  slot->hashed = -1;
  ::unlink(PartPath(id).c_str());
  spdlog::info("upload {} terminated by {}", id, who.owner_id());
  return Status();
}

StatusOr<int> UploadService::ExpireUploads() {
  std::vector<std::string> ids;
  {
    auto db = ctx_.reads->Acquire();
    QC_ASSIGN_OR_RETURN(ids, store::ExpiredUploadIds(*db, FormatRfc3339(ctx_.clock.Now()), 1000));
  }
  int n = 0;
  for (const auto& id : ids) {
    auto slot = Slot(id);
    std::lock_guard<std::mutex> lock(slot->mu);
    if (slot->busy) continue;
    std::string now = FormatRfc3339(ctx_.clock.Now());
    QC_RETURN_IF_ERROR(
        ctx_.writer->Run([&](store::WriteTx& tx) { return store::DeleteExpiredUpload(tx.db(), id, now); }));
    ::unlink(PartPath(id).c_str());
    slot->hasher.reset();
    ++n;
  }
  if (n) spdlog::info("expired {} unfinished uploads", n);
  return n;
}

Status UploadService::RecoverUploads() {
  std::vector<store::UploadRow> rows;
  {
    auto db = ctx_.reads->Acquire();
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
        return ErrnoStatus("无法截断上传文件 " + part);
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
