// The directory's projections as app/ asks for them: units, users and their credentials, body
// cameras, collection stations and their tokens. Rows, not SQL; the SQL is SQLite's and stays here.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "common/status.h"
#include "store/db.h"
#include "store/query.h"

namespace qc::store {

struct UnitRow {
  std::string id, name, parent_id, code;  // parent_id empty at the top
  bool enforcement_body = false;          // 执法主体 (domain::UnitTree)
};
struct UserRow {
  std::string id, username, name, role, unit_id, unit_name, cert_no;
  bool active = false;
  std::string created_at, updated_at;
  bool auxiliary = false;  // 辅警
};
struct OfficerRow {
  std::string id, name, cert_no;
  bool auxiliary = false;  // 辅警
};
struct DeviceRow {
  std::string id, serial, model, officer_id, officer_name, unit_id;
  bool active = false;
  std::string created_at;
  int64_t late_count = 0;  // records of this camera registered late (Art. 33)
};
struct StationRow {
  std::string id, name, location, unit_id;
  bool active = false;
  std::string created_at;
};

// Units, in the order they were created.
StatusOr<std::vector<UnitRow>> ListUnits(Db& db);
StatusOr<bool> UnitExists(Db& db, const std::string& id);
StatusOr<std::optional<std::string>> FindUnitId(Db& db, const std::string& name_or_id);
// Whether a new unit's name or code is taken by another (the code prefixes case numbers).
enum class UnitClash { kNone, kName, kCode };
StatusOr<UnitClash> FindUnitClash(Db& db, const std::string& name, const std::string& code);

StatusOr<std::optional<UserRow>> GetUser(Db& db, const std::string& id);
// An active user only.
StatusOr<std::optional<UserRow>> GetActiveUser(Db& db, const std::string& id);
StatusOr<std::optional<std::string>> FindUserId(Db& db, const std::string& username_or_id);
StatusOr<Page<UserRow>> ListUsers(Db& db, PageRequest p);
// Active officers of a unit whose name contains `name_part`, by name.
StatusOr<Page<OfficerRow>> ListUnitOfficers(Db& db, const std::string& unit_id, const std::string& name_part,
                                            PageRequest p);
// Usernames are unique whatever their case ("Officer1" and "officer1" would share a login throttle).
StatusOr<bool> UsernameTaken(Db& db, const std::string& username);

struct LoginCredential {
  std::string user_id, password_hash;
};
// The credential of an active user by exact username.
StatusOr<std::optional<LoginCredential>> FindLoginCredential(Db& db, const std::string& username);
Status UpsertCredential(Db& db, const std::string& user_id, const std::string& password_hash,
                        const std::string& updated_at);

StatusOr<std::optional<DeviceRow>> GetDevice(Db& db, const std::string& id_or_serial);
StatusOr<bool> DeviceSerialTaken(Db& db, const std::string& serial);
StatusOr<Page<DeviceRow>> ListDevices(Db& db, PageRequest p);
// The active cameras registered to one officer (执法记录仪), by serial.
StatusOr<std::vector<DeviceRow>> ListActiveDevicesOf(Db& db, const std::string& officer_id);

StatusOr<std::vector<StationRow>> ListStations(Db& db);
StatusOr<std::optional<StationRow>> GetStation(Db& db, const std::string& id);
Status InsertStationToken(Db& db, const std::string& token_hash, const std::string& station_id,
                          const std::string& created_at);
Status DeleteStationTokens(Db& db, const std::string& station_id);
// The active station holding the token with this hash.
StatusOr<std::optional<StationRow>> FindStationByToken(Db& db, const std::string& token_hash);

}  // namespace qc::store
