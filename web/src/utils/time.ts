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
