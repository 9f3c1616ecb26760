// The working-day calendars QuanCheng ships (domain/work_calendar.h). Each year follows the General
// Office of the State Council's notice on the public holidays of that year; a year whose notice had not
// been published when this file was written is `provisional` (Monday to Friday only) and must be
// replaced when the notice appears.
#include "domain/work_calendar.h"

namespace qc::domain {

const WorkCalendar& WorkCalendar::Shipped() {
  static const WorkCalendar kShipped = [] {
    WorkCalendar cal;
    // 国务院办公厅关于2026年部分节假日安排的通知（2025年11月4日）.
    cal.Set({2026,
             {// 元旦 1月1日至3日
              "2026-01-01", "2026-01-02", "2026-01-03",
              // 春节 2月15日至23日
              "2026-02-15", "2026-02-16", "2026-02-17", "2026-02-18", "2026-02-19", "2026-02-20", "2026-02-21",
              "2026-02-22", "2026-02-23",
              // 清明节 4月4日至6日
              "2026-04-04", "2026-04-05", "2026-04-06",
              // 劳动节 5月1日至5日
              "2026-05-01", "2026-05-02", "2026-05-03", "2026-05-04", "2026-05-05",
              // 端午节 6月19日至21日
              "2026-06-19", "2026-06-20", "2026-06-21",
              // 中秋节 9月25日至27日
              "2026-09-25", "2026-09-26", "2026-09-27",
              // 国庆节 10月1日至7日
              "2026-10-01", "2026-10-02", "2026-10-03", "2026-10-04", "2026-10-05", "2026-10-06", "2026-10-07"},
             {// 调休上班
              "2026-01-04", "2026-02-14", "2026-02-28", "2026-05-09", "2026-09-20", "2026-10-10"},
             false,
             "国务院办公厅关于2026年部分节假日安排的通知"});
    // 2027: the notice had not been published when this was shipped (December 2026) — weekends only.
    cal.Set({2027, {}, {}, true, "暂按周六、周日休息；国务院办公厅公布2027年节假日安排后须由系统管理员更新"});
    return cal;
  }();
  return kShipped;
}

}  // namespace qc::domain
