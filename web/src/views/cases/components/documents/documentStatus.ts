// The 文书 of a case as the panel and the record's drawer show them: which types may be made now,
// the stage a record belongs to, and its status tags (草稿/审批中/已签发, 已签名, 已送达).
import type { Case, CaseDocument, CatalogueType, Stage } from '@/api/types'

export const STAGE_ORDER: Stage[] = ['initiation', 'investigation', 'review_decision', 'service_execution', 'archiving']

/** The types the case may make a record of now: those of its current stage and procedure. */
export const allowedTypes = (types: CatalogueType[], c: Case) =>
  types.filter((t) => t.stages.includes(c.stage) && t.procedures.includes(c.procedure))

/**
 * The stage a record was made in: as the server says, or else the latest of its type's stages the case
 * has reached (a record is made in a stage its type allows, at or before the case's current one).
 */
export function stageOf(d: CaseDocument, t: CatalogueType | null, current: Stage): Stage {
  if (d.stage) return d.stage
  const reached = STAGE_ORDER.slice(0, STAGE_ORDER.indexOf(current) + 1)
  const stages = (t?.stages ?? []).filter((s) => reached.includes(s))
  return stages.at(-1) ?? t?.stages[0] ?? current
}

export interface StatusTag {
  label: string
  type: 'info' | 'warning' | 'success' | 'primary' | 'danger'
}

const STATUS: Record<CaseDocument['status'], StatusTag> = {
  draft: { label: '草稿', type: 'info' },
  awaiting_approval: { label: '审批中', type: 'warning' },
  issued: { label: '已签发', type: 'success' },
}

/** Whether the record bears the signatures it asks for (the party's, or a refusal recorded), as far as known. */
export function signed(d: CaseDocument): boolean {
  if (d.signed || d.requirements?.party_signed) return true
  return (d.signatures ?? []).some((s) => s.current && s.role !== 'officer')
}

/** Whether the record has been served. */
export const served = (d: CaseDocument) =>
  d.served ?? d.requirements?.service_done ?? (d.services ?? []).some((s) => s.outcome === 'served')

export function statusTags(d: CaseDocument): StatusTag[] {
  const tags = [STATUS[d.status] ?? { label: d.status, type: 'info' }]
  if (signed(d)) tags.push({ label: '已签名', type: 'primary' })
  if (served(d)) tags.push({ label: '已送达', type: 'primary' })
  return tags
}

/** The approvals of a record (kinds document and correction, whose proposal names it). */
export const approvalsOf = (c: Case, d: CaseDocument) =>
  c.approvals.filter((a) => (a.kind === 'document' || a.kind === 'correction') && a.proposal?.document_id === d.id)

/** The logged-in user is one of the case's officers (who alone may make and act on its records). */
export const handles = (c: Case, userId: string | null | undefined) => !!userId && c.officers.some((o) => o.user_id === userId)
