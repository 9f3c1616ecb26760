// Names the server does not send: the event types of the case timeline (全过程记录), and the values
// of the later stages' records (处理决定的种类, 送达方式, 执行方式), which its vocabulary lacks.
import type { DecisionKind, ExecutionManner, ServiceMethod } from '@/api/types'

export const eventTypeLabel: Record<string, string> = {
  CaseOpened: '登记案件',
  PartyAdded: '增加当事人',
  OfficerAssigned: '指派执法人员',
  StartApprovalSubmitted: '提交程序启动审批',
  ApprovalSubmitted: '提交审批',
  ApprovalDecided: '审批',
  StageAdvanced: '进入下一阶段',
  ProcedureChanged: '变更程序类型',
  MajorFlagChanged: '标记或取消重大复杂',
  ApplicationCorrected: '当场更正申请材料',
  SupplementNoticeIssued: '一次性告知补正',
  SupplementReceived: '登记补正材料',
  ApplicationDecided: '受理 / 不予受理',
  ReceiptIssued: '出具凭证或回执',
  ComplaintNotStarted: '投诉举报不予启动',
  ComplaintNoticeServed: '不予启动书面告知',
  ComplaintAccepted: '受案',
  ComplaintTransferred: '移送有管辖权的单位',
  MediaRegistered: '登记音像记录',
  RecordAccessed: '调阅执法记录',
  OnTheSpotDecided: '当场处罚决定',
  SimpleCaseFiled: '当场处罚备案',
  OffenceRecorded: '登记或更正案由',
  PartyIdentified: '查明当事人身份',
  MeasureReleased: '解除现场措施',
  DecisionIssued: '作出处理决定',
  DocumentServed: '送达',
  DocumentDrafted: '制作文书',
  DocumentRevised: '修改文书',
  DocumentIssued: '签发文书',
  DocumentSigned: '文书签名',
  DocumentSignatureRefused: '拒绝在文书上签名',
  DocumentServiceRecorded: '文书送达',
  DocumentCorrected: '更正文书',
  ApprovalStepRecorded: '专家论证 / 集体讨论',
  ExecutionRecorded: '登记执行情况',
  CaseArchived: '归档封存',
  UnitCreated: '新建单位',
  UserCreated: '新建用户',
  UserChanged: '修改用户',
  PasswordChanged: '重置密码',
}

/**
 * The role of the system actor (events the server records itself, `actor.role` "system"): not a
 * user's role, so not among the vocabulary's roles (stores/vocabulary.ts names those).
 */
export const SYSTEM_ROLE_LABEL = '系统'

/** 处理决定的种类 (POST /cases/{id}/decision `kind`). */
export const DECISION_KIND_OPTIONS: { value: DecisionKind; label: string }[] = [
  { value: 'penalty', label: '行政处罚' },
  { value: 'no_penalty', label: '不予行政处罚' },
  { value: 'other', label: '其他处理决定' },
]

/** 送达方式 (第二十四条至第二十八条; POST /cases/{id}/services `method`). */
export const SERVICE_METHOD_OPTIONS: { value: ServiceMethod; label: string }[] = [
  { value: 'direct', label: '直接送达' },
  { value: 'service_by_leaving', label: '留置送达' },
  { value: 'entrusted', label: '委托送达' },
  { value: 'mail', label: '邮寄送达' },
  { value: 'public_notice', label: '公告送达' },
  { value: 'electronic', label: '电子送达' },
]

/** 执行方式 (第二十九条至第三十二条; POST /cases/{id}/execution `manner`). */
export const EXECUTION_MANNER_OPTIONS: { value: ExecutionManner; label: string }[] = [
  { value: 'performed', label: '当事人履行' },
  { value: 'enforced', label: '强制执行' },
  { value: 'not_required', label: '无需执行' },
]

const labelIn = (opts: { value: string; label: string }[], v: string | null | undefined) =>
  opts.find((o) => o.value === v)?.label ?? v ?? ''
export const decisionKindLabel = (v: string | null | undefined) => labelIn(DECISION_KIND_OPTIONS, v)
export const serviceMethodLabel = (v: string | null | undefined) => labelIn(SERVICE_METHOD_OPTIONS, v)
export const executionMannerLabel = (v: string | null | undefined) => labelIn(EXECUTION_MANNER_OPTIONS, v)
