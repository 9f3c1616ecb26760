// The API's JSON of the catalogue of written records (GET /api/v1/catalogue, docs/formats/catalogue.md)
// and of the records of a case (/api/v1/cases/{id}/documents): drafts, versions, signatures, service
// and corrections. Re-exported by types.ts; imports only types-common.ts.
import type { ActorRef, Stage } from './types-common'

// ---- The catalogue -------------------------------------------------------------------------------

export type FieldType =
  | 'text'
  | 'long_text'
  | 'address'
  | 'date'
  | 'datetime'
  | 'money'
  | 'integer'
  | 'boolean'
  | 'enum'
  | 'party'
  | 'officer'
  | 'attachment'
  | 'media'
  | 'list'

/** One field of a type (or one column of a list field). */
export interface CatalogueField {
  name: string
  label: string
  type: FieldType
  required?: boolean
  /** Characters for text, the value for integer and money (fen), the rows for a list. */
  min?: number
  max?: number
  /** enum only. */
  values?: { value: string; label: string }[]
  /** list only: the columns of each row. */
  columns?: CatalogueField[]
  help?: string
}

export type SignerRole = 'party' | 'witness' | 'interpreter' | 'recorder' | 'guardian' | 'server' | 'recipient'

/** One type of written record (询问笔录, 行政处罚决定书, …). */
export interface CatalogueType {
  id: string
  name: string
  description?: string
  stages: Stage[]
  procedures: ('ordinary' | 'simple')[]
  measures: number[]
  law: string[]
  fields: CatalogueField[]
  officers_sign?: number
  signers?: SignerRole[]
  party_signature?: 'none' | 'required_or_refusal'
  av?: 'none' | 'as_needed' | 'mandatory'
  approval?: 'none' | 'decision'
  served?: boolean
  number?: { series: string; word: string }
  example: Record<string, unknown>
}

/** GET /api/v1/catalogue (public). */
export interface Catalogue {
  types: CatalogueType[]
}

// ---- The records of a case -----------------------------------------------------------------------

export type DocumentStatus = 'draft' | 'awaiting_approval' | 'issued'

/** A record's fields, as its type defines them. */
export type RecordFields = Record<string, unknown>

export interface DocumentVersion {
  version: number
  fields: RecordFields
  at: string
  by: ActorRef
}

export type SignatureRole = SignerRole | 'officer'

export interface DocumentSignature {
  seq: number
  role: SignatureRole
  role_label?: string
  name: string
  party?: number | null
  user_id?: string | null
  cert_no?: string | null
  refused?: boolean
  reason?: string | null
  witnesses?: string[]
  media?: string[]
  image_sha256?: string | null
  certificates_seen?: boolean | null
  /** The version signed; `current` while it is the record's version. */
  version: number
  current: boolean
  at: string
  by: ActorRef
}

export type DocumentServiceMethod = 'direct' | 'mail' | 'left' | 'public' | 'fax' | 'email' | 'entrusted' | 'forwarded'

export interface DocumentService {
  seq: number
  method: DocumentServiceMethod
  method_label?: string
  outcome: 'served' | 'failed'
  served_at?: string | null
  recipient?: string | null
  party?: number | null
  failure_reason?: string | null
  /** The method's own facts (tracking_no, witnesses, …). */
  facts?: Record<string, unknown>
  media?: string[]
  at: string
  by: ActorRef
}

export interface DocumentCorrection {
  approval_id: string
  /** The version corrected, and the version the correction made. */
  corrects_version?: number
  version: number
  reason: string
  changed: string[]
  at: string
  by: ActorRef
}

/** What the record still needs (signatures, footage, service), as the server counts it. */
export interface DocumentRequirements {
  officers_sign: number
  officer_signatures: number
  /** The type's rule (required_or_refusal: the party signs or the refusal is recorded). */
  party_signature: 'none' | 'required_or_refusal' | boolean
  party_signed: boolean
  av: 'none' | 'as_needed' | 'mandatory'
  footage_missing: boolean
  served: boolean
  service_done: boolean
}

export interface CaseDocument {
  id: string
  type: string
  name: string
  status: DocumentStatus
  version: number
  /** Absent in lists. */
  fields?: RecordFields
  number: string | null
  /** The stage it was drafted in, when the server says. */
  stage?: Stage
  drafted_at: string
  drafted_by: ActorRef
  updated_at: string
  issued_at: string | null
  issued_by: ActorRef | null
  content_sha256?: string
  versions?: DocumentVersion[]
  signatures?: DocumentSignature[]
  services?: DocumentService[]
  corrections?: DocumentCorrection[]
  /** Media record ids linked through its media fields. */
  footage?: string[]
  requirements?: DocumentRequirements
  /** The party signed (or the refusal is recorded); served on the party. */
  signed?: boolean
  served?: boolean
}

/** POST …/documents/{doc}/signatures: a drawn signature, or a refusal with its reason and proof. */
export interface SignatureInput {
  role: SignatureRole
  name?: string
  party?: number
  image?: string
  certificates_seen?: boolean
  refused?: { reason: string; witnesses: string[]; media: string[] }
}

/** POST …/documents/{doc}/service: the common facts and the method's own. */
export interface DocumentServiceInput {
  method: DocumentServiceMethod
  outcome: 'served' | 'failed'
  served_at?: string
  recipient?: string
  party?: number
  failure_reason?: string
  [fact: string]: unknown
}

/** POST …/documents/{doc}/corrections: the corrected fields, why, and the 承办人意见. */
export interface CorrectionInput {
  fields: RecordFields
  reason: string
  opinion: string
}
