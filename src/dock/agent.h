// `quancheng dock`: the collection-station agent (采集站). It watches a directory (a docked body
// camera's storage), uploads every settled file with tus, resumes after a network cut or its own
// restart (the upload URL is on disk before the first byte is sent), and deletes the local copy only
// after the server reports the upload registered with the file's SHA-256 and the file is unchanged
// since it was read (Art. 33: officers keep no copies). A file the server refuses stays, with the reason logged once;
// changing its sidecar (or the agent's defaults) retries it.
#pragma once

#include <chrono>
#include <cstdint>
#include <ostream>
#include <string>

#include "common/clock.h"
#include "dock/file_meta.h"
#include "http/client.h"

namespace qc::dock {

struct DockOptions {
  std::string watch_dir;
  std::string state_dir = "dock-state";
  http::Url server;
  std::string token;    // the station's token (qcst_…); never printed
  std::string ca_file;  // https: PEM certificates to trust instead of the system's
  MetaDefaults defaults;
  int64_t chunk_size = int64_t{64} << 20;  // bytes per PATCH (each fsynced by the server)
  int64_t max_rate = 0;                    // bytes per second, 0: no limit
  std::chrono::seconds interval{5};        // between scans
  std::chrono::seconds settle{10};         // a file modified more recently is still being written
  std::chrono::seconds timeout{60};        // per network step
  bool once = false;                       // one pass, then exit
};

// Exit codes of Run.
constexpr int kDockOk = 0;
constexpr int kDockFilesLeft = 1;             // --once: some files were not uploaded (refused, no case, network)
constexpr int kDockBadToken = 3;              // the server does not know the token (revoked?)
constexpr int kDockBadServerCertificate = 4;  // https: the server's certificate cannot be verified

// Runs until killed (or one pass with `once`). Progress and log lines go to `out`.
int RunDock(const DockOptions& options, const Clock& clock, std::ostream& out, bool tty);

}  // namespace qc::dock
