import { http, type RequestOptions } from '@/utils/http'
import type {
  ArchiveInput,
  Case,
  CaseCommandResult,
  CaseEvent,
  CaseQuery,
  CaseSummary,
  ComplaintNoticeInput,
  ComplaintTransferInput,
  DecisionInput,
  ExecutionInput,
  NewCaseRequest,
  Offence,
  OnTheSpotDecisionInput,
  Page,
  PartyInput,
  Procedure,
  ReceiptKind,
  ServiceInput,
  Stage,
} from './types'

export const labelOf = (opts: { value: string; label: string }[], v: string | null | undefined) =>
  opts.find((o) => o.value === v)?.label ?? v ?? ''

const cid = (id: string) => `/api/v1/cases/${encodeURIComponent(id)}`
// Field errors are shown next to the form item, so those are not also toasted.
const fieldSilent = { silent: (e: { field: string | null }) => !!e.field }

/** GET /api/v1/cases */
export function listCases(q: CaseQuery, o: RequestOptions = {}) {
  return http.get<Page<CaseSummary>>('/api/v1/cases', { ...q }, o)
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

/** POST /api/v1/cases/{id}/on-the-spot-decision — 当场处罚决定（简易程序，第二十三条） */
export function decideOnTheSpot(id: string, body: OnTheSpotDecisionInput) {
  return http.post<CaseCommandResult>(cid(id) + '/on-the-spot-decision', body, fieldSilent)
}

/** POST /api/v1/cases/{id}/simple-filing — 当场处罚决定备案 */
export function fileSimpleCase(id: string, body: { note?: string }) {
  return http.post<CaseCommandResult>(cid(id) + '/simple-filing', body, fieldSilent)
}

/** POST /api/v1/cases/{id}/measure-release — 解除现场措施（紧急启动不予批准后；行政强制法第十九条） */
export function releaseMeasure(id: string, body: { note: string }) {
  return http.post<CaseCommandResult>(cid(id) + '/measure-release', body, fieldSilent)
}

/**
 * POST /api/v1/cases/{id}/party-identification — 查明身份不明的当事人: party `index` of case.parties
 * becomes `party` (never identity_unknown); the case keeps the description as `described_as`.
 */
export function identifyParty(id: string, body: { index: number; party: PartyInput }) {
  return http.post<CaseCommandResult>(cid(id) + '/party-identification', body, fieldSilent)
}

/** POST /api/v1/cases/{id}/offence — 登记或更正案由、违法时间、违法地点 */
export function recordOffence(id: string, body: Offence) {
  return http.post<CaseCommandResult>(cid(id) + '/offence', body, fieldSilent)
}

/**
 * POST /api/v1/cases/{id}/decision — 提交处理决定审批（审查决定阶段）: an approval of kind `decision`
 * through 审核, 法制审核 for a 重大复杂 case, and the 负责人, whose approval issues it (DecisionIssued).
 */
export function submitDecision(id: string, body: DecisionInput) {
  return http.post<CaseCommandResult>(cid(id) + '/decision', body, fieldSilent)
}

/** POST /api/v1/cases/{id}/services — 登记送达（送达执行阶段，处理决定作出后；可多次登记） */
export function recordService(id: string, body: ServiceInput) {
  return http.post<CaseCommandResult>(cid(id) + '/services', body, fieldSilent)
}

/** POST /api/v1/cases/{id}/execution — 登记执行情况（送达后，一次）: the act ends, the case_file deadline starts. */
export function recordExecution(id: string, body: ExecutionInput) {
  return http.post<CaseCommandResult>(cid(id) + '/execution', body, fieldSilent)
}

/** POST /api/v1/cases/{id}/archive — 归档封存（档案管理员；归档管理阶段或程序终结的案件） */
export function archiveCase(id: string, body: ArchiveInput) {
  return http.post<CaseCommandResult>(cid(id) + '/archive', body, fieldSilent)
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
export function decideApplication(
  id: string,
  body: { accepted: boolean; reason?: string | null; ground?: string; competent_authority?: string; opinion?: string },
) {
  return http.post<CaseCommandResult>(cid(id) + '/application/decision', body, fieldSilent)
}

/** POST /api/v1/cases/{id}/application/receipts — a further 凭证; without receipt_no the system numbers it. */
export function issueReceipt(id: string, body: { kind: ReceiptKind; receipt_no?: string; recipient?: string | null }) {
  return http.post<CaseCommandResult>(cid(id) + '/application/receipts', body, fieldSilent)
}

/** POST /api/v1/cases/{id}/complaint/not-started — through the chain; the notice is served after approval. */
export function complaintNotStarted(
  id: string,
  body: { reason: string; notice_no: string; competent_authority?: string | null },
) {
  return http.post<CaseCommandResult>(cid(id) + '/complaint/not-started', body, fieldSilent)
}

/** POST /api/v1/cases/{id}/complaint/notice — 不予启动的书面告知, once, after the 负责人's approval. */
export function serveComplaintNotice(id: string, body: ComplaintNoticeInput) {
  return http.post<CaseCommandResult>(cid(id) + '/complaint/notice', body, fieldSilent)
}

/** POST /api/v1/cases/{id}/complaint/acceptance — 受案 with its numbered 受案回执. */
export function acceptComplaint(id: string, body: { no_receipt_reason?: string }) {
  return http.post<CaseCommandResult>(cid(id) + '/complaint/acceptance', body, fieldSilent)
}

/** POST /api/v1/cases/{id}/complaint/transfer — 移送有管辖权的单位 (24 hours from receipt). */
export function transferComplaint(id: string, body: ComplaintTransferInput) {
  return http.post<CaseCommandResult>(cid(id) + '/complaint/transfer', body, fieldSilent)
}
