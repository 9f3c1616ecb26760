#include "domain/deadlines.h"

#include <charconv>

namespace qc::domain {

using std::chrono::days;

std::vector<Deadline> Deadlines(const CaseState& c) {
  std::vector<Deadline> out;
  if (c.closed_at) {
    out.push_back({"case_file", "形成案卷", "第三十三条", *c.closed_at, *c.closed_at + days(kCaseFileDays)});
    return out;
  }
  if (c.mode == StartMode::kApplication && c.status == CaseStatus::kPending && c.application) {
    const auto& notice = c.application->supplement_notice;
    if (notice && !notice->received) {
      if (auto due = EndOfChinaDay(notice->deadline.value_or("")))
        out.push_back({"supplement", "申请人补正材料", "第九条", notice->issued_at, *due});
    } else {
      TimePoint since = notice ? notice->received->at : c.created_at;
      out.push_back({"application_decision", "作出受理决定", "第九条（行政许可法第三十二条）", since,
                     since + days(kApplicationDecisionDays)});
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
