import { http } from '@/utils/http'
import type { ApprovalInboxItem, CaseCommandResult, Decision, Page, PageQuery } from './types'

/** GET /api/v1/approvals */
export function listApprovals(q: PageQuery = {}) {
  return http.get<Page<ApprovalInboxItem>>('/api/v1/approvals', { ...q })
}

/** POST /api/v1/approvals/{id}/decision */
export function decideApproval(id: string, decision: Decision, opinion?: string) {
  return http.post<CaseCommandResult>(
    `/api/v1/approvals/${encodeURIComponent(id)}/decision`,
    { decision, opinion: opinion || null },
    { silent: (e) => !!e.field },
  )
}
