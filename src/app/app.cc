#include "app/app.h"

#include <fcntl.h>
#include <unistd.h>

#include <filesystem>

#include "blob/directory_blob_store.h"
#include "common/hex.h"
#include "store/checkpoints.h"
#include "store/directory_repo.h"
#include "store/schema.h"

namespace qc::app {

namespace fs = std::filesystem;
using domain::Actor;

domain::ActorRef SystemActor() { return {"system", "系统", "system"}; }

Json EventsJson(const std::vector<RecordedEvent>& events) {
  Json out = Json::array();
  for (const auto& e : events) out.push_back({{"index", e.index}, {"type", e.type}, {"leaf_hash", e.leaf_hash}});
  return out;
}

StatusOr<std::unique_ptr<App>> App::Open(const Options& options, const Clock& clock) {
  std::error_code ec;
  fs::create_directories(options.data_dir, ec);
  if (ec) return Status::Internal("无法创建数据目录 " + options.data_dir + ": " + ec.message());
  std::unique_ptr<App> app(new App(options, clock));
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
  QC_ASSIGN_OR_RETURN(app->writer_, store::Writer::Open(path));
  QC_ASSIGN_OR_RETURN(app->reads_, store::ReadPool::Open(path, options.read_connections));
  QC_ASSIGN_OR_RETURN(app->blobs_, blob::DirectoryBlobStore::Create(fs::path(options.data_dir) / "blobs"));
  // Keys are made on the first start only: a log with checkpoints never gets new keys silently.
  bool has_checkpoints;
  {
    auto db = app->reads_->Acquire();
    QC_ASSIGN_OR_RETURN(auto last, store::LatestCheckpoint(*db));
    has_checkpoints = last.has_value();
  }
  QC_ASSIGN_OR_RETURN(app->keys_, LoadOrCreateLedgerKeys((fs::path(options.data_dir) / "keys").string(), options.origin,
                                                         !has_checkpoints));
  // Uploads whose last byte was committed before a crash are finished now (app/uploads.h).
  QC_RETURN_IF_ERROR(app->RecoverUploads());
  if (options.background) app->checkpointer_ = std::thread([a = app.get()] { a->CheckpointLoop(); });
  return app;
}

App::App(const Options& options, const Clock& clock)
    : options_(options),
      clock_(clock),
      sessions_(clock, options.session_idle, options.session_absolute),
      throttle_(clock) {}

App::~App() {
  checkpointer_stop_.Set();
  if (checkpointer_.joinable()) checkpointer_.join();
}

StatusOr<int64_t> App::EventCount() {
  auto db = reads_->Acquire();
  store::EventLog log(*db);
  return log.Size();
}

StatusOr<CommandResult> App::Record(
    const Actor& a, const std::string& case_id,
    const std::function<StatusOr<std::vector<domain::EventDraft>>(store::WriteTx&)>& decide, bool directory,
    const domain::ActorRef* as) {
  std::vector<store::AppendedEvent> appended;
  Status st = writer_->Run([&](store::WriteTx& tx) -> Status {
    QC_ASSIGN_OR_RETURN(auto drafts, decide(tx));
    TimePoint now = clock_.Now();
    for (auto& d : drafts) {
      domain::Event e;
      e.type = d.type;
      e.actor = as ? *as : a.Ref();
      e.case_id = case_id;
      e.at = now;
      e.data = std::move(d.data);
      QC_RETURN_IF_ERROR(tx.Append(std::move(e)).status());
    }
    appended = tx.appended();
    return Status();
  });
  if (!st.ok()) return st;
  if (directory) DirectoryChanged();
  CommandResult r;
  for (const auto& ae : appended) r.events.push_back({ae.index, ae.type, ToHex(ae.leaf_hash)});
  return r;
}

StatusOr<CommandResult> App::RecordSystem(std::vector<domain::Event> events) {
  std::vector<store::AppendedEvent> appended;
  Status st = writer_->Run([&](store::WriteTx& tx) -> Status {
    for (auto& e : events) {
      e.actor = SystemActor();
      e.at = clock_.Now();
      QC_RETURN_IF_ERROR(tx.Append(e).status());
    }
    appended = tx.appended();
    return Status();
  });
  if (!st.ok()) return st;
  DirectoryChanged();
  CommandResult r;
  for (const auto& ae : appended) r.events.push_back({ae.index, ae.type, ToHex(ae.leaf_hash)});
  return r;
}

StatusOr<std::shared_ptr<const domain::UnitTree>> App::Units() {
  std::lock_guard<std::mutex> lock(units_mu_);
  int64_t gen = directory_generation_.load();
  if (units_ && units_generation_ == gen) return units_;
  auto tree = std::make_shared<domain::UnitTree>();
  auto db = reads_->Acquire();
  QC_ASSIGN_OR_RETURN(auto units, store::ListUnits(*db));
  for (const auto& u : units) tree->Add(u.id, u.parent_id);
  units_ = tree;
  units_generation_ = gen;
  return units_;
}

Status App::Allow(const Actor& a, domain::Action action, const domain::Resource& r) {
  QC_ASSIGN_OR_RETURN(auto units, Units());
  return domain::Authorize(a, action, r, units.get());
}

// The units whose cases `a` may see, each asked of the policy (kViewCase).
StatusOr<std::optional<std::vector<std::string>>> App::VisibleUnits(const Actor& a) {
  QC_ASSIGN_OR_RETURN(auto tree, Units());
  std::vector<std::string> ids;
  for (const auto& id : tree->Ids())
    if (domain::Authorize(a, domain::Action::kViewCase, domain::UnitResource(id), tree.get()).ok()) ids.push_back(id);
  return std::optional<std::vector<std::string>>(std::move(ids));
}

}  // namespace qc::app
