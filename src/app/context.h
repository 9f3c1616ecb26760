// What every service of the app layer shares: the options and the clock, the ledger keys, the
// group-commit writer, the read pool, the blob store and the live sessions — and the few operations
// they all need: the one authorization decision (with the unit tree it reads), recording decided
// events, loading an actor, and the state of a case.
//
//   QC_RETURN_IF_ERROR(ctx.Allow(actor, domain::Action::kViewCase, domain::UnitResource(unit)));
//   QC_ASSIGN_OR_RETURN(CommandResult r, ctx.Record(actor, case_id, decide, /*directory=*/false));
//
// The services (auth.h, directory.h, case_service.h, ledger_service.h, uploads.h, devices.h,
// media_service.h) each hold a reference to the one AppContext that App owns. Thread-safe.
#pragma once

#include <atomic>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "app/keys.h"
#include "app/sessions.h"
#include "blob/blob_store.h"
#include "common/canonical_json.h"
#include "common/clock.h"
#include "common/status.h"
#include "domain/authorization.h"
#include "domain/catalogue.h"
#include "domain/case_state.h"
#include "domain/event.h"
#include "domain/policy.h"
#include "store/read_pool.h"
#include "store/writer.h"

namespace qc::app {

struct Options {
  std::string data_dir = "data";
  int read_connections = 4;
  std::chrono::minutes session_idle{30};
  std::chrono::minutes session_absolute{12 * 60};
  // The log's origin, used as the name of the checkpoint keys when they are made (first start).
  std::string origin = "yixian.gaj/quancheng";
  // How often a new checkpoint may be signed while events arrive (at most once a second).
  std::chrono::milliseconds checkpoint_interval{1000};
  // Serving: a thread signs checkpoints every interval (and once more on close) and expires unfinished
  // uploads. Off for CLI commands (init, user, verify), which sign, if at all, themselves.
  bool background = false;
  // Serve checkpoints, keys and proofs only with a session (they reveal hashes only; public by default).
  bool ledger_requires_session = false;
  // Uploads (tus): the largest accepted Upload-Length, and how long an unfinished upload is kept after
  // its last write.
  int64_t tus_max_size = int64_t{64} << 30;
  std::chrono::minutes upload_expiry{72 * 60};
  // The declared bytes of one uploader's unfinished uploads together may not pass this.
  int64_t upload_quota = int64_t{128} << 30;
  // Free space the data directory keeps for the ledger and its projections: an upload is refused (507)
  // when its bytes, with every unfinished upload's remaining bytes, would eat into it, and a PATCH
  // stops when the disk has no more than this left.
  int64_t disk_reserve = int64_t{2} << 30;
  // How long a playback/download ticket stays valid.
  std::chrono::minutes media_ticket_ttl{120};
  // The catalogue of written records: the *.json files of this directory, or (empty) those built in.
  std::string catalogue_dir;
};

// What a command recorded: each event's ledger index, type and leaf hash (lowercase hex).
struct RecordedEvent {
  int64_t index;
  std::string type, leaf_hash;
};
struct CommandResult {
  std::vector<RecordedEvent> events;
  Json body;  // the resource after the command (case, user, ...)
};
Json EventsJson(const std::vector<RecordedEvent>& events);

// The system actor that records set-up events.
domain::ActorRef SystemActor();

class AppContext {
 public:
  AppContext(const Options& options, const Clock& clock);

  const Options options;
  const Clock& clock;
  LedgerKeys keys;
  std::unique_ptr<store::Writer> writer;
  std::unique_ptr<store::ReadPool> reads;
  std::unique_ptr<blob::BlobStore> blobs;
  std::shared_ptr<const domain::Catalogue> catalogue;  // the written records' types (app/catalogue.h)
  SessionStore sessions;

  // The one authorization decision (domain/authorization.h), given the unit tree.
  Status Allow(const domain::Actor& a, domain::Action action, const domain::Resource& r = domain::NoResource());
  // Unit ids whose cases `a` may see (nullopt: all).
  StatusOr<std::optional<std::vector<std::string>>> VisibleUnits(const domain::Actor& a);
  StatusOr<std::shared_ptr<const domain::UnitTree>> Units();
  // The unit tree and the actors are cached until a directory event is recorded.
  void DirectoryChanged() { directory_generation_++; }

  // Records the events `decide` returns, inside the writer's transaction, as `a` (or as `as` when
  // given: a collection station). `directory`: the events change units or users.
  using TxDecider = std::function<StatusOr<std::vector<domain::EventDraft>>(store::WriteTx&)>;
  StatusOr<CommandResult> Record(const domain::Actor& a, const std::string& case_id, const TxDecider& decide,
                                 bool directory, const domain::ActorRef* as = nullptr);
  // Records set-up events (units, users) as the system actor; used by init and the demo.
  StatusOr<CommandResult> RecordSystem(std::vector<domain::Event> events);

  // An active user as an actor (cached per directory generation); NotFound when missing or inactive.
  StatusOr<domain::Actor> LoadActor(const std::string& user_id);
  // A case folded from all its events (NotFound when it has none).
  StatusOr<domain::CaseState> LoadCaseState(const std::string& case_id);
  // NotFound, or PermissionDenied unless `a` may see the case.
  Status RequireVisibleCase(const domain::Actor& a, const std::string& case_id);

 private:
  std::atomic<int64_t> directory_generation_{0};
  std::mutex units_mu_;
  std::shared_ptr<const domain::UnitTree> units_;
  int64_t units_generation_ = -1;
  std::mutex actors_mu_;
  std::unordered_map<std::string, std::pair<int64_t, domain::Actor>> actors_;  // user id -> (generation, actor)
};

}  // namespace qc::app
