import { http } from '@/utils/http'
import type { ApprovalInboxItem, ApprovalQuery, CaseCommandResult, Decision, Page } from './types'

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
