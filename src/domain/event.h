// An event: one fact the measures ask us to record. Its canonical JSON envelope is
//
//   {"actor":{"id":"user_..","name":"张伟","role":"officer"},"at":"2026-11-27T01:02:03.456Z",
//    "case":"case_..","data":{...},"type":"CaseOpened","v":1}
//
// ("case" only for events about a case). The envelope's canonical bytes are what the ledger hashes;
// the ledger index is the event's position in the log and is not part of its bytes.
// See docs/formats/events.md.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "common/canonical_json.h"
#include "common/clock.h"
#include "common/status.h"

namespace qc::domain {

struct ActorRef {
  std::string id, name, role;  // role at the time of acting ("system" for set-up events)
};

inline constexpr int kEventSchemaVersion = 1;

struct Event {
  int64_t index = -1;  // ledger index, 0-based; -1 until appended
  std::string type;
  int v = kEventSchemaVersion;
  ActorRef actor;
  std::string case_id;  // empty for events not about a case
  TimePoint at;
  Json data = Json::object();
};

// A 文号 the event needs from the enforcement body's sequence: the app layer writes
// FormatDocumentNumber(body's code, word, year, next of (body, series, year)) into data[field] inside
// the transaction that records the event, so numbers are gap-free and never reused.
struct NumberRequest {
  std::string field;    // e.g. "receipt_no"
  std::string body_id;  // the enforcement body whose sequence it is (执法主体)
  std::string series;   // e.g. "receipt"
  std::string word;     // e.g. "凭字"
};
// "易公" "凭字" 2026 3 → "易公凭字〔2026〕3号" (GB/T 9704—2012 7.2.4: 不编虚位).
std::string FormatDocumentNumber(const std::string& code, const std::string& word, int year, int64_t n);

// What a command decides: the type and the data; the app layer adds actor, case and time (and the
// document number, when one is requested).
struct EventDraft {
  std::string type;
  Json data;
  std::optional<NumberRequest> number;
};

Json EventToJson(const Event& e);
// Parses an envelope (as stored). InvalidArgument naming the field if it is not one.
StatusOr<Event> EventFromJson(const Json& j);
StatusOr<Event> EventFromJson(Json&& j);  // moves the data out instead of copying it

}  // namespace qc::domain
