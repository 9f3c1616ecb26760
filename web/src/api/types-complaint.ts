// What becomes of a complaint (Art. 11; 公安机关办理行政案件程序规定 第六十一条; src/domain/complaint_outcome.h):
// 受案 with its 受案回执, 移送 within 24 hours, or 不予启动 and then the written notice served.
// Re-exported by types.ts; like it, this module imports nothing.

/** Who recorded something (types.ts's ActorRef, repeated so that this module imports nothing). */
interface RecordedBy {
  id: string
  name: string
  role: string
}

/** 书面告知 methods; phone and SMS are not written notice (the server refuses them). */
export type ComplaintNoticeMethod = 'direct' | 'mail' | 'email' | 'impossible'

export interface ComplaintNotStartedRecord {
  reason: string
  notice_no: string
  competent_authority?: string
  /** Whether the written notice (or why none can be given) is recorded. */
  served: boolean
  notice_method?: ComplaintNoticeMethod | 'phone' | 'sms' | 'other'
  notified_at?: string
  proof?: string
  electronic_consent?: boolean
  impossible_reason?: string
  served_recorded_at?: string
  at: string
  by: RecordedBy
}

export interface ComplaintAcceptanceRecord {
  receipt_no?: string
  recipient?: string
  no_receipt_reason?: string
  at: string
  by: RecordedBy
}

export interface ComplaintTransferRecord {
  to_authority: string
  reason: string
  transferred_at: string
  complainant_told?: string
  /** More than 24 hours after receipt. */
  late: boolean
  at: string
  by: RecordedBy
}

export interface ComplaintNoticeInput {
  method: ComplaintNoticeMethod
  notified_at?: string
  proof?: string
  electronic_consent?: boolean
  impossible_reason?: string
}

export interface ComplaintTransferInput {
  to_authority: string
  reason: string
  transferred_at: string
  complainant_told?: string
}
