// The minimum record of the later stages (issue 12 §7; src/domain/stage_records.cc) as the server
// checks it: the decision proposed in 审查决定, a service and the execution in 送达执行, the archive in
// 归档管理. Pure functions the dialogs check before they send — every problem at once, each at its
// field — and that tests/e2e/later-stages.test.mjs runs in Node. The server checks again; its 400
// {code, message, field} lands at the field.
import type {
  ArchiveInput,
  DecisionInput,
  DecisionKind,
  ExecutionInput,
  ExecutionManner,
  ServiceInput,
  ServiceMethod,
} from '@/api/types'
import { cstLocalToRfc3339, isFutureCst } from '@/utils/time'

const chars = (s: string) => [...s.trim()].length

/** A text of `min`–`max` characters: '' when right, else why not; `empty` when it is missing. */
export function textProblem(v: string, what: string, empty: string, min: number, max: number): string {
  const n = chars(v)
  if (!n) return empty
  if (n < min) return `${what}过于简略（至少 ${min} 个字）`
  if (n > max) return `${what}不能超过 ${max} 个字`
  return ''
}

/** An optional text of at most `max` characters. */
export const tooLong = (v: string, what: string, max: number) => (chars(v) > max ? `${what}不能超过 ${max} 个字` : '')

/** A moment as the date picker holds it (CST): required, not in the future. */
export function timeProblem(v: string | null, what: string, now: number): string {
  if (!v) return `请选择${what}`
  return isFutureCst(v, 0, now) ? `${what}不能晚于当前时间` : ''
}

export type Problems = Record<string, string>
export function collector() {
  const out: Problems = {}
  const put = (field: string, message: string) => {
    if (message && !out[field]) out[field] = message
  }
  return { out, put }
}

// ---- 审查决定: 提交处理决定审批 -------------------------------------------------------------------

export interface DecisionForm {
  decision_no: string
  kind: DecisionKind | ''
  content: string
  opinion: string
}

export const emptyDecisionForm = (): DecisionForm => ({ decision_no: '', kind: '', content: '', opinion: '' })

/** Every problem of the decision by its field (decision_no, kind, content, opinion); empty when the server should accept it. */
export function decisionProblems(f: DecisionForm): Problems {
  const { out, put } = collector()
  put('decision_no', textProblem(f.decision_no, '决定书文号', '请填写决定书文号（如：易公（治）行罚决字〔2026〕12号）', 2, 100))
  if (!f.kind) put('kind', '请选择决定种类')
  put('content', textProblem(f.content, '决定内容', '请填写决定内容：处罚种类和数额，或不予处罚、其他处理的理由', 4, 2000))
  put('opinion', textProblem(f.opinion, '承办人意见', '请填写承办人意见（第七条）', 2, 2000))
  return out
}

export function decisionInput(f: DecisionForm): DecisionInput {
  return {
    decision_no: f.decision_no.trim(),
    kind: f.kind as DecisionKind,
    content: f.content.trim(),
    opinion: f.opinion.trim(),
  }
}

// ---- 送达执行: 登记送达 --------------------------------------------------------------------------

export interface ServiceForm {
  document_no: string
  method: ServiceMethod | ''
  recipient: string
  /** As the date picker holds it (CST, YYYY-MM-DDTHH:mm:ss). */
  served_at: string | null
  proof: string
  note: string
}

export const emptyServiceForm = (): ServiceForm => ({
  document_no: '',
  method: '',
  recipient: '',
  served_at: null,
  proof: '',
  note: '',
})

/** The methods whose note is required, and what it records (第二十六条、第二十七条). */
export const SERVICE_NOTE_REQUIRED: Partial<Record<ServiceMethod, string>> = {
  service_by_leaving: '拒收事由、日期和见证人（第二十六条）',
  public_notice: '采用公告送达的原因（其他方式无法送达，第二十七条）',
}

/** What proves the service for each method: the name of the proof field's content. */
export const SERVICE_PROOF_HINTS: Record<ServiceMethod, string> = {
  direct: '送达回证编号',
  service_by_leaving: '送达回证编号（注明拒收情况）',
  entrusted: '委托送达的送达回证编号',
  mail: '邮件单号（挂号信、EMS 回执）',
  public_notice: '公告载体（公告栏、报纸名称和版面、网站）',
  electronic: '电子送达凭证（传真、电子邮件等到达记录）',
}

/** Every problem of a service by its field (document_no, method, recipient, served_at, proof, note). */
export function serviceProblems(f: ServiceForm, now: number = Date.now()): Problems {
  const { out, put } = collector()
  put('document_no', textProblem(f.document_no, '送达文书的文号', '请填写送达文书的文号', 2, 100))
  if (!f.method) put('method', '请选择送达方式')
  put('recipient', textProblem(f.recipient, '受送达人', '请填写受送达人', 2, 100))
  put('served_at', timeProblem(f.served_at, '送达时间', now))
  put('proof', textProblem(f.proof, '送达凭证', '请填写送达凭证：送达回证编号、邮件单号或公告载体', 2, 200))
  const noteOf = f.method ? SERVICE_NOTE_REQUIRED[f.method] : undefined
  if (noteOf) put('note', textProblem(f.note, noteOf.replace(/（.*$/, ''), '请填写' + noteOf, 4, 1000))
  else put('note', tooLong(f.note, '说明', 1000))
  return out
}

export function serviceInput(f: ServiceForm): ServiceInput {
  const body: ServiceInput = {
    document_no: f.document_no.trim(),
    method: f.method as ServiceMethod,
    recipient: f.recipient.trim(),
    served_at: cstLocalToRfc3339(f.served_at) ?? '',
    proof: f.proof.trim(),
  }
  if (f.note.trim()) body.note = f.note.trim()
  return body
}

// ---- 送达执行: 登记执行情况 ----------------------------------------------------------------------

export interface ExecutionForm {
  manner: ExecutionManner | ''
  note: string
  /** As the date picker holds it (CST). */
  completed_at: string | null
}

export const emptyExecutionForm = (): ExecutionForm => ({ manner: '', note: '', completed_at: null })

/** Every problem of the execution by its field (manner, note, completed_at). */
export function executionProblems(f: ExecutionForm, now: number = Date.now()): Problems {
  const { out, put } = collector()
  if (!f.manner) put('manner', '请选择执行方式')
  put('note', textProblem(f.note, '执行情况', '请填写执行情况（如罚款缴纳的票据号）', 4, 1000))
  put('completed_at', timeProblem(f.completed_at, '执行完毕时间', now))
  return out
}

export function executionInput(f: ExecutionForm): ExecutionInput {
  return {
    manner: f.manner as ExecutionManner,
    note: f.note.trim(),
    completed_at: cstLocalToRfc3339(f.completed_at) ?? '',
  }
}

// ---- 归档管理: 归档封存 --------------------------------------------------------------------------

export interface ArchiveForm {
  archive_no: string
  note: string
}

export const emptyArchiveForm = (): ArchiveForm => ({ archive_no: '', note: '' })

/** Every problem of the archive by its field (archive_no, note). */
export function archiveProblems(f: ArchiveForm): Problems {
  const { out, put } = collector()
  put('archive_no', textProblem(f.archive_no, '档案号', '请填写档案号', 2, 100))
  put('note', tooLong(f.note, '备注', 1000))
  return out
}

export function archiveInput(f: ArchiveForm): ArchiveInput {
  const body: ArchiveInput = { archive_no: f.archive_no.trim() }
  if (f.note.trim()) body.note = f.note.trim()
  return body
}
