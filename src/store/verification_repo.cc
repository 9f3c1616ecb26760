#include "store/verification_repo.h"

namespace qc::store {

StatusOr<std::optional<domain::Event>> LatestLedgerVerification(Db& db, const std::string& user_id) {
  // The literal type lets SQLite use the partial index events_ledger_verified.
  QC_ASSIGN_OR_RETURN(Stmt * s, db.Prepare("SELECT idx, bytes FROM events WHERE type = 'LedgerVerified' AND "
                                           "json_extract(CAST(bytes AS TEXT), '$.actor.id') = ? ORDER BY idx DESC "
                                           "LIMIT 1"));
  s->Bind(1, user_id);
  QC_ASSIGN_OR_RETURN(bool row, s->Step());
  std::optional<domain::Event> out;
  if (row) {
    int64_t idx = s->Int(0);
    auto j = ParseJson(s->Blob(1));
    if (j.ok()) {
      auto e = domain::EventFromJson(std::move(*j));
      if (e.ok()) {
        e->index = idx;
        out = std::move(*e);
      }
    }
  }
  s->Reset();
  return out;
}

}  // namespace qc::store
