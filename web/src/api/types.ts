// The API's JSON, as the server sends and takes it (docs/openapi.yaml): every shared wire type of the
// web client, in one module that imports nothing but its parts by area (types-*.ts, which import
// nothing but types-common.ts), so that api/*.ts, stores and views all take their types from here and
// no two modules import each other.
import type { ActorRef, Page, PageQuery, RecordedEvent, Stage } from './types-common'
import type { Role } from './types-directory'
import type { MediaKind, MediaRecord, UploadState } from './types-media'
import type { Offence, UrgentMeasure, UrgentMeasureInput } from './types-case-start'
import type { ArchiveRecord, CaseDecision, ExecutionRecord, ServiceRecord } from './types-stage-records'
import type { ComplaintAcceptanceRecord, ComplaintNotStartedRecord, ComplaintTransferRecord } from './types-complaint'
import type { CaseDocument } from './types-documents'

export type * from './types-common'
export type * from './types-directory'
export type * from './types-media'
export type * from './types-ledger'
export type * from './types-case-start'
export type * from './types-stage-records'
export type * from './types-complaint'
export type * from './types-documents'

// ---- Vocabulary ----------------------------------------------------------------------------------

/** One value of an enum the API sends, with its name to show (GET /api/v1/vocabulary). */
export interface VocabularyEntry<V extends string = string> {
  value: V
  label: string
}

/** GET /api/v1/vocabulary (public): every enum of the API as [{value, label}], in display order. */
export interface Vocabulary {
  roles: VocabularyEntry<Role>[]
  start_modes: VocabularyEntry<StartMode>[]
  stages: VocabularyEntry<Stage>[]
  case_statuses: VocabularyEntry<CaseStatus>[]
  party_kinds: VocabularyEntry<PartyKind>[]
  procedures: VocabularyEntry<Procedure>[]
  approval_kinds: VocabularyEntry<ApprovalKind>[]
  approval_states: VocabularyEntry<ApprovalState>[]
  approval_steps: VocabularyEntry<ApprovalStepKind>[]
  approval_decisions: VocabularyEntry<ApprovalDecision>[]
  upload_states: VocabularyEntry<UploadState>[]
  media_kinds: VocabularyEntry<MediaKind>[]
  receipt_kinds: VocabularyEntry<ReceiptKind>[]
  non_acceptance_grounds: VocabularyEntry<NonAcceptanceGround>[]
  id_types: VocabularyEntry<IdType>[]
  case_commands: VocabularyEntry<CaseCommand>[]
}

export type VocabularyName = keyof Vocabulary

// ---- Cases ---------------------------------------------------------------------------------------

export type StartMode = 'application' | 'ex_officio' | 'complaint'

export type CaseStatus =
  'pending' | 'awaiting_approval' | 'returned' | 'in_progress' | 'not_accepted' | 'not_started' | 'rejected' | 'transferred'

export type PartyKind = 'natural_person' | 'legal_person' | 'other_organization'

export type ReceiptKind = 'acceptance' | 'non_acceptance' | 'materials'
/** The ground of 不予受理 (行政许可法 第三十二条). */
export type NonAcceptanceGround = 'not_required' | 'not_competent' | 'other'

export type Procedure = 'ordinary' | 'simple'

/** The commands on a case (domain/case_commands.cc), as the keys of Case.available_actions. */
export type CaseCommand =
  | 'submit_start_approval'
  | 'advance_stage'
  | 'add_party'
  | 'decide_application'
  | 'complaint_not_started'
  | 'accept_complaint'
  | 'transfer_complaint'
  | 'serve_complaint_notice'
  | 'correct_application'
  | 'supplement_notice'
  | 'supplement_received'
  | 'issue_receipt'
  | 'change_procedure'
  | 'change_major'
  | 'assign_officer'
  | 'on_the_spot_decision'
  | 'file_simple_case'
  | 'release_measure'
  | 'identify_party'
  | 'record_offence'
  | 'submit_decision'
  | 'record_service'
  | 'record_execution'
  | 'archive_case'

/** Whether the requesting user may give one command on the case now, and if not, why not. */
export interface ActionAvailability {
  allowed: boolean
  /** The command's name (提交启动审批, …). */
  label: string
  /** Why not, as the command would answer (only when not allowed), and its error code. */
  reason?: string
  code?: string
  /** issue_receipt only: the receipts the case may still issue. */
  receipt_kinds?: ReceiptKind[]
}

/** What the requesting user may do on the case now: one entry per command. */
export type AvailableActions = Record<CaseCommand, ActionAvailability>

export type IdType = 'resident_id' | 'passport' | 'hk_macao_permit' | 'taiwan_permit' | 'foreign_permanent' | 'other'

/** A 当事人 as entered (domain/party_rules.h checks it on the server). */
export interface PartyInput {
  kind: PartyKind
  name: string
  /** 自然人: the identity document (居民身份证 when absent). */
  id_type?: IdType | null
  id_number?: string | null
  phone?: string | null
  address?: string | null
  /** 法人: required. */
  legal_representative?: string | null
  /** 其他组织: its 负责人, required. */
  principal?: string | null
  gender?: string | null
  occupation?: string | null
  /** YYYY-MM-DD */
  birth_date?: string | null
  /** 身份不明: `name` describes the person until identified. */
  identity_unknown?: boolean
}

/**
 * As the case shows it: `minor` for a natural person whose date of birth is known; `described_as`, the
 * description a party 身份不明 was recorded by before it was identified (PartyIdentified).
 */
export interface Party extends PartyInput {
  minor?: boolean
  described_as?: string
}

export interface ApplicationInput {
  channel: 'written' | 'oral' | 'online'
  matter: string
  oral_record?: string | null
  materials?: string[] | null
  received_at?: string | null
}

export interface ComplaintInput {
  channel: 'phone' | 'letter' | 'visit' | 'online' | 'other'
  content: string
  complainant?: { name?: string | null; phone?: string | null; address?: string | null; anonymous?: boolean | null } | null
  respondent?: string | null
  received_at?: string | null
}

export interface NewCaseRequest {
  start_mode: StartMode
  title: string
  procedure?: Procedure | null
  procedure_reason?: string | null
  major?: boolean | null
  major_reason?: string | null
  urgent?: boolean | null
  urgent_reason?: string | null
  /** Required when urgent, refused otherwise. */
  urgent_measure?: UrgentMeasureInput
  offence?: Offence
  parties?: PartyInput[] | null
  co_officers?: string[] | null
  application?: ApplicationInput
  complaint?: ComplaintInput
  start_form?: { cause: string }
}

export type DeadlineKind =
  | 'application_decision'
  | 'supplement'
  | 'simple_filing'
  | 'urgent_report'
  | 'measure_release'
  | 'case_file'
  | 'complaint_handling'

/** A time limit (期限) running on a case. */
export interface Deadline {
  /**
   * application_decision: 作出受理决定 (5 working days); supplement: the applicant's date (Art. 9);
   * simple_filing: 当场处罚决定备案 (24 hours, Art. 23); urgent_report: an urgent start reported and
   * approved within 24 hours of its measure (行政强制法第十九条); measure_release: the start refused, the
   * measure released at once; case_file: 形成案卷 (30 days, Art. 33) from the act's end (act_ended_at),
   * until the 档案管理员 archives the case.
   */
  kind: DeadlineKind
  label: string
  article: string
  since: string
  due_at: string
  /** What the law makes of the deadline missed (application_decision: 视为受理), when it says. */
  consequence?: string
}

/** 简易程序: the kind of case, which decides the on-the-spot limit. */
export type OnTheSpotMatter = 'public_security' | 'traffic' | 'other'
export type OnTheSpotPenalty = 'warning' | 'fine'
/** 当场收缴罚款的情形: ≤100 元 (行政处罚法第六十八条第一项), hard to enforce later (第二项), remote (第六十九条). */
export type CollectionGround = 'small' | 'hard_to_enforce' | 'remote'

/** POST /api/v1/cases/{id}/on-the-spot-decision — 当场处罚决定 (Art. 23 (1)–(6)). */
export interface OnTheSpotDecisionInput {
  matter: OnTheSpotMatter
  facts: string
  legal_basis: string
  decision_no: string
  place: string
  penalty: OnTheSpotPenalty
  /** 罚款数额（元）; 0 for a warning. */
  fine_yuan?: number
  /** 当事人的陈述、申辩; "未提出" when none. */
  statement: string
  /** 复核意见及是否采纳的理由. */
  review: string
  adopted?: boolean
  /** The party disputes: the exchange is filmed and the camera named (Art. 23, last paragraph). */
  disputed?: boolean
  recording_device?: string
  /** 当场收缴罚款 with its receipt. */
  collected?: { receipt_no: string; ground: CollectionGround }
}

/** The on-the-spot decision as the case shows it: who recorded it, when, and its filing (备案). */
export interface OnTheSpotDecision extends OnTheSpotDecisionInput {
  fine_yuan: number
  adopted: boolean
  disputed: boolean
  at: string
  by: ActorRef
  filing: null | { filed_with: string; note?: string; at: string; by: ActorRef }
}

export interface CaseOfficer {
  user_id: string
  name: string
  cert_no: string
  lead: boolean
  /** 辅警: not counted among the two officers a decision needs (行政处罚法第四十二条). */
  auxiliary?: boolean
}

export interface Case {
  id: string
  number: string
  unit_id: string
  /** 执法主体 the case is handled for; null for cases opened before it was recorded. */
  enforcement_body?: { id: string; name: string } | null
  title: string
  start_mode: StartMode
  start_mode_label: string
  stage: Stage
  stage_label: string
  status: CaseStatus
  status_label: string
  procedure: Procedure
  procedure_reason: string
  major: boolean
  major_reason: string
  urgent: boolean
  urgent_reason: string
  /** An urgent start's on-site measure and its release; absent or null otherwise (and for older urgent cases). */
  urgent_measure?: UrgentMeasure | null
  /** 案由、违法时间、违法地点, once given. */
  offence?: Offence | null
  start_approved: boolean
  created_by: ActorRef
  created_at: string
  updated_at: string
  /** When the procedure ended (不予受理, 不予启动, 不予批准). */
  closed_at: string | null
  /**
   * When the enforcement act ended — the procedure ended, or the decision served and executed (a
   * warning or a fine collected on the spot: with the decision); the 30-day case_file deadline runs
   * from it (Art. 33). Null while it runs; absent from older servers.
   */
  act_ended_at?: string | null
  deadlines: Deadline[]
  parties: Party[]
  officers: CaseOfficer[]
  application: null | {
    channel: string
    matter: string
    oral_record?: string
    materials?: string[]
    received_at?: string
    corrections: { field: string; before: string; after: string; confirmed_by: string; at: string }[]
    supplement_notice: null | {
      items: string[]
      deadline?: string
      note?: string
      issued_at: string
      received: null | { items: string[]; note?: string; at: string }
    }
    decision: null | {
      accepted: boolean
      reason: string
      ground?: NonAcceptanceGround
      ground_label?: string
      competent_authority?: string
      remedies?: string
      at: string
      by: ActorRef
    }
    /** 凭证: issued by the system with each act, in the body's name (sealed_by), dated `at`. */
    receipts: { kind: ReceiptKind; receipt_no: string; recipient?: string; sealed_by?: string; at: string }[]
    /** A supplement notice given after the 5 working days: accepted from the day of receipt (行政许可法第三十二条). */
    deemed_accepted_from?: string
  }
  complaint: null | {
    channel: string
    content: string
    complainant?: { name?: string; phone?: string; address?: string; anonymous?: boolean }
    respondent?: string
    received_at?: string
    accepted: null | ComplaintAcceptanceRecord
    transferred: null | ComplaintTransferRecord
    not_started: null | ComplaintNotStartedRecord
  }
  start_form: null | {
    cause?: string
    handler_opinion?: string
    handler_reasons?: string
    unit_opinion?: string
    legal_opinion?: string
    leader_opinion?: string
  }
  approvals: Approval[]
  /** 音像记录 and 附件, in the order registered. */
  media: MediaRecord[]
  /** 简易程序: the on-the-spot decision, once recorded (older servers send nothing). */
  on_the_spot?: OnTheSpotDecision | null
  /** 审查决定: the decision, once the 负责人 approved it (its approval is in `approvals`, kind decision). */
  decision?: CaseDecision | null
  /** 送达执行: every service recorded, in order. */
  services?: ServiceRecord[]
  /** 送达执行: the execution, once recorded. */
  execution?: ExecutionRecord | null
  /** 归档管理: the 档案管理员's archive, once sealed. */
  archive?: ArchiveRecord | null
  /** The written records (文书) of the case, in the order drafted (older servers send nothing). */
  documents?: CaseDocument[]
  version: number
  last_index: number
  /**
   * What the requesting user may do now, decided by the server on this state (nobody but the case's
   * officers may do anything). Sent with GET /api/v1/cases/{id} and every command's `case`.
   */
  available_actions?: AvailableActions
}

export interface CaseCommandResult {
  case: Case
  events: RecordedEvent[]
}

/** What a command on a written record answers: the case and the record as they now are. */
export interface DocumentCommandResult extends CaseCommandResult {
  document: CaseDocument
}

export interface CaseSummary {
  id: string
  number: string
  title: string
  unit_id: string
  unit_name: string
  start_mode: StartMode
  start_mode_label: string
  stage: Stage
  stage_label: string
  status: CaseStatus
  status_label: string
  major: boolean
  urgent: boolean
  created_at: string
  updated_at: string
  officers: string
}

export type CaseSort = 'created_at' | 'updated_at' | 'number' | 'stage' | 'status' | 'title'

/** Exactly the query parameters of GET /api/v1/cases. */
export interface CaseQuery extends PageQuery {
  stage?: Stage | ''
  status?: CaseStatus | ''
  start_mode?: StartMode | ''
  officer?: string
  text?: string
  from?: string
  to?: string
  sort?: CaseSort
  order?: 'asc' | 'desc'
}

export interface CaseEvent {
  index: number
  type: string
  v: number
  at: string
  actor: ActorRef
  data: Record<string, unknown>
  leaf_hash: string
}

// ---- Approvals -----------------------------------------------------------------------------------

export type ApprovalState = 'reviewing' | 'legal_review' | 'deciding' | 'approved' | 'returned' | 'rejected'

export type PendingRole = 'reviewer' | 'legal' | 'approver' | null

export type Decision = 'approve' | 'return' | 'reject'

/** A step's decision: the officer's submission, a reviewer's Decision, or a record that does not decide (opinion). */
export type ApprovalDecision = 'submit' | Decision | 'opinion'

export type ApprovalKind = 'start' | 'non_acceptance' | 'not_start' | 'clear_major' | 'decision' | 'document' | 'correction'

/** expert_opinion 专家论证 (Art. 19) and collective_discussion 集体讨论 (Art. 20) are recorded without moving the chain. */
export type ApprovalStepKind = 'submit' | 'review' | 'legal_review' | 'decide' | 'expert_opinion' | 'collective_discussion'

export interface ApprovalInboxItem {
  id: string
  case_id: string
  case_number: string
  case_title: string
  kind: ApprovalKind
  kind_label: string
  state: ApprovalState
  state_label?: string
  round: number
  pending_role: PendingRole
  submitted_by_name: string
  submitted_at: string
  updated_at: string
  major: boolean
  urgent: boolean
  start_mode: StartMode
  /** 已办 (scope=done) only: what the user decided on it, and when. */
  my_decision?: Decision
  my_decision_label?: string
  my_decided_at?: string
}

/** GET /api/v1/approvals?scope=: todo, the matters waiting for the user (default); done, those the user decided. */
export type ApprovalScope = 'todo' | 'done'

/** Exactly the query parameters of GET /api/v1/approvals. */
export interface ApprovalQuery extends PageQuery {
  scope?: ApprovalScope
}

export interface ApprovalStep {
  step: ApprovalStepKind
  step_label?: string
  actor: ActorRef
  decision: ApprovalDecision
  decision_label?: string
  opinion: string
  reasons?: string
  /** expert_opinion: {experts}; collective_discussion: {held_at, participants, discussion} (the conclusion is `opinion`). */
  detail?: ApprovalStepDetail
  at: string
}

export interface ApprovalStepDetail {
  experts?: { name: string; title?: string }[]
  held_at?: string
  participants?: string[]
  discussion?: string
}

/** POST /api/v1/approvals/{id}/expert-opinion — 专家论证 (Art. 19). */
export interface ExpertOpinionInput {
  experts: { name: string; title?: string }[]
  opinion: string
}

/** POST /api/v1/approvals/{id}/collective-discussion — 集体讨论 (Art. 20). */
export interface CollectiveDiscussionInput {
  held_at?: string
  participants: string[]
  discussion: string
  conclusion: string
}

export interface Approval {
  id: string
  kind: ApprovalKind
  kind_label?: string
  state: ApprovalState
  state_label?: string
  round: number
  pending_role: PendingRole
  submitted_at: string
  updated_at: string
  steps: ApprovalStep[]
  /**
   * What takes effect when approved, for every kind but start: the 不予受理 decision (reason, ground,
   * competent_authority, remedies), the 不予启动 notice (reason, notice_no, notice_method, …), the
   * change of the 重大复杂 mark (major, reason), the 处理决定 (decision_no, kind, content).
   */
  proposal?: Record<string, unknown>
}

// ---- Deadlines -----------------------------------------------------------------------------------

/** One deadline of one case, as GET /api/v1/deadlines lists it. */
export interface DeadlineItem extends Deadline {
  case_id: string
  number: string
  title: string
  stage: Stage
  stage_label: string
  status: CaseStatus
  status_label: string
  overdue: boolean
  /** Seconds from the server's `now` until `due_at`; negative when overdue. */
  remaining_seconds: number
}

/** GET /api/v1/deadlines: a page, and the server's clock when it answered (`remaining_seconds` is counted from it). */
export interface DeadlinePage extends Page<DeadlineItem> {
  now: string
}

/** Exactly the query parameters of GET /api/v1/deadlines. */
export interface DeadlineQuery extends PageQuery {
  /** Due within this many days (× 24 h) from now, 0–366; overdue ones always included. Default 7. */
  within_days?: number
  /** Only the cases the user handles (officers' default) or every case the user may see. */
  mine?: boolean
}
