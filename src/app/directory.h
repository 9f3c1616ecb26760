// Units and users (the directory). Users are recorded as events (who held which role in which unit
// is part of the record); password hashes are not: they live in the credentials table.
//
//   auto id = app.directory().FindUserId("officer1");
//   auto actor = app.directory().LoadActor(*id);
#pragma once

#include <optional>
#include <string>

#include "app/context.h"
#include "domain/work_calendar.h"

namespace qc::app {

struct NewUser {
  std::string username, name, role, unit_id, cert_no, password;
  bool auxiliary = false;  // 辅警 (domain/officer_rules.h)
};
struct UserChange {
  std::optional<std::string> name, role, unit_id, cert_no, password;
  std::optional<bool> active, auxiliary;
};

// The user as the API shows the logged-in actor.
Json UserJson(const domain::Actor& a);

class DirectoryService {
 public:
  explicit DirectoryService(AppContext& ctx) : ctx_(ctx) {}

  StatusOr<Json> ListUnits(const domain::Actor& a);
  StatusOr<Json> ListUsers(const domain::Actor& a, int page, int page_size);
  StatusOr<Json> GetUser(const domain::Actor& a, const std::string& id);
  // Active officers (执法人员) of a unit the actor may see, by name; `name` filters by substring.
  StatusOr<Json> ListUnitOfficers(const domain::Actor& a, const std::string& unit_id, const std::string& name, int page,
                                  int page_size);
  StatusOr<CommandResult> CreateUser(const domain::Actor& a, const NewUser& u);
  StatusOr<CommandResult> ChangeUser(const domain::Actor& a, const std::string& id, const UserChange& c);
  // enforcement_body: 执法主体; unset — a top unit is one, a unit below another is not.
  StatusOr<CommandResult> CreateUnit(const domain::Actor& a, const std::string& name, const std::string& code,
                                     const std::string& parent_id, std::optional<bool> enforcement_body = {});
  // The working-day calendar (工作日历, 行政许可法 第八十二条): every known year, shipped or set, for any
  // logged-in user; setting a year (the administrator) records CalendarYearSet, which re-renders the
  // deadlines of application cases.
  StatusOr<Json> GetCalendar(const domain::Actor& a);
  StatusOr<CommandResult> SetCalendarYear(const domain::Actor& a, const domain::CalendarYear& y);
  StatusOr<domain::Actor> LoadActor(const std::string& user_id);
  StatusOr<std::string> FindUserId(const std::string& username);
  StatusOr<std::string> FindUnitId(const std::string& name_or_id);

 private:
  AppContext& ctx_;
};

}  // namespace qc::app
