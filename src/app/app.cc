#include "app/app.h"

#include <fcntl.h>
#include <unistd.h>

#include <filesystem>

#include <spdlog/spdlog.h>

#include "app/catalogue.h"
#include "blob/directory_blob_store.h"
#include "common/hex.h"
#include "store/checkpoints.h"
#include "store/directory_repo.h"
#include "store/schema.h"

namespace qc::app {

namespace fs = std::filesystem;
using domain::Actor;

StatusOr<std::unique_ptr<App>> App::Open(const Options& options, const Clock& clock) {
  std::error_code ec;
  fs::create_directories(options.data_dir, ec);
  if (ec) return Status::Internal("无法创建数据目录 " + options.data_dir + ": " + ec.message());
  std::unique_ptr<App> app(new App(options, clock));
  // The document types first: a malformed catalogue stops the start, naming file, line and key.
  QC_ASSIGN_OR_RETURN(domain::Catalogue catalogue, LoadCatalogue(options.catalogue_dir));
  app->ctx_->catalogue = std::make_shared<const domain::Catalogue>(std::move(catalogue));
  std::string path = (fs::path(options.data_dir) / "quancheng.db").string();
  // The record is for its custodians only: the directory 0700, the database files 0600 (made so
  // before SQLite opens them: its -wal and -shm files take the database file's mode). Tightened on
  // every open, so data directories made before this rule are fixed too.
  fs::permissions(options.data_dir, fs::perms::owner_all, ec);
  if (ec) return Status::Internal("无法设置数据目录权限 " + options.data_dir + ": " + ec.message());
  if (int fd = ::open(path.c_str(), O_CREAT | O_WRONLY | O_CLOEXEC | O_NOFOLLOW, 0600); fd >= 0) ::close(fd);
  for (const char* suffix : {"", "-wal", "-shm"}) {
    if (fs::exists(path + suffix, ec))
      fs::permissions(path + suffix, fs::perms::owner_read | fs::perms::owner_write, ec);
  }
  AppContext& ctx = *app->ctx_;
  QC_ASSIGN_OR_RETURN(ctx.writer, store::Writer::Open(path));
  QC_ASSIGN_OR_RETURN(ctx.reads, store::ReadPool::Open(path, options.read_connections));
  QC_ASSIGN_OR_RETURN(ctx.blobs, blob::DirectoryBlobStore::Create(fs::path(options.data_dir) / "blobs"));
  // Keys are made on the first start only: a log with checkpoints never gets new keys silently.
  bool has_checkpoints;
  {
    auto db = ctx.reads->Acquire();
    QC_ASSIGN_OR_RETURN(auto last, store::LatestCheckpoint(*db));
    has_checkpoints = last.has_value();
  }
  QC_ASSIGN_OR_RETURN(ctx.keys, LoadOrCreateLedgerKeys((fs::path(options.data_dir) / "keys").string(), options.origin,
                                                       !has_checkpoints));
  // Uploads whose last byte was committed before a crash are finished now (app/uploads.h).
  QC_RETURN_IF_ERROR(app->uploads_->RecoverUploads());
  if (options.background) app->checkpointer_ = std::thread([a = app.get()] { a->CheckpointLoop(); });
  return app;
}

App::App(const Options& options, const Clock& clock)
    : ctx_(std::make_unique<AppContext>(options, clock)),
      auth_(std::make_unique<AuthService>(*ctx_)),
      directory_(std::make_unique<DirectoryService>(*ctx_)),
      cases_(std::make_unique<CaseService>(*ctx_)),
      ledger_(std::make_unique<LedgerService>(*ctx_)),
      devices_(std::make_unique<DeviceService>(*ctx_, *directory_)),
      uploads_(std::make_unique<UploadService>(*ctx_, *directory_, *devices_)),
      media_(std::make_unique<MediaService>(*ctx_, *cases_)) {}

App::~App() {
  checkpointer_stop_.Set();
  if (checkpointer_.joinable()) checkpointer_.join();
}

// The only signer while serving (CLI commands do not start it), so checkpoints are at least one interval
// apart by construction; one more is signed when the server stops.
void App::CheckpointLoop() {
  MonoTime next_expiry = ctx_->clock.Monotonic();
  for (;;) {
    bool stop = ctx_->clock.SleepFor(ctx_->options.checkpoint_interval, checkpointer_stop_);
    // On stop too: the last events written get their checkpoint before the process exits.
    Status st = ledger_->SignCheckpoint();
    if (!st.ok()) spdlog::critical("checkpoint: {}", st.message());
    if (stop) return;
    // Unfinished uploads past their expiry go, once a minute (this thread has the time).
    if (ctx_->clock.Monotonic() >= next_expiry) {
      next_expiry = ctx_->clock.Monotonic() + std::chrono::minutes(1);
      auto expired = uploads_->ExpireUploads();
      if (!expired.ok()) spdlog::error("upload expiry: {}", expired.status().message());
    }
  }
}

}  // namespace qc::app
