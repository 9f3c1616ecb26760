#include "store/projector.h"

#include "store/event_log.h"

namespace qc::store {

using domain::CaseState;
using domain::Event;

StatusOr<const CaseState*> Projector::LoadCase(Db& db, const std::string& case_id, int64_t before) {
  auto it = cache_.find(case_id);
  if (it != cache_.end()) return &it->second;
  EventLog log(db);
  QC_ASSIGN_OR_RETURN(auto events, log.ReadCase(case_id, before));
  if (events.empty()) return Status::NotFound("案件不存在", "case_id");
  CaseState c;
  for (const auto& e : events) QC_RETURN_IF_ERROR(domain::Apply(c, e));
  if (cache_.size() >= kMaxCached) cache_.erase(cache_.begin());
  auto [pos, _] = cache_.emplace(case_id, std::move(c));
  return &pos->second;
}

Status Projector::Apply(Db& db, const Event& e) {
  if (e.case_id.empty()) return ApplyDirectory(db, e);
  CaseState* c;
  if (e.type == "CaseOpened") {
    cache_.erase(e.case_id);
    if (cache_.size() >= kMaxCached) cache_.erase(cache_.begin());
    c = &cache_[e.case_id];
  } else {
    QC_ASSIGN_OR_RETURN(const CaseState* loaded, LoadCase(db, e.case_id, e.index));
    c = const_cast<CaseState*>(loaded);  // owned by cache_
  }
  Status st = domain::Apply(*c, e);
  if (!st.ok()) {
    cache_.erase(e.case_id);
    return st;
  }
  return WriteCase(db, *c);
}

Status Projector::ApplyDirectory(Db& db, const Event& e) {
  const Json& d = e.data;
  std::string at = FormatRfc3339(e.at);
  if (e.type == "UnitCreated") {
    QC_ASSIGN_OR_RETURN(Stmt * s, db.Prepare(
        "INSERT INTO units(id, name, parent_id, code, created_at) VALUES (?, ?, ?, ?, ?)"));
    s->Bind(1, d.value("unit_id", "")).Bind(2, d.value("name", "")).Bind(4, d.value("code", "")).Bind(5, at);
    if (d.value("parent_id", "").empty()) s->BindNull(3); else s->Bind(3, d.value("parent_id", ""));
    return s->Run();
  }
  if (e.type == "UserCreated") {
    QC_ASSIGN_OR_RETURN(Stmt * s, db.Prepare(
        "INSERT INTO users(id, username, name, role, unit_id, cert_no, active, created_at, updated_at) "
        "VALUES (?, ?, ?, ?, ?, ?, 1, ?, ?)"));
    s->Bind(1, d.value("user_id", "")).Bind(2, d.value("username", "")).Bind(3, d.value("name", ""))
        .Bind(4, d.value("role", "")).Bind(5, d.value("unit_id", "")).Bind(6, d.value("cert_no", ""))
        .Bind(7, at).Bind(8, at);
    return s->Run();
  }
  if (e.type == "UserChanged") {
    // Only the fields present change.
    for (const char* col : {"name", "role", "unit_id", "cert_no"}) {
      if (!d.contains(col)) continue;
      QC_ASSIGN_OR_RETURN(Stmt * s, db.Prepare(std::string("UPDATE users SET ") + col + " = ?, updated_at = ? WHERE id = ?"));
      s->Bind(1, d[col].get<std::string>()).Bind(2, at).Bind(3, d.value("user_id", ""));
      QC_RETURN_IF_ERROR(s->Run());
    }
    if (d.contains("active")) {
      QC_ASSIGN_OR_RETURN(Stmt * s, db.Prepare("UPDATE users SET active = ?, updated_at = ? WHERE id = ?"));
      s->Bind(1, d["active"].get<bool>()).Bind(2, at).Bind(3, d.value("user_id", ""));
      QC_RETURN_IF_ERROR(s->Run());
    }
    return Status();
  }
  if (e.type == "PasswordChanged") {
    QC_ASSIGN_OR_RETURN(Stmt * s, db.Prepare("UPDATE users SET updated_at = ? WHERE id = ?"));
    s->Bind(1, at).Bind(2, d.value("user_id", ""));
    return s->Run();
  }
  return Status::Internal("未知的事件类型：" + e.type);
}

Status Projector::WriteCase(Db& db, const CaseState& c) {
  std::string search = c.number + " " + c.title;
  for (const auto& p : c.parties) search += " " + p.value("name", "");
  if (c.complaint.is_object() && c.complaint.contains("complainant"))
    search += " " + c.complaint["complainant"].value("name", "");
  QC_ASSIGN_OR_RETURN(Stmt * s, db.Prepare(
      "INSERT OR REPLACE INTO cases(id, number, unit_id, title, start_mode, stage, status, procedure, major, "
      "urgent, start_approved, created_by, created_at, updated_at, version, last_index, search_text, detail) "
      "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"));
  s->Bind(1, c.id).Bind(2, c.number).Bind(3, c.unit_id).Bind(4, c.title).Bind(5, ToString(c.mode))
      .Bind(6, ToString(c.stage)).Bind(7, ToString(c.status)).Bind(8, ToString(c.procedure)).Bind(9, c.major)
      .Bind(10, c.urgent).Bind(11, c.start_approved).Bind(12, c.created_by.id).Bind(13, FormatRfc3339(c.created_at))
      .Bind(14, FormatRfc3339(c.updated_at)).Bind(15, c.version).Bind(16, c.last_index).BindStatic(17, search);
  std::string detail = domain::CaseToJson(c).dump();
  s->BindStatic(18, detail);
  QC_RETURN_IF_ERROR(s->Run());

  QC_ASSIGN_OR_RETURN(Stmt * del_p, db.Prepare("DELETE FROM case_parties WHERE case_id = ?"));
  QC_RETURN_IF_ERROR(del_p->Bind(1, c.id).Run());
  int pos = 0;
  for (const auto& p : c.parties) {
    QC_ASSIGN_OR_RETURN(Stmt * ins, db.Prepare(
        "INSERT INTO case_parties(case_id, pos, kind, name, id_number) VALUES (?, ?, ?, ?, ?)"));
    ins->Bind(1, c.id).Bind(2, pos++).Bind(3, p.value("kind", "")).Bind(4, p.value("name", ""))
        .Bind(5, p.value("id_number", ""));
    QC_RETURN_IF_ERROR(ins->Run());
  }
  QC_ASSIGN_OR_RETURN(Stmt * del_o, db.Prepare("DELETE FROM case_officers WHERE case_id = ?"));
  QC_RETURN_IF_ERROR(del_o->Bind(1, c.id).Run());
  for (const auto& o : c.officers) {
    QC_ASSIGN_OR_RETURN(Stmt * ins, db.Prepare(
        "INSERT INTO case_officers(case_id, user_id, name, cert_no, lead) VALUES (?, ?, ?, ?, ?)"));
    ins->Bind(1, c.id).Bind(2, o.user_id).Bind(3, o.name).Bind(4, o.cert_no).Bind(5, o.lead);
    QC_RETURN_IF_ERROR(ins->Run());
  }
  for (const auto& a : c.approvals) {
    QC_ASSIGN_OR_RETURN(Stmt * ins, db.Prepare(
        "INSERT OR REPLACE INTO approvals(id, case_id, unit_id, kind, state, round, pending_role, submitted_by, "
        "submitted_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"));
    auto role = a.pending_role();
    ins->Bind(1, a.id).Bind(2, c.id).Bind(3, c.unit_id).Bind(4, a.kind).Bind(5, a.state).Bind(6, a.round)
        .Bind(8, a.steps.empty() ? std::string() : a.steps.front().actor.id).Bind(9, FormatRfc3339(a.submitted_at))
        .Bind(10, FormatRfc3339(a.updated_at));
    if (role) ins->Bind(7, ToString(*role)); else ins->BindNull(7);
    QC_RETURN_IF_ERROR(ins->Run());
  }
  return Status();
}

}  // namespace qc::store
