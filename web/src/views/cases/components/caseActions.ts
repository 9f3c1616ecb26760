// Which actions the case detail offers: the API's rules (domain/case_commands.cc) as far as the
// case JSON shows them, so a button appears only when the API would accept the command.
import type { Case, ReceiptKind } from '@/api/types'
import { receiptKindOptions } from '@/api/cases'

export interface CaseActionFlags {
  submitApproval: boolean
  advance: boolean
  addParty: boolean
  decideApplication: boolean
  complaintNotStarted: boolean
  correct: boolean
  supplementNotice: boolean
  supplementReceived: boolean
  receipt: boolean
  procedure: boolean
  major: boolean
  assign: boolean
}
export type CaseAction = keyof CaseActionFlags

const NONE: CaseActionFlags = {
  submitApproval: false,
  advance: false,
  addParty: false,
  decideApplication: false,
  complaintNotStarted: false,
  correct: false,
  supplementNotice: false,
  supplementReceived: false,
  receipt: false,
  procedure: false,
  major: false,
  assign: false,
}

/** `handling`: the user is an officer (执法人员) of this case; nobody else acts on it here. */
export function availableActions(c: Case, handling: boolean): CaseActionFlags {
  if (!handling) return { ...NONE }
  const open = c.approvals.some((a) => a.pending_role)
  const terminal = ['not_accepted', 'not_started', 'rejected'].includes(c.status)
  const app = c.start_mode === 'application' ? c.application : null
  const undecided = !!app && !terminal && !app.decision
  return {
    submitApproval:
      c.start_mode !== 'application' &&
      !c.start_approved &&
      !open &&
      !terminal &&
      (c.status === 'pending' || c.status === 'returned' || c.urgent),
    advance:
      !terminal &&
      c.status === 'in_progress' &&
      c.stage !== 'initiation' &&
      c.stage !== 'archiving' &&
      (!c.urgent || c.start_approved),
    addParty: !terminal,
    decideApplication: c.start_mode === 'application' && !c.application?.decision && c.status === 'pending',
    complaintNotStarted: c.start_mode === 'complaint' && (c.status === 'pending' || c.status === 'returned'),
    correct: undecided,
    supplementNotice: undecided && !app!.supplement_notice,
    supplementReceived: undecided && !!app!.supplement_notice && !app!.supplement_notice.received,
    // Receipts also after 不予受理 (its receipt); 材料接收凭证 any number of times.
    receipt: !!app,
    procedure: !terminal && (c.stage === 'initiation' || c.stage === 'investigation'),
    major: !terminal && !open,
    assign: !terminal,
  }
}

/** The receipt kinds the API accepts now: 受理 / 不予受理 each once, after that decision. */
export function issuableReceiptKinds(app: Case['application']): { value: ReceiptKind; label: string }[] {
  const issued = new Set((app?.receipts ?? []).map((r) => r.kind))
  return receiptKindOptions.filter((o) => {
    if (o.value === 'materials') return true
    if (!app?.decision || issued.has(o.value)) return false
    return o.value === 'acceptance' ? app.decision.accepted : !app.decision.accepted
  })
}
