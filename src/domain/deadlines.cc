#include "domain/deadlines.h"

#include <algorithm>
#include <charconv>

#include "common/china_time.h"
#include "domain/documents.h"
#include "domain/stage_records.h"

namespace qc::domain {

using std::chrono::days;

namespace {

constexpr const char* kDeemedAccepted =
    "逾期不告知补正的，自收到申请材料之日起即为受理（行政许可法第三十二条第一款第四项）";

// The day the application's materials were received: `received_at`, else its registration.
TimePoint ReceivedAt(const CaseState& c) {
  return c.application && c.application->received_at ? *c.application->received_at : c.created_at;
}

// The start of a record's deadline `s`, or nullopt while it has not started.
std::optional<TimePoint> DeadlineStart(const Document& d, const DeadlineSpec& s) {
  if (s.from == "issued") return d.issued_at;
  if (s.from == "served") {
    for (const auto& x : d.services)
      if (x.outcome == "served") return x.served_at;
    return std::nullopt;
  }
  if (!d.fields.contains(s.field) || !d.fields[s.field].is_string()) return std::nullopt;
  const std::string v = d.fields[s.field].get<std::string>();
  if (v.size() == 10) {  // a date: its start, China time (a due date itself when days is 0)
    auto end = EndOfChinaDay(v);
    if (!end) return std::nullopt;
    return StartOfChinaDay(*end);
  }
  auto t = ParseRfc3339(v);
  return t.ok() ? std::optional<TimePoint>(*t) : std::nullopt;
}

bool DeadlineMet(const CaseState& c, const Document& d, const DeadlineSpec& s) {
  if (s.until == "served") return d.Served();
  if (s.until == "execution") return DecisionExecuted(c);
  std::string type = s.until.substr(s.until.find(':') + 1);
  for (const auto& x : c.documents)
    if (x.type == type && x.status == "issued" && x.issued_at && d.issued_at && *x.issued_at >= *d.issued_at)
      return true;
  return false;
}

// The deadlines the case's issued records started (the catalogue's `deadlines`), until met.
void RecordDeadlines(const CaseState& c, const WorkCalendar& cal, std::vector<Deadline>& out) {
  for (const auto& d : c.documents) {
    if (d.status != "issued") continue;
    for (const auto& s : d.rules.deadlines) {
      if (DeadlineMet(c, d, s)) continue;
      auto since = DeadlineStart(d, s);
      if (!since) continue;
      int days = s.days;
      if (!s.days_field.empty() && d.fields.contains(s.days_field) && d.fields[s.days_field].is_number_integer())
        days = d.fields[s.days_field].get<int>();
      TimePoint due;
      if (days == 0)  // the day itself, to its end
        due = StartOfChinaDay(*since, 1) - std::chrono::milliseconds(1);
      else if (s.working_days)
        due = cal.EndOfWorkingDaysAfter(*since, days);
      else  // the first day not counted: to the end of the `days`th day after
        due = StartOfChinaDay(*since, days + 1) - std::chrono::milliseconds(1);
      // One deadline per kind on a case (the projection's key): the most urgent of its records.
      Deadline dl{s.kind, s.label + "（" + d.name + (d.number ? " " + *d.number : "") + "）", s.law, *since, due, ""};
      auto same = std::find_if(out.begin(), out.end(), [&](const Deadline& x) { return x.kind == s.kind; });
      if (same == out.end())
        out.push_back(std::move(dl));
      else if (due < same->due)
        *same = std::move(dl);
    }
  }
}

}  // namespace

std::optional<TimePoint> DeemedAcceptedFrom(const CaseState& c, const WorkCalendar& cal) {
  if (!c.application || !c.application->supplement_notice) return std::nullopt;
  TimePoint received = ReceivedAt(c);
  if (c.application->supplement_notice->issued_at <= cal.EndOfWorkingDaysAfter(received, kApplicationDecisionDays))
    return std::nullopt;
  return StartOfChinaDay(received);
}

std::vector<Deadline> Deadlines(const CaseState& c, const WorkCalendar& cal) {
  std::vector<Deadline> out;
  const auto& measure = c.urgent_measure;
  if (measure && c.status == CaseStatus::kRejected && !measure->released && c.closed_at)
    out.push_back({"measure_release", "立即解除现场措施", "第十条（行政强制法第十九条）", *c.closed_at, *c.closed_at,
                   "负责人认为不应当采取行政强制措施的，应当立即解除"});
  // Art. 33: the case file is formed within 30 days of the act's end, to the end of the 30th day after
  // that day, China time (the first day not counted), until the custodian archives it.
  auto ended = ActEndedAt(c);
  if (ended && !c.archive) {
    TimePoint due = StartOfChinaDay(*ended, kCaseFileDays + 1) - std::chrono::milliseconds(1);
    out.push_back({"case_file", "形成案卷", "第三十三条", *ended, due, ""});
  }
  if (c.closed_at) return out;
  if (!c.archive) RecordDeadlines(c, cal, out);
  if (measure && !c.start_approved)
    out.push_back({"urgent_report", "报告负责人并补办批准手续（24小时）", "第十条（行政强制法第十九条）",
                   measure->taken_at, measure->taken_at + std::chrono::hours(24), ""});
  if (c.on_the_spot && !c.on_the_spot->filing)
    out.push_back({"simple_filing", "当场处罚决定报所属公安机关备案（24小时）",
                   "第二十三条（公安机关办理行政案件程序规定第三十九条）", c.on_the_spot->at,
                   c.on_the_spot->at + std::chrono::hours(24), ""});
  // 程序规定 第六十一条: a complaint is accepted at once, or transferred within 24 hours, or (not the
  // police's matter) the complainant is told; the deadline runs until one of them is under way.
  if (c.complaint && !c.complaint->accepted && c.open_approval() == nullptr &&
      (c.status == CaseStatus::kPending || c.status == CaseStatus::kReturned)) {
    TimePoint received = ComplaintReceivedAt(c);
    out.push_back({"complaint_handling", "受案或移送有管辖权的单位（24小时）",
                   "第十一条（公安机关办理行政案件程序规定第六十一条）", received, received + kComplaintTransferWithin,
                   ""});
  }
  if (c.mode == StartMode::kApplication && c.status == CaseStatus::kPending && c.application) {
    const auto& notice = c.application->supplement_notice;
    if (notice && !notice->received) {
      if (auto due = EndOfChinaDay(notice->deadline.value_or("")))
        out.push_back({"supplement", "申请人补正材料", "第九条", notice->issued_at, *due, ""});
    } else {
      TimePoint since = notice ? notice->received->at : ReceivedAt(c);
      out.push_back({"application_decision", "作出受理决定（5个工作日）", "第九条（行政许可法第三十二条、第八十二条）",
                     since, cal.EndOfWorkingDaysAfter(since, kApplicationDecisionDays), notice ? "" : kDeemedAccepted});
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
  if (!d.consequence.empty()) j["consequence"] = d.consequence;
  return j;
}

}  // namespace qc::domain
