// Rebuilding projections from the events alone, and comparing two sets of projections row by row.
#pragma once

#include <string>
#include <vector>

#include "common/status.h"
#include "store/db.h"

namespace qc::store {

// Replays every event of `source` into the projection tables of `target` (a fresh, empty database:
// the projection DDL is created there). Stops at the first event that cannot be applied.
Status RebuildProjections(Db& source, Db& target);

// One line per difference, "table key: only in live" / "... differs" / "... only in rebuilt",
// comparing `live`'s projection tables with the same tables of `rebuilt`. Empty when equal.
StatusOr<std::vector<std::string>> CompareProjections(Db& live, Db& rebuilt);

}  // namespace qc::store
