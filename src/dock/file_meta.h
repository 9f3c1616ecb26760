// The tus Upload-Metadata a collection station sends for one file: the station's defaults (the
// case, the act, whether the parties were told: flags of `quancheng dock`), overridden per file by
// an optional sidecar `<file>.qc.json` that the station's operator (or the camera software) writes
// next to it, e.g. {"case_id": "…", "act": "seizure", "parties_informed": true}. Capture times come
// from the sidecar, else from the container (creation time + duration, read with libavformat), else
// the file's modification time is taken as the capture end.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "common/clock.h"
#include "common/status.h"

namespace qc::dock {

struct MetaDefaults {
  std::string device;  // the camera: id or serial
  std::string case_id, act, stage, officer;
  std::optional<bool> parties_informed;
};

struct FileMeta {
  std::vector<std::pair<std::string, std::string>> pairs;  // key, value (not yet base64)
  bool has_case = false;
};

constexpr char kSidecarSuffix[] = ".qc.json";

// What a file's metadata is made from (its sidecar's bytes and the defaults), as a short hash: a
// refused file is retried when this changes.
std::string MetaStamp(const std::string& path, const MetaDefaults& defaults);

// Errors name the sidecar key at fault ("sidecar.act").
StatusOr<FileMeta> BuildFileMeta(const std::string& path, const std::string& name, int64_t mtime_ns,
                                 const MetaDefaults& defaults);

}  // namespace qc::dock
