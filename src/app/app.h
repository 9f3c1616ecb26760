// The use cases: one function per command or query. Each command checks the policy (deny by
// default), asks domain/ to decide, and appends the resulting events and their projections in one
// transaction through the group-commit writer. Queries read projections through the read pool.
//
//   App app(options, clock);                      // opens data_dir/quancheng.db
//   auto actor = app.Authenticate(token);         // StatusOr<Actor>
//   auto res = app.OpenCase(*actor, cmd);         // StatusOr<CommandResult>
//
// Thread-safe: every method may be called from any thread.
#pragma once

#include <atomic>
#include <condition_variable>
#include <thread>
#include <cstdint>
#include <deque>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "app/case_actions.h"
#include "app/keys.h"
#include "app/sessions.h"
#include "app/uploads.h"
#include "blob/blob_store.h"
#include "common/canonical_json.h"
#include "common/clock.h"
#include "common/status.h"
#include "domain/case_commands.h"
#include "domain/authorization.h"
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

struct CaseQuery {
  std::optional<std::string> stage, status, start_mode, officer, text, from, to;
  std::string sort = "created_at";
  bool descending = true;
  int page = 1, page_size = 20;
};

// Deadlines due by the end of the `within_days`-th calendar day after today in China Standard Time
// (overdue ones included). `mine`: only cases the actor
// is an officer of (default for officers); otherwise every case the actor may see.
struct DeadlineQuery {
  int within_days = 7;
  std::optional<bool> mine;
  int page = 1, page_size = 20;
};

struct NewUser {
  std::string username, name, role, unit_id, cert_no, password;
};
struct UserChange {
  std::optional<std::string> name, role, unit_id, cert_no, password;
  std::optional<bool> active;
};

// Case creation input, as parsed at the edge (ids, number and officers are filled in here).
struct NewCase {
  domain::OpenCaseCommand cmd;
  std::vector<std::string> co_officer_ids;
};

class App {
 public:
  static StatusOr<std::unique_ptr<App>> Open(const Options& options, const Clock& clock);
  ~App();

  const Clock& clock() const { return clock_; }
  const Options& options() const { return options_; }

  // --- authentication (auth.cc)
  struct LoginResult {
    std::string token;
    Json user;
    TimePoint expires_at;
  };
  StatusOr<LoginResult> Login(const std::string& username, const std::string& password, const std::string& client);
  StatusOr<domain::Actor> Authenticate(const std::string& token);
  // Seconds before this username or client may try to log in again (0: now).
  int64_t LoginRetryAfter(const std::string& username, const std::string& client) const;
  Status Logout(const std::string& token);

  // --- directory: units and users (users.cc)
  StatusOr<Json> ListUnits(const domain::Actor& a);
  StatusOr<Json> ListUsers(const domain::Actor& a, int page, int page_size);
  StatusOr<Json> GetUser(const domain::Actor& a, const std::string& id);
  // Active officers (执法人员) of a unit the actor may see, by name; `name` filters by substring.
  StatusOr<Json> ListUnitOfficers(const domain::Actor& a, const std::string& unit_id, const std::string& name, int page,
                                  int page_size);
  StatusOr<CommandResult> CreateUser(const domain::Actor& a, const NewUser& u);
  StatusOr<CommandResult> ChangeUser(const domain::Actor& a, const std::string& id, const UserChange& c);
  StatusOr<CommandResult> CreateUnit(const domain::Actor& a, const std::string& name, const std::string& code,
                                     const std::string& parent_id);
  Json UserJson(const domain::Actor& a) const;
  StatusOr<domain::Actor> LoadActor(const std::string& user_id);
  StatusOr<std::string> FindUserId(const std::string& username);
  StatusOr<std::string> FindUnitId(const std::string& name_or_id);

  // --- cases (cases.cc)
  StatusOr<CommandResult> OpenCase(const domain::Actor& a, NewCase c);
  StatusOr<Json> ListCases(const domain::Actor& a, const CaseQuery& q);
  // The case as `a` sees it: its JSON with "available_actions" (domain::AvailableActions: what `a` may
  // do now, and why not the rest), both of the same ledger index. GetCaseJson is the JSON text.
  StatusOr<std::string> GetCaseJson(const domain::Actor& a, const std::string& id);
  StatusOr<Json> GetCase(const domain::Actor& a, const std::string& id);
  StatusOr<Json> CaseEvents(const domain::Actor& a, const std::string& id);
  // Decides one action on a case the actor may see (case_actions.cc), and records its events.
  StatusOr<CommandResult> Act(const domain::Actor& a, const std::string& case_id, const CaseAction& action);
  // Runs `decide` on the current state of a case the actor may see, and records its events.
  using Decider = std::function<StatusOr<std::vector<domain::EventDraft>>(const domain::CaseState&)>;
  StatusOr<CommandResult> ActOnCase(const domain::Actor& a, const std::string& case_id, const Decider& decide);
  // --- deadlines (deadlines.cc)
  StatusOr<Json> ListDeadlines(const domain::Actor& a, const DeadlineQuery& q);
  StatusOr<CommandResult> AssignOfficer(const domain::Actor& a, const std::string& case_id, const std::string& user_id);

  // --- approvals (approvals.cc)
  StatusOr<Json> ApprovalInbox(const domain::Actor& a, int page, int page_size);
  StatusOr<CommandResult> DecideApproval(const domain::Actor& a, const std::string& approval_id,
                                         const std::string& decision, const std::string& opinion);

  // --- the ledger (ledger.cc): hashes only, except Entries (event contents, audit roles only)
  StatusOr<Json> InclusionProof(int64_t index, std::optional<int64_t> size);
  StatusOr<Json> ConsistencyProof(int64_t from, std::optional<int64_t> to);
  StatusOr<Json> LedgerEntries(const domain::Actor& a, int64_t start, int64_t count);

  // --- checkpoints (checkpoints.cc): signed tree heads, C2SP signed-note text
  // Signs the current tree head if the log grew since the last checkpoint. Refuses (and logs) a head
  // not consistent with the last one signed. The checkpointer thread calls it every interval.
  Status SignCheckpoint();
  StatusOr<std::string> LatestCheckpointNote();
  StatusOr<std::string> CheckpointNote(int64_t size);
  StatusOr<Json> ListCheckpoints(int64_t after, int64_t count);
  Json LedgerKeysJson() const;
  // Event `index` as a C2SP tlog-proof against the latest checkpoint, with the event bytes as its
  // extra data. Reveals the event: audit roles, or a user who may see the event's case.
  StatusOr<std::string> ProofBundle(const domain::Actor& a, int64_t index);
  const LedgerKeys& ledger_keys() const { return keys_; }

  // --- uploads (uploads.cc): tus resumable uploads of media records
  StatusOr<UploadInfo> CreateUpload(const Uploader& who, int64_t length, const std::map<std::string, std::string>& meta,
                                    const std::string& raw_metadata);
  StatusOr<UploadInfo> GetUpload(const Uploader& who, const std::string& id);
  // Starts receiving bytes at `offset` (must equal the committed offset: Conflict offset_mismatch).
  // Locked (code "locked") while another PATCH of the same upload runs.
  StatusOr<std::unique_ptr<UploadPatch>> BeginPatch(const Uploader& who, const std::string& id, int64_t offset,
                                                    std::optional<ChecksumSpec> checksum);
  // Deletes an unfinished upload (tus termination); a completed one is refused.
  Status TerminateUpload(const Uploader& who, const std::string& id);
  // Registers a refused upload (not audio or video) as an attachment (附件) instead.
  StatusOr<UploadInfo> RegisterUploadAsAttachment(const Uploader& who, const std::string& id);
  // Deletes unfinished uploads past their expiry; returns how many.
  StatusOr<int> ExpireUploads();

  // --- body cameras and collection stations (devices.cc), admin only except AuthenticateStation
  StatusOr<CommandResult> RegisterDevice(const domain::Actor& a, const std::string& serial, const std::string& model,
                                         const std::string& officer);
  StatusOr<CommandResult> ChangeDevice(const domain::Actor& a, const std::string& id,
                                       std::optional<std::string> officer, std::optional<bool> active);
  StatusOr<Json> GetDevice(const std::string& id_or_serial);
  StatusOr<Json> ListDevices(const domain::Actor& a, int page, int page_size);
  // Registers a station and issues its token, returned this once: {"station", "token", "events"}.
  StatusOr<Json> RegisterStation(const domain::Actor& a, const std::string& name, const std::string& location,
                                 const std::string& unit_id);
  StatusOr<Json> ListStations(const domain::Actor& a);
  StatusOr<CommandResult> RevokeStation(const domain::Actor& a, const std::string& id);
  StatusOr<Uploader> AuthenticateStation(const std::string& token);

  // --- media records (media.cc)
  // Records RecordAccessed and returns a ticket for GET .../content (Range requests need no further
  // events): {"url", "expires_at", "record"}.
  StatusOr<Json> AccessMedia(const domain::Actor& a, const std::string& record_id, const std::string& purpose,
                             const std::string& reason);
  struct MediaFile {
    std::string sha256, content_type, file_name, purpose;
    int64_t size = 0;
    bool playable = false;  // audio or video by its container: may be shown inline
  };
  // Bytes [offset, offset + length) of a media record's blob, opened by OpenMediaByTicket.
  StatusOr<std::unique_ptr<ByteReader>> ReadMedia(const MediaFile& f, int64_t offset, int64_t length);
  StatusOr<MediaFile> OpenMediaByTicket(const std::string& record_id, const std::string& ticket);
  // Records registered more than 24 hours after capture ended (Art. 33), for an officer, a device or
  // a case the actor may see.
  StatusOr<Json> LateMedia(const domain::Actor& a, const std::string& officer_id, const std::string& device_id,
                           int page, int page_size);

  // --- operations
  StatusOr<int64_t> EventCount();
  store::Writer& writer() { return *writer_; }
  blob::BlobStore& blobs() { return *blobs_; }
  store::ReadPool& reads() { return *reads_; }

  // Records set-up events (units, users) as the system actor; used by init and the demo.
  StatusOr<CommandResult> RecordSystem(std::vector<domain::Event> events);

 private:
  App(const Options& options, const Clock& clock);
  StatusOr<std::shared_ptr<const domain::UnitTree>> Units();
  // The one authorization decision (domain/authorization.h), given the unit tree.
  Status Allow(const domain::Actor& a, domain::Action action, const domain::Resource& r = domain::NoResource());
  void DirectoryChanged() { directory_generation_++; }
  // Unit ids visible to `a` (nullopt: all).
  StatusOr<std::optional<std::vector<std::string>>> VisibleUnits(const domain::Actor& a);
  // Ends a session in memory and in the database.
  Status ForgetSession(const std::string& token_hash);
  // Records the decided events as `a` (or as `as` when given: a collection station).
  StatusOr<CommandResult> Record(
      const domain::Actor& a, const std::string& case_id,
      const std::function<StatusOr<std::vector<domain::EventDraft>>(store::WriteTx&)>& decide, bool directory,
      const domain::ActorRef* as = nullptr);

  void CheckpointLoop();
  // Uploads (uploads.cc).
  friend class UploadPatch;
  Status RecoverUploads();
  StatusOr<UploadInfo> LoadUpload(const std::string& id);
  std::shared_ptr<UploadSlot> Slot(const std::string& id);
  // Keeps the slot (and its running digests) of an upload between two of its requests, for the
  // kWarmUploads uploads written to last; an upload that drops out has its digests rebuilt from the
  // file by its next request.
  void KeepWarm(std::shared_ptr<UploadSlot> slot);
  static constexpr size_t kWarmUploads = 64;
  Status CommitOffset(const std::string& id, int64_t offset);
  // Hashes, probes, adopts and registers a fully received upload. Idempotent: resumes after a crash.
  StatusOr<UploadInfo> FinishUpload(const std::string& id, std::unique_ptr<blob::ContentHasher> hasher,
                                    std::optional<domain::MediaKind> force_kind = std::nullopt);
  std::string PartPath(const std::string& upload_id) const;
  // Refuses (507 insufficient_storage) when the disk's free space, less the reserve, cannot take
  // `more` bytes on top of what unfinished uploads still have to write.
  Status CheckDiskFor(int64_t more);
  StatusOr<domain::CaseState> LoadCaseState(const std::string& case_id);
  // NotFound, or PermissionDenied unless `a` may see the case.
  Status RequireVisibleCase(const domain::Actor& a, const std::string& case_id);
  // The state of a case as of ledger index `last_index`, folded once and cached by that index.
  StatusOr<std::shared_ptr<const domain::CaseState>> CaseStateAt(const std::string& case_id, int64_t last_index);

  Options options_;
  const Clock& clock_;
  LedgerKeys keys_;
  std::mutex sign_mu_;  // one signer at a time
  Wakeup checkpointer_stop_;
  std::thread checkpointer_;
  std::unique_ptr<store::Writer> writer_;
  std::unique_ptr<store::ReadPool> reads_;
  std::unique_ptr<blob::BlobStore> blobs_;
  SessionStore sessions_;
  LoginThrottle throttle_;

  std::atomic<int64_t> directory_generation_{0};
  std::mutex units_mu_;
  std::shared_ptr<const domain::UnitTree> units_;
  int64_t units_generation_ = -1;
  std::mutex slots_mu_;
  std::map<std::string, std::weak_ptr<UploadSlot>> slots_;
  std::deque<std::shared_ptr<UploadSlot>> warm_slots_;  // most recent first
  struct MediaTicket {
    std::string record_id, user_id, purpose;
    TimePoint expires;
  };
  std::mutex tickets_mu_;
  std::map<std::string, MediaTicket> tickets_;  // token hash -> ticket
  std::mutex case_states_mu_;
  std::unordered_map<std::string, std::shared_ptr<const domain::CaseState>> case_states_;  // case id -> latest folded
  std::mutex actors_mu_;
  std::unordered_map<std::string, std::pair<int64_t, domain::Actor>> actors_;  // user id -> (generation, actor)
};

// True for a collection station's token ("qcst_" + 64 hex), as opposed to a user's session token.
bool IsStationToken(const std::string& token);

// The system actor that records set-up events.
domain::ActorRef SystemActor();

}  // namespace qc::app
