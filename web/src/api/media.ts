// 音像记录 and 附件 of cases: uploads (tus 1.0 at /api/v1/uploads/), their registration, access
// (播放 / 下载, each recorded as RecordAccessed before the bytes are served) and the 24-hour findings
// of Art. 33.
import type { DetailedError, Upload } from 'tus-js-client'
import { http, apiErrorOf, csrfToken, networkError, type ApiError } from '@/utils/http'
import type {
  AccessGrant,
  AccessPurpose,
  AvAct,
  LateMediaItem,
  LateMediaQuery,
  Page,
  UploadMetadata,
  UploadStatus,
} from './types'

// The enforcement acts are not in the server's vocabulary (records carry act_label), so the choices
// of the upload form are listed here.
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
  { value: 'service_by_leaving', label: '留置送达' },
  { value: 'public_notice_service', label: '公告送达' },
  { value: 'removal_of_obstruction', label: '排除妨碍' },
  { value: 'restoration', label: '恢复原状' },
  { value: 'acceptance_window', label: '受理窗口' },
  { value: 'other', label: '其他' },
]

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
  return http.get<Page<LateMediaItem>>('/api/v1/media/late', { ...q })
}

// ---- Uploading (tus 1.0) ------------------------------------------------------------------------

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
