// How a case starts and what it is about, as the server checks it: an urgent start's on-site measure
// (第十条；行政强制法第十九条: what was taken, where, when) and 案由、违法时间、违法地点 (Offence). Pure
// functions the forms check before they send — every problem at once, each at its field — and that
// tests/e2e/urgent-start.test.mjs runs in Node. The server checks again; its 400 lands at the field.
import type { Offence, UrgentMeasureInput } from '@/api/types'
import { cstLocalToRfc3339, isFutureCst, rfc3339ToCstLocal } from '@/utils/time'

const chars = (s: string) => [...s.trim()].length

/** A text of `min`–`max` characters: '' when right, else why not; `empty` when it is missing. */
function textProblem(v: string, what: string, empty: string, min: number, max: number): string {
  const n = chars(v)
  if (!n) return empty
  if (n < min) return `${what}过于简略（至少 ${min} 个字）`
  if (n > max) return `${what}不能超过 ${max} 个字`
  return ''
}

// ---- 紧急启动的现场措施 ----------------------------------------------------------------------------

/** The wizard's fields of the measure; `taken_at` as the date picker holds it (CST, YYYY-MM-DDTHH:mm:ss). */
export interface UrgentMeasureForm {
  measure: string
  place: string
  taken_at: string | null
}

export const emptyUrgentMeasure = (): UrgentMeasureForm => ({ measure: '', place: '', taken_at: null })

/** Every problem of the measure by its field (measure, place, taken_at); empty when the server should accept it. */
export function urgentMeasureProblems(m: UrgentMeasureForm, now: number = Date.now()): Record<string, string> {
  const out: Record<string, string> = {}
  const put = (field: string, message: string) => {
    if (message) out[field] = message
  }
  put('measure', textProblem(m.measure, '现场措施', '请填写当场采取的措施（如：扣押烟花爆竹12箱）', 2, 200))
  put('place', textProblem(m.place, '措施地点', '请填写采取措施的地点', 2, 200))
  if (!m.taken_at) put('taken_at', '请选择采取措施的时间（应在 24 小时内报告负责人，行政强制法第十九条）')
  else if (isFutureCst(m.taken_at, 0, now)) put('taken_at', '采取措施的时间不能晚于当前时间')
  return out
}

/** The request's urgent_measure of a form without problems. */
export function urgentMeasureInput(m: UrgentMeasureForm): UrgentMeasureInput {
  return { measure: m.measure.trim(), place: m.place.trim(), taken_at: cstLocalToRfc3339(m.taken_at) ?? '' }
}

// ---- 案由、违法时间、违法地点 ---------------------------------------------------------------------

/** The fields of the offence; `occurred_at` as the date picker holds it (CST). */
export interface OffenceForm {
  cause: string
  place: string
  occurred_at: string | null
}

/** The form of an offence, filled with the recorded one when there is one. */
export const offenceForm = (o?: Offence | null): OffenceForm => ({
  cause: o?.cause ?? '',
  place: o?.place ?? '',
  occurred_at: rfc3339ToCstLocal(o?.occurred_at),
})

/** Whether nothing of the offence is given (the wizard then sends none). */
export const offenceBlank = (o: OffenceForm) => !o.cause.trim() && !o.place.trim() && !o.occurred_at

/**
 * Every problem of the offence by its field (cause, place, occurred_at). `required`: the cause must be
 * given (recording it on the case); otherwise only when the place or the time is.
 */
export function offenceProblems(o: OffenceForm, required: boolean, now: number = Date.now()): Record<string, string> {
  const out: Record<string, string> = {}
  const put = (field: string, message: string) => {
    if (message) out[field] = message
  }
  const needed = required || !offenceBlank(o)
  const empty = needed ? (required ? '请填写案由' : '填写了违法时间或违法地点的，须同时填写案由') : ''
  put('cause', textProblem(o.cause, '案由', empty, 2, 100))
  if (chars(o.place) > 200) put('place', '违法地点不能超过 200 个字')
  if (isFutureCst(o.occurred_at, 0, now)) put('occurred_at', '违法时间不能晚于当前时间')
  return out
}

/** The request's offence of a form without problems (only the fields given). */
export function offenceInput(o: OffenceForm): Offence {
  const out: Offence = { cause: o.cause.trim() }
  if (o.place.trim()) out.place = o.place.trim()
  const at = cstLocalToRfc3339(o.occurred_at)
  if (at) out.occurred_at = at
  return out
}
