// 简易程序 (Art. 23): the on-the-spot decision's rules as the server applies them
// (src/domain/simple_procedure.cc), as pure functions the dialog checks before it sends — every
// problem at once, each at its field — and that tests/e2e/simple-procedure.test.mjs runs in Node
// (type imports only). The server checks again; its 400 {code, message, field} lands at the field.
import type { CollectionGround, OnTheSpotDecisionInput, OnTheSpotMatter, OnTheSpotPenalty, PartyKind } from '@/api/types'

export const MATTER_OPTIONS: { value: OnTheSpotMatter; label: string }[] = [
  { value: 'public_security', label: '治安管理' },
  { value: 'traffic', label: '道路交通' },
  { value: 'other', label: '其他' },
]

export const PENALTY_OPTIONS: { value: OnTheSpotPenalty; label: string }[] = [
  { value: 'warning', label: '警告' },
  { value: 'fine', label: '罚款' },
]

export const GROUND_OPTIONS: { value: CollectionGround; label: string }[] = [
  { value: 'small', label: '一百元以下（行政处罚法第六十八条第一项）' },
  { value: 'hard_to_enforce', label: '不当场收缴事后难以执行（第六十八条第二项）' },
  { value: 'remote', label: '边远、水上、交通不便地区（第六十九条）' },
]

const labelIn = (opts: { value: string; label: string }[], v: string | undefined) =>
  opts.find((o) => o.value === v)?.label ?? v ?? ''
export const matterLabel = (v: string | undefined) => labelIn(MATTER_OPTIONS, v)
export const penaltyLabel = (v: string | undefined) => labelIn(PENALTY_OPTIONS, v)
export const groundLabel = (v: string | undefined) => labelIn(GROUND_OPTIONS, v)

/** Matters never decided on the spot (公安机关办理行政案件程序规定第三十七条第二款). */
export const EXCLUDED_WORDS = ['卖淫', '嫖娼', '赌博', '毒品', '吸毒'] as const

/** The first excluded word `text` mentions, or ''. */
export const excludedWord = (text: string): string => EXCLUDED_WORDS.find((w) => text.includes(w)) ?? ''

/** The highest fine (元) decided on the spot in a case of `matter` against a party of `kind`, with its basis. */
export function fineLimit(matter: OnTheSpotMatter, kind: PartyKind | undefined): { limit: number; basis: string } {
  if (matter === 'public_security')
    return { limit: 500, basis: '治安管理处罚法（2025年修订）：警告或者五百元以下罚款可以当场作出' }
  if (matter === 'traffic') return { limit: 200, basis: '道路交通安全法第一百零七条：警告或者二百元以下罚款可以适用简易程序' }
  // The first party decides, as on the server; a case without one is treated as against an individual.
  return kind === undefined || kind === 'natural_person'
    ? { limit: 50, basis: '公安机关办理行政案件程序规定第三十七条第一款第三项：对个人处五十元以下罚款' }
    : { limit: 1000, basis: '公安机关办理行政案件程序规定第三十七条第一款第三项：对单位处一千元以下罚款' }
}

/** The most a fine collected on the spot under `small` may be (行政处罚法第六十八条第一项). */
export const SMALL_COLLECTION_LIMIT = 100

/** The dialog's form: the fine as typed, the collection as a switch with its two fields; the paths are the API's fields. */
export interface OnTheSpotForm {
  matter: OnTheSpotMatter | ''
  facts: string
  legal_basis: string
  decision_no: string
  place: string
  penalty: OnTheSpotPenalty | ''
  fine_yuan: string
  statement: string
  review: string
  adopted: boolean
  disputed: boolean
  recording_device: string
  /** 当场收缴罚款: whether the fine was collected on the spot, and then its receipt and ground. */
  collect: boolean
  collected: { receipt_no: string; ground: CollectionGround | '' }
}

export function emptyOnTheSpotForm(): OnTheSpotForm {
  return {
    matter: '',
    facts: '',
    legal_basis: '',
    decision_no: '',
    place: '',
    penalty: '',
    fine_yuan: '',
    statement: '',
    review: '',
    adopted: false,
    disputed: false,
    recording_device: '',
    collect: false,
    collected: { receipt_no: '', ground: '' },
  }
}

/** The fine as a whole number of yuan, or NaN when it is not one. */
export function parseYuan(s: string): number {
  const t = s.trim()
  return /^\d{1,12}$/.test(t) ? Number(t) : NaN
}

const chars = (s: string) => [...s].length

/** A text the server requires: "请记录…" when empty, "…过于简略" when shorter than `min` characters. */
function textProblem(v: string, what: string, min = 2): string {
  const t = v.trim()
  if (!t) return '请记录' + what
  if (chars(t) < min) return `${what}过于简略（至少 ${min} 个字）`
  return ''
}

/**
 * Every problem of the form, by the field the server would name (matter, facts, legal_basis,
 * decision_no, place, penalty, fine_yuan, statement, review, recording_device, collected.receipt_no,
 * collected.ground); `kind`: the case's first party's kind. Empty when the server should accept it.
 */
export function onTheSpotProblems(f: OnTheSpotForm, kind: PartyKind | undefined): Record<string, string> {
  const out: Record<string, string> = {}
  const put = (field: string, message: string) => {
    if (message && !out[field]) out[field] = message
  }
  if (!f.matter) put('matter', '请选择案件类别')
  put('facts', textProblem(f.facts, '违法事实', 4))
  put('legal_basis', textProblem(f.legal_basis, '处罚依据', 4))
  put('decision_no', textProblem(f.decision_no, '当场处罚决定书编号'))
  put('place', textProblem(f.place, '处罚地点'))
  put('statement', textProblem(f.statement, '当事人的陈述、申辩（未提出的，记“未提出”）'))
  put('review', textProblem(f.review, '对陈述、申辩的复核及是否采纳的理由（第二十三条）'))
  for (const field of ['facts', 'legal_basis'] as const) {
    const word = excludedWord(f[field])
    if (word)
      put(
        field,
        `涉及卖淫、嫖娼、赌博、毒品的案件不适用当场处罚（公安机关办理行政案件程序规定第三十七条第二款）：${field === 'facts' ? '事实' : '依据'}中有“${word}”`,
      )
  }

  const fine = parseYuan(f.fine_yuan)
  if (!f.penalty) put('penalty', '请选择处罚种类')
  else if (f.penalty === 'warning') {
    if (f.fine_yuan.trim() && fine !== 0) put('fine_yuan', '警告不处罚款')
  } else if (!(fine > 0)) put('fine_yuan', '罚款数额应为正整数（元）')
  else if (f.matter) {
    const { limit, basis } = fineLimit(f.matter, kind)
    if (fine > limit) put('fine_yuan', `罚款 ${fine} 元超出当场处罚的限额 ${limit} 元（${basis}），应适用普通程序`)
  }

  if (f.collect) {
    if (f.penalty !== 'fine') put('collected', '警告没有罚款可收缴')
    if (!f.collected.receipt_no.trim()) put('collected.receipt_no', '当场收缴罚款须填写罚款收据编号（行政处罚法第七十条）')
    if (!f.collected.ground) put('collected.ground', '请选择当场收缴的情形')
    else if (f.collected.ground === 'small' && fine > SMALL_COLLECTION_LIMIT)
      put('collected.ground', '一百元以下的罚款才可依此当场收缴（行政处罚法第六十八条第一项）')
  }
  if (f.disputed && !f.recording_device.trim())
    put('recording_device', '当事人有异议的，应全程音像记录并登记所用执法记录仪（第二十三条）')
  return out
}

/** The request body of a form without problems. */
export function onTheSpotInput(f: OnTheSpotForm): OnTheSpotDecisionInput {
  const fine = f.penalty === 'fine' ? parseYuan(f.fine_yuan) : 0
  const body: OnTheSpotDecisionInput = {
    matter: f.matter as OnTheSpotMatter,
    facts: f.facts.trim(),
    legal_basis: f.legal_basis.trim(),
    decision_no: f.decision_no.trim(),
    place: f.place.trim(),
    penalty: f.penalty as OnTheSpotPenalty,
    fine_yuan: fine,
    statement: f.statement.trim(),
    review: f.review.trim(),
    adopted: f.adopted,
    disputed: f.disputed,
  }
  if (f.recording_device.trim()) body.recording_device = f.recording_device.trim()
  if (f.collect && f.penalty === 'fine')
    body.collected = { receipt_no: f.collected.receipt_no.trim(), ground: f.collected.ground as CollectionGround }
  return body
}
