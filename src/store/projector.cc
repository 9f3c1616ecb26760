#include "store/projector.h"

#include "domain/deadlines.h"
#include "store/calendar_repo.h"
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

StatusOr<const domain::WorkCalendar*> Projector::Calendar(Db& db) {
  if (!calendar_) {
    QC_ASSIGN_OR_RETURN(domain::WorkCalendar cal, LoadWorkCalendar(db));
    calendar_ = std::move(cal);
  }
  return &*calendar_;
}

Status Projector::CalendarChanged(Db& db, const Event& e) {
  QC_ASSIGN_OR_RETURN(const domain::WorkCalendar* loaded, Calendar(db));
  (void)loaded;
  calendar_->Set(domain::CalendarYearFromJson(e.data));
  // Deadlines and 视为受理 of application cases count in working days: render them again.
  std::vector<std::string> ids;
  QC_ASSIGN_OR_RETURN(Stmt * s, db.Prepare("SELECT id FROM cases WHERE start_mode = 'application' ORDER BY id"));
  for (;;) {
    QC_ASSIGN_OR_RETURN(bool row, s->Step());
    if (!row) break;
    ids.push_back(s->Text(0));
  }
  s->Reset();
  for (const auto& id : ids) {
    QC_ASSIGN_OR_RETURN(const CaseState* c, LoadCase(db, id));
    QC_RETURN_IF_ERROR(WriteCase(db, *c, *calendar_));
  }
  return Status();
}

Status Projector::Apply(Db& db, const Event& e) {
  if (e.case_id.empty()) {
    try {
      QC_RETURN_IF_ERROR(ApplyDirectory(db, e));
      if (e.type == "CalendarYearSet") return CalendarChanged(db, e);
      return Status();
    } catch (const std::exception& ex) {  // a field of the wrong type
      return Status::Internal("事件 " + std::to_string(e.index) + "（" + e.type + "）数据格式错误：" + ex.what());
    }
  }
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
  QC_ASSIGN_OR_RETURN(const domain::WorkCalendar* cal, Calendar(db));
  return WriteCase(db, *c, *cal);
}

Status Projector::ApplyDirectory(Db& db, const Event& e) {
  const Json& d = e.data;
  std::string at = FormatRfc3339(e.at);
  if (e.type == "UnitCreated") {
    QC_ASSIGN_OR_RETURN(Stmt * s, db.Prepare("INSERT INTO units(id, name, parent_id, code, created_at, "
                                             "enforcement_body) VALUES (?, ?, ?, ?, ?, ?)"));
    // Events recorded before the flag: the top unit is the enforcement body.
    bool body = d.value("enforcement_body", d.value("parent_id", "").empty());
    s->Bind(1, d.value("unit_id", "")).Bind(2, d.value("name", "")).Bind(4, d.value("code", "")).Bind(5, at);
    s->Bind(6, int64_t(body ? 1 : 0));
    if (d.value("parent_id", "").empty())
      s->BindNull(3);
    else
      s->Bind(3, d.value("parent_id", ""));
    return s->Run();
  }
  if (e.type == "UserCreated") {
    QC_ASSIGN_OR_RETURN(
        Stmt * s,
        db.Prepare("INSERT INTO users(id, username, name, role, unit_id, cert_no, active, created_at, updated_at, "
                   "auxiliary) VALUES (?, ?, ?, ?, ?, ?, 1, ?, ?, ?)"));
    s->Bind(1, d.value("user_id", ""))
        .Bind(2, d.value("username", ""))
        .Bind(3, d.value("name", ""))
        .Bind(4, d.value("role", ""))
        .Bind(5, d.value("unit_id", ""))
        .Bind(6, d.value("cert_no", ""))
        .Bind(7, at)
        .Bind(8, at)
        .Bind(9, int64_t(d.value("auxiliary", false) ? 1 : 0));
    return s->Run();
  }
  if (e.type == "UserChanged") {
    // Only the fields present change.
    for (const char* col : {"name", "role", "unit_id", "cert_no"}) {
      if (!d.contains(col)) continue;
      QC_ASSIGN_OR_RETURN(Stmt * s,
                          db.Prepare(std::string("UPDATE users SET ") + col + " = ?, updated_at = ? WHERE id = ?"));
      s->Bind(1, d[col].get<std::string>()).Bind(2, at).Bind(3, d.value("user_id", ""));
      QC_RETURN_IF_ERROR(s->Run());
    }
    for (const char* col : {"active", "auxiliary"}) {
      if (!d.contains(col)) continue;
      QC_ASSIGN_OR_RETURN(Stmt * s,
                          db.Prepare(std::string("UPDATE users SET ") + col + " = ?, updated_at = ? WHERE id = ?"));
      s->Bind(1, d[col].get<bool>()).Bind(2, at).Bind(3, d.value("user_id", ""));
      QC_RETURN_IF_ERROR(s->Run());
    }
    return Status();
  }
  if (e.type == "DeviceRegistered") {
    QC_ASSIGN_OR_RETURN(
        Stmt * s,
        db.Prepare("INSERT INTO devices(id, serial, model, officer_id, unit_id, active, created_at, updated_at) "
                   "VALUES (?, ?, ?, ?, ?, 1, ?, ?)"));
    s->Bind(1, d.value("device_id", ""))
        .Bind(2, d.value("serial", ""))
        .Bind(3, d.value("model", ""))
        .Bind(4, d.value("officer_id", ""))
        .Bind(5, d.value("unit_id", ""))
        .Bind(6, at)
        .Bind(7, at);
    return s->Run();
  }
  if (e.type == "DeviceChanged") {
    for (const char* col : {"officer_id", "unit_id"}) {
      if (!d.contains(col)) continue;
      QC_ASSIGN_OR_RETURN(Stmt * s,
                          db.Prepare(std::string("UPDATE devices SET ") + col + " = ?, updated_at = ? WHERE id = ?"));
      QC_RETURN_IF_ERROR(s->Bind(1, d[col].get<std::string>()).Bind(2, at).Bind(3, d.value("device_id", "")).Run());
    }
    if (d.contains("active")) {
      QC_ASSIGN_OR_RETURN(Stmt * s, db.Prepare("UPDATE devices SET active = ?, updated_at = ? WHERE id = ?"));
      QC_RETURN_IF_ERROR(s->Bind(1, d["active"].get<bool>()).Bind(2, at).Bind(3, d.value("device_id", "")).Run());
    }
    return Status();
  }
  if (e.type == "StationRegistered") {
    QC_ASSIGN_OR_RETURN(Stmt * s, db.Prepare("INSERT INTO stations(id, name, location, unit_id, active, created_at, "
                                             "updated_at) VALUES (?, ?, ?, ?, 1, ?, ?)"));
    s->Bind(1, d.value("station_id", ""))
        .Bind(2, d.value("name", ""))
        .Bind(3, d.value("location", ""))
        .Bind(4, d.value("unit_id", ""))
        .Bind(5, at)
        .Bind(6, at);
    return s->Run();
  }
  if (e.type == "StationTokenIssued") {  // the token itself is never in the log
    QC_ASSIGN_OR_RETURN(Stmt * s, db.Prepare("UPDATE stations SET active = 1, updated_at = ? WHERE id = ?"));
    return s->Bind(1, at).Bind(2, d.value("station_id", "")).Run();
  }
  if (e.type == "StationRevoked") {
    QC_ASSIGN_OR_RETURN(Stmt * s, db.Prepare("UPDATE stations SET active = 0, updated_at = ? WHERE id = ?"));
    return s->Bind(1, at).Bind(2, d.value("station_id", "")).Run();
  }
  if (e.type == "PasswordChanged") {
    QC_ASSIGN_OR_RETURN(Stmt * s, db.Prepare("UPDATE users SET updated_at = ? WHERE id = ?"));
    s->Bind(1, at).Bind(2, d.value("user_id", ""));
    return s->Run();
  }
  // No table: read from the log (store/verification_repo.h).
  if (e.type == "LedgerVerified") return Status();
  if (e.type == "CalendarYearSet") {
    // No table: the calendar is read from these events (store/calendar_repo.h). Checked here so that
    // a malformed one is reported by the replay.
    Status st = domain::WorkCalendar::Validate(domain::CalendarYearFromJson(d));
    if (!st.ok()) return Status::Internal("工作日历数据不合规：" + st.message());
    return Status();
  }
  return Status::Internal("未知的事件类型：" + e.type);
}

std::string CellText(const Cell& c) {
  if (std::holds_alternative<std::monostate>(c)) return "\x01NULL";
  if (const auto* i = std::get_if<int64_t>(&c)) return std::to_string(*i);
  return std::get<std::string>(c);
}

std::vector<ProjectionRow> Projector::CaseRows(const CaseState& c, const domain::WorkCalendar& cal) {
  std::string search = c.number + " " + c.title;
  for (const auto& p : c.parties) search += " " + p.name;
  if (c.complaint && c.complaint->complainant) search += " " + c.complaint->complainant->name.value_or("");
  auto s = [](std::string_view v) { return Cell(std::string(v)); };
  auto i = [](int64_t v) { return Cell(v); };
  std::vector<ProjectionRow> rows;
  rows.push_back({"cases",
                  {s(c.id), s(c.number), s(c.unit_id), s(c.title), s(ToString(c.mode)), s(ToString(c.stage)),
                   s(ToString(c.status)), s(ToString(c.procedure)), i(c.major), i(c.urgent), i(c.start_approved),
                   s(c.created_by.id), s(FormatRfc3339(c.created_at)), s(FormatRfc3339(c.updated_at)), i(c.version),
                   i(c.last_index), s(search), s(domain::CaseToJson(c, cal).dump())}});
  int64_t pos = 0;
  for (const auto& p : c.parties)
    rows.push_back({"case_parties", {s(c.id), i(pos++), s(ToString(p.kind)), s(p.name), s(p.id_number.value_or(""))}});
  for (const auto& o : c.officers)
    rows.push_back({"case_officers", {s(c.id), s(o.user_id), s(o.name), s(o.cert_no), i(o.lead)}});
  for (const auto& a : c.approvals) {
    auto role = a.pending_role();
    rows.push_back(
        {"approvals",
         {s(a.id), s(c.id), s(c.unit_id), s(domain::ToString(a.kind)), s(domain::ToString(a.state)), i(a.round),
          role ? s(ToString(*role)) : Cell(), s(a.steps.empty() ? std::string() : a.steps.front().actor.id),
          s(FormatRfc3339(a.submitted_at)), s(FormatRfc3339(a.updated_at))}});
    int64_t step_pos = 0;
    for (const auto& st : a.steps)
      rows.push_back({"approval_steps",
                      {s(a.id), i(step_pos++), s(st.actor.id), s(ToString(st.step)), s(ToString(st.decision)),
                       s(FormatRfc3339(st.at))}});
  }
  for (const auto& d : domain::Deadlines(c, cal))
    rows.push_back({"case_deadlines",
                    {s(c.id), s(d.kind), s(c.unit_id), s(d.label), s(d.article), s(FormatRfc3339(d.since)),
                     s(FormatRfc3339(d.due))}});
  for (const auto& m : c.media) {
    rows.push_back({"case_media",
                    {s(m.record_id), s(c.id), s(c.unit_id), s(ToString(m.kind)), s(m.act), s(ToString(m.stage)),
                     s(m.officer_id), s(m.device_id), s(m.station_id), s(m.sha256), i(m.size),
                     m.capture_end ? s(FormatRfc3339(*m.capture_end)) : Cell(), s(FormatRfc3339(m.registered_at)),
                     m.late ? i(m.late->delay_seconds) : Cell()}});
  }
  return rows;
}

Status Projector::RewriteAllCases(Db& db) {
  std::vector<std::string> ids;
  QC_ASSIGN_OR_RETURN(Stmt * s, db.Prepare("SELECT id FROM cases ORDER BY id"));
  for (;;) {
    QC_ASSIGN_OR_RETURN(bool row, s->Step());
    if (!row) break;
    ids.push_back(s->Text(0));
  }
  s->Reset();
  QC_ASSIGN_OR_RETURN(domain::WorkCalendar cal, LoadWorkCalendar(db));
  for (const auto& id : ids) {
    Projector p;
    QC_ASSIGN_OR_RETURN(const CaseState* c, p.LoadCase(db, id));
    QC_RETURN_IF_ERROR(WriteCase(db, *c, cal));
  }
  return Status();
}

Status Projector::WriteCase(Db& db, const CaseState& c, const domain::WorkCalendar& cal) {
  // A case's parties, officers and deadlines are replaced as a whole; its approvals only ever grow.
  QC_ASSIGN_OR_RETURN(Stmt * del_p, db.Prepare("DELETE FROM case_parties WHERE case_id = ?"));
  QC_RETURN_IF_ERROR(del_p->Bind(1, c.id).Run());
  QC_ASSIGN_OR_RETURN(Stmt * del_o, db.Prepare("DELETE FROM case_officers WHERE case_id = ?"));
  QC_RETURN_IF_ERROR(del_o->Bind(1, c.id).Run());
  QC_ASSIGN_OR_RETURN(Stmt * del_d, db.Prepare("DELETE FROM case_deadlines WHERE case_id = ?"));
  QC_RETURN_IF_ERROR(del_d->Bind(1, c.id).Run());
  for (const auto& row : CaseRows(c, cal)) {
    std::string sql = "INSERT OR REPLACE INTO " + std::string(row.table) + " VALUES (?";
    for (size_t k = 1; k < row.cells.size(); ++k) sql += ", ?";
    sql += ")";
    QC_ASSIGN_OR_RETURN(Stmt * ins, db.Prepare(sql));
    for (size_t k = 0; k < row.cells.size(); ++k) {
      int col = static_cast<int>(k + 1);
      const Cell& cell = row.cells[k];
      if (const auto* v = std::get_if<int64_t>(&cell))
        ins->Bind(col, *v);
      else if (const auto* t = std::get_if<std::string>(&cell))
        ins->BindStatic(col, *t);
      else
        ins->BindNull(col);
    }
    QC_RETURN_IF_ERROR(ins->Run());
  }
  return Status();
}

}  // namespace qc::store
