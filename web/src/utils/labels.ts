// Names the server does not send: the event types of the case timeline (全过程记录).
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
  OnTheSpotDecided: '当场处罚决定',
  SimpleCaseFiled: '当场处罚备案',
  OffenceRecorded: '登记或更正案由',
  PartyIdentified: '查明当事人身份',
  MeasureReleased: '解除现场措施',
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
