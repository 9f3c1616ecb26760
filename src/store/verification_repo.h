// The ledger verifications users recorded (LedgerVerified events): no table, read from the log through
// the partial index events_ledger_verified (schema.cc), like the calendar.
#pragma once

#include <optional>
#include <string>

#include "common/status.h"
#include "domain/event.h"
#include "store/db.h"

namespace qc::store {

// The latest LedgerVerified event recorded by `user_id`, or nullopt.
StatusOr<std::optional<domain::Event>> LatestLedgerVerification(Db& db, const std::string& user_id);

}  // namespace qc::store
