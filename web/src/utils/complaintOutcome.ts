// What becomes of a complaint (Art. 11; 公安机关办理行政案件程序规定 第六十一条; src/domain/complaint_outcome.cc)
// as the server checks it: 受案 (an anonymous complainant gets no receipt, and the reason is said),
// 移送 (to whom, why, when, and how the complainant was told), and the written notice of 不予启动.
// Pure functions the dialogs check before they send — every problem at once, each at its field — and
// that tests/e2e/complaint.test.mjs runs in Node. The server checks again.
import type { Case, ComplaintNoticeInput, ComplaintNoticeMethod, ComplaintTransferInput } from '@/api/types'
import { cstLocalToRfc3339 } from '@/utils/time'
import { collector, textProblem, timeProblem, tooLong, type Problems } from '@/utils/stageRecords'

/** The complainant cannot be handed a 受案回执: anonymous, or no name recorded. */
export function complainantUnnamed(c: Pick<Case, 'complaint'>): boolean {
  const who = c.complaint?.complainant
  return !who || !!who.anonymous || !who.name
}

// ---- 受案 -------------------------------------------------------------------------------------------

export function acceptanceProblems(f: { no_receipt_reason: string }, unnamed: boolean): Problems {
  const { out, put } = collector()
  if (unnamed) put('no_receipt_reason', textProblem(f.no_receipt_reason, '原因', '请说明无法交付受案回执的原因', 4, 1000))
  return out
}

// ---- 移送 -------------------------------------------------------------------------------------------

export interface TransferForm {
  to_authority: string
  reason: string
  transferred_at: string | null
  complainant_told: string
}
export const emptyTransferForm = (): TransferForm => ({
  to_authority: '',
  reason: '',
  transferred_at: null,
  complainant_told: '',
})

/** The time a check compares with, to the second (the picker's precision). */
const second = (iso: string) => Math.floor(Date.parse(iso) / 1000) * 1000

/** When the complaint was received: its received_at, else its registration. */
export const complaintReceivedAt = (c: Pick<Case, 'complaint' | 'created_at'>) => c.complaint?.received_at ?? c.created_at

/** `receivedAt` (RFC 3339): the transfer cannot come before it. */
export function transferProblems(f: TransferForm, unnamed: boolean, now: number = Date.now(), receivedAt?: string): Problems {
  const { out, put } = collector()
  put('to_authority', textProblem(f.to_authority, '有管辖权的单位', '请填写有管辖权的单位', 2, 200))
  put('reason', textProblem(f.reason, '移送理由', '请填写移送理由', 4, 2000))
  put('transferred_at', timeProblem(f.transferred_at, '移送时间', now))
  const at = cstLocalToRfc3339(f.transferred_at)
  if (at && receivedAt && Date.parse(at) < second(receivedAt)) put('transferred_at', '移送时间不能早于接报时间')
  if (unnamed) put('complainant_told', tooLong(f.complainant_told, '告知情况', 1000))
  else put('complainant_told', textProblem(f.complainant_told, '告知情况', '请填写告知投诉人的情况', 4, 1000))
  return out
}

export function transferInput(f: TransferForm): ComplaintTransferInput {
  const body: ComplaintTransferInput = {
    to_authority: f.to_authority.trim(),
    reason: f.reason.trim(),
    transferred_at: cstLocalToRfc3339(f.transferred_at) ?? '',
  }
  if (f.complainant_told.trim()) body.complainant_told = f.complainant_told.trim()
  return body
}

// ---- 不予启动的书面告知 -------------------------------------------------------------------------------

export const NOTICE_METHOD_OPTIONS: { value: ComplaintNoticeMethod; label: string }[] = [
  { value: 'direct', label: '直接送达' },
  { value: 'mail', label: '邮寄' },
  { value: 'email', label: '电子方式（经投诉人同意）' },
  { value: 'impossible', label: '无法书面告知' },
]
export const NOTICE_PROOF_HINTS: Record<ComplaintNoticeMethod, string> = {
  direct: '送达回证（投诉人签收）',
  mail: '邮件单号',
  email: '电子送达记录（发送和到达）',
  impossible: '',
}

export interface NoticeForm {
  method: ComplaintNoticeMethod | ''
  notified_at: string | null
  proof: string
  electronic_consent: boolean
  impossible_reason: string
}
export const emptyNoticeForm = (): NoticeForm => ({
  method: '',
  notified_at: null,
  proof: '',
  electronic_consent: false,
  impossible_reason: '',
})

/** `approvedAt`: when the 负责人 approved 不予启动 (RFC 3339) — the notice cannot come before it. */
export function noticeProblems(f: NoticeForm, now: number = Date.now(), approvedAt?: string): Problems {
  const { out, put } = collector()
  if (!f.method) {
    put('method', '请选择告知方式')
    return out
  }
  if (f.method === 'impossible') {
    put('impossible_reason', textProblem(f.impossible_reason, '原因', '请说明无法书面告知的原因', 4, 1000))
    return out
  }
  put('notified_at', timeProblem(f.notified_at, '告知时间', now))
  const at = cstLocalToRfc3339(f.notified_at)
  if (at && approvedAt && Date.parse(at) < second(approvedAt)) put('notified_at', '告知时间不能早于负责人批准不予启动的时间')
  put('proof', textProblem(f.proof, '送达凭证', '请填写送达凭证：' + NOTICE_PROOF_HINTS[f.method], 2, 200))
  if (f.method === 'email' && !f.electronic_consent) put('electronic_consent', '电子方式送达须经投诉人同意')
  return out
}

export function noticeInput(f: NoticeForm): ComplaintNoticeInput {
  const method = f.method as ComplaintNoticeMethod
  if (method === 'impossible') return { method, impossible_reason: f.impossible_reason.trim() }
  const body: ComplaintNoticeInput = {
    method,
    notified_at: cstLocalToRfc3339(f.notified_at) ?? '',
    proof: f.proof.trim(),
  }
  if (method === 'email') body.electronic_consent = f.electronic_consent
  return body
}
