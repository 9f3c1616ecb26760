#include "store/directory_repo.h"

namespace qc::store {

namespace {

UnitRow ReadUnit(Stmt& s) { return {s.Text(0), s.Text(1), s.Text(2), s.Text(3), s.Int(4) != 0}; }

constexpr const char* kUserSelect =
    "SELECT u.id, u.username, u.name, u.role, u.unit_id, COALESCE(n.name, ''), u.cert_no, u.active, "
    "u.created_at, u.updated_at, u.auxiliary";
constexpr const char* kUserFrom = "FROM users u LEFT JOIN units n ON n.id = u.unit_id";

UserRow ReadUser(Stmt& s) {
  return {s.Text(0), s.Text(1),     s.Text(2), s.Text(3), s.Text(4),     s.Text(5),
          s.Text(6), s.Int(7) != 0, s.Text(8), s.Text(9), s.Int(10) != 0};
}

constexpr const char* kDeviceSelect =
    "SELECT d.id, d.serial, d.model, d.officer_id, COALESCE(u.name, ''), d.unit_id, d.active, d.created_at, "
    "(SELECT COUNT(*) FROM case_media m WHERE m.device_id = d.id AND m.late_seconds IS NOT NULL)";
constexpr const char* kDeviceFrom = "FROM devices d LEFT JOIN users u ON u.id = d.officer_id";

DeviceRow ReadDevice(Stmt& s) {
  return {s.Text(0), s.Text(1), s.Text(2), s.Text(3), s.Text(4), s.Text(5), s.Int(6) != 0, s.Text(7), s.Int(8)};
}

constexpr const char* kStationSelect =
    "SELECT s.id, s.name, s.location, s.unit_id, s.active, s.created_at FROM stations s ";

StationRow ReadStation(Stmt& s) { return {s.Text(0), s.Text(1), s.Text(2), s.Text(3), s.Int(4) != 0, s.Text(5)}; }

std::string ReadText0(Stmt& s) { return s.Text(0); }

}  // namespace

StatusOr<std::vector<UnitRow>> ListUnits(Db& db) {
  QC_ASSIGN_OR_RETURN(Stmt * s,
                      db.Prepare("SELECT id, name, COALESCE(parent_id, ''), code, enforcement_body FROM units "
                                 "ORDER BY created_at, id"));
  return ReadAll<UnitRow>(*s, ReadUnit);
}

StatusOr<bool> UnitExists(Db& db, const std::string& id) {
  return Exists(db, "SELECT 1 FROM units WHERE id = ?", {id});
}

StatusOr<std::optional<std::string>> FindUnitId(Db& db, const std::string& name_or_id) {
  QC_ASSIGN_OR_RETURN(Stmt * s, db.Prepare("SELECT id FROM units WHERE id = ? OR name = ? LIMIT 1"));
  s->Bind(1, name_or_id).Bind(2, name_or_id);
  return ReadFirst<std::string>(*s, ReadText0);
}

StatusOr<UnitClash> FindUnitClash(Db& db, const std::string& name, const std::string& code) {
  QC_ASSIGN_OR_RETURN(Stmt * s, db.Prepare("SELECT name = ? FROM units WHERE name = ? OR code = ? "
                                           "ORDER BY name = ? DESC LIMIT 1"));
  s->Bind(1, name).Bind(2, name).Bind(3, code).Bind(4, name);
  QC_ASSIGN_OR_RETURN(auto same_name, ReadFirst<bool>(*s, [](Stmt& r) { return r.Int(0) != 0; }));
  if (!same_name) return UnitClash::kNone;
  return *same_name ? UnitClash::kName : UnitClash::kCode;
}

StatusOr<std::optional<UserRow>> GetUser(Db& db, const std::string& id) {
  QC_ASSIGN_OR_RETURN(Stmt * s, db.Prepare(std::string(kUserSelect) + " " + kUserFrom + " WHERE u.id = ?"));
  s->Bind(1, id);
  return ReadFirst<UserRow>(*s, ReadUser);
}

StatusOr<std::optional<UserRow>> GetActiveUser(Db& db, const std::string& id) {
  QC_ASSIGN_OR_RETURN(Stmt * s,
                      db.Prepare(std::string(kUserSelect) + " " + kUserFrom + " WHERE u.id = ? AND u.active = 1"));
  s->Bind(1, id);
  return ReadFirst<UserRow>(*s, ReadUser);
}

StatusOr<std::optional<std::string>> FindUserId(Db& db, const std::string& username_or_id) {
  QC_ASSIGN_OR_RETURN(Stmt * s, db.Prepare("SELECT id FROM users WHERE username = ? OR id = ?"));
  s->Bind(1, username_or_id).Bind(2, username_or_id);
  return ReadFirst<std::string>(*s, ReadText0);
}

StatusOr<Page<UserRow>> ListUsers(Db& db, PageRequest p) {
  return ReadPage<UserRow>(db, kUserSelect, kUserFrom, Where(), "u.created_at, u.username", p, ReadUser);
}

StatusOr<Page<OfficerRow>> ListUnitOfficers(Db& db, const std::string& unit_id, const std::string& name_part,
                                            PageRequest p) {
  Where w;
  w.And("unit_id = ?", {unit_id}).And("role = 'officer'").And("active = 1").And("instr(name, ?) > 0", {name_part});
  return ReadPage<OfficerRow>(db, "SELECT id, name, cert_no, auxiliary", "FROM users", w, "name, id", p, [](Stmt& s) {
    return OfficerRow{s.Text(0), s.Text(1), s.Text(2), s.Int(3) != 0};
  });
}

StatusOr<bool> UsernameTaken(Db& db, const std::string& username) {
  return Exists(db, "SELECT 1 FROM users WHERE lower(username) = lower(?)", {username});
}

StatusOr<std::optional<LoginCredential>> FindLoginCredential(Db& db, const std::string& username) {
  QC_ASSIGN_OR_RETURN(Stmt * s,
                      db.Prepare("SELECT u.id, c.password_hash FROM users u "
                                 "JOIN credentials c ON c.user_id = u.id WHERE u.username = ? AND u.active = 1"));
  s->Bind(1, username);
  return ReadFirst<LoginCredential>(*s, [](Stmt& r) { return LoginCredential{r.Text(0), r.Text(1)}; });
}

Status UpsertCredential(Db& db, const std::string& user_id, const std::string& password_hash,
                        const std::string& updated_at) {
  return Execute(db, "INSERT OR REPLACE INTO credentials(user_id, password_hash, updated_at) VALUES (?, ?, ?)",
                 {user_id, password_hash, updated_at});
}

StatusOr<std::optional<DeviceRow>> GetDevice(Db& db, const std::string& id_or_serial) {
  QC_ASSIGN_OR_RETURN(Stmt * s,
                      db.Prepare(std::string(kDeviceSelect) + " " + kDeviceFrom + " WHERE d.id = ? OR d.serial = ?"));
  s->Bind(1, id_or_serial).Bind(2, id_or_serial);
  return ReadFirst<DeviceRow>(*s, ReadDevice);
}

StatusOr<bool> DeviceSerialTaken(Db& db, const std::string& serial) {
  return Exists(db, "SELECT 1 FROM devices WHERE serial = ?", {serial});
}

StatusOr<Page<DeviceRow>> ListDevices(Db& db, PageRequest p) {
  return ReadPage<DeviceRow>(db, kDeviceSelect, kDeviceFrom, Where(), "d.serial, d.id", p, ReadDevice);
}

StatusOr<std::vector<DeviceRow>> ListActiveDevicesOf(Db& db, const std::string& officer_id) {
  QC_ASSIGN_OR_RETURN(Stmt * s, db.Prepare(std::string(kDeviceSelect) + " " + kDeviceFrom +
                                           " WHERE d.officer_id = ? AND d.active = 1 ORDER BY d.serial, d.id"));
  s->Bind(1, officer_id);
  return ReadAll<DeviceRow>(*s, ReadDevice);
}

StatusOr<std::vector<StationRow>> ListStations(Db& db) {
  QC_ASSIGN_OR_RETURN(Stmt * s, db.Prepare(std::string(kStationSelect) + "ORDER BY s.created_at, s.id"));
  return ReadAll<StationRow>(*s, ReadStation);
}

StatusOr<std::optional<StationRow>> GetStation(Db& db, const std::string& id) {
  QC_ASSIGN_OR_RETURN(Stmt * s, db.Prepare(std::string(kStationSelect) + "WHERE s.id = ?"));
  s->Bind(1, id);
  return ReadFirst<StationRow>(*s, ReadStation);
}

Status InsertStationToken(Db& db, const std::string& token_hash, const std::string& station_id,
                          const std::string& created_at) {
  return Execute(db, "INSERT INTO station_tokens(token_hash, station_id, created_at) VALUES (?, ?, ?)",
                 {token_hash, station_id, created_at});
}

Status DeleteStationTokens(Db& db, const std::string& station_id) {
  return Execute(db, "DELETE FROM station_tokens WHERE station_id = ?", {station_id});
}

StatusOr<std::optional<StationRow>> FindStationByToken(Db& db, const std::string& token_hash) {
  QC_ASSIGN_OR_RETURN(Stmt * s, db.Prepare(std::string(kStationSelect) + "JOIN station_tokens t ON t.station_id = s.id "
                                                                         "WHERE t.token_hash = ? AND s.active = 1"));
  s->Bind(1, token_hash);
  return ReadFirst<StationRow>(*s, ReadStation);
}

}  // namespace qc::store
