import { http, buildUrl, request } from '@/utils/http'

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
