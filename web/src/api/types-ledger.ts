// The API's JSON for the working-day calendar and the ledger. Re-exported by types.ts; imports only
// types-common.ts.
import type { ActorRef, RecordedEvent } from './types-common'

// ---- Working-day calendar -----------------------------------------------------------------------

/**
 * One year of the working-day calendar (工作日历): time limits in working days (行政许可法第八十二条)
 * count Monday to Friday, less `holidays`, plus `workdays` — per the General Office of the State
 * Council's notice on that year's public holidays. Dates are "YYYY-MM-DD".
 */
export interface CalendarYear {
  year: number
  /** Days off that would be working days (法定节假日及调休放假). */
  holidays: string[]
  /** Saturdays and Sundays that are working days (调休上班). */
  workdays: string[]
  /** Weekends only until the State Council publishes the year's arrangement (暂定). */
  provisional: boolean
  /** The notice it follows. */
  source: string
  /** shipped: as QuanCheng ships it; set: set by the system administrator (set_at, set_by). */
  origin: 'shipped' | 'set'
  set_at?: string
  set_by?: ActorRef
}

/** GET /api/v1/calendar: every year known, by year. */
export interface CalendarList {
  years: CalendarYear[]
}

/** PUT /api/v1/calendar/{year}: the year's whole arrangement, replacing any before. */
export interface CalendarYearRequest {
  holidays: string[]
  workdays: string[]
  provisional: boolean
  source: string
}

export interface CalendarYearResult {
  year: CalendarYear
  events: RecordedEvent[]
}

// ---- Ledger --------------------------------------------------------------------------------------

export interface ConsistencyProof {
  from: number
  to: number
  from_root_hash: string
  to_root_hash: string
  proof: string[]
}

export interface InclusionProof {
  index: number
  size: number
  leaf_hash: string
  root_hash: string
  proof: string[]
}

/** A LedgerVerified: the tree size and root an auditor verified in the browser, kept by the server. */
export interface LedgerVerification {
  origin: string
  size: number
  /** base64, as in the checkpoint */
  root_hash: string
  /** when it was recorded */
  at: string
  /** the LedgerVerified event's ledger index */
  index: number
}

export interface CheckpointSummary {
  size: number
  root_hash: string
  signed_at: string
}

export interface CheckpointList {
  after: number
  checkpoints: CheckpointSummary[]
}

export interface LedgerKey {
  name: string
  algorithm: 'ed25519' | 'sm2-sm3'
  key_id: string
  public_key: string
  vkey: string
  signature_type: string
  distinguishing_id?: string
}

export interface LedgerEntries {
  start: number
  count: number
  size: number
  /** `bytes` is absent and `withheld` true for the events of cases this user may not see. */
  entries: { index: number; bytes?: string; withheld?: boolean; leaf_hash: string }[]
}
