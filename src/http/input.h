// Strict reading of JSON request bodies and query strings. Every problem is reported with the
// field at fault ("parties[1].name"); unknown fields are errors, so a typo never silently drops data.
//
//   QC_ASSIGN_OR_RETURN(Json body, ParseBody(req));
//   Reader r(body);
//   std::string title = r.Str("title", kRequired, 200);
//   bool major = r.Bool("major", false);
//   QC_RETURN_IF_ERROR(r.Finish());     // first error, or an unknown field
#pragma once

#include <cstdint>
#include <initializer_list>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "common/canonical_json.h"
#include "common/clock.h"
#include "common/status.h"
#include "common/utf8.h"
#include "http/message.h"

namespace qc::http {

inline constexpr bool kRequired = true;
inline constexpr bool kOptional = false;

// The body as a JSON object: 415 unless Content-Type is JSON, 400 when malformed or not an object.
StatusOr<Json> ParseBody(const Request& req);

class Reader {
 public:
  // `obj` must outlive the Reader (it is read in place).
  explicit Reader(const Json& obj, std::string prefix = "");
  Reader(Json&&, std::string = "") = delete;

  // Strings: at most `max_chars` Unicode characters; a required one must not be blank.
  std::string Str(const std::string& name, bool required, size_t max_chars);
  std::optional<std::string> OptStr(const std::string& name, size_t max_chars);
  // A string that must be one of `allowed`.
  std::string Enum(const std::string& name, bool required, const std::vector<std::string>& allowed,
                   const std::string& fallback = "");
  bool Bool(const std::string& name, bool fallback);
  // An integer in [min, max] (a number with a fraction is wrong_type; outside is invalid_field).
  int64_t Int(const std::string& name, int64_t fallback, int64_t min, int64_t max);
  std::optional<bool> OptBool(const std::string& name, bool required = false);
  std::vector<std::string> StrList(const std::string& name, bool required, size_t max_items, size_t max_chars);
  // A nested object: read it with the returned Reader, then Merge() its Finish().
  std::optional<Reader> Object(const std::string& name, bool required);
  // An array of objects.
  std::vector<Reader> Objects(const std::string& name, bool required, size_t max_items);
  bool Has(const std::string& name) const { return obj_.is_object() && obj_.contains(name); }

  void Fail(Status s);
  void Merge(Status s) { Fail(std::move(s)); }
  // The first error, or unknown_field for a key never read.
  Status Finish();
  std::string Path(const std::string& name) const { return prefix_.empty() ? name : prefix_ + "." + name; }

 private:
  const Json* Get(const std::string& name, bool required, Json::value_t type, const char* type_label);
  const Json& obj_;
  std::string prefix_;
  std::set<std::string> seen_;
  Status error_;
};

// Query-string reading with the same error shape. Unknown parameters are errors too.
class QueryReader {
 public:
  explicit QueryReader(const std::map<std::string, std::string>& q) : q_(q) {}
  std::optional<std::string> Str(const std::string& name, size_t max_chars);
  int Int(const std::string& name, int fallback, int min, int max);
  // One of `allowed`, or `fallback` when absent (invalid_field naming the parameter otherwise).
  std::string Enum(const std::string& name, const std::string& fallback, std::initializer_list<const char*> allowed);
  Status Finish();

 private:
  const std::map<std::string, std::string>& q_;
  std::set<std::string> seen_;
  Status error_;
};

using qc::Utf8Length;  // common/utf8.h

// An optional RFC 3339 time; a malformed one fails the reader at its field.
std::optional<TimePoint> ReadTime(Reader& r, const std::string& name);

}  // namespace qc::http
