#include "domain/event.h"

namespace qc::domain {

Json EventToJson(const Event& e) {
  Json j = {{"type", e.type},
            {"v", e.v},
            {"actor", {{"id", e.actor.id}, {"name", e.actor.name}, {"role", e.actor.role}}},
            {"at", FormatRfc3339(e.at)},
            {"data", e.data}};
  if (!e.case_id.empty()) j["case"] = e.case_id;
  return j;
}

StatusOr<Event> EventFromJson(Json&& j) {
  if (j.is_object() && j.contains("data") && j["data"].is_object()) {
    Json data = std::move(j["data"]);
    j["data"] = Json::object();  // keeps the checks below meaningful
    QC_ASSIGN_OR_RETURN(Event e, EventFromJson(static_cast<const Json&>(j)));
    e.data = std::move(data);
    return e;
  }
  return EventFromJson(static_cast<const Json&>(j));
}

StatusOr<Event> EventFromJson(const Json& j) {
  auto bad = [](const char* f) { return Status::InvalidArgument("invalid_event", "事件格式错误", f); };
  if (!j.is_object()) return bad("");
  Event e;
  if (!j.contains("type") || !j["type"].is_string()) return bad("type");
  e.type = j["type"];
  if (!j.contains("v") || !j["v"].is_number_integer()) return bad("v");
  e.v = j["v"];
  if (!j.contains("actor") || !j["actor"].is_object()) return bad("actor");
  const Json& a = j["actor"];
  for (const char* f : {"id", "name", "role"})
    if (!a.contains(f) || !a[f].is_string()) return bad("actor");
  e.actor = {a["id"], a["name"], a["role"]};
  if (!j.contains("at") || !j["at"].is_string()) return bad("at");
  auto at = ParseRfc3339(j["at"]);
  if (!at.ok()) return bad("at");
  e.at = *at;
  if (j.contains("case")) {
    if (!j["case"].is_string()) return bad("case");
    e.case_id = j["case"];
  }
  if (!j.contains("data") || !j["data"].is_object()) return bad("data");
  e.data = j["data"];
  return e;
}

std::string FormatDocumentNumber(const std::string& code, const std::string& word, int year, int64_t n) {
  return code + word + "〔" + std::to_string(year) + "〕" + std::to_string(n) + "号";
}

}  // namespace qc::domain
