// The working-day calendar: the shipped years overlaid by those the administrator sets
// (store/calendar_repo.h).
#include "app/directory.h"
#include "store/calendar_repo.h"

namespace qc::app {

namespace {

Json YearJson(const domain::CalendarYear& y, const store::CalendarYearSet* set) {
  Json j = domain::ToJson(y);
  j["origin"] = set ? "set" : "shipped";
  if (set) {
    j["set_at"] = FormatRfc3339(set->at);
    j["set_by"] = domain::ActorRefJson(set->by);
  }
  return j;
}

}  // namespace

StatusOr<Json> DirectoryService::GetCalendar(const domain::Actor& a) {
  QC_RETURN_IF_ERROR(ctx_.Allow(a, domain::Action::kListUnits));  // any logged-in user
  std::vector<store::CalendarYearSet> sets;
  {
    auto db = ctx_.reads->Acquire();
    QC_ASSIGN_OR_RETURN(sets, store::ReadCalendarYearSets(*db));
  }
  std::map<int, Json> years;
  for (const auto& [year, y] : domain::WorkCalendar::Shipped().years()) years[year] = YearJson(y, nullptr);
  for (const auto& s : sets) years[s.year.year] = YearJson(s.year, &s);  // the latest set wins
  Json out = Json::array();
  for (auto& [year, j] : years) out.push_back(std::move(j));
  return Json{{"years", std::move(out)}};
}

StatusOr<CommandResult> DirectoryService::SetCalendarYear(const domain::Actor& a, const domain::CalendarYear& y) {
  QC_RETURN_IF_ERROR(ctx_.Allow(a, domain::Action::kManageDirectory));
  QC_RETURN_IF_ERROR(domain::WorkCalendar::Validate(y));
  if (y.source.empty()) return Status::InvalidArgument("missing_field", "请填写依据的通知", "source");
  QC_ASSIGN_OR_RETURN(CommandResult r,
                      ctx_.Record(
                          a, "",
                          [&](store::WriteTx&) -> StatusOr<std::vector<domain::EventDraft>> {
                            return std::vector<domain::EventDraft>{{"CalendarYearSet", domain::ToJson(y)}};
                          },
                          true));
  store::CalendarYearSet set{y, r.events.empty() ? 0 : r.events.front().index, ctx_.clock.Now(), a.Ref()};
  r.body = YearJson(y, &set);
  return r;
}

}  // namespace qc::app
