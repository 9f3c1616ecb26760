import { http } from '@/utils/http'
import type { Approval } from './caseTypes'
import type { MediaRecord } from './media'
export type { Approval, ApprovalStep } from './caseTypes'

export type StartMode = 'application' | 'ex_officio' | 'complaint'
export type Stage = 'initiation' | 'investigation' | 'review_decision' | 'service_execution' | 'archiving'
export type CaseStatus =
  'pending' | 'awaiting_approval' | 'returned' | 'in_progress' | 'not_accepted' | 'not_started' | 'rejected'
export type PartyKind = 'natural_person' | 'legal_person' | 'other_organization'
export type ReceiptKind = 'acceptance' | 'non_acceptance' | 'materials'
export type Procedure = 'ordinary' | 'simple'

export const stageOptions: { value: Stage; label: string }[] = [
  { value: 'initiation', label: '程序启动' },
  { value: 'investigation', label: '调查取证' },
  { value: 'review_decision', label: '审查决定' },
  { value: 'service_execution', label: '送达执行' },
  { value: 'archiving', label: '归档管理' },
]
export const startModeOptions: { value: StartMode; label: string }[] = [
  { value: 'application', label: '依申请' },
  { value: 'ex_officio', label: '依职权' },
  { value: 'complaint', label: '投诉举报' },
]
export const statusOptions: { value: CaseStatus; label: string }[] = [
  { value: 'pending', label: '待启动' },
  { value: 'awaiting_approval', label: '审批中' },
  { value: 'returned', label: '退回修改' },
  { value: 'in_progress', label: '办理中' },
  { value: 'not_accepted', label: '不予受理' },
  { value: 'not_started', label: '不予启动' },
  { value: 'rejected', label: '不予批准' },
]
export const receiptKindOptions: { value: ReceiptKind; label: string }[] = [
  { value: 'acceptance', label: '受理凭证' },
  { value: 'non_acceptance', label: '不予受理凭证' },
  { value: 'materials', label: '材料接收凭证' },
]
export const procedureOptions: { value: Procedure; label: string }[] = [
  { value: 'ordinary', label: '普通程序' },
  { value: 'simple', label: '简易程序' },
]
export const partyKindOptions: { value: PartyKind; label: string }[] = [
  { value: 'natural_person', label: '自然人' },
  { value: 'legal_person', label: '法人' },
  { value: 'other_organization', label: '其他组织' },
]
export const labelOf = (opts: { value: string; label: string }[], v: string | null | undefined) =>
  opts.find((o) => o.value === v)?.label ?? v ?? ''

export interface RecordedEvent {
  index: number
  type: string
  leaf_hash: string
}

export interface ActorRef {
  id: string
  name: string
  role: string
}

export interface PartyInput {
  kind: PartyKind
  name: string
  id_number?: string | null
  phone?: string | null
  address?: string | null
  legal_representative?: string | null
  gender?: string | null
  occupation?: string | null
}
export type Party = PartyInput

export interface ApplicationInput {
  channel: 'written' | 'oral' | 'online'
  matter: string
  oral_record?: string | null
  materials?: string[] | null
  received_at?: string | null
}

export interface ComplaintInput {
  channel: 'phone' | 'letter' | 'visit' | 'online' | 'other'
  content: string
  complainant?: { name?: string | null; phone?: string | null; address?: string | null; anonymous?: boolean | null } | null
  respondent?: string | null
  received_at?: string | null
}

export interface NewCaseRequest {
  start_mode: StartMode
  title: string
  procedure?: 'ordinary' | 'simple' | null
  procedure_reason?: string | null
  major?: boolean | null
  major_reason?: string | null
  urgent?: boolean | null
  urgent_reason?: string | null
  parties?: PartyInput[] | null
  co_officers?: string[] | null
  application?: ApplicationInput
  complaint?: ComplaintInput
  start_form?: { cause: string }
}

export type DeadlineKind = 'application_decision' | 'supplement' | 'case_file'

/** A time limit (期限) running on a case. */
export interface Deadline {
  /** application_decision: 作出受理决定 (5 days); supplement: the applicant's date (Art. 9); case_file: 形成案卷 (30 days, Art. 33). */
  kind: DeadlineKind
  label: string
  article: string
  since: string
  due_at: string
}

export interface CaseOfficer {
  user_id: string
  name: string
  cert_no: string
  lead: boolean
}

export interface Case {
  id: string
  number: string
  unit_id: string
  title: string
  start_mode: StartMode
  start_mode_label: string
  stage: Stage
  stage_label: string
  status: CaseStatus
  status_label: string
  procedure: 'ordinary' | 'simple'
  procedure_reason: string
  major: boolean
  major_reason: string
  urgent: boolean
  urgent_reason: string
  start_approved: boolean
  created_by: ActorRef
  created_at: string
  updated_at: string
  /** When the procedure ended (不予受理, 不予启动, 不予批准). */
  closed_at: string | null
  deadlines: Deadline[]
  parties: Party[]
  officers: CaseOfficer[]
  application: null | {
    channel: string
    matter: string
    oral_record?: string
    materials?: string[]
    received_at?: string
    corrections: { field: string; before: string; after: string; confirmed_by: string; at: string }[]
    supplement_notice: null | {
      items: string[]
      deadline?: string
      note?: string
      issued_at: string
      received: null | { items: string[]; note?: string; at: string }
    }
    decision: null | { accepted: boolean; reason: string; at: string; by: ActorRef }
    receipts: { kind: ReceiptKind; receipt_no: string; recipient?: string; at: string }[]
  }
  complaint: null | {
    channel: string
    content: string
    complainant?: { name?: string; phone?: string; address?: string; anonymous?: boolean }
    respondent?: string
    received_at?: string
    not_started: null | { reason: string; notice_no: string; notice_method: string; at: string; by: ActorRef }
  }
  start_form: null | {
    cause?: string
    handler_opinion?: string
    handler_reasons?: string
    unit_opinion?: string
    legal_opinion?: string
    leader_opinion?: string
  }
  approvals: Approval[]
  /** 音像记录 and 附件, in the order registered. */
  media: MediaRecord[]
  version: number
  last_index: number
}

export interface CaseCommandResult {
  case: Case
  events: RecordedEvent[]
}

export interface CaseSummary {
  id: string
  number: string
  title: string
  unit_id: string
  unit_name: string
  start_mode: StartMode
  start_mode_label: string
  stage: Stage
  stage_label: string
  status: CaseStatus
  status_label: string
  major: boolean
  urgent: boolean
  created_at: string
  updated_at: string
  officers: string
}

export interface CaseList {
  items: CaseSummary[]
  total: number
  page: number
  page_size: number
}

export type CaseSort = 'created_at' | 'updated_at' | 'number' | 'stage' | 'status' | 'title'

/** Exactly the query parameters of GET /api/v1/cases. */
export interface CaseQuery {
  stage?: Stage | ''
  status?: CaseStatus | ''
  start_mode?: StartMode | ''
  officer?: string
  text?: string
  from?: string
  to?: string
  sort?: CaseSort
  order?: 'asc' | 'desc'
  page?: number
  page_size?: number
}

export interface CaseEvent {
  index: number
  type: string
  v: number
  at: string
  actor: ActorRef
  data: Record<string, unknown>
  leaf_hash: string
}

const cid = (id: string) => `/api/v1/cases/${encodeURIComponent(id)}`
// Field errors are shown next to the form item, so those are not also toasted.
const fieldSilent = { silent: (e: { field: string | null }) => !!e.field }

/** GET /api/v1/cases */
export function listCases(q: CaseQuery) {
  return http.get<CaseList>('/api/v1/cases', { ...q })
}

/** POST /api/v1/cases */
export function openCase(body: NewCaseRequest) {
  return http.post<CaseCommandResult>('/api/v1/cases', body, fieldSilent)
}

/** GET /api/v1/cases/{id} — 403 is shown by the page (无权查看), so silent on 403/404. */
export function getCase(id: string) {
  return http.get<Case>(cid(id), undefined, { silent: (e) => e.status === 403 || e.status === 404 })
}

/** GET /api/v1/cases/{id}/events */
export function listCaseEvents(id: string) {
  return http.get<{ items: CaseEvent[] }>(cid(id) + '/events', undefined, {
    silent: (e) => e.status === 403 || e.status === 404,
  })
}

/** POST /api/v1/cases/{id}/start-approval */
export function submitStartApproval(id: string, body: { opinion: string; reasons?: string | null; cause?: string | null }) {
  return http.post<CaseCommandResult>(cid(id) + '/start-approval', body, fieldSilent)
}

/** POST /api/v1/cases/{id}/stage */
export function advanceStage(id: string, body: { to: Exclude<Stage, 'initiation'>; reason?: string | null }) {
  return http.post<CaseCommandResult>(cid(id) + '/stage', body, fieldSilent)
}

/** POST /api/v1/cases/{id}/parties */
export function addParty(id: string, body: PartyInput) {
  return http.post<CaseCommandResult>(cid(id) + '/parties', body, fieldSilent)
}

/** POST /api/v1/cases/{id}/procedure */
export function setProcedure(id: string, body: { procedure: Procedure; reason: string }) {
  return http.post<CaseCommandResult>(cid(id) + '/procedure', body, fieldSilent)
}

/** POST /api/v1/cases/{id}/major */
export function setMajor(id: string, body: { major: boolean; reason: string }) {
  return http.post<CaseCommandResult>(cid(id) + '/major', body, fieldSilent)
}

/** POST /api/v1/cases/{id}/officers */
export function assignOfficer(id: string, user_id: string) {
  return http.post<CaseCommandResult>(cid(id) + '/officers', { user_id }, fieldSilent)
}

/** POST /api/v1/cases/{id}/application/corrections */
export function correctApplication(id: string, body: { field: string; before: string; after: string; confirmed_by: string }) {
  return http.post<CaseCommandResult>(cid(id) + '/application/corrections', body, fieldSilent)
}

/** POST /api/v1/cases/{id}/application/supplement-notice — `deadline` a date, YYYY-MM-DD (due at the end of that day, CST). */
export function issueSupplementNotice(id: string, body: { items: string[]; deadline?: string | null; note?: string | null }) {
  return http.post<CaseCommandResult>(cid(id) + '/application/supplement-notice', body, fieldSilent)
}

/** POST /api/v1/cases/{id}/application/supplement-received */
export function recordSupplementReceived(id: string, body: { items?: string[] | null; note?: string | null }) {
  return http.post<CaseCommandResult>(cid(id) + '/application/supplement-received', body, fieldSilent)
}

/** POST /api/v1/cases/{id}/application/decision */
export function decideApplication(id: string, body: { accepted: boolean; reason?: string | null }) {
  return http.post<CaseCommandResult>(cid(id) + '/application/decision', body, fieldSilent)
}

/** POST /api/v1/cases/{id}/application/receipts */
export function issueReceipt(id: string, body: { kind: ReceiptKind; receipt_no: string; recipient?: string | null }) {
  return http.post<CaseCommandResult>(cid(id) + '/application/receipts', body, fieldSilent)
}

/** POST /api/v1/cases/{id}/complaint/not-started */
export function complaintNotStarted(
  id: string,
  body: {
    reason: string
    notice_no: string
    notice_method: 'direct' | 'mail' | 'phone' | 'sms' | 'email' | 'other'
    competent_authority?: string | null
    notified_at?: string | null
  },
) {
  return http.post<CaseCommandResult>(cid(id) + '/complaint/not-started', body, fieldSilent)
}
