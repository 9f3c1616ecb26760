#include "domain/deadlines.h"

#include <charconv>

namespace qc::domain {

namespace {

using std::chrono::days;
using std::chrono::hours;
using std::chrono::milliseconds;

std::optional<TimePoint> ParseTime(const Json& j, const char* key) {
  if (!j.is_object() || !j.contains(key) || !j[key].is_string()) return std::nullopt;
  auto t = ParseRfc3339(j[key].get<std::string>());
  if (!t.ok()) return std::nullopt;
  return *t;
}

}  // namespace

std::vector<Deadline> Deadlines(const CaseState& c) {
  std::vector<Deadline> out;
  if (c.closed_at) {
    out.push_back({"case_file", "形成案卷", "第三十三条", *c.closed_at, *c.closed_at + days(kCaseFileDays)});
    return out;
  }
  if (c.mode == StartMode::kApplication && c.status == CaseStatus::kPending && c.application.is_object()) {
    const Json& notice = c.application.value("supplement_notice", Json());
    if (notice.is_object() && !notice.value("received", Json()).is_object()) {
      auto issued = ParseTime(notice, "issued_at");
      auto due = EndOfChinaDay(notice.value("deadline", ""));
      if (issued && due) out.push_back({"supplement", "申请人补正材料", "第九条", *issued, *due});
    } else {
      std::optional<TimePoint> since = c.created_at;
      if (notice.is_object()) since = ParseTime(notice["received"], "at");
      if (since)
        out.push_back({"application_decision", "作出受理决定", "第九条（行政许可法第三十二条）", *since,
                       *since + days(kApplicationDecisionDays)});
    }
  }
  return out;
}

Json DeadlineToJson(const Deadline& d) {
  Json j = Json::object();
  j["kind"] = d.kind;
  j["label"] = d.label;
  j["article"] = d.article;
  j["since"] = FormatRfc3339(d.since);
  j["due_at"] = FormatRfc3339(d.due);
  return j;
}

}  // namespace qc::domain
