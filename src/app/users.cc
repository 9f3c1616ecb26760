// Units and users (the directory). Users are recorded as events (who held which role in which unit
// is part of the record); password hashes are not: they live in the credentials table.
#include "app/app.h"
#include "crypto/hash.h"
#include "crypto/password.h"

namespace qc::app {

using domain::Actor;
using domain::Role;

namespace {

Json UserRow(store::Stmt* s) {
  auto role = domain::ParseRole(s->Text(3));
  return {{"id", s->Text(0)}, {"username", s->Text(1)}, {"name", s->Text(2)}, {"role", s->Text(3)},
          {"role_label", role ? std::string(domain::Label(*role)) : ""}, {"unit_id", s->Text(4)},
          {"unit_name", s->Text(5)}, {"cert_no", s->Text(6)}, {"active", s->Int(7) != 0},
          {"created_at", s->Text(8)}, {"updated_at", s->Text(9)}};
}

constexpr const char* kUserSelect =
    "SELECT u.id, u.username, u.name, u.role, u.unit_id, COALESCE(n.name, ''), u.cert_no, u.active, "
    "u.created_at, u.updated_at FROM users u LEFT JOIN units n ON n.id = u.unit_id ";

Status UpsertCredential(store::Db& db, const std::string& user_id, const std::string& hash, TimePoint now) {
  QC_ASSIGN_OR_RETURN(store::Stmt * s, db.Prepare(
      "INSERT OR REPLACE INTO credentials(user_id, password_hash, updated_at) VALUES (?, ?, ?)"));
  return s->Bind(1, user_id).Bind(2, hash).Bind(3, FormatRfc3339(now)).Run();
}

}  // namespace

Json App::UserJson(const Actor& a) const {
  return {{"id", a.user_id}, {"username", a.username}, {"name", a.name}, {"role", domain::ToString(a.role)},
          {"role_label", domain::Label(a.role)}, {"unit_id", a.unit_id}, {"cert_no", a.cert_no}};
}

StatusOr<Actor> App::LoadActor(const std::string& user_id) {
  int64_t gen = directory_generation_.load();
  {
    std::lock_guard<std::mutex> lock(actors_mu_);
    auto it = actors_.find(user_id);
    if (it != actors_.end() && it->second.first == gen) return it->second.second;
  }
  auto db = reads_->Acquire();
  QC_ASSIGN_OR_RETURN(store::Stmt * s, db->Prepare(
      "SELECT id, username, name, role, unit_id, cert_no FROM users WHERE id = ? AND active = 1"));
  s->Bind(1, user_id);
  QC_ASSIGN_OR_RETURN(bool row, s->Step());
  if (!row) {
    s->Reset();
    return Status::NotFound("用户不存在或已停用", "user_id");
  }
  auto role = domain::ParseRole(s->Text(3));
  Actor a{s->Text(0), s->Text(1), s->Text(2), role.value_or(Role::kOfficer), s->Text(4), s->Text(5)};
  s->Reset();
  if (!role) return Status::Internal("用户角色无效：" + user_id);
  std::lock_guard<std::mutex> lock(actors_mu_);
  if (actors_.size() > 10000) actors_.clear();
  actors_[user_id] = {gen, a};
  return a;
}

StatusOr<std::string> App::FindUserId(const std::string& username) {
  auto db = reads_->Acquire();
  QC_ASSIGN_OR_RETURN(store::Stmt * s, db->Prepare("SELECT id FROM users WHERE username = ? OR id = ?"));
  s->Bind(1, username).Bind(2, username);
  QC_ASSIGN_OR_RETURN(bool row, s->Step());
  std::string id = row ? s->Text(0) : "";
  s->Reset();
  if (!row) return Status::NotFound("用户不存在：" + username, "username");
  return id;
}

StatusOr<std::string> App::FindUnitId(const std::string& name_or_id) {
  auto db = reads_->Acquire();
  QC_ASSIGN_OR_RETURN(store::Stmt * s, db->Prepare("SELECT id FROM units WHERE id = ? OR name = ? LIMIT 1"));
  s->Bind(1, name_or_id).Bind(2, name_or_id);
  QC_ASSIGN_OR_RETURN(bool row, s->Step());
  std::string id = row ? s->Text(0) : "";
  s->Reset();
  if (!row) return Status::NotFound("单位不存在：" + name_or_id, "unit_id");
  return id;
}

StatusOr<Json> App::ListUnits(const Actor& a) {
  QC_RETURN_IF_ERROR(Allow(a, domain::Action::kListUnits));
  auto db = reads_->Acquire();
  QC_ASSIGN_OR_RETURN(store::Stmt * s, db->Prepare(
      "SELECT id, name, COALESCE(parent_id, ''), code FROM units ORDER BY created_at, id"));
  Json items = Json::array();
  for (;;) {
    QC_ASSIGN_OR_RETURN(bool row, s->Step());
    if (!row) break;
    items.push_back({{"id", s->Text(0)}, {"name", s->Text(1)},
                     {"parent_id", s->Text(2).empty() ? Json(nullptr) : Json(s->Text(2))}, {"code", s->Text(3)}});
  }
  s->Reset();
  return Json{{"items", std::move(items)}};
}

StatusOr<Json> App::ListUsers(const Actor& a, int page, int page_size) {
  QC_RETURN_IF_ERROR(Allow(a, domain::Action::kManageDirectory));
  auto db = reads_->Acquire();
  QC_ASSIGN_OR_RETURN(store::Stmt * c, db->Prepare("SELECT COUNT(*) FROM users"));
  QC_ASSIGN_OR_RETURN(bool crow, c->Step());
  int64_t total = crow ? c->Int(0) : 0;
  c->Reset();
  QC_ASSIGN_OR_RETURN(store::Stmt * s, db->Prepare(std::string(kUserSelect) +
                                                     "ORDER BY u.created_at, u.username LIMIT ? OFFSET ?"));
  s->Bind(1, page_size).Bind(2, static_cast<int64_t>(page - 1) * page_size);
  Json items = Json::array();
  for (;;) {
    QC_ASSIGN_OR_RETURN(bool row, s->Step());
    if (!row) break;
    items.push_back(UserRow(s));
  }
  s->Reset();
  return Json{{"items", std::move(items)}, {"total", total}, {"page", page}, {"page_size", page_size}};
}

StatusOr<Json> App::ListUnitOfficers(const Actor& a, const std::string& unit_id, const std::string& name, int page,
                                     int page_size) {
  QC_ASSIGN_OR_RETURN(auto units, Units());
  if (!units->Contains(unit_id)) return Status::NotFound("单位不存在", "id");
  QC_RETURN_IF_ERROR(domain::Authorize(a, domain::Action::kListUnitOfficers, domain::UnitResource(unit_id), units.get()));
  auto db = reads_->Acquire();
  const std::string where = " FROM users WHERE unit_id = ? AND role = 'officer' AND active = 1 AND instr(name, ?) > 0";
  QC_ASSIGN_OR_RETURN(store::Stmt * c, db->Prepare("SELECT COUNT(*)" + where));
  c->Bind(1, unit_id).Bind(2, name);
  QC_ASSIGN_OR_RETURN(bool crow, c->Step());
  int64_t total = crow ? c->Int(0) : 0;
  c->Reset();
  QC_ASSIGN_OR_RETURN(store::Stmt * s, db->Prepare("SELECT id, name, cert_no" + where +
                                                     " ORDER BY name, id LIMIT ? OFFSET ?"));
  s->Bind(1, unit_id).Bind(2, name).Bind(3, page_size).Bind(4, static_cast<int64_t>(page - 1) * page_size);
  Json items = Json::array();
  for (;;) {
    QC_ASSIGN_OR_RETURN(bool row, s->Step());
    if (!row) break;
    items.push_back({{"id", s->Text(0)}, {"name", s->Text(1)}, {"cert_no", s->Text(2)}, {"unit_id", unit_id}});
  }
  s->Reset();
  return Json{{"items", std::move(items)}, {"total", total}, {"page", page}, {"page_size", page_size}};
}

StatusOr<Json> App::GetUser(const Actor& a, const std::string& id) {
  if (a.user_id != id) QC_RETURN_IF_ERROR(Allow(a, domain::Action::kManageDirectory));
  auto db = reads_->Acquire();
  QC_ASSIGN_OR_RETURN(store::Stmt * s, db->Prepare(std::string(kUserSelect) + "WHERE u.id = ?"));
  s->Bind(1, id);
  QC_ASSIGN_OR_RETURN(bool row, s->Step());
  if (!row) {
    s->Reset();
    return Status::NotFound("用户不存在", "id");
  }
  Json u = UserRow(s);
  s->Reset();
  return u;
}

StatusOr<CommandResult> App::CreateUser(const Actor& a, const NewUser& u) {
  QC_RETURN_IF_ERROR(Allow(a, domain::Action::kManageDirectory));
  auto role = domain::ParseRole(u.role);
  if (!role) return Status::InvalidArgument("invalid_field", "角色无效", "role");
  if (*role == Role::kOfficer && u.cert_no.empty())
    return Status::InvalidArgument("missing_field", "执法人员须登记执法证件编号（第十二条）", "cert_no");
  QC_RETURN_IF_ERROR(crypto::CheckPasswordPolicy(u.password));
  QC_ASSIGN_OR_RETURN(std::string hash, crypto::HashPassword(u.password));  // slow: outside the writer
  std::string user_id = crypto::TimeOrderedId("user_", clock_.Now().time_since_epoch().count());
  QC_ASSIGN_OR_RETURN(CommandResult r, Record(a, "", [&](store::WriteTx& tx) -> StatusOr<std::vector<domain::EventDraft>> {
    // Unique whatever the case: "Officer1" and "officer1" would share a login throttle and a name.
    QC_ASSIGN_OR_RETURN(store::Stmt * s, tx.db().Prepare("SELECT 1 FROM users WHERE lower(username) = lower(?)"));
    s->Bind(1, u.username);
    QC_ASSIGN_OR_RETURN(bool exists, s->Step());
    s->Reset();
    if (exists) return Status::Conflict("username_taken", "用户名已存在（不区分大小写）", "username");
    QC_ASSIGN_OR_RETURN(store::Stmt * un, tx.db().Prepare("SELECT 1 FROM units WHERE id = ?"));
    un->Bind(1, u.unit_id);
    QC_ASSIGN_OR_RETURN(bool unit_ok, un->Step());
    un->Reset();
    if (!unit_ok) return Status::InvalidArgument("invalid_field", "单位不存在", "unit_id");
    QC_RETURN_IF_ERROR(UpsertCredential(tx.db(), user_id, hash, clock_.Now()));
    return std::vector<domain::EventDraft>{{"UserCreated",
                                            {{"user_id", user_id}, {"username", u.username}, {"name", u.name},
                                             {"role", u.role}, {"unit_id", u.unit_id}, {"cert_no", u.cert_no}}}};
  }, true));
  QC_ASSIGN_OR_RETURN(r.body, GetUser(Actor::System(), user_id));
  return r;
}

StatusOr<CommandResult> App::ChangeUser(const Actor& a, const std::string& id, const UserChange& c) {
  QC_RETURN_IF_ERROR(Allow(a, domain::Action::kManageDirectory));
  if (c.role && !domain::ParseRole(*c.role)) return Status::InvalidArgument("invalid_field", "角色无效", "role");
  std::string hash;
  if (c.password) {
    QC_RETURN_IF_ERROR(crypto::CheckPasswordPolicy(*c.password));
    QC_ASSIGN_OR_RETURN(hash, crypto::HashPassword(*c.password));
  }
  if (c.active && !*c.active && id == a.user_id)
    return Status::Conflict("self_disable", "不能停用自己的账号", "active");
  if (c.role && *c.role != "admin" && id == a.user_id)
    return Status::Conflict("self_demote", "不能取消自己的系统管理员角色", "role");
  QC_ASSIGN_OR_RETURN(CommandResult r, Record(a, "", [&](store::WriteTx& tx) -> StatusOr<std::vector<domain::EventDraft>> {
    QC_ASSIGN_OR_RETURN(store::Stmt * s, tx.db().Prepare("SELECT role, cert_no FROM users WHERE id = ?"));
    s->Bind(1, id);
    QC_ASSIGN_OR_RETURN(bool exists, s->Step());
    std::string role = exists ? s->Text(0) : "", cert = exists ? s->Text(1) : "";
    s->Reset();
    if (!exists) return Status::NotFound("用户不存在", "id");
    if (c.unit_id) {
      QC_ASSIGN_OR_RETURN(store::Stmt * un, tx.db().Prepare("SELECT 1 FROM units WHERE id = ?"));
      un->Bind(1, *c.unit_id);
      QC_ASSIGN_OR_RETURN(bool unit_ok, un->Step());
      un->Reset();
      if (!unit_ok) return Status::InvalidArgument("invalid_field", "单位不存在", "unit_id");
    }
    if (c.role.value_or(role) == "officer" && c.cert_no.value_or(cert).empty())
      return Status::InvalidArgument("missing_field", "执法人员须登记执法证件编号（第十二条）", "cert_no");
    std::vector<domain::EventDraft> out;
    Json d = {{"user_id", id}};
    if (c.name) d["name"] = *c.name;
    if (c.role) d["role"] = *c.role;
    if (c.unit_id) d["unit_id"] = *c.unit_id;
    if (c.cert_no) d["cert_no"] = *c.cert_no;
    if (c.active) d["active"] = *c.active;
    if (d.size() > 1) out.push_back({"UserChanged", d});
    if (c.password) {
      QC_RETURN_IF_ERROR(UpsertCredential(tx.db(), id, hash, clock_.Now()));
      out.push_back({"PasswordChanged", {{"user_id", id}}});
    }
    if (out.empty()) return Status::InvalidArgument("missing_field", "没有需要修改的内容", "");
    if (c.password || (c.active && !*c.active)) {
      // A reset password or a disabled account ends every session of the user, persisted ones too.
      QC_ASSIGN_OR_RETURN(store::Stmt * del, tx.db().Prepare("DELETE FROM sessions WHERE user_id = ?"));
      QC_RETURN_IF_ERROR(del->Bind(1, id).Run());
    }
    return out;
  }, true));
  if (c.password || (c.active && !*c.active)) sessions_.RemoveUser(id);
  QC_ASSIGN_OR_RETURN(r.body, GetUser(Actor::System(), id));
  return r;
}

StatusOr<CommandResult> App::CreateUnit(const Actor& a, const std::string& name, const std::string& code,
                                        const std::string& parent_id) {
  QC_RETURN_IF_ERROR(Allow(a, domain::Action::kManageDirectory));
  std::string unit_id = crypto::TimeOrderedId("unit_", clock_.Now().time_since_epoch().count());
  QC_ASSIGN_OR_RETURN(CommandResult r, Record(a, "", [&](store::WriteTx& tx) -> StatusOr<std::vector<domain::EventDraft>> {
    QC_ASSIGN_OR_RETURN(store::Stmt * s, tx.db().Prepare("SELECT name = ? FROM units WHERE name = ? OR code = ?"));
    s->Bind(1, name).Bind(2, name).Bind(3, code);
    QC_ASSIGN_OR_RETURN(bool exists, s->Step());
    bool same_name = exists && s->Int(0) != 0;
    s->Reset();
    // The code prefixes case numbers, so it must be unique too.
    if (exists) return same_name ? Status::Conflict("unit_exists", "单位名称已存在", "name")
                                 : Status::Conflict("unit_code_taken", "单位简称已被使用", "code");
    if (!parent_id.empty()) {
      QC_ASSIGN_OR_RETURN(store::Stmt * p, tx.db().Prepare("SELECT 1 FROM units WHERE id = ?"));
      p->Bind(1, parent_id);
      QC_ASSIGN_OR_RETURN(bool ok, p->Step());
      p->Reset();
      if (!ok) return Status::InvalidArgument("invalid_field", "上级单位不存在", "parent_id");
    }
    return std::vector<domain::EventDraft>{
        {"UnitCreated", {{"unit_id", unit_id}, {"name", name}, {"code", code}, {"parent_id", parent_id}}}};
  }, true));
  r.body = {{"id", unit_id}, {"name", name}, {"code", code},
            {"parent_id", parent_id.empty() ? Json(nullptr) : Json(parent_id)}};
  return r;
}

}  // namespace qc::app
