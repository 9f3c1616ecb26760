// 音像记录 and 附件 of cases: uploads (tus 1.0 at /api/v1/uploads/), their registration, access
// (播放 / 下载, each recorded as RecordAccessed before the bytes are served) and the 24-hour findings
// of Art. 33.
import type { DetailedError, Upload } from 'tus-js-client'
import { http, apiErrorOf, csrfToken, networkError, type ApiError, type Query } from '@/utils/http'
import type { ActorRef, RecordedEvent, Stage } from './cases'

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
  | 'lien_service'
  | 'public_notice_service'
  | 'removal_of_obstruction'
  | 'restoration'
  | 'acceptance_window'
  | 'other'

export const avActOptions: { value: AvAct; label: string }[] = [
  { value: 'site_inspection', label: '现场检查' },
  { value: 'survey', label: '勘验' },
  { value: 'sampling', label: '抽样取证' },
  { value: 'inquiry', label: '询问' },
  { value: 'hearing', label: '听证' },
  { value: 'evidence_preservation', label: '证据保全' },
  { value: 'restriction_of_liberty', label: '限制人身自由' },
  { value: 'sealing', label: '查封' },
  { value: 'seizure', label: '扣押' },
  { value: 'freezing', label: '冻结' },
  { value: 'lien_service', label: '留置送达' },
  { value: 'public_notice_service', label: '公告送达' },
  { value: 'removal_of_obstruction', label: '排除妨碍' },
  { value: 'restoration', label: '恢复原状' },
  { value: 'acceptance_window', label: '受理窗口' },
  { value: 'other', label: '其他' },
]

/** av: 音像记录; attachment: 附件 (a file that is not audio or video). */
export type MediaKind = 'av' | 'attachment'
export const mediaKindLabel: Record<MediaKind, string> = { av: '音像记录', attachment: '附件' }

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

export interface LateMediaList {
  items: LateMediaItem[]
  total: number
  page: number
  page_size: number
}

export interface LateMediaQuery extends Query {
  officer_id?: string
  device_id?: string
  page?: number
  page_size?: number
}

const uid = (id: string) => `/api/v1/uploads/${encodeURIComponent(id)}`

/** POST /api/v1/media/{id}/access — 调阅音像记录（播放 / 下载）; `reason` is required of anyone but the case's officers. */
export function accessMedia(recordId: string, body: { purpose: AccessPurpose; reason?: string | null }) {
  return http.post<AccessGrant>(`/api/v1/media/${encodeURIComponent(recordId)}/access`, body)
}

/** GET /api/v1/uploads/{id} — 查询上传状态与登记结果 */
export function getUpload(id: string) {
  return http.get<UploadStatus>(uid(id))
}

/** POST /api/v1/uploads/{id}/attachment — 非音视频文件改作附件登记 */
export function registerUploadAsAttachment(id: string) {
  return http.post<UploadStatus>(uid(id) + '/attachment')
}

/** GET /api/v1/media/late — 超过24小时才存储的音像记录（第三十三条） */
export function listLateMedia(q: LateMediaQuery = {}) {
  return http.get<LateMediaList>('/api/v1/media/late', q)
}

// ---- Uploading (tus 1.0) ------------------------------------------------------------------------

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

/** How the final PATCH said the upload was recorded (its Upload-Registration header). */
export type Registration = { state: 'registered'; record: string } | { state: 'refused'; code: string } | null

export function parseRegistration(header: string | null | undefined): Registration {
  if (!header) return null
  const [state, ...params] = header.split(';').map((s) => s.trim())
  const param = (k: string) => params.find((p) => p.startsWith(k + '='))?.slice(k.length + 1) ?? ''
  if (state === 'registered') return { state, record: param('record') }
  if (state === 'refused') return { state, code: param('code') }
  return null
}

export interface UploadHandlers {
  onProgress: (bytesSent: number, bytesTotal: number) => void
  onSuccess: (uploadId: string, registration: Registration) => void
  /** The API's error ({code, message, field}; the field of a metadata error is `Upload-Metadata.<key>`). */
  onError: (e: ApiError) => void
}

/**
 * One PATCH per chunk, each acknowledged (fsynced) before the next: a cut connection costs at most
 * one chunk. Streamed request bodies have no size limit on the server (only Upload-Length), so this
 * only trades round trips against what a cut costs.
 */
export const UPLOAD_CHUNK_SIZE = 8 * 1024 * 1024

/** The id of an upload from its URL (…/api/v1/uploads/{id}). */
export const uploadIdOf = (url: string) => decodeURIComponent(url.replace(/\/+$/, '').split('/').pop() ?? '')

function tusApiError(err: Error | DetailedError): ApiError {
  const res = (err as DetailedError).originalResponse
  if (!res || !res.getStatus()) return networkError()
  return apiErrorOf(res.getStatus(), res.getBody() ?? '')
}

/**
 * POST /api/v1/uploads/ and PATCH /api/v1/uploads/{id} — 上传音像记录 (tus 1.0, resumable). Resolves to
 * the tus Upload, not yet started: start() it, abort() to pause, start() again to go on from the
 * offset the server has. tus-js-client is loaded here, on the first upload, not with the case page.
 */
export async function createUpload(file: File, metadata: UploadMetadata, h: UploadHandlers): Promise<Upload> {
  const { Upload } = await import('tus-js-client')
  const meta: Record<string, string> = {}
  for (const [k, v] of Object.entries(metadata)) if (v !== undefined && v !== '') meta[k] = v
  const upload: Upload = new Upload(file, {
    endpoint: new URL('/api/v1/uploads/', location.origin).href,
    metadata: meta,
    headers: { 'X-CSRF-Token': csrfToken() },
    chunkSize: UPLOAD_CHUNK_SIZE,
    retryDelays: [0, 1000, 3000, 5000, 10000],
    removeFingerprintOnSuccess: true,
    onProgress: h.onProgress,
    onSuccess: ({ lastResponse }) =>
      h.onSuccess(uploadIdOf(upload.url ?? ''), parseRegistration(lastResponse.getHeader('Upload-Registration'))),
    onError: (err) => h.onError(tusApiError(err)),
  })
  return upload
}

/**
 * Resumes `upload` from an unfinished upload of the same file with the same metadata that this
 * browser started earlier (tus-js-client keeps its URL in localStorage until it succeeds).
 */
export async function resumePrevious(upload: Upload): Promise<boolean> {
  try {
    const same = (m: Record<string, string>) => {
      const want = upload.options.metadata ?? {}
      const keys = new Set([...Object.keys(m), ...Object.keys(want)])
      return [...keys].every((k) => m[k] === want[k])
    }
    const previous = (await upload.findPreviousUploads()).find((p) => p.uploadUrl && same(p.metadata))
    if (!previous) return false
    upload.resumeFromPreviousUpload(previous)
    return true
  } catch {
    return false // no localStorage: start anew
  }
}
