// The API's JSON for sessions, users and units. Re-exported by types.ts; imports only types-common.ts.
import type { PageQuery, RecordedEvent } from './types-common'

// ---- Sessions and users --------------------------------------------------------------------------

export type Role = 'officer' | 'reviewer' | 'approver' | 'legal' | 'custodian' | 'admin'

export interface SessionUser {
  id: string
  username: string
  name: string
  role: Role
  role_label: string
  unit_id: string
  cert_no: string
  /** 辅警: assists (films, uploads) but opens and acts on no case alone. */
  auxiliary?: boolean
}

export interface LoginResult {
  user: SessionUser
  token: string
  expires_at: string
}

export interface Health {
  status: 'ok'
  version: string
}

export interface User {
  id: string
  username: string
  name: string
  role: Role
  role_label: string
  unit_id: string
  unit_name: string
  cert_no: string
  /** 辅警 (officers only). */
  auxiliary?: boolean
  active: boolean
  created_at: string
  updated_at: string
}

export interface NewUserRequest {
  username: string
  name: string
  role: Role
  unit_id: string
  /** A police officer's 人民警察证 警号, six digits; a 辅警 needs none. */
  cert_no?: string | null
  /** 辅警 (officers only, else 400 `auxiliary`). */
  auxiliary?: boolean
  password: string
}

export interface UserChangeRequest {
  name?: string | null
  role?: Role | null
  unit_id?: string | null
  cert_no?: string | null
  auxiliary?: boolean | null
  password?: string | null
  active?: boolean | null
}

export interface UserCommandResult {
  user: User
  events: RecordedEvent[]
}

// ---- Units ---------------------------------------------------------------------------------------

export interface Unit {
  id: string
  name: string
  parent_id: string | null
  code: string
}

/** An active officer (执法人员) of a unit, for choosing 协办人员. */
export interface UnitOfficer {
  id: string
  name: string
  /** 执法证件编号 (Art. 12) */
  cert_no: string
  unit_id: string
  /** 辅警: may assist on a case, never counts as one of its two officers. */
  auxiliary: boolean
}

/** The query parameters of GET /api/v1/units/{id}/officers: `name`, a part of the name. */
export interface UnitOfficerQuery extends PageQuery {
  name?: string
}

export interface NewUnitRequest {
  name: string
  code: string
  parent_id: string
}
