#include "domain/event_json.h"

#include "domain/case_record.h"

namespace qc::domain::event_json {

void PutOpt(Json& j, const char* key, const std::optional<std::string>& v) {
  if (v) j[key] = *v;
}
void PutOptTime(Json& j, const char* key, const std::optional<TimePoint>& t) {
  if (t) j[key] = FormatRfc3339(*t);
}
void PutAtBy(Json& j, TimePoint at, const ActorRef& by) {
  j["at"] = FormatRfc3339(at);
  j["by"] = ActorRefJson(by);
}
Json TimeOrNull(const std::optional<TimePoint>& t) { return t ? Json(FormatRfc3339(*t)) : Json(nullptr); }
Json Strings(const std::vector<std::string>& v) {
  Json a = Json::array();
  for (const auto& s : v) a.push_back(s);
  return a;
}

const Json& Object(const Json& j, const char* what) {
  if (!j.is_object()) throw std::invalid_argument(std::string(what) + " is not an object");
  return j;
}
std::string Str(const Json& j, const char* key) { return j.contains(key) ? j[key].get<std::string>() : std::string(); }
std::optional<std::string> OptStr(const Json& j, const char* key) {
  if (!j.contains(key) || j[key].is_null()) return std::nullopt;
  return j[key].get<std::string>();
}
std::optional<TimePoint> OptTime(const Json& j, const char* key) {
  auto s = OptStr(j, key);
  if (!s) return std::nullopt;
  auto t = ParseRfc3339(*s);
  if (!t.ok()) throw std::invalid_argument(std::string(key) + ": " + t.status().message());
  return *t;
}
TimePoint ReqTime(const Json& j, const char* key) {
  auto t = OptTime(j, key);
  if (!t) throw std::invalid_argument(std::string(key) + ": missing");
  return *t;
}
std::vector<std::string> StrList(const Json& j, const char* key) {
  std::vector<std::string> out;
  if (j.contains(key))
    for (const auto& v : j[key]) out.push_back(v.get<std::string>());
  return out;
}

}  // namespace qc::domain::event_json
