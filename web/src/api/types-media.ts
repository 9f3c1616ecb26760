// The API's JSON for audio-video records and attachments, body cameras and collection stations.
// Re-exported by types.ts; imports only types-common.ts.
import type { ActorRef, PageQuery, RecordedEvent, Stage } from './types-common'

// ---- Audio-video records and attachments ---------------------------------------------------------

/** The enforcement act an audio-video record covers (Art. 14–16, 26–27, 31). */
export type AvAct =
  | 'site_inspection'
  | 'survey'
  | 'sampling'
  | 'inquiry'
  | 'hearing'
  | 'evidence_preservation'
  | 'restriction_of_liberty'
  | 'sealing'
  | 'seizure'
  | 'freezing'
  | 'service_by_leaving'
  | 'public_notice_service'
  | 'removal_of_obstruction'
  | 'restoration'
  | 'acceptance_window'
  | 'other'

/** av: 音像记录; attachment: 附件 (a file that is not audio or video). */
export type MediaKind = 'av' | 'attachment'

/** What libavformat found in the file; duration_ms is -1 when unknown. */
export interface MediaInfo {
  container: string
  video_codec: string
  audio_codec: string
  duration_ms: number
  width: number
  height: number
  creation_time: string
  tags: Record<string, string>
}

/** Registered more than 24 hours after capture ended (Art. 33 ¶2). */
export interface LateFinding {
  rule: 'ART33-AV-24H'
  article: string
  delay_seconds: number
  message: string
}

/** One record of a case (Case.media). */
export interface MediaRecord {
  record_id: string
  kind: MediaKind
  act: AvAct | ''
  act_label: string
  stage: Stage
  file_name: string
  content_type: string
  /** Lowercase hex digests of the file. */
  sha256: string
  sm3: string
  size: number
  media: MediaInfo
  /** The registered body camera's id (dev_…) and serial number; empty when none was named. */
  device_id: string
  device_serial: string
  officer: { id: string; name: string }
  capture_start: string | null
  capture_end: string | null
  /** Art. 14 ¶2: the parties were told before recording; null for attachments that did not say. */
  parties_informed: boolean | null
  registered_at: string
  registered_by: ActorRef
  access_count: number
  late: LateFinding | null
}

export type UploadState = 'receiving' | 'complete' | 'registered' | 'refused'

/** GET /api/v1/uploads/{id}: an upload and what became of it. */
export interface UploadStatus {
  id: string
  length: number
  offset: number
  state: UploadState
  case_id: string
  sha256: string
  sm3: string
  /** Set once registered. */
  record_id: string
  /** Why it was refused: not_audio_video (may be registered as an attachment instead), duplicate_record, … */
  error: { code: string; message: string } | null
  expires_at: string
  params: Record<string, unknown>
}

export type AccessPurpose = 'play' | 'download'

/** The grant of POST /api/v1/media/{id}/access: `url` serves the bytes (with Range) until `expires_at`. */
export interface AccessGrant {
  url: string
  expires_at: string
  record: MediaRecord
  events: RecordedEvent[]
}

export interface LateMediaItem {
  record_id: string
  case_id: string
  number: string
  title: string
  act: AvAct
  act_label: string
  officer_id: string
  officer_name: string
  device_id: string
  capture_end: string
  registered_at: string
  late_seconds: number
  rule: 'ART33-AV-24H'
  article: string
}

/** The query parameters of GET /api/v1/media/late. */
export interface LateMediaQuery extends PageQuery {
  officer_id?: string
  device_id?: string
}

/** Upload-Metadata of POST /api/v1/uploads/ (each value is sent base64-encoded by tus-js-client). */
export interface UploadMetadata {
  filename: string
  filetype?: string
  case_id: string
  kind?: MediaKind
  /** Required for av. */
  act?: AvAct
  /** Default: the case's current stage. */
  stage?: Stage
  /** User id or username of the recording officer; default the uploader. */
  officer?: string
  device_id?: string
  /** RFC 3339; capture_end is required for av. */
  capture_start?: string
  capture_end?: string
  /** Art. 14: the parties were told before recording; required for av. */
  parties_informed?: 'true' | 'false'
}

// ---- Body cameras --------------------------------------------------------------------------------

export interface Device {
  /** dev_… */
  id: string
  /** 编号（序列号）, unique. */
  serial: string
  /** 型号 */
  model: string
  /** The officer it is assigned to (使用人), and that officer's unit. */
  officer_id: string
  officer_name: string
  unit_id: string
  active: boolean
  created_at: string
  /** Its records registered more than 24 hours after capture ended (Art. 33). */
  late_count: number
}

export interface NewDeviceRequest {
  serial: string
  model: string
  /** User id or username of an officer. */
  officer_id: string
}

/** Only what is given changes; the serial and the model are fixed at registration. */
export interface DeviceChangeRequest {
  officer_id?: string
  active?: boolean
}

export interface DeviceCommandResult {
  device: Device
  events: RecordedEvent[]
}

// ---- Collection stations -------------------------------------------------------------------------

export interface Station {
  /** sta_… */
  id: string
  name: string
  location: string
  unit_id: string
  /** false once its token is revoked (已吊销). */
  active: boolean
  created_at: string
}

export interface NewStationRequest {
  name: string
  location: string
  /** The unit whose cases (and those of the units below) it may add records to. */
  unit_id: string
}

/** The answer to a registration: `token` (qcst_…) is never given again. */
export interface StationRegistration {
  station: Omit<Station, 'created_at'>
  token: string
  events: RecordedEvent[]
}
