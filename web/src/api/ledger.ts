import { http, buildUrl, request } from '@/utils/http'
import type {
  CheckpointList,
  ConsistencyProof,
  InclusionProof,
  LedgerEntries,
  LedgerKey,
  LedgerVerification,
  RecordedEvent,
} from './types'

/** GET /api/v1/ledger/checkpoint — the latest signed note (text/plain). */
export function getCheckpoint() {
  return request<string>('/api/v1/ledger/checkpoint', { text: true })
}

/** GET /api/v1/ledger/checkpoints?size=N — the signed note of that size. */
export function getCheckpointOfSize(size: number) {
  return request<string>('/api/v1/ledger/checkpoints', { text: true, query: { size } })
}

/** GET /api/v1/ledger/checkpoints — the list. */
export function listCheckpoints(after = 0, count = 100) {
  return http.get<CheckpointList>('/api/v1/ledger/checkpoints', { after, count })
}

/** GET /api/v1/ledger/keys */
export function getKeys() {
  return http.get<{ origin: string; keys: LedgerKey[] }>('/api/v1/ledger/keys')
}

/** GET /api/v1/ledger/proof/consistency */
export function getConsistencyProof(from: number, to?: number) {
  return http.get<ConsistencyProof>('/api/v1/ledger/proof/consistency', { from, to })
}

/** GET /api/v1/ledger/proof/inclusion */
export function getInclusionProof(index: number, size?: number) {
  return http.get<InclusionProof>('/api/v1/ledger/proof/inclusion', { index, size })
}

/** GET /api/v1/ledger/entries */
export function listEntries(start = 0, count = 100) {
  return http.get<LedgerEntries>('/api/v1/ledger/entries', { start, count })
}

/** GET /api/v1/ledger/bundle?index=I — the C2SP tlog-proof text. */
export function getBundle(index: number, quietIfNotCheckpointed = false) {
  return request<string>('/api/v1/ledger/bundle', {
    text: true,
    query: { index },
    silent: (e) => quietIfNotCheckpointed && e.code === 'not_yet_checkpointed',
  })
}

export function bundleUrl(index: number) {
  return buildUrl('/api/v1/ledger/bundle', { index })
}

/** GET /api/v1/ledger/verifications/mine — 本人最近一次核验的检查点 (null when none); the caller shows failures. */
export function getMyVerification() {
  return http.get<{ verification: LedgerVerification | null }>('/api/v1/ledger/verifications/mine', undefined, {
    silent: true,
  })
}

/** POST /api/v1/ledger/verifications — 记录本人核验过的检查点 (409 root_mismatch); the caller shows failures. */
export function recordVerification(size: number, rootHash: string) {
  return http.post<{ verification: LedgerVerification; events: RecordedEvent[] }>(
    '/api/v1/ledger/verifications',
    { size, root_hash: rootHash },
    { silent: true },
  )
}
