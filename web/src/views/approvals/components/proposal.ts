// What an approval other than 程序启动审批 would put into effect (Approval.proposal), as readable lines:
// the 不予受理 decision, the 不予启动 notice, the change of the 重大复杂 mark, the 处理决定.
import type { ApprovalKind } from '@/api/types'
import { decisionKindLabel } from '@/utils/labels'
import { formatTime } from '@/utils/time'

const FIELD_LABELS: Record<string, string> = {
  decision_no: '决定书文号',
  kind: '决定种类',
  content: '决定内容',
  accepted: '处理结果',
  major: '重大复杂认定',
  reason: '理由',
  ground: '不予受理依据',
  competent_authority: '告知向其申请的机关',
  remedies: '申请人依法享有的权利',
  notice_no: '告知书编号',
  notice_method: '告知方式',
  impossible_reason: '无法书面告知的理由',
  notified_at: '告知时间',
}

const NOTICE_METHODS: Record<string, string> = {
  direct: '直接送达',
  mail: '邮寄',
  email: '电子方式（经投诉人同意）',
  impossible: '无法书面告知',
}

/** The heading of the proposal of an approval of `kind`. */
export const PROPOSAL_TITLES: Record<Exclude<ApprovalKind, 'start'>, string> = {
  non_acceptance: '拟不予受理决定',
  not_start: '拟不予启动告知',
  clear_major: '拟撤销重大复杂认定',
  decision: '拟作出处理决定',
  document: '拟签发文书',
  correction: '拟更正文书',
}

export interface ProposalLine {
  key: string
  label: string
  value: string
}

/**
 * The proposal's fields in a fixed order (those above first, any other after, named by its key), each
 * value in words. `groundLabel` names a 不予受理 ground (vocabulary non_acceptance_grounds).
 */
export function proposalLines(p: Record<string, unknown> | undefined, groundLabel: (v: string) => string): ProposalLine[] {
  if (!p) return []
  const keys = [...Object.keys(FIELD_LABELS).filter((k) => k in p), ...Object.keys(p).filter((k) => !(k in FIELD_LABELS))]
  const lines: ProposalLine[] = []
  for (const key of keys) {
    const v = p[key]
    if (v === null || v === undefined || v === '' || key === 'at' || key === 'by') continue
    lines.push({ key, label: FIELD_LABELS[key] ?? key, value: valueText(key, v, groundLabel) })
  }
  return lines
}

function valueText(key: string, v: unknown, groundLabel: (v: string) => string): string {
  if (key === 'accepted') return v ? '受理' : '不予受理'
  if (key === 'major') return v ? '认定为重大复杂案件' : '撤销重大复杂认定'
  if (key === 'ground' && typeof v === 'string') return groundLabel(v)
  // Only the 处理决定 has a kind (penalty, no_penalty, other).
  if (key === 'kind' && typeof v === 'string') return decisionKindLabel(v)
  if (key === 'notice_method' && typeof v === 'string') return NOTICE_METHODS[v] ?? v
  if (key.endsWith('_at') && typeof v === 'string') return formatTime(v)
  if (typeof v === 'boolean') return v ? '是' : '否'
  if (Array.isArray(v)) return v.map(String).join('；')
  if (typeof v === 'object' && v) return JSON.stringify(v)
  return String(v)
}
