// The catalogue of written records and the records (文书) of a case: drafted, revised, submitted or
// issued, signed, served and corrected (docs/openapi.yaml, tag documents).
import { http } from '@/utils/http'
import type {
  CaseDocument,
  Catalogue,
  CorrectionInput,
  DocumentCommandResult,
  DocumentServiceInput,
  RecordFields,
  SignatureInput,
} from './types'

// Field errors are shown next to the form item, so those are not also toasted.
const fieldSilent = { silent: (e: { field: string | null }) => !!e.field }
const docs = (caseId: string) => `/api/v1/cases/${encodeURIComponent(caseId)}/documents`
const doc = (caseId: string, id: string) => `${docs(caseId)}/${encodeURIComponent(id)}`

/** GET /api/v1/catalogue (public) — the types of written records. */
export function getCatalogue() {
  return http.get<Catalogue>('/api/v1/catalogue')
}

/** GET /api/v1/cases/{id}/documents — the case's records, without their fields. */
export function listDocuments(caseId: string) {
  return http.get<{ items: CaseDocument[] }>(docs(caseId))
}

/** GET /api/v1/cases/{id}/documents/{doc} — one record with its fields. */
export function getDocument(caseId: string, id: string) {
  return http.get<{ document: CaseDocument }>(doc(caseId, id))
}

/** POST /api/v1/cases/{id}/documents — 制作文书（草稿）. */
export function draftDocument(caseId: string, type: string, fields: RecordFields) {
  return http.post<DocumentCommandResult>(docs(caseId), { type, fields }, fieldSilent)
}

/** PUT /api/v1/cases/{id}/documents/{doc} — 修改草稿 (a new version). */
export function reviseDocument(caseId: string, id: string, fields: RecordFields) {
  return http.put<DocumentCommandResult>(doc(caseId, id), { fields }, fieldSilent)
}

/** POST …/{doc}/submit — 提交审批 (a type whose approval is decision). */
export function submitDocument(caseId: string, id: string, opinion: string) {
  return http.post<DocumentCommandResult>(doc(caseId, id) + '/submit', { opinion }, fieldSilent)
}

/** POST …/{doc}/issue — 签发 (a type without approval). */
export function issueDocument(caseId: string, id: string) {
  return http.post<DocumentCommandResult>(doc(caseId, id) + '/issue', {}, fieldSilent)
}

/** POST …/{doc}/signatures — 签名 or 拒绝签名. */
export function signDocument(caseId: string, id: string, body: SignatureInput) {
  return http.post<DocumentCommandResult>(doc(caseId, id) + '/signatures', body, fieldSilent)
}

/** GET …/{doc}/signatures/{seq}/image — the signature as drawn (PNG). */
export const signatureImageUrl = (caseId: string, id: string, seq: number) => `${doc(caseId, id)}/signatures/${seq}/image`
/** GET …/{doc}/service/{seq}/image — the recipient's signature on the 送达回证 of a direct service (PNG). */
export const serviceSignatureUrl = (caseId: string, id: string, seq: number) => `${doc(caseId, id)}/service/${seq}/image`

/** POST …/{doc}/service — 送达 (or a failed attempt). */
export function serveDocument(caseId: string, id: string, body: DocumentServiceInput) {
  return http.post<DocumentCommandResult>(doc(caseId, id) + '/service', body, fieldSilent)
}

/** POST …/{doc}/corrections — 申请更正 an issued record (an approval of kind correction). */
export function requestCorrection(caseId: string, id: string, body: CorrectionInput) {
  return http.post<DocumentCommandResult>(doc(caseId, id) + '/corrections', body, fieldSilent)
}
