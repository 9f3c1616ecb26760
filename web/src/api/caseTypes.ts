import type { ActorRef } from './cases'
import type { ApprovalState, PendingRole } from './approvals'

export interface ApprovalStep {
  step: 'submit' | 'review' | 'legal_review' | 'decide'
  actor: ActorRef
  decision: 'submit' | 'approve' | 'return' | 'reject'
  opinion: string
  reasons?: string
  at: string
}

export interface Approval {
  id: string
  kind: 'start'
  state: ApprovalState
  round: number
  pending_role: PendingRole
  submitted_at: string
  updated_at: string
  steps: ApprovalStep[]
}
