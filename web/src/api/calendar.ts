// The working-day calendar (工作日历): the years QuanCheng ships, overlaid by those the system
// administrator sets as the State Council publishes each year's public holidays. Time limits in
// working days (行政许可法第八十二条) are counted with it.
import { http } from '@/utils/http'
import type { CalendarList, CalendarYearRequest, CalendarYearResult } from './types'

/** GET /api/v1/calendar — 各年份节假日安排 */
export function getCalendar() {
  return http.get<CalendarList>('/api/v1/calendar')
}

/** PUT /api/v1/calendar/{year} — 设置一年的放假日期和调休上班日期（整年替换） */
export function setCalendarYear(year: number, body: CalendarYearRequest) {
  return http.put<CalendarYearResult>(`/api/v1/calendar/${year}`, body, { silent: (e) => !!e.field })
}
