import { http } from '@/utils/http'
import type {
  ApprovalInboxItem,
  ApprovalQuery,
  CaseCommandResult,
  CollectiveDiscussionInput,
  Decision,
  ExpertOpinionInput,
  Page,
} from './types'

/** GET /api/v1/approvals — 待办 (scope todo, the default) or 已办 (scope done, whose failure the tab shows). */
export function listApprovals(q: ApprovalQuery = {}) {
  return http.get<Page<ApprovalInboxItem>>('/api/v1/approvals', { ...q }, { silent: !!q.scope })
}

/** POST /api/v1/approvals/{id}/decision */
export function decideApproval(id: string, decision: Decision, opinion?: string) {
  return http.post<CaseCommandResult>(
    `/api/v1/approvals/${encodeURIComponent(id)}/decision`,
    { decision, opinion: opinion || null },
    { silent: (e) => !!e.field },
  )
}

const approval = (id: string) => `/api/v1/approvals/${encodeURIComponent(id)}`

/** POST /api/v1/approvals/{id}/expert-opinion — 专家论证 (法制员 in legal review, 负责人 deciding); the chain does not move. */
export function recordExpertOpinion(id: string, body: ExpertOpinionInput) {
  return http.post<CaseCommandResult>(approval(id) + '/expert-opinion', body, { silent: (e) => !!e.field })
}

/** POST /api/v1/approvals/{id}/collective-discussion — 集体讨论 (the 负责人, before deciding). */
export function recordCollectiveDiscussion(id: string, body: CollectiveDiscussionInput) {
  return http.post<CaseCommandResult>(approval(id) + '/collective-discussion', body, { silent: (e) => !!e.field })
}
