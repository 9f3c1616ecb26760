#include "store/rebuild.h"

#include <map>
#include <unordered_map>

#include "domain/case_state.h"
#include "domain/event.h"
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

Status RebuildProjections(Db& source, Db& target, std::vector<std::string>* failures) {
  QC_RETURN_IF_ERROR(target.Exec(std::string(ProjectionDdl())));
  QC_RETURN_IF_ERROR(target.Exec("BEGIN"));
  // Case events are folded in memory and each case's rows written once (at the end, or when the
  // case is evicted to bound memory): the rows depend only on the case's final state, so this
  // equals applying every event live, at a fraction of the writes.
  constexpr size_t kMaxOpenCases = 65536;
  std::unordered_map<std::string, domain::CaseState> open;
  EventLog log(source);
  // Writes every open case and forgets them (iterating, never erasing from begin() one at a time:
  // that rescans the emptied buckets each time).
  auto flush = [&]() -> Status {
    for (const auto& [id, c] : open) QC_RETURN_IF_ERROR(Projector::WriteCase(target, c));
    open.clear();
    return Status();
  };
  auto replay = [&](int64_t idx, const std::string& bytes) -> Status {
    QC_ASSIGN_OR_RETURN(Json j, ParseJson(bytes));
    QC_ASSIGN_OR_RETURN(domain::Event e, domain::EventFromJson(std::move(j)));
    e.index = idx;
    if (e.case_id.empty()) return Projector::ApplyDirectory(target, e);
    auto it = open.find(e.case_id);
    if (it == open.end()) {
      if (open.size() >= kMaxOpenCases) QC_RETURN_IF_ERROR(flush());
      domain::CaseState c;
      if (e.type != "CaseOpened") {  // evicted earlier: fold its events before this one again
        QC_ASSIGN_OR_RETURN(auto earlier, log.ReadCase(e.case_id, e.index));
        if (earlier.empty()) return Status::NotFound("案件的首个事件缺失：" + e.case_id, "case_id");
        for (const auto& x : earlier) QC_RETURN_IF_ERROR(domain::Apply(c, x));
      }
      it = open.emplace(e.case_id, std::move(c)).first;
    }
    Status st = domain::Apply(it->second, e);
    if (!st.ok()) {
      // Skip the event: the case is refolded from its earlier events, as far as they apply.
      domain::CaseState c;
      auto earlier = log.ReadCase(e.case_id, e.index);
      if (earlier.ok()) {
        for (const auto& x : *earlier) (void)domain::Apply(c, x);
        it->second = std::move(c);
      } else {
        open.erase(it);
      }
    }
    return st;
  };
  QC_ASSIGN_OR_RETURN(Stmt * rows, source.Prepare("SELECT idx, bytes FROM events ORDER BY idx"));
  for (;;) {
    auto row = rows->Step();
    if (!row.ok() || !*row) {
      rows->Reset();
      if (!row.ok()) {
        (void)target.Exec("ROLLBACK");
        return row.status();
      }
      break;
    }
    int64_t idx = rows->Int(0);
    Status st = replay(idx, rows->Blob(1));
    if (st.ok()) continue;
    if (failures != nullptr) {
      failures->push_back("event " + std::to_string(idx) + ": 无法重放：" + st.message());
      continue;
    }
    rows->Reset();
    (void)target.Exec("ROLLBACK");
    return Status::Internal("重放第 " + std::to_string(idx) + " 号事件失败：" + st.message());
  }
  Status flushed = flush();
  if (!flushed.ok()) {
    (void)target.Exec("ROLLBACK");
    return flushed;
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
      if (it == b.end()) diffs.push_back(name + " " + k + ": 只在现存投影中，重放事件得不到此行（投影被篡改）");
      else if (it->second != v) diffs.push_back(name + " " + k + ": 与重放事件的结果不符（投影被篡改）");
    }
    for (const auto& [k, v] : b)
      if (!a.count(k)) diffs.push_back(name + " " + k + ": 现存投影缺少此行（投影被删改）");
  }
  return diffs;
}

}  // namespace qc::store
