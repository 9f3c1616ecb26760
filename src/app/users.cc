// Units and users (the directory). Users are recorded as events (who held which role in which unit
// is part of the record); password hashes are not: they live in the credentials table.
#include "app/directory.h"
#include "app/page_json.h"
#include "crypto/hash.h"
#include "crypto/password.h"
#include "domain/officer_rules.h"
#include "store/directory_repo.h"
#include "store/session_repo.h"

namespace qc::app {

using domain::Actor;
using domain::Role;

namespace {

Json UserRowJson(const store::UserRow& u) {
  auto role = domain::ParseRole(u.role);
  return {{"id", u.id},
          {"username", u.username},
          {"name", u.name},
          {"role", u.role},
          {"role_label", role ? std::string(domain::Label(*role)) : ""},
          {"unit_id", u.unit_id},
          {"unit_name", u.unit_name},
          {"cert_no", u.cert_no},
          {"auxiliary", u.auxiliary},
          {"active", u.active},
          {"created_at", u.created_at},
          {"updated_at", u.updated_at}};
}

}  // namespace

Json UserJson(const Actor& a) {
  return {{"id", a.user_id},
          {"username", a.username},
          {"name", a.name},
          {"role", domain::ToString(a.role)},
          {"role_label", domain::Label(a.role)},
          {"unit_id", a.unit_id},
          {"cert_no", a.cert_no},
          {"auxiliary", a.auxiliary}};
}

StatusOr<Actor> DirectoryService::LoadActor(const std::string& user_id) { return ctx_.LoadActor(user_id); }

StatusOr<std::string> DirectoryService::FindUserId(const std::string& username) {
  auto db = ctx_.reads->Acquire();
  QC_ASSIGN_OR_RETURN(auto id, store::FindUserId(*db, username));
  if (!id) return Status::NotFound("用户不存在：" + username, "username");
  return *id;
}

StatusOr<std::string> DirectoryService::FindUnitId(const std::string& name_or_id) {
  auto db = ctx_.reads->Acquire();
  QC_ASSIGN_OR_RETURN(auto id, store::FindUnitId(*db, name_or_id));
  if (!id) return Status::NotFound("单位不存在：" + name_or_id, "unit_id");
  return *id;
}

StatusOr<Json> DirectoryService::ListUnits(const Actor& a) {
  QC_RETURN_IF_ERROR(ctx_.Allow(a, domain::Action::kListUnits));
  auto db = ctx_.reads->Acquire();
  QC_ASSIGN_OR_RETURN(auto units, store::ListUnits(*db));
  Json items = Json::array();
  for (const auto& u : units)
    items.push_back({{"id", u.id},
                     {"name", u.name},
                     {"parent_id", u.parent_id.empty() ? Json(nullptr) : Json(u.parent_id)},
                     {"code", u.code},
                     {"enforcement_body", u.enforcement_body}});
  return Json{{"items", std::move(items)}};
}

StatusOr<Json> DirectoryService::ListUsers(const Actor& a, int page, int page_size) {
  QC_RETURN_IF_ERROR(ctx_.Allow(a, domain::Action::kManageDirectory));
  store::PageRequest p{page, page_size};
  auto db = ctx_.reads->Acquire();
  QC_ASSIGN_OR_RETURN(auto rows, store::ListUsers(*db, p));
  return PageJson(rows, p, UserRowJson);
}

StatusOr<Json> DirectoryService::ListUnitOfficers(const Actor& a, const std::string& unit_id, const std::string& name,
                                                  int page, int page_size) {
  QC_ASSIGN_OR_RETURN(auto units, ctx_.Units());
  if (!units->Contains(unit_id)) return Status::NotFound("单位不存在", "id");
  QC_RETURN_IF_ERROR(
      domain::Authorize(a, domain::Action::kListUnitOfficers, domain::UnitResource(unit_id), units.get()));
  store::PageRequest p{page, page_size};
  auto db = ctx_.reads->Acquire();
  QC_ASSIGN_OR_RETURN(auto rows, store::ListUnitOfficers(*db, unit_id, name, p));
  return PageJson(rows, p, [&](const store::OfficerRow& o) {
    return Json{
        {"id", o.id}, {"name", o.name}, {"cert_no", o.cert_no}, {"unit_id", unit_id}, {"auxiliary", o.auxiliary}};
  });
}

StatusOr<Json> DirectoryService::GetUser(const Actor& a, const std::string& id) {
  if (a.user_id != id) QC_RETURN_IF_ERROR(ctx_.Allow(a, domain::Action::kManageDirectory));
  auto db = ctx_.reads->Acquire();
  QC_ASSIGN_OR_RETURN(auto u, store::GetUser(*db, id));
  if (!u) return Status::NotFound("用户不存在", "id");
  return UserRowJson(*u);
}

StatusOr<CommandResult> DirectoryService::CreateUser(const Actor& a, const NewUser& u) {
  QC_RETURN_IF_ERROR(ctx_.Allow(a, domain::Action::kManageDirectory));
  auto role = domain::ParseRole(u.role);
  if (!role) return Status::InvalidArgument("invalid_field", "角色无效", "role");
  QC_RETURN_IF_ERROR(domain::CheckOfficerCredentials(*role, u.auxiliary, u.cert_no));
  QC_RETURN_IF_ERROR(crypto::CheckPasswordPolicy(u.password));
  QC_ASSIGN_OR_RETURN(std::string hash, crypto::HashPassword(u.password));  // slow: outside the writer
  std::string user_id = crypto::TimeOrderedId("user_", ctx_.clock.Now().time_since_epoch().count());
  QC_ASSIGN_OR_RETURN(
      CommandResult r,
      ctx_.Record(
          a, "",
          [&](store::WriteTx& tx) -> StatusOr<std::vector<domain::EventDraft>> {
            QC_ASSIGN_OR_RETURN(bool taken, store::UsernameTaken(tx.db(), u.username));
            if (taken) return Status::Conflict("username_taken", "用户名已存在（不区分大小写）", "username");
            QC_ASSIGN_OR_RETURN(bool unit_ok, store::UnitExists(tx.db(), u.unit_id));
            if (!unit_ok) return Status::InvalidArgument("invalid_field", "单位不存在", "unit_id");
            QC_RETURN_IF_ERROR(store::UpsertCredential(tx.db(), user_id, hash, FormatRfc3339(ctx_.clock.Now())));
            return std::vector<domain::EventDraft>{{"UserCreated",
                                                    {{"user_id", user_id},
                                                     {"username", u.username},
                                                     {"name", u.name},
                                                     {"role", u.role},
                                                     {"unit_id", u.unit_id},
                                                     {"cert_no", u.cert_no},
                                                     {"auxiliary", u.auxiliary}}}};
          },
          true));
  QC_ASSIGN_OR_RETURN(r.body, GetUser(Actor::System(), user_id));
  return r;
}

StatusOr<CommandResult> DirectoryService::ChangeUser(const Actor& a, const std::string& id, const UserChange& c) {
  QC_RETURN_IF_ERROR(ctx_.Allow(a, domain::Action::kManageDirectory));
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
  QC_ASSIGN_OR_RETURN(
      CommandResult r,
      ctx_.Record(
          a, "",
          [&](store::WriteTx& tx) -> StatusOr<std::vector<domain::EventDraft>> {
            QC_ASSIGN_OR_RETURN(auto user, store::GetUser(tx.db(), id));
            if (!user) return Status::NotFound("用户不存在", "id");
            if (c.unit_id) {
              QC_ASSIGN_OR_RETURN(bool unit_ok, store::UnitExists(tx.db(), *c.unit_id));
              if (!unit_ok) return Status::InvalidArgument("invalid_field", "单位不存在", "unit_id");
            }
            auto role = domain::ParseRole(c.role.value_or(user->role));
            if (!role) return Status::Internal("用户角色无效：" + id);
            // The 警号 is checked when it is recorded or when the user becomes a police officer.
            if (c.cert_no || c.role || c.auxiliary)
              QC_RETURN_IF_ERROR(domain::CheckOfficerCredentials(*role, c.auxiliary.value_or(user->auxiliary),
                                                                 c.cert_no.value_or(user->cert_no)));
            std::vector<domain::EventDraft> out;
            Json d = {{"user_id", id}};
            if (c.name) d["name"] = *c.name;
            if (c.role) d["role"] = *c.role;
            if (c.unit_id) d["unit_id"] = *c.unit_id;
            if (c.cert_no) d["cert_no"] = *c.cert_no;
            if (c.active) d["active"] = *c.active;
            if (c.auxiliary) d["auxiliary"] = *c.auxiliary;
            if (d.size() > 1) out.push_back({"UserChanged", d});
            if (c.password) {
              QC_RETURN_IF_ERROR(store::UpsertCredential(tx.db(), id, hash, FormatRfc3339(ctx_.clock.Now())));
              out.push_back({"PasswordChanged", {{"user_id", id}}});
            }
            if (out.empty()) return Status::InvalidArgument("missing_field", "没有需要修改的内容", "");
            // A reset password or a disabled account ends every session of the user, persisted ones too.
            if (c.password || (c.active && !*c.active)) QC_RETURN_IF_ERROR(store::DeleteUserSessions(tx.db(), id));
            return out;
          },
          true));
  if (c.password || (c.active && !*c.active)) ctx_.sessions.RemoveUser(id);
  QC_ASSIGN_OR_RETURN(r.body, GetUser(Actor::System(), id));
  return r;
}

StatusOr<CommandResult> DirectoryService::CreateUnit(const Actor& a, const std::string& name, const std::string& code,
                                                     const std::string& parent_id,
                                                     std::optional<bool> enforcement_body) {
  // A top unit is an enforcement body unless said otherwise; a unit below one is not.
  bool body = enforcement_body.value_or(parent_id.empty());
  QC_RETURN_IF_ERROR(ctx_.Allow(a, domain::Action::kManageDirectory));
  std::string unit_id = crypto::TimeOrderedId("unit_", ctx_.clock.Now().time_since_epoch().count());
  QC_ASSIGN_OR_RETURN(CommandResult r,
                      ctx_.Record(
                          a, "",
                          [&](store::WriteTx& tx) -> StatusOr<std::vector<domain::EventDraft>> {
                            QC_ASSIGN_OR_RETURN(store::UnitClash clash, store::FindUnitClash(tx.db(), name, code));
                            // The code prefixes case numbers, so it must be unique too.
                            if (clash == store::UnitClash::kName)
                              return Status::Conflict("unit_exists", "单位名称已存在", "name");
                            if (clash == store::UnitClash::kCode)
                              return Status::Conflict("unit_code_taken", "单位简称已被使用", "code");
                            if (!parent_id.empty()) {
                              QC_ASSIGN_OR_RETURN(bool ok, store::UnitExists(tx.db(), parent_id));
                              if (!ok) return Status::InvalidArgument("invalid_field", "上级单位不存在", "parent_id");
                            }
                            return std::vector<domain::EventDraft>{{"UnitCreated",
                                                                    {{"unit_id", unit_id},
                                                                     {"name", name},
                                                                     {"code", code},
                                                                     {"parent_id", parent_id},
                                                                     {"enforcement_body", body}}}};
                          },
                          true));
  r.body = {{"id", unit_id},
            {"name", name},
            {"code", code},
            {"parent_id", parent_id.empty() ? Json(nullptr) : Json(parent_id)},
            {"enforcement_body", body}};
  return r;
}

}  // namespace qc::app
