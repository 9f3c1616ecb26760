#include "store/event_log.h"

#include "store/query.h"

#include "crypto/hash.h"
#include "ledger/merkle.h"

namespace qc::store {
namespace {

StatusOr<domain::Event> Decode(const std::string& bytes, int64_t idx) {
  QC_ASSIGN_OR_RETURN(Json j, ParseJson(bytes));
  QC_ASSIGN_OR_RETURN(domain::Event e, domain::EventFromJson(std::move(j)));
  e.index = idx;
  return e;
}

}  // namespace

StatusOr<int64_t> EventLog::Size() {
  QC_ASSIGN_OR_RETURN(Stmt * s, db_.Prepare("SELECT COALESCE(MAX(idx), -1) + 1 FROM events"));
  QC_ASSIGN_OR_RETURN(bool row, s->Step());
  int64_t n = row ? s->Int(0) : 0;
  s->Reset();
  return n;
}

StatusOr<AppendedEvent> EventLog::Append(domain::Event& e) {
  QC_ASSIGN_OR_RETURN(int64_t idx, Size());
  return AppendAt(e, idx);
}

StatusOr<AppendedEvent> EventLog::AppendAt(domain::Event& e, int64_t idx) {
  QC_ASSIGN_OR_RETURN(std::string bytes, CanonicalJson(domain::EventToJson(e)));
  std::string leaf = ledger::HashLeaf(bytes);
  QC_ASSIGN_OR_RETURN(
      Stmt * s, db_.Prepare("INSERT INTO events(idx, type, case_id, at, bytes, leaf_hash) VALUES (?, ?, ?, ?, ?, ?)"));
  s->Bind(1, idx).Bind(2, e.type).Bind(4, FormatRfc3339(e.at)).BindStaticBlob(5, bytes).BindStaticBlob(6, leaf);
  if (e.case_id.empty())
    s->BindNull(3);
  else
    s->Bind(3, e.case_id);
  QC_RETURN_IF_ERROR(s->Run());
  // The perfect subtrees this leaf completes (none when idx is even), O(log n) of them.
  QC_ASSIGN_OR_RETURN(auto nodes, ledger::NodesCompletedBy(static_cast<uint64_t>(idx), leaf, Nodes()));
  for (size_t i = 1; i < nodes.size(); ++i) {
    QC_ASSIGN_OR_RETURN(Stmt * n, db_.Prepare("INSERT INTO tree_nodes(level, idx, hash) VALUES (?, ?, ?)"));
    n->Bind(1, nodes[i].level).Bind(2, static_cast<int64_t>(nodes[i].index)).BindStaticBlob(3, nodes[i].hash);
    QC_RETURN_IF_ERROR(n->Run());
  }
  e.index = idx;
  return AppendedEvent{idx, e.type, std::move(leaf)};
}

ledger::NodeReader EventLog::Nodes() {
  return [this](int level, uint64_t index) -> StatusOr<std::string> {
    QC_ASSIGN_OR_RETURN(Stmt * s, level == 0
                                      ? db_.Prepare("SELECT leaf_hash FROM events WHERE idx = ?1")
                                      : db_.Prepare("SELECT hash FROM tree_nodes WHERE level = ?2 AND idx = ?1"));
    s->Bind(1, static_cast<int64_t>(index));
    if (level != 0) s->Bind(2, level);
    QC_ASSIGN_OR_RETURN(bool row, s->Step());
    std::string h = row ? s->Blob(0) : "";
    s->Reset();
    if (!row) return Status::Internal("账本缺少节点 (" + std::to_string(level) + ", " + std::to_string(index) + ")");
    return h;
  };
}

StatusOr<std::string> EventLog::Root(int64_t size) {
  QC_ASSIGN_OR_RETURN(int64_t n, Size());
  if (size < 0 || size > n) return Status::InvalidArgument("invalid_field", "树的大小超出账本", "size");
  return ledger::RootAt(static_cast<uint64_t>(size), Nodes());
}

StatusOr<std::vector<std::string>> EventLog::InclusionProof(int64_t index, int64_t size) {
  QC_ASSIGN_OR_RETURN(int64_t n, Size());
  if (size < 0 || size > n) return Status::InvalidArgument("invalid_field", "树的大小超出账本", "size");
  if (index < 0) return Status::InvalidArgument("invalid_field", "叶子序号无效", "index");
  return ledger::InclusionProof(static_cast<uint64_t>(index), static_cast<uint64_t>(size), Nodes());
}

StatusOr<std::vector<std::string>> EventLog::ConsistencyProof(int64_t size1, int64_t size2) {
  QC_ASSIGN_OR_RETURN(int64_t n, Size());
  if (size2 < 0 || size2 > n) return Status::InvalidArgument("invalid_field", "树的大小超出账本", "to");
  if (size1 < 0) return Status::InvalidArgument("invalid_field", "树的大小无效", "from");
  return ledger::ConsistencyProof(static_cast<uint64_t>(size1), static_cast<uint64_t>(size2), Nodes());
}

StatusOr<std::vector<domain::Event>> EventLog::ReadCase(const std::string& case_id, int64_t before) {
  QC_ASSIGN_OR_RETURN(Stmt * s,
                      db_.Prepare("SELECT idx, bytes FROM events WHERE case_id = ? AND idx < ? ORDER BY idx"));
  s->Bind(1, case_id).Bind(2, before < 0 ? INT64_MAX : before);
  std::vector<domain::Event> out;
  for (;;) {
    QC_ASSIGN_OR_RETURN(bool row, s->Step());
    if (!row) break;
    QC_ASSIGN_OR_RETURN(domain::Event e, Decode(s->Blob(1), s->Int(0)));
    out.push_back(std::move(e));
  }
  s->Reset();
  return out;
}

StatusOr<std::vector<StoredEvent>> EventLog::ReadCaseStored(const std::string& case_id) {
  QC_ASSIGN_OR_RETURN(Stmt * s, db_.Prepare("SELECT idx, bytes, leaf_hash FROM events WHERE case_id = ? ORDER BY idx"));
  s->Bind(1, case_id);
  std::vector<StoredEvent> out;
  QC_RETURN_IF_ERROR(ForEachRow(*s, [&](Stmt& r) -> Status {
    std::string bytes = r.Blob(1);
    QC_ASSIGN_OR_RETURN(domain::Event e, Decode(bytes, r.Int(0)));
    out.push_back({std::move(e), std::move(bytes), r.Blob(2)});
    return Status();
  }));
  return out;
}

Status EventLog::ScanStored(
    const std::function<Status(int64_t index, std::string_view bytes, std::string_view leaf_hash)>& f) {
  QC_ASSIGN_OR_RETURN(Stmt * s, db_.Prepare("SELECT idx, bytes, leaf_hash FROM events ORDER BY idx"));
  return ForEachRow(*s, [&](Stmt& r) { return f(r.Int(0), r.Blob(1), r.Blob(2)); });
}

Status EventLog::ScanType(const std::string& type,
                          const std::function<Status(int64_t index, std::string_view bytes)>& f) {
  QC_ASSIGN_OR_RETURN(Stmt * s, db_.Prepare("SELECT idx, bytes FROM events WHERE type = ? ORDER BY idx"));
  s->Bind(1, type);
  return ForEachRow(*s, [&](Stmt& r) { return f(r.Int(0), r.Blob(1)); });
}

StatusOr<int64_t> EventLog::TreeNodeCount() {
  QC_ASSIGN_OR_RETURN(Stmt * s, db_.Prepare("SELECT count(*) FROM tree_nodes"));
  return ReadInt(*s);
}

StatusOr<std::optional<std::pair<int, int64_t>>> EventLog::FirstTreeNodeBeyond(int64_t size) {
  QC_ASSIGN_OR_RETURN(
      Stmt * s,
      db_.Prepare("SELECT level, idx FROM tree_nodes WHERE ((idx + 1) << level) > ? ORDER BY level, idx LIMIT 1"));
  s->Bind(1, size);
  return ReadFirst<std::pair<int, int64_t>>(*s, [](Stmt& r) {
    return std::pair<int, int64_t>{static_cast<int>(r.Int(0)), r.Int(1)};
  });
}

Status EventLog::ScanTreeLevel(int level, int64_t below,
                               const std::function<Status(int64_t index, std::string_view hash)>& f) {
  QC_ASSIGN_OR_RETURN(Stmt * s,
                      db_.Prepare("SELECT idx, hash FROM tree_nodes WHERE level = ? AND idx < ? ORDER BY idx"));
  s->Bind(1, level).Bind(2, below);
  return ForEachRow(*s, [&](Stmt& r) { return f(r.Int(0), r.Blob(1)); });
}

StatusOr<std::vector<StoredEvent>> EventLog::ReadRange(int64_t start, int64_t count) {
  QC_ASSIGN_OR_RETURN(Stmt * s,
                      db_.Prepare("SELECT idx, bytes, leaf_hash FROM events WHERE idx >= ? ORDER BY idx LIMIT ?"));
  s->Bind(1, start).Bind(2, count);
  std::vector<StoredEvent> out;
  for (;;) {
    QC_ASSIGN_OR_RETURN(bool row, s->Step());
    if (!row) break;
    std::string bytes = s->Blob(1);
    QC_ASSIGN_OR_RETURN(domain::Event e, Decode(bytes, s->Int(0)));
    out.push_back({std::move(e), std::move(bytes), s->Blob(2)});
  }
  s->Reset();
  return out;
}

}  // namespace qc::store
