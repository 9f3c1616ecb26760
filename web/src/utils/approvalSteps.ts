// The steps of an approval that record without deciding — 专家论证 (Art. 19) and 集体讨论 (Art. 20) —
// as lines of text under their opinion, and who may record them in an open approval.
import type { ApprovalStepDetail, ApprovalState, PendingRole } from '@/api/types'
import { formatTime } from './time'

/** The lines of a step's `detail`: the experts, or when the discussion was held, who took part and what was said. */
export function stepDetailLines(s: { step: string; detail?: ApprovalStepDetail }): string[] {
  const d = s.detail
  if (!d) return []
  const lines: string[] = []
  if (s.step === 'expert_opinion' && d.experts?.length) {
    lines.push('论证专家：' + d.experts.map((e) => (e.title ? `${e.name}（${e.title}）` : e.name)).join('、'))
  }
  if (s.step === 'collective_discussion') {
    if (d.held_at) lines.push('讨论时间：' + formatTime(d.held_at))
    if (d.participants?.length) lines.push('参加人员：' + d.participants.join('、'))
    if (d.discussion) lines.push('讨论情况：' + d.discussion)
  }
  return lines
}

/** The label of a step's opinion: the experts' opinion, the discussion's conclusion, or the opinion. */
export function stepOpinionLabel(step: string): string {
  if (step === 'expert_opinion') return '论证意见'
  if (step === 'collective_discussion') return '讨论结论'
  return ''
}

/** Whether the role the approval waits for (`role`, the user's) may record 专家论证 now: 法制员 in legal review, 负责人 deciding. */
export const mayRecordExpertOpinion = (state: ApprovalState, pending: PendingRole, role: string | null | undefined) =>
  !!role && role === pending && ((state === 'legal_review' && role === 'legal') || (state === 'deciding' && role === 'approver'))

/** Whether the user may record 集体讨论 now: the 负责人 of an approval awaiting their decision. */
export const mayRecordCollectiveDiscussion = (state: ApprovalState, pending: PendingRole, role: string | null | undefined) =>
  role === 'approver' && pending === 'approver' && state === 'deciding'
