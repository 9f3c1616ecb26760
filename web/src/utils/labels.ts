import type { Role } from '@/api/types'

export const eventTypeLabel: Record<string, string> = {
  CaseOpened: '登记案件',
  PartyAdded: '增加当事人',
  OfficerAssigned: '指派执法人员',
  StartApprovalSubmitted: '提交程序启动审批',
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
  MediaRegistered: '登记音像记录',
  RecordAccessed: '调阅执法记录',
  UnitCreated: '新建单位',
  UserCreated: '新建用户',
  UserChanged: '修改用户',
  PasswordChanged: '重置密码',
}

export const roleLabel: Record<string, string> = {
  officer: '执法人员',
  reviewer: '审核人',
  approver: '负责人',
  legal: '法制员',
  custodian: '档案管理员',
  admin: '系统管理员',
  system: '系统',
}

const roles: Role[] = ['officer', 'reviewer', 'approver', 'legal', 'custodian', 'admin']
export const roleOptions = roles.map((value) => ({ value, label: roleLabel[value] }))
