// Rebuilding projections from the events alone, and comparing two sets of projections row by row.
#pragma once

#include <string>
#include <vector>

#include "common/status.h"
#include "store/db.h"

namespace qc::store {

// Replays every event of `source` into the projection tables of `target` (a fresh, empty database:
// the projection DDL is created there). Stops at the first event that cannot be applied, unless
// `failures` is given: then each such event is noted there ("event 12: ...") and skipped.
Status RebuildProjections(Db& source, Db& target, std::vector<std::string>* failures = nullptr);

// Replays every event of `live` and compares the result with its projection tables, without
// writing the case tables anywhere (their rows are rendered in memory): what `quancheng verify`
// uses. Events that cannot be replayed and rows that differ each give one line.
StatusOr<std::vector<std::string>> VerifyProjections(Db& live);

// One line per difference, "table key: <说明>" (only in live / differs / only in the rebuilt tables),
// comparing `live`'s projection tables with the same tables of `rebuilt`. Empty when equal.
StatusOr<std::vector<std::string>> CompareProjections(Db& live, Db& rebuilt);

}  // namespace qc::store
