// The use cases, one service per area, sharing one context (app/context.h): each command checks the
// policy (deny by default), asks domain/ to decide, and appends the resulting events and their
// projections in one transaction through the group-commit writer; queries read projections through
// the read pool.
//
//   auto app = App::Open(options, clock);                     // opens data_dir/quancheng.db
//   auto actor = (*app)->auth().Authenticate(token);          // StatusOr<Actor>
//   auto res = (*app)->cases().OpenCase(*actor, new_case);    // StatusOr<CommandResult>
//
//   auth()       login, sessions, logout                       (auth.h)
//   directory()  units and users                               (directory.h)
//   cases()      cases, actions on them, approvals, deadlines  (case_service.h)
//   ledger()     proofs, entries, signed checkpoints            (ledger_service.h)
//   devices()    body cameras and collection stations         (devices.h)
//   uploads()    tus uploads of media records                  (uploads.h)
//   media()      access to media records, late footage         (media_service.h)
//
// Thread-safe: every method of every service may be called from any thread.
#pragma once

#include <memory>
#include <thread>

#include "app/auth.h"
#include "app/case_service.h"
#include "app/context.h"
#include "app/devices.h"
#include "app/directory.h"
#include "app/ledger_service.h"
#include "app/media_service.h"
#include "app/uploads.h"

namespace qc::app {

class App {
 public:
  static StatusOr<std::unique_ptr<App>> Open(const Options& options, const Clock& clock);
  ~App();

  const Clock& clock() const { return ctx_->clock; }
  const Options& options() const { return ctx_->options; }

  AuthService& auth() { return *auth_; }
  DirectoryService& directory() { return *directory_; }
  CaseService& cases() { return *cases_; }
  LedgerService& ledger() { return *ledger_; }
  DeviceService& devices() { return *devices_; }
  UploadService& uploads() { return *uploads_; }
  MediaService& media() { return *media_; }
  // The document types (app/catalogue.h), loaded when the app opened.
  const domain::Catalogue& catalogue() const { return *ctx_->catalogue; }

  // --- operations
  store::Writer& writer() { return *ctx_->writer; }
  blob::BlobStore& blobs() { return *ctx_->blobs; }
  store::ReadPool& reads() { return *ctx_->reads; }
  // Records set-up events (units, users) as the system actor; used by init and the demo.
  StatusOr<CommandResult> RecordSystem(std::vector<domain::Event> events) {
    return ctx_->RecordSystem(std::move(events));
  }

 private:
  App(const Options& options, const Clock& clock);
  // While serving: signs a checkpoint every interval (the only signer then, so checkpoints are at
  // least one interval apart by construction) and expires unfinished uploads once a minute.
  void CheckpointLoop();

  std::unique_ptr<AppContext> ctx_;
  std::unique_ptr<AuthService> auth_;
  std::unique_ptr<DirectoryService> directory_;
  std::unique_ptr<CaseService> cases_;
  std::unique_ptr<LedgerService> ledger_;
  std::unique_ptr<DeviceService> devices_;
  std::unique_ptr<UploadService> uploads_;
  std::unique_ptr<MediaService> media_;
  Wakeup checkpointer_stop_;
  std::thread checkpointer_;
};

}  // namespace qc::app
