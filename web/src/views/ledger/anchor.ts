// The checkpoint a consistency check of 账本 starts from (its anchor): the one this browser verified
// last (localStorage), or the server's record of the signed-in auditor's last verification
// (GET /api/v1/ledger/verifications/mine), so another computer continues the chain. The larger
// wins; this browser's own when both are as large, since the server cannot change it.
import type { LedgerVerification } from '@/api/types'
import type { Checkpoint } from '@/utils/merkle'
import { formatTime } from '@/utils/time'

export const SEEN_KEY = 'quancheng.ledger.lastCheckpoint'

/** A checkpoint this browser verified, as kept in localStorage. */
export interface Seen {
  origin: string
  size: number
  rootHash: string
  seenAt: string
}

export interface Anchor {
  origin: string
  size: number
  rootHash: string
  /** When it was verified. */
  at: string
  source: 'browser' | 'server'
}

export function loadSeen(): Seen | null {
  try {
    const s = JSON.parse(localStorage.getItem(SEEN_KEY) || 'null')
    if (s && typeof s.size === 'number' && typeof s.rootHash === 'string') return s
  } catch {
    /* ignore */
  }
  return null
}

export function saveSeen(cp: Checkpoint) {
  const seen: Seen = { origin: cp.origin, size: cp.size, rootHash: cp.rootHash, seenAt: new Date().toISOString() }
  localStorage.setItem(SEEN_KEY, JSON.stringify(seen))
}

export function forgetSeen() {
  localStorage.removeItem(SEEN_KEY)
}

export const browserAnchor = (s: Seen): Anchor => ({
  origin: s.origin,
  size: s.size,
  rootHash: s.rootHash,
  at: s.seenAt,
  source: 'browser',
})

export const serverAnchor = (v: LedgerVerification): Anchor => ({
  origin: v.origin,
  size: v.size,
  rootHash: v.root_hash,
  at: v.at,
  source: 'server',
})

/** The anchor of a check: the larger of the two, this browser's when as large; null when neither. */
export function pickAnchor(local: Seen | null, server: LedgerVerification | null): Anchor | null {
  if (server && (!local || server.size > local.size)) return serverAnchor(server)
  return local ? browserAnchor(local) : null
}

/** "上次核验（…）" in the verdict: when, and whether the server's record was the anchor. */
export const lastCheck = (a: Anchor) =>
  a.source === 'server' ? `上次核验（服务器记录，${formatTime(a.at)}）` : `上次核验（${formatTime(a.at)}）`

/** Whether the server already keeps `cp` as the auditor's last verification. */
export const serverHas = (v: LedgerVerification | null, cp: Checkpoint) =>
  !!v && v.origin === cp.origin && v.size === cp.size && v.root_hash === cp.rootHash
