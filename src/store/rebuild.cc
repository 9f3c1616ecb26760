#include "store/rebuild.h"

#include <map>

#include "store/event_log.h"
#include "store/projector.h"
#include "store/schema.h"

namespace qc::store {
namespace {

// All rows of a table keyed by its key columns; each row rendered with its column values.
StatusOr<std::map<std::string, std::string>> ReadTable(Db& db, const ProjectionTable& t) {
  std::string sql = "SELECT * FROM " + std::string(t.name) + " ORDER BY " + std::string(t.key_columns);
  QC_ASSIGN_OR_RETURN(Stmt * s, db.Prepare(sql));
  // Key column count = commas + 1.
  int nkeys = 1;
  for (char ch : t.key_columns) nkeys += ch == ',';
  std::map<std::string, std::string> rows;
  for (;;) {
    QC_ASSIGN_OR_RETURN(bool row, s->Step());
    if (!row) break;
    std::string key, value;
    for (int i = 0; i < s->ColumnCount(); ++i) {
      std::string v = s->IsNull(i) ? "\x01NULL" : s->Text(i);
      if (i < nkeys) key += (i ? "/" : "") + v;
      value += v + '\x1f';
    }
    rows.emplace(std::move(key), std::move(value));
  }
  s->Reset();
  return rows;
}

}  // namespace

Status RebuildProjections(Db& source, Db& target) {
  QC_RETURN_IF_ERROR(target.Exec(std::string(ProjectionDdl())));
  QC_RETURN_IF_ERROR(target.Exec("BEGIN"));
  Projector projector;
  EventLog log(source);
  constexpr int64_t kChunk = 2048;
  for (int64_t start = 0;; start += kChunk) {
    QC_ASSIGN_OR_RETURN(auto chunk, log.ReadRange(start, kChunk));
    for (const auto& se : chunk) {
      // A case's earlier events are folded from `source` only on a cache miss; `before` keeps that fold
      // from seeing the event being applied.
      Status st = se.event.case_id.empty() ? projector.Apply(target, se.event) : Status();
      if (!se.event.case_id.empty()) {
        if (se.event.type != "CaseOpened") {
          auto loaded = projector.LoadCase(source, se.event.case_id, se.event.index);
          if (!loaded.ok()) st = loaded.status();
        }
        if (st.ok()) st = projector.Apply(target, se.event);
      }
      if (!st.ok()) {
        (void)target.Exec("ROLLBACK");
        return Status::Internal("重放第 " + std::to_string(se.event.index) + " 号事件失败：" + st.message());
      }
    }
    if (static_cast<int64_t>(chunk.size()) < kChunk) break;
  }
  return target.Exec("COMMIT");
}

StatusOr<std::vector<std::string>> CompareProjections(Db& live, Db& rebuilt) {
  std::vector<std::string> diffs;
  for (const auto& t : kProjectionTables) {
    QC_ASSIGN_OR_RETURN(auto a, ReadTable(live, t));
    QC_ASSIGN_OR_RETURN(auto b, ReadTable(rebuilt, t));
    std::string name(t.name);
    for (const auto& [k, v] : a) {
      auto it = b.find(k);
      if (it == b.end()) diffs.push_back(name + " " + k + ": only in live projection");
      else if (it->second != v) diffs.push_back(name + " " + k + ": differs from replayed events");
    }
    for (const auto& [k, v] : b)
      if (!a.count(k)) diffs.push_back(name + " " + k + ": missing from live projection");
  }
  return diffs;
}

}  // namespace qc::store
