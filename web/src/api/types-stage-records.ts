// The API's JSON of the minimum record of the stages after the investigation (docs/openapi.yaml;
// issue 12 §7): the decision of 审查决定, the services and the execution of 送达执行, the archive of
// 归档管理. Re-exported by types.ts; like it, this module imports nothing.

/** Who recorded something (types.ts's ActorRef, repeated here so that this module imports nothing). */
interface RecordedBy {
  id: string
  name: string
  role: string
}

/** 处理决定的种类: penalty 行政处罚 | no_penalty 不予行政处罚 | other 其他处理决定. */
export type DecisionKind = 'penalty' | 'no_penalty' | 'other'

/** POST /api/v1/cases/{id}/decision — 提交处理决定审批: the decision proposed with the 承办人意见. */
export interface DecisionInput {
  /** 决定书文号, ≤100 characters (易公（治）行罚决字〔2026〕12号). */
  decision_no: string
  kind: DecisionKind
  /** 4–2000 characters: the penalty and its amount, or the ground of no penalty. */
  content: string
  /** 承办人意见, required. */
  opinion: string
}

/** The decision as the case shows it, once the 负责人 approved it (DecisionIssued). */
export interface CaseDecision {
  decision_no: string
  kind: DecisionKind
  content: string
  /** Issued: when the 负责人 approved it, and who. */
  at: string
  by: RecordedBy
}

/** 送达方式 (Art. 24–28). */
export type ServiceMethod = 'direct' | 'service_by_leaving' | 'entrusted' | 'mail' | 'public_notice' | 'electronic'

/** POST /api/v1/cases/{id}/services — 登记送达. */
export interface ServiceInput {
  /** 送达文书的文号, ≤100 characters. */
  document_no: string
  method: ServiceMethod
  /** 受送达人, ≤100 characters. */
  recipient: string
  /** RFC 3339, not in the future. */
  served_at: string
  /** 送达回证编号、邮件单号或公告载体, ≤200 characters. */
  proof: string
  /** Required (≥4 characters) for service_by_leaving (拒收事由、日期和见证人) and public_notice (why). */
  note?: string
}

/** One service as the case shows it (Case.services). */
export interface ServiceRecord extends ServiceInput {
  at: string
  by: RecordedBy
}

/** 执行方式: performed 当事人履行 | enforced 强制执行 | not_required 无需执行. */
export type ExecutionManner = 'performed' | 'enforced' | 'not_required'

/** POST /api/v1/cases/{id}/execution — 登记执行情况 (once, after a service). */
export interface ExecutionInput {
  manner: ExecutionManner
  /** 4–1000 characters. */
  note: string
  /** RFC 3339, not in the future: the enforcement act's end (Case.act_ended_at). */
  completed_at: string
}

export interface ExecutionRecord extends ExecutionInput {
  at: string
  by: RecordedBy
}

/** POST /api/v1/cases/{id}/archive — 归档封存 (档案管理员 only). */
export interface ArchiveInput {
  /** 档案号, required, ≤100 characters. */
  archive_no: string
  note?: string
}

export interface ArchiveRecord extends ArchiveInput {
  at: string
  by: RecordedBy
}
