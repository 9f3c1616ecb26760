import { http } from '@/utils/http'
import type { ApprovalInboxItem, ApprovalState, CaseCommandResult, Decision, Page, PageQuery } from './types'

export const approvalStateLabel: Record<ApprovalState, string> = {
  reviewing: '待审核',
  legal_review: '待法制审核',
  deciding: '待负责人批准',
  approved: '已批准',
  returned: '已退回',
  rejected: '不予批准',
}

export const pendingRoleLabel: Record<string, string> = {
  reviewer: '审核人',
  legal: '法制员',
  approver: '负责人',
}

export const decisionLabel: Record<string, string> = {
  submit: '提交',
  approve: '同意',
  return: '退回',
  reject: '不予批准',
}

export const stepLabel: Record<string, string> = {
  submit: '承办人提交',
  review: '审核',
  legal_review: '法制审核',
  decide: '负责人批准',
}

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
