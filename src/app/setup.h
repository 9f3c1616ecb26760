// Creating a data directory (`quancheng init`) and loading the demo (`init --demo`).
//
//   data/quancheng.db   events, projections, credentials, sessions (SQLite, WAL)
//   data/blobs/         content-addressed media (sha256/ab/cd/<hash>), see DESIGN.md
//   data/keys/          signing keys, mode 0700 (keys themselves 0600)
#pragma once

#include <string>

#include "app/app.h"

namespace qc::app {

struct InitOptions {
  std::string data_dir = "data";
  std::string root_unit = "易县公安局";
  std::string root_code = "易公";
  bool demo = false;
  std::string origin = "yixian.gaj/quancheng";  // the log's name in checkpoints and keys
};

// Refuses a data directory whose database already holds events (AlreadyInitialized: Conflict).
Status InitDataDir(const InitOptions& options, const Clock& clock);

// The demo: two 执法队, one user per role (password Demo@2026), three cases (SCENARIOS.md A, B, C).
// Requires the root unit; officers of the demo act through the same use cases as the API.
Status LoadDemo(App& app, const std::string& root_unit_id);

inline constexpr const char* kDemoPassword = "Demo@2026";

}  // namespace qc::app
