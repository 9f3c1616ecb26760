// A data directory with the demo (init --demo), opened as an App: the fixture of the tests that drive
// the use cases.
#pragma once

#include <memory>
#include <stdexcept>
#include <string>

#include "app/app.h"
#include "app/setup.h"

namespace qc::testing {

inline std::unique_ptr<app::App> OpenDemoApp(const std::string& data_dir, const Clock& clock) {
  app::InitOptions o;
  o.data_dir = data_dir;
  o.demo = true;
  if (Status st = app::InitDataDir(o, clock); !st.ok()) throw std::runtime_error("init: " + st.ToString());
  app::Options ao;
  ao.data_dir = data_dir;
  auto a = app::App::Open(ao, clock);
  if (!a.ok()) throw std::runtime_error("open: " + a.status().ToString());
  return std::move(*a);
}

}  // namespace qc::testing
