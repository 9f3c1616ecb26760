// Times come as RFC 3339 UTC; they are shown in China Standard Time.
const fmt = new Intl.DateTimeFormat('zh-CN', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hour12: false,
})

export function formatTime(iso: string | null | undefined): string {
  if (!iso) return ''
  const d = new Date(iso)
  if (isNaN(d.getTime())) return iso
  const p: Record<string, string> = {}
  for (const part of fmt.formatToParts(d)) p[part.type] = part.value
  const hour = p.hour === '24' ? '00' : p.hour
  return `${p.year}-${p.month}-${p.day} ${hour}:${p.minute}:${p.second}`
}

/** A datetime-local style value "YYYY-MM-DDTHH:mm" entered in CST → RFC 3339 with +08:00. */
export function cstLocalToRfc3339(v: string | null | undefined): string | undefined {
  if (!v) return undefined
  const s = v.length === 16 ? v + ':00' : v
  return s + '+08:00'
}

const DAY = 86400
const HOUR = 3600

/**
 * Time left until a deadline in words, to the hour (to the minute in the last hour): 剩余2天3小时,
 * 剩余5小时, 剩余20分钟; negative seconds are overdue: 已超期5小时. Parts are truncated, so 剩余…
 * never overstates the time left.
 */
export function formatRemaining(seconds: number): string {
  return (seconds < 0 ? '已超期' : '剩余') + formatSpan(seconds)
}

/** A span of time in words, truncated to the hour (to the minute under an hour): 2天3小时, 5小时, 20分钟. */
export function formatSpan(seconds: number): string {
  const s = Math.abs(Math.trunc(seconds))
  const d = Math.floor(s / DAY)
  const h = Math.floor((s % DAY) / HOUR)
  const m = Math.floor((s % HOUR) / 60)
  if (d > 0) return d + '天' + (h > 0 ? h + '小时' : '')
  if (h > 0) return h + '小时'
  return m > 0 ? m + '分钟' : '不足1分钟'
}

/** Seconds from `now` (default: this browser's clock) until an RFC 3339 time; negative when past. */
export function secondsUntil(iso: string, now: number = Date.now()): number {
  return Math.floor((new Date(iso).getTime() - now) / 1000)
}

// ---- China Standard Time as entered --------------------------------------------------------------
// Times are entered as China Standard Time ("YYYY-MM-DDTHH:mm:ss", sent with +08:00 by cstLocalToRfc3339)
// whatever the browser's own zone: "now" is compared on the CST wall clock.

/** The CST wall clock at `now`, as a Date whose UTC fields read that wall time. */
const cstWall = (now: number = Date.now()) => new Date(now + 8 * HOUR * 1000)

/** An RFC 3339 time → "YYYY-MM-DDTHH:mm:ss" in CST (the date picker's value), or null. */
export function rfc3339ToCstLocal(iso: string | null | undefined): string | null {
  if (!iso) return null
  const t = Date.parse(iso)
  return isNaN(t) ? null : cstWall(t).toISOString().slice(0, 19)
}

/** Whether a CST "YYYY-MM-DDTHH:mm:ss" is later than `now` by more than `slackMs`. */
export function isFutureCst(v: string | null | undefined, slackMs = 0, now: number = Date.now()): boolean {
  if (!v) return false
  const t = Date.parse((v.length === 16 ? v + ':00' : v).replace(' ', 'T') + '+08:00')
  return !isNaN(t) && t > now + slackMs
}

/** What the date-time picker's panel says about the moment it edits (a dayjs). */
interface PickerMoment {
  year(): number
  month(): number
  date(): number
}

const sameCstDay = (d: PickerMoment | undefined, wall: Date) =>
  !!d && d.year() === wall.getUTCFullYear() && d.month() === wall.getUTCMonth() && d.date() === wall.getUTCDate()
const after = (n: number, total: number) => Array.from({ length: total }, (_, i) => i).filter((i) => i > n)

/**
 * The props of an el-date-picker (type datetime) for a CST moment that cannot be in the future: later
 * days are not offered, nor, on today, later hours, minutes and seconds.
 */
export const notFuturePicker = {
  disabledDate(day: Date): boolean {
    const wall = cstWall()
    const d = Date.UTC(day.getFullYear(), day.getMonth(), day.getDate())
    return d > Date.UTC(wall.getUTCFullYear(), wall.getUTCMonth(), wall.getUTCDate())
  },
  disabledHours(_role: string, d?: PickerMoment): number[] {
    const wall = cstWall()
    return sameCstDay(d, wall) ? after(wall.getUTCHours(), 24) : []
  },
  disabledMinutes(hour: number, _role: string, d?: PickerMoment): number[] {
    const wall = cstWall()
    if (!sameCstDay(d, wall) || hour < wall.getUTCHours()) return []
    return hour > wall.getUTCHours() ? after(-1, 60) : after(wall.getUTCMinutes(), 60)
  },
  disabledSeconds(hour: number, minute: number, _role: string, d?: PickerMoment): number[] {
    const wall = cstWall()
    if (!sameCstDay(d, wall) || hour < wall.getUTCHours()) return []
    if (hour > wall.getUTCHours() || minute > wall.getUTCMinutes()) return after(-1, 60)
    return minute < wall.getUTCMinutes() ? [] : after(wall.getUTCSeconds(), 60)
  },
}
