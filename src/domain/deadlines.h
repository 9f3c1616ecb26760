// Time limits (期限) that run on a case, derived from its state alone. Pure: no I/O, no clock — the
// caller compares `due` with its own clock, so the same case shows the same deadlines live and in
// a replay.
//
//   application_decision  依申请: decide on acceptance (受理或不予受理) or tell the applicant once
//                         everything to supplement, within 5 working days (行政许可法 第三十二条、第八十二条,
//                         which Art. 9 of the measures defers to) after the day the materials were
//                         received (`received_at`, else registration), or the supplemented ones; due at
//                         the end of that day, China time (domain/work_calendar.h). A supplement notice
//                         not given in time means the application is deemed accepted from receipt.
//   supplement            依申请: the applicant's deadline to supplement (一次性告知补正, Art. 9), when
//                         the notice gave a date; the officer follows it up.
//   simple_filing         简易程序: the on-the-spot decision is filed with the officer's bureau within 24
//                         hours of being made (公安机关办理行政案件程序规定 第三十九条第二款; Art. 23(5)).
//   urgent_report         紧急启动: report the on-site measure to the 负责人 and obtain the approval within
//                         24 hours of taking it (行政强制法 第十九条; Art. 10), until the start is approved.
//   measure_release       紧急启动 refused: release the measure at once (立即解除, 行政强制法 第十九条),
//                         due when refused, until the release is recorded; shown beside case_file.
//   case_file             the enforcement act ended — the procedure ended (不予受理, 不予启动, 不予批准) or the
//                         decision was served and executed (domain/stage_records.h ActEndedAt): form the
//                         case file (案卷) within 30 days (Art. 33), to the end of the 30th day after the
//                         day it ended, China time. The custodian's CaseArchived ends it.
//   <catalogue kinds>     the time limits the case's issued records start, as their types define them
//                         (domain/catalogue.h DeadlineSpec: 查封扣押期限, 7日内送达决定书, 15日内缴纳罚款,
//                         整改期满复查, 催告期限), until met; one per kind, the most urgent.
#pragma once

#include "common/china_time.h"  // EndOfChinaDay

#include <string>
#include <vector>

#include "common/canonical_json.h"
#include "common/clock.h"
#include "domain/case_state.h"
#include "domain/work_calendar.h"

namespace qc::domain {

struct Deadline {
  std::string kind;   // application_decision | supplement | simple_filing | urgent_report | measure_release | case_file
  std::string label;  // Chinese, for the UI
  std::string article;  // the rule it comes from
  TimePoint since, due;
  std::string consequence;  // what the law makes of a missed deadline, when it says (may be empty)
};

inline constexpr int kApplicationDecisionDays = 5;
inline constexpr int kCaseFileDays = 30;

std::vector<Deadline> Deadlines(const CaseState& c, const WorkCalendar& cal = WorkCalendar::Shipped());
// 行政许可法 第三十二条第一款第四项: a supplement notice given after the 5 working days means the
// application was accepted from the day its materials were received; that day's start, or nullopt.
std::optional<TimePoint> DeemedAcceptedFrom(const CaseState& c, const WorkCalendar& cal = WorkCalendar::Shipped());
Json DeadlineToJson(const Deadline& d);

}  // namespace qc::domain
