#include "store/sequences.h"

#include <algorithm>
#include <cstdlib>

namespace qc::store {

StatusOr<int64_t> NextInSequence(Db& db, const std::string& scope, const std::string& kind, int year,
                                 const std::function<StatusOr<int64_t>()>& seed) {
  QC_ASSIGN_OR_RETURN(Stmt * get,
                      db.Prepare("SELECT last FROM number_sequences WHERE scope = ? AND kind = ? AND year = ?"));
  get->Bind(1, scope).Bind(2, kind).Bind(3, static_cast<int64_t>(year));
  QC_ASSIGN_OR_RETURN(bool row, get->Step());
  int64_t last = row ? get->Int(0) : 0;
  get->Reset();
  if (!row) {
    QC_ASSIGN_OR_RETURN(last, seed());
  }
  QC_ASSIGN_OR_RETURN(Stmt * put,
                      db.Prepare("INSERT INTO number_sequences(scope, kind, year, last) VALUES (?, ?, ?, ?) "
                                 "ON CONFLICT(scope, kind, year) DO UPDATE SET last = excluded.last"));
  QC_RETURN_IF_ERROR(put->Bind(1, scope).Bind(2, kind).Bind(3, static_cast<int64_t>(year)).Bind(4, last + 1).Run());
  return last + 1;
}

StatusOr<int64_t> HighestCaseNumber(Db& db, const std::string& unit_id, const std::string& prefix) {
  // Through the (unit_id, number) index: ':' sorts right after '9', so the range holds exactly the
  // numbers that continue the prefix with digits.
  QC_ASSIGN_OR_RETURN(Stmt * c, db.Prepare("SELECT number FROM cases WHERE unit_id = ? AND number > ? AND number < ?"));
  c->Bind(1, unit_id).Bind(2, prefix).Bind(3, prefix + ":");
  int64_t highest = 0;
  for (;;) {
    QC_ASSIGN_OR_RETURN(bool row, c->Step());
    if (!row) break;
    std::string number = c->Text(0);
    highest = std::max<int64_t>(highest, std::atoll(number.c_str() + prefix.size()));
  }
  c->Reset();
  return highest;
}

StatusOr<std::string> UnitCode(Db& db, const std::string& unit_id) {
  QC_ASSIGN_OR_RETURN(Stmt * u, db.Prepare("SELECT code FROM units WHERE id = ?"));
  u->Bind(1, unit_id);
  QC_ASSIGN_OR_RETURN(bool found, u->Step());
  std::string code = found ? u->Text(0) : "";
  u->Reset();
  if (!found) return Status::InvalidArgument("invalid_field", "单位不存在", "unit_id");
  return code;
}

}  // namespace qc::store
