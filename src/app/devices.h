// Body cameras (执法记录仪) and collection stations (采集站) (devices.cc): registered and changed by the
// admin; a station authenticates its uploads with the token issued when it was registered.
//
//   auto st = app.devices().RegisterStation(admin, "城关采集站", "值班室", unit_id);  // {"station", "token", ...}
//   auto uploader = app.devices().AuthenticateStation(token);
#pragma once

#include <optional>
#include <string>

#include "app/context.h"
#include "app/uploads.h"  // Uploader

namespace qc::app {

class DirectoryService;

// True for a collection station's token ("qcst_" + 64 hex), as opposed to a user's session token.
bool IsStationToken(const std::string& token);

class DeviceService {
 public:
  DeviceService(AppContext& ctx, DirectoryService& directory) : ctx_(ctx), directory_(directory) {}

  StatusOr<CommandResult> RegisterDevice(const domain::Actor& a, const std::string& serial, const std::string& model,
                                         const std::string& officer);
  StatusOr<CommandResult> ChangeDevice(const domain::Actor& a, const std::string& id,
                                       std::optional<std::string> officer, std::optional<bool> active);
  StatusOr<Json> GetDevice(const std::string& id_or_serial);
  StatusOr<Json> ListDevices(const domain::Actor& a, int page, int page_size);
  // The acting user's own active cameras ({"items": [...]}): what the upload form offers.
  StatusOr<Json> ListMyDevices(const domain::Actor& a);
  // Registers a station and issues its token, returned this once: {"station", "token", "events"}.
  StatusOr<Json> RegisterStation(const domain::Actor& a, const std::string& name, const std::string& location,
                                 const std::string& unit_id);
  StatusOr<Json> ListStations(const domain::Actor& a);
  StatusOr<CommandResult> RevokeStation(const domain::Actor& a, const std::string& id);
  StatusOr<Uploader> AuthenticateStation(const std::string& token);

 private:
  AppContext& ctx_;
  DirectoryService& directory_;
};

}  // namespace qc::app
