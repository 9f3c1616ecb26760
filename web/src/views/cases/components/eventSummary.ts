// One line of what an event recorded, for the case's event timeline (全过程记录).
import type { ApprovalStepDetail, CaseEvent, VocabularyName } from '@/api/types'
import { labelOf } from '@/api/cases'
import { avActOptions } from '@/api/media'
import { decisionKindLabel, executionMannerLabel, serviceMethodLabel } from '@/utils/labels'
import { matterLabel, penaltyLabel } from '@/utils/simpleProcedure'
import { stepDetailLines, stepOpinionLabel } from '@/utils/approvalSteps'
import { formatTime } from '@/utils/time'
import { methodLabel, roleLabel } from './documents/signing'

/**
 * `label`: the name of an enum's value (the vocabulary store's label); `fileOf`: the file name of a
 * record of the case, for the events that name a record by id.
 */
export function eventSummary(
  ev: CaseEvent,
  label: (vocab: VocabularyName, value: string) => string,
  fileOf: (recordId: string) => string | undefined = () => undefined,
): string {
  const d = ev.data as Record<string, unknown>
  const s = (k: string) => (typeof d[k] === 'string' ? (d[k] as string) : '')
  const list = (k: string) => (Array.isArray(d[k]) ? (d[k] as unknown[]).filter((x) => typeof x === 'string').join('、') : '')
  switch (ev.type) {
    case 'StageAdvanced':
      return `${label('stages', s('from'))} → ${label('stages', s('to'))}${s('reason') ? '：' + s('reason') : ''}`
    case 'StartApprovalSubmitted':
      return `承办人意见：${s('opinion')}${s('reasons') ? '；理由：' + s('reasons') : ''}`
    case 'ApprovalDecided':
      return `${label('approval_steps', s('step'))}：${label('approval_decisions', s('decision'))}${s('opinion') ? '，' + s('opinion') : ''}`
    case 'PartyAdded': {
      const p = (d.party ?? d) as Record<string, unknown>
      return typeof p.name === 'string' ? `当事人：${p.name}` : ''
    }
    case 'OfficerAssigned':
      return s('name') ? `${s('name')}（${s('cert_no')}）` : ''
    case 'ApplicationCorrected':
      return `${s('field')}：${s('before')} → ${s('after')}${s('confirmed_by') ? '（' + s('confirmed_by') + '）' : ''}`
    case 'SupplementNoticeIssued':
      return `补正材料：${list('items')}${s('deadline') ? '；期限 ' + s('deadline') : ''}${s('note') ? '；' + s('note') : ''}`
    case 'SupplementReceived':
      return [list('items') ? '收到：' + list('items') : '', s('note')].filter(Boolean).join('；')
    case 'ReceiptIssued':
      return `${label('receipt_kinds', s('kind'))} ${s('receipt_no')}${s('recipient') ? '，接收人 ' + s('recipient') : ''}`
    case 'ComplaintAccepted':
      return s('receipt_no') ? `受案回执 ${s('receipt_no')}，交 ${s('recipient')}` : `未出具受案回执：${s('no_receipt_reason')}`
    case 'ComplaintTransferred':
      return `移送 ${s('to_authority')}：${s('reason')}`
    case 'ComplaintNoticeServed':
      return s('method') === 'impossible' ? `无法书面告知：${s('impossible_reason')}` : `书面告知，凭证 ${s('proof')}`
    case 'ProcedureChanged':
      return `变更为${label('procedures', s('procedure'))}${s('reason') ? '：' + s('reason') : ''}`
    case 'MajorFlagChanged':
      return `${d.major ? '标记为重大复杂案件' : '取消重大复杂标记'}${s('reason') ? '：' + s('reason') : ''}`
    case 'MediaRegistered': {
      // The event keeps the code it was recorded with: 留置送达 was lien_service before service_by_leaving.
      const act = s('act') === 'lien_service' ? 'service_by_leaving' : s('act')
      return `${label('media_kinds', s('kind'))}：${s('file_name')}${act ? '（' + labelOf(avActOptions, act) + '）' : ''}`
    }
    case 'RecordAccessed':
      return `${s('purpose') === 'download' ? '下载' : '播放'}：${fileOf(s('record_id')) ?? s('record_id')}${s('reason') ? '；事由：' + s('reason') : ''}`
    case 'OnTheSpotDecided': {
      const fine = d.penalty === 'fine' ? ` ${String(d.fine_yuan)} 元` : ''
      const c = (d.collected ?? null) as Record<string, unknown> | null
      const collected = c && typeof c.receipt_no === 'string' ? `；当场收缴，罚款收据 ${c.receipt_no}` : ''
      return `${matterLabel(s('matter'))}：${penaltyLabel(s('penalty'))}${fine}；决定书 ${s('decision_no')}${collected}`
    }
    case 'OffenceRecorded':
      return [
        `案由：${s('cause')}`,
        s('occurred_at') ? '违法时间 ' + formatTime(s('occurred_at')) : '',
        s('place') ? '违法地点 ' + s('place') : '',
      ]
        .filter(Boolean)
        .join('；')
    case 'PartyIdentified': {
      const p = (d.party ?? {}) as Record<string, unknown>
      return typeof p.name === 'string' ? `第 ${Number(d.index) + 1} 名当事人查明为：${p.name}` : ''
    }
    case 'MeasureReleased':
      return s('note')
    case 'SimpleCaseFiled':
      return `报${s('filed_with')}备案${s('note') ? '：' + s('note') : ''}`
    case 'ApprovalSubmitted': {
      // The approvals other than the start's: what is proposed, with the 承办人意见.
      const p = (d.proposal ?? {}) as Record<string, unknown>
      const what =
        s('kind') === 'decision' && typeof p.decision_no === 'string'
          ? `拟作出处理决定 ${p.decision_no}（${decisionKindLabel(String(p.kind ?? ''))}）`
          : label('approval_kinds', s('kind'))
      return `${what}${s('opinion') ? '；承办人意见：' + s('opinion') : ''}`
    }
    case 'DocumentDrafted':
      return `${s('name')}（第 1 版草稿）`
    case 'DocumentRevised':
      return typeof d.version === 'number' ? `修改为第 ${d.version} 版` : ''
    case 'DocumentIssued':
      return [typeof d.version === 'number' ? `第 ${d.version} 版` : '', s('number') ? '文号 ' + s('number') : '']
        .filter(Boolean)
        .join('，')
    case 'DocumentSigned':
      return `${roleLabel(s('role'))} ${s('name')} 签名${typeof d.version === 'number' ? `（第 ${d.version} 版）` : ''}`
    case 'DocumentSignatureRefused':
      return `${roleLabel(s('role'))} ${s('name')} 拒绝签名：${s('reason')}${list('witnesses') ? '；见证人 ' + list('witnesses') : ''}`
    case 'DocumentServiceRecorded':
      return [
        `${methodLabel(s('method'))}：${s('outcome') === 'failed' ? '未能送达' : '已送达'}`,
        `受送达人 ${s('recipient')}`,
        s('served_at') ? '时间 ' + formatTime(s('served_at')) : '',
        s('failure_reason'),
      ]
        .filter(Boolean)
        .join('；')
    case 'DocumentCorrected':
      return `更正为第 ${String(d.version ?? '')} 版：${s('reason')}`
    case 'ApprovalStepRecorded': {
      const detail = stepDetailLines({ step: s('step'), detail: d.detail as ApprovalStepDetail | undefined })
      return [label('approval_steps', s('step')), ...detail, `${stepOpinionLabel(s('step'))}：${s('opinion')}`].join('；')
    }
    case 'DecisionIssued':
      return `${s('decision_no')}（${decisionKindLabel(s('kind'))}）：${s('content')}`
    case 'DocumentServed':
      return [
        `${serviceMethodLabel(s('method'))} ${s('document_no')}`,
        `受送达人 ${s('recipient')}`,
        s('served_at') ? '送达时间 ' + formatTime(s('served_at')) : '',
        `凭证 ${s('proof')}`,
        s('note'),
      ]
        .filter(Boolean)
        .join('；')
    case 'ExecutionRecorded':
      return `${executionMannerLabel(s('manner'))}：${s('note')}${s('completed_at') ? '；执行完毕 ' + formatTime(s('completed_at')) : ''}`
    case 'CaseArchived':
      return `档案号 ${s('archive_no')}${s('note') ? '；' + s('note') : ''}`
    case 'CaseOpened':
      return s('title') || s('number')
    default:
      return s('reason') || s('opinion') || ''
  }
}
