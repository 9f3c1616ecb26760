// Body cameras (执法记录仪) and collection stations (采集站), registered by the admin. Both are part of
// the record (directory events); a station's token is not: it is issued once and kept only hashed.
#include "app/devices.h"
#include "app/directory.h"
#include "app/page_json.h"
#include "common/hex.h"
#include "crypto/hash.h"
#include "store/directory_repo.h"

namespace qc::app {

using domain::Actor;
using domain::Role;

namespace {

constexpr std::string_view kStationTokenPrefix = "qcst_";

Json DeviceJson(const store::DeviceRow& d) {
  return {{"id", d.id},
          {"serial", d.serial},
          {"model", d.model},
          {"officer_id", d.officer_id},
          {"officer_name", d.officer_name},
          {"unit_id", d.unit_id},
          {"active", d.active},
          {"created_at", d.created_at},
          {"late_count", d.late_count}};
}

}  // namespace

bool IsStationToken(const std::string& token) { return token.rfind(kStationTokenPrefix, 0) == 0; }

StatusOr<CommandResult> DeviceService::RegisterDevice(const Actor& a, const std::string& serial,
                                                      const std::string& model, const std::string& officer) {
  QC_RETURN_IF_ERROR(ctx_.Allow(a, domain::Action::kManageDevices));
  auto officer_id = directory_.FindUserId(officer);
  if (!officer_id.ok()) return Status::InvalidArgument("invalid_field", "使用人不存在", "officer_id");
  QC_ASSIGN_OR_RETURN(Actor o, ctx_.LoadActor(*officer_id));
  if (o.role != Role::kOfficer)
    return Status::InvalidArgument("invalid_field", "执法记录仪只能配发给执法人员", "officer_id");
  std::string id = crypto::TimeOrderedId("dev_", ctx_.clock.Now().time_since_epoch().count());
  QC_ASSIGN_OR_RETURN(CommandResult r,
                      ctx_.Record(
                          a, "",
                          [&](store::WriteTx& tx) -> StatusOr<std::vector<domain::EventDraft>> {
                            QC_ASSIGN_OR_RETURN(bool exists, store::DeviceSerialTaken(tx.db(), serial));
                            if (exists)
                              return Status::Conflict("device_exists", "该序列号的执法记录仪已登记", "serial");
                            return std::vector<domain::EventDraft>{{"DeviceRegistered",
                                                                    {{"device_id", id},
                                                                     {"serial", serial},
                                                                     {"model", model},
                                                                     {"officer_id", o.user_id},
                                                                     {"unit_id", o.unit_id}}}};
                          },
                          true));
  QC_ASSIGN_OR_RETURN(r.body, GetDevice(id));
  return r;
}

StatusOr<Json> DeviceService::GetDevice(const std::string& id_or_serial) {
  auto db = ctx_.reads->Acquire();
  QC_ASSIGN_OR_RETURN(auto d, store::GetDevice(*db, id_or_serial));
  if (!d) return Status::NotFound("执法记录仪不存在", "id");
  return DeviceJson(*d);
}

StatusOr<CommandResult> DeviceService::ChangeDevice(const Actor& a, const std::string& id,
                                                    std::optional<std::string> officer, std::optional<bool> active) {
  QC_RETURN_IF_ERROR(ctx_.Allow(a, domain::Action::kManageDevices));
  QC_ASSIGN_OR_RETURN(Json device, GetDevice(id));
  Json d = {{"device_id", device["id"]}};
  if (officer) {
    auto officer_id = directory_.FindUserId(*officer);
    if (!officer_id.ok()) return Status::InvalidArgument("invalid_field", "使用人不存在", "officer_id");
    QC_ASSIGN_OR_RETURN(Actor o, ctx_.LoadActor(*officer_id));
    if (o.role != Role::kOfficer)
      return Status::InvalidArgument("invalid_field", "执法记录仪只能配发给执法人员", "officer_id");
    d["officer_id"] = o.user_id;
    d["unit_id"] = o.unit_id;
  }
  if (active) d["active"] = *active;
  if (d.size() == 1) return Status::InvalidArgument("missing_field", "没有要修改的内容");
  QC_ASSIGN_OR_RETURN(CommandResult r, ctx_.Record(
                                           a, "",
                                           [&](store::WriteTx&) -> StatusOr<std::vector<domain::EventDraft>> {
                                             return std::vector<domain::EventDraft>{{"DeviceChanged", d}};
                                           },
                                           true));
  QC_ASSIGN_OR_RETURN(r.body, GetDevice(device["id"]));
  return r;
}

StatusOr<Json> DeviceService::ListDevices(const Actor& a, int page, int page_size) {
  QC_RETURN_IF_ERROR(ctx_.Allow(a, domain::Action::kManageDevices));
  store::PageRequest p{page, page_size};
  auto db = ctx_.reads->Acquire();
  QC_ASSIGN_OR_RETURN(auto rows, store::ListDevices(*db, p));
  return PageJson(rows, p, DeviceJson);
}

StatusOr<Json> DeviceService::ListMyDevices(const Actor& a) {
  QC_RETURN_IF_ERROR(ctx_.Allow(a, domain::Action::kOwnSession));
  auto db = ctx_.reads->Acquire();
  QC_ASSIGN_OR_RETURN(auto rows, store::ListActiveDevicesOf(*db, a.user_id));
  Json items = Json::array();
  for (const auto& d : rows) items.push_back(DeviceJson(d));
  return Json{{"items", std::move(items)}};
}

StatusOr<Json> DeviceService::RegisterStation(const Actor& a, const std::string& name, const std::string& location,
                                              const std::string& unit_id) {
  QC_RETURN_IF_ERROR(ctx_.Allow(a, domain::Action::kManageDevices));
  QC_ASSIGN_OR_RETURN(auto units, ctx_.Units());
  if (!units->Contains(unit_id)) return Status::InvalidArgument("invalid_field", "单位不存在", "unit_id");
  std::string id = crypto::TimeOrderedId("sta_", ctx_.clock.Now().time_since_epoch().count());
  std::string token = std::string(kStationTokenPrefix) + ToHex(crypto::RandomBytes(32));
  std::string now = FormatRfc3339(ctx_.clock.Now());
  QC_ASSIGN_OR_RETURN(
      CommandResult r,
      ctx_.Record(
          a, "",
          [&](store::WriteTx& tx) -> StatusOr<std::vector<domain::EventDraft>> {
            QC_RETURN_IF_ERROR(store::InsertStationToken(tx.db(), ToHex(crypto::Sha256(token)), id, now));
            return std::vector<domain::EventDraft>{
                {"StationRegistered",
                 {{"station_id", id}, {"name", name}, {"location", location}, {"unit_id", unit_id}}}};
          },
          true));
  // The token is shown this once; only its hash is kept.
  return Json{{"station", {{"id", id}, {"name", name}, {"location", location}, {"unit_id", unit_id}, {"active", true}}},
              {"token", token},
              {"events", EventsJson(r.events)}};
}

StatusOr<Json> DeviceService::ListStations(const Actor& a) {
  QC_RETURN_IF_ERROR(ctx_.Allow(a, domain::Action::kManageDevices));
  auto db = ctx_.reads->Acquire();
  QC_ASSIGN_OR_RETURN(auto stations, store::ListStations(*db));
  Json items = Json::array();
  for (const auto& st : stations)
    items.push_back({{"id", st.id},
                     {"name", st.name},
                     {"location", st.location},
                     {"unit_id", st.unit_id},
                     {"active", st.active},
                     {"created_at", st.created_at}});
  return Json{{"items", std::move(items)}};
}

StatusOr<CommandResult> DeviceService::RevokeStation(const Actor& a, const std::string& id) {
  QC_RETURN_IF_ERROR(ctx_.Allow(a, domain::Action::kManageDevices));
  return ctx_.Record(
      a, "",
      [&](store::WriteTx& tx) -> StatusOr<std::vector<domain::EventDraft>> {
        QC_ASSIGN_OR_RETURN(auto station, store::GetStation(tx.db(), id));
        if (!station) return Status::NotFound("采集站不存在", "id");
        if (!station->active) return Status::Conflict("already_revoked", "该采集站的令牌已吊销");
        QC_RETURN_IF_ERROR(store::DeleteStationTokens(tx.db(), id));
        return std::vector<domain::EventDraft>{{"StationRevoked", {{"station_id", id}}}};
      },
      true);
}

StatusOr<Uploader> DeviceService::AuthenticateStation(const std::string& token) {
  if (!IsStationToken(token)) return Status::Unauthenticated("采集站令牌无效");
  auto db = ctx_.reads->Acquire();
  QC_ASSIGN_OR_RETURN(auto station, store::FindStationByToken(*db, ToHex(crypto::Sha256(token))));
  if (!station) return Status::Unauthenticated("采集站令牌无效或已吊销");
  Uploader u;
  u.station_id = station->id;
  u.station_name = station->name;
  u.station_unit = station->unit_id;
  return u;
}

}  // namespace qc::app
