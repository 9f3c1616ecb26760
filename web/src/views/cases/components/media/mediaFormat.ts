// How the 音像记录 panel writes sizes, durations and capture times.
import { formatTime } from '@/utils/time'

const MB = 1024 * 1024

/** 812 B, 35.2 KB, 3.6 MB, 1.25 GB (binary multiples, as file managers show them). */
export function formatBytes(n: number): string {
  if (!Number.isFinite(n) || n < 0) return ''
  if (n < 1024) return n + ' B'
  if (n < MB) return (n / 1024).toFixed(1) + ' KB'
  if (n < 1024 * MB) return (n / MB).toFixed(1) + ' MB'
  return (n / (1024 * MB)).toFixed(2) + ' GB'
}

/** 0:05, 12:34, 1:02:03; '' when unknown (libavformat reports -1). */
export function formatDuration(ms: number | null | undefined): string {
  if (ms == null || ms < 0) return ''
  const total = Math.round(ms / 1000)
  const h = Math.floor(total / 3600)
  const m = Math.floor((total % 3600) / 60)
  const s = total % 60
  const two = (x: number) => String(x).padStart(2, '0')
  return h > 0 ? `${h}:${two(m)}:${two(s)}` : `${m}:${two(s)}`
}

/**
 * The capture period in China Standard Time: the start in full, then the end, whose date is left
 * out when it is the start's ("2026-11-25 09:00:00" and "至 09:05:00").
 */
export function captureLines(start: string | null, end: string | null): [string, string] {
  const s = formatTime(start)
  const e = formatTime(end)
  if (!s) return [e ? '至 ' + e : '', '']
  if (!e) return [s, '']
  return [s, '至 ' + (e.slice(0, 10) === s.slice(0, 10) ? e.slice(11) : e)]
}
