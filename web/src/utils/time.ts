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
