// The working-day calendar's form (工作日历): dates typed as text, and the rules the server applies to a
// year (PUT /api/v1/calendar/{year}), checked before sending so that every problem shows at once.

export const MIN_YEAR = 2000
export const MAX_YEAR = 2200
export const SOURCE_MAX = 200

/** The dates typed in a textarea: one a line, or separated by spaces, commas (, ，), 、 or semicolons. */
export function splitDates(text: string): string[] {
  return text.split(/[\s,，、;；]+/).filter((s) => s !== '')
}

/** A "YYYY-MM-DD" that is a real date, as a UTC midnight; null otherwise. */
function parseDay(text: string): Date | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text)
  if (!m) return null
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])]
  const date = new Date(0)
  date.setUTCFullYear(y, mo - 1, d) // not Date.UTC, which takes 0–99 as 1900–1999
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d) return null
  return date
}

export interface CalendarForm {
  year: number | null | undefined
  holidays: string[]
  workdays: string[]
  source: string
}

/**
 * The problems of a year's arrangement, by field (year, holidays, workdays, source), in the server's
 * words; empty when there are none. A field's problems are joined with '；', each naming its dates.
 */
export function checkCalendarYear(f: CalendarForm): Record<string, string> {
  const errors: Record<string, string> = {}
  const year = f.year
  const yearOk = typeof year === 'number' && Number.isInteger(year) && year >= MIN_YEAR && year <= MAX_YEAR
  if (year === null || year === undefined) errors.year = '请填写年份'
  else if (!yearOk) errors.year = `年份应在 ${MIN_YEAR} 至 ${MAX_YEAR} 之间`

  const holidays = new Set<string>()
  for (const field of ['holidays', 'workdays'] as const) {
    const problems = new Map<string, Set<string>>()
    const add = (problem: string, text: string) => {
      if (!problems.has(problem)) problems.set(problem, new Set())
      problems.get(problem)!.add(text)
    }
    const seen = new Set<string>()
    for (const text of f[field]) {
      const day = parseDay(text)
      if (!day) {
        add('日期格式应为 YYYY-MM-DD', text)
        continue
      }
      if (yearOk && day.getUTCFullYear() !== year) add(`日期不在 ${year} 年内`, text)
      if (seen.has(text)) add('日期重复', text)
      else if (field === 'workdays' && holidays.has(text)) add('已列为放假日期，不能同时列为调休上班日期', text)
      seen.add(text)
      if (field === 'holidays') holidays.add(text)
      const weekday = day.getUTCDay()
      if (field === 'workdays' && weekday !== 0 && weekday !== 6) add('调休上班日应为周六或周日', text)
    }
    if (problems.size > 0) errors[field] = [...problems].map(([p, texts]) => p + '：' + [...texts].join('、')).join('；')
  }

  const source = f.source.trim()
  if (source === '') errors.source = '请填写依据的通知'
  else if ([...source].length > SOURCE_MAX) errors.source = `来源不能超过 ${SOURCE_MAX} 个字`
  return errors
}
