// Body cameras (执法记录仪) and collection stations (采集站), registered by the admin. Both are part of
// the record (directory events); a station's token is not: it is issued once and kept only hashed.
#include "app/app.h"
#include "common/hex.h"
#include "crypto/hash.h"

namespace qc::app {

using domain::Actor;
using domain::Role;

namespace {

constexpr std::string_view kStationTokenPrefix = "qcst_";

Json DeviceRow(store::Stmt* s) {
  return {{"id", s->Text(0)}, {"serial", s->Text(1)}, {"model", s->Text(2)}, {"officer_id", s->Text(3)},
          {"officer_name", s->Text(4)}, {"unit_id", s->Text(5)}, {"active", s->Int(6) != 0},
          {"created_at", s->Text(7)}, {"late_count", s->Int(8)}};
}

constexpr const char* kDeviceSelect =
    "SELECT d.id, d.serial, d.model, d.officer_id, COALESCE(u.name, ''), d.unit_id, d.active, d.created_at, "
    "(SELECT COUNT(*) FROM case_media m WHERE m.device_id = d.id AND m.late_seconds IS NOT NULL) "
    "FROM devices d LEFT JOIN users u ON u.id = d.officer_id ";

}  // namespace

bool IsStationToken(const std::string& token) { return token.rfind(kStationTokenPrefix, 0) == 0; }

StatusOr<CommandResult> App::RegisterDevice(const Actor& a, const std::string& serial, const std::string& model,
                                            const std::string& officer) {
  QC_RETURN_IF_ERROR(Allow(a, domain::Action::kManageDevices));
  auto officer_id = FindUserId(officer);
  if (!officer_id.ok()) return Status::InvalidArgument("invalid_field", "使用人不存在", "officer_id");
  QC_ASSIGN_OR_RETURN(Actor o, LoadActor(*officer_id));
  if (o.role != Role::kOfficer) return Status::InvalidArgument("invalid_field", "执法记录仪只能配发给执法人员", "officer_id");
  std::string id = crypto::TimeOrderedId("dev_", clock_.Now().time_since_epoch().count());
  QC_ASSIGN_OR_RETURN(CommandResult r, Record(a, "", [&](store::WriteTx& tx) -> StatusOr<std::vector<domain::EventDraft>> {
    QC_ASSIGN_OR_RETURN(store::Stmt * s, tx.db().Prepare("SELECT 1 FROM devices WHERE serial = ?"));
    s->Bind(1, serial);
    QC_ASSIGN_OR_RETURN(bool exists, s->Step());
    s->Reset();
    if (exists) return Status::Conflict("device_exists", "该序列号的执法记录仪已登记", "serial");
    return std::vector<domain::EventDraft>{{"DeviceRegistered", {{"device_id", id}, {"serial", serial}, {"model", model},
                                                                 {"officer_id", o.user_id}, {"unit_id", o.unit_id}}}};
  }, true));
  QC_ASSIGN_OR_RETURN(r.body, GetDevice(id));
  return r;
}

StatusOr<Json> App::GetDevice(const std::string& id_or_serial) {
  auto db = reads_->Acquire();
  QC_ASSIGN_OR_RETURN(store::Stmt * s, db->Prepare(std::string(kDeviceSelect) + "WHERE d.id = ? OR d.serial = ?"));
  s->Bind(1, id_or_serial).Bind(2, id_or_serial);
  QC_ASSIGN_OR_RETURN(bool row, s->Step());
  Json d = row ? DeviceRow(s) : Json();
  s->Reset();
  if (!row) return Status::NotFound("执法记录仪不存在", "id");
  return d;
}

StatusOr<CommandResult> App::ChangeDevice(const Actor& a, const std::string& id, std::optional<std::string> officer,
                                          std::optional<bool> active) {
  QC_RETURN_IF_ERROR(Allow(a, domain::Action::kManageDevices));
  QC_ASSIGN_OR_RETURN(Json device, GetDevice(id));
  Json d = {{"device_id", device["id"]}};
  if (officer) {
    auto officer_id = FindUserId(*officer);
    if (!officer_id.ok()) return Status::InvalidArgument("invalid_field", "使用人不存在", "officer_id");
    QC_ASSIGN_OR_RETURN(Actor o, LoadActor(*officer_id));
    if (o.role != Role::kOfficer) return Status::InvalidArgument("invalid_field", "执法记录仪只能配发给执法人员", "officer_id");
    d["officer_id"] = o.user_id;
    d["unit_id"] = o.unit_id;
  }
  if (active) d["active"] = *active;
  if (d.size() == 1) return Status::InvalidArgument("missing_field", "没有要修改的内容");
  QC_ASSIGN_OR_RETURN(CommandResult r, Record(a, "", [&](store::WriteTx&) -> StatusOr<std::vector<domain::EventDraft>> {
    return std::vector<domain::EventDraft>{{"DeviceChanged", d}};
  }, true));
  QC_ASSIGN_OR_RETURN(r.body, GetDevice(device["id"]));
  return r;
}

StatusOr<Json> App::ListDevices(const Actor& a, int page, int page_size) {
  QC_RETURN_IF_ERROR(Allow(a, domain::Action::kManageDevices));
  auto db = reads_->Acquire();
  QC_ASSIGN_OR_RETURN(store::Stmt * c, db->Prepare("SELECT COUNT(*) FROM devices"));
  QC_ASSIGN_OR_RETURN(bool crow, c->Step());
  int64_t total = crow ? c->Int(0) : 0;
  c->Reset();
  QC_ASSIGN_OR_RETURN(store::Stmt * s, db->Prepare(std::string(kDeviceSelect) + "ORDER BY d.serial LIMIT ? OFFSET ?"));
  s->Bind(1, page_size).Bind(2, static_cast<int64_t>(page - 1) * page_size);
  Json items = Json::array();
  for (;;) {
    QC_ASSIGN_OR_RETURN(bool row, s->Step());
    if (!row) break;
    items.push_back(DeviceRow(s));
  }
  s->Reset();
  return Json{{"items", std::move(items)}, {"total", total}, {"page", page}, {"page_size", page_size}};
}

StatusOr<Json> App::RegisterStation(const Actor& a, const std::string& name, const std::string& location,
                                    const std::string& unit_id) {
  QC_RETURN_IF_ERROR(Allow(a, domain::Action::kManageDevices));
  QC_ASSIGN_OR_RETURN(auto units, Units());
  if (!units->Contains(unit_id)) return Status::InvalidArgument("invalid_field", "单位不存在", "unit_id");
  std::string id = crypto::TimeOrderedId("sta_", clock_.Now().time_since_epoch().count());
  std::string token = std::string(kStationTokenPrefix) + ToHex(crypto::RandomBytes(32));
  std::string now = FormatRfc3339(clock_.Now());
  QC_ASSIGN_OR_RETURN(CommandResult r, Record(a, "", [&](store::WriteTx& tx) -> StatusOr<std::vector<domain::EventDraft>> {
    QC_ASSIGN_OR_RETURN(store::Stmt * s, tx.db().Prepare(
        "INSERT INTO station_tokens(token_hash, station_id, created_at) VALUES (?, ?, ?)"));
    QC_RETURN_IF_ERROR(s->Bind(1, ToHex(crypto::Sha256(token))).Bind(2, id).Bind(3, now).Run());
    return std::vector<domain::EventDraft>{
        {"StationRegistered", {{"station_id", id}, {"name", name}, {"location", location}, {"unit_id", unit_id}}}};
  }, true));
  // The token is shown this once; only its hash is kept.
  return Json{{"station", {{"id", id}, {"name", name}, {"location", location}, {"unit_id", unit_id}, {"active", true}}},
              {"token", token},
              {"events", EventsJson(r.events)}};
}

StatusOr<Json> App::ListStations(const Actor& a) {
  QC_RETURN_IF_ERROR(Allow(a, domain::Action::kManageDevices));
  auto db = reads_->Acquire();
  QC_ASSIGN_OR_RETURN(store::Stmt * s, db->Prepare(
      "SELECT id, name, location, unit_id, active, created_at FROM stations ORDER BY created_at, id"));
  Json items = Json::array();
  for (;;) {
    QC_ASSIGN_OR_RETURN(bool row, s->Step());
    if (!row) break;
    items.push_back({{"id", s->Text(0)}, {"name", s->Text(1)}, {"location", s->Text(2)}, {"unit_id", s->Text(3)},
                     {"active", s->Int(4) != 0}, {"created_at", s->Text(5)}});
  }
  s->Reset();
  return Json{{"items", std::move(items)}};
}

StatusOr<CommandResult> App::RevokeStation(const Actor& a, const std::string& id) {
  QC_RETURN_IF_ERROR(Allow(a, domain::Action::kManageDevices));
  return Record(a, "", [&](store::WriteTx& tx) -> StatusOr<std::vector<domain::EventDraft>> {
    QC_ASSIGN_OR_RETURN(store::Stmt * s, tx.db().Prepare("SELECT active FROM stations WHERE id = ?"));
    s->Bind(1, id);
    QC_ASSIGN_OR_RETURN(bool row, s->Step());
    bool active = row && s->Int(0) != 0;
    s->Reset();
    if (!row) return Status::NotFound("采集站不存在", "id");
    if (!active) return Status::Conflict("already_revoked", "该采集站的令牌已吊销");
    QC_ASSIGN_OR_RETURN(store::Stmt * d, tx.db().Prepare("DELETE FROM station_tokens WHERE station_id = ?"));
    QC_RETURN_IF_ERROR(d->Bind(1, id).Run());
    return std::vector<domain::EventDraft>{{"StationRevoked", {{"station_id", id}}}};
  }, true);
}

StatusOr<Uploader> App::AuthenticateStation(const std::string& token) {
  if (!IsStationToken(token)) return Status::Unauthenticated("采集站令牌无效");
  auto db = reads_->Acquire();
  QC_ASSIGN_OR_RETURN(store::Stmt * s, db->Prepare(
      "SELECT s.id, s.name, s.unit_id FROM station_tokens t JOIN stations s ON s.id = t.station_id "
      "WHERE t.token_hash = ? AND s.active = 1"));
  s->Bind(1, ToHex(crypto::Sha256(token)));
  QC_ASSIGN_OR_RETURN(bool row, s->Step());
  Uploader u;
  if (row) {
    u.station_id = s->Text(0);
    u.station_name = s->Text(1);
    u.station_unit = s->Text(2);
  }
  s->Reset();
  if (!row) return Status::Unauthenticated("采集站令牌无效或已吊销");
  return u;
}

}  // namespace qc::app
