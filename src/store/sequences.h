// Gap-free number sequences per (scope, kind, year): case numbers (立案编号) today, the 文号 of the
// written records next. Each number is one indexed read and one upsert, whatever the number of cases
// (the highest existing number was found by sorting every case of the unit and year: O(n) inside the
// single writer).
//
//   QC_ASSIGN_OR_RETURN(int64_t n, NextInSequence(tx.db(), unit_id, "case", 2026, seed));
//
// Must run inside the writer's transaction that records the numbered thing: a job rolled back to its
// savepoint takes its number back with it, so numbers stay gap-free.
#pragma once

#include <cstdint>
#include <functional>
#include <string>

#include "common/status.h"
#include "store/db.h"

namespace qc::store {

// The next number of the sequence. `seed` gives the last number already used when the sequence has
// no row yet (a data directory from before sequences, or a new year): it is called at most once per
// sequence.
StatusOr<int64_t> NextInSequence(Db& db, const std::string& scope, const std::string& kind, int year,
                                 const std::function<StatusOr<int64_t>()>& seed);

// The highest sequence number among the case numbers "<prefix><digits>号" of a unit: the seed of its
// case sequence. Reads every case of the unit and year once.
StatusOr<int64_t> HighestCaseNumber(Db& db, const std::string& unit_id, const std::string& prefix);

// A unit's number code ("易公一队"), or NotFound naming unit_id.
StatusOr<std::string> UnitCode(Db& db, const std::string& unit_id);

}  // namespace qc::store
