// Reading and writing the data of events, shared by the record types (case_record, stage_records,
// urgent_start, simple_procedure, complaint_outcome). Readers throw std::invalid_argument naming the
// key; the appliers (case_state.cc) turn that into a corrupt-event error.
//
//   using namespace event_json;
//   PutOpt(j, "recipient", r.recipient);            // only when present
//   TimePoint t = ReqTime(j, "served_at");          // throws when missing or malformed
#pragma once

#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "common/canonical_json.h"
#include "common/clock.h"
#include "domain/event.h"

namespace qc::domain::event_json {

// Objects are built by assignment: nlohmann's initializer lists deep-copy every element.
void PutOpt(Json& j, const char* key, const std::optional<std::string>& v);
void PutOptTime(Json& j, const char* key, const std::optional<TimePoint>& t);
void PutAtBy(Json& j, TimePoint at, const ActorRef& by);  // "at" and "by" of a folded record
Json TimeOrNull(const std::optional<TimePoint>& t);
Json Strings(const std::vector<std::string>& v);

const Json& Object(const Json& j, const char* what);
std::string Str(const Json& j, const char* key);  // "" when absent
std::optional<std::string> OptStr(const Json& j, const char* key);
std::optional<TimePoint> OptTime(const Json& j, const char* key);
TimePoint ReqTime(const Json& j, const char* key);
std::vector<std::string> StrList(const Json& j, const char* key);
template <typename E>
E Enum(const Json& j, const char* key, std::optional<E> (*parse)(std::string_view)) {
  auto v = parse(Str(j, key));
  if (!v) throw std::invalid_argument(std::string(key) + ": unknown value");
  return *v;
}

}  // namespace qc::domain::event_json
