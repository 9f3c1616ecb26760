// The check of 账本 in the browser (RFC 9162 consistency): the latest signed checkpoint against the
// anchor (anchor.ts), then — when the check passes — the checkpoint kept in this browser and recorded
// on the server (POST /api/v1/ledger/verifications) for the next check, on this computer or another.
import { computed, ref } from 'vue'
import type { LedgerVerification } from '@/api/types'
import { getCheckpoint, getConsistencyProof, getMyVerification, recordVerification } from '@/api/ledger'
import { parseCheckpoint, verifyConsistency, base64ToBytes, type Checkpoint } from '@/utils/merkle'
import { isApiError } from '@/utils/http'
import { formatTime } from '@/utils/time'
import { lastCheck, loadSeen, pickAnchor, saveSeen, serverHas, type Anchor, type Seen } from './anchor'

/** ok: consistent with the last check; false: not; null: the first check. */
export interface Verdict {
  ok: boolean | null
  verdict: string
  text: string
  technical?: string
}

const messageOf = (e: unknown, fallback: string) => (isApiError(e) ? e.message : e instanceof Error ? e.message : fallback)

/** Whether the ledger of `from` is a prefix of `now`'s, by the server's proof checked here; its hash count. */
async function consistent(from: { size: number; rootHash: string }, now: Checkpoint) {
  const p = await getConsistencyProof(from.size, now.size)
  const ok =
    p.from === from.size &&
    p.to === now.size &&
    p.to_root_hash === now.rootHash &&
    (await verifyConsistency(
      from.size,
      now.size,
      base64ToBytes(from.rootHash),
      base64ToBytes(now.rootHash),
      p.proof.map(base64ToBytes),
    ))
  return { ok, hashes: p.proof.length }
}

const broken = (size: number, when: string, technical: string): Verdict => ({
  ok: false,
  verdict: '账本异常：您上次核验时的记录已被修改或删除',
  text: `${when}时的 ${size} 条记录与现在的账本对不上。请保留本页截图，立即报告系统管理员和法制部门。`,
  technical,
})

/**
 * The verdict on `now` against `anchor`; when the anchor is the server's, this browser's older
 * checkpoint (`local`) is checked too, so the server's record never hides what this browser saw.
 */
async function judge(now: Checkpoint, anchor: Anchor | null, local: Seen | null): Promise<Verdict> {
  if (!anchor) {
    return {
      ok: null,
      verdict: `账本现有 ${now.size} 条记录，已记下作为核验依据`,
      text: '这是您第一次核验。下次核验时（在本电脑或其他电脑上），将核对这些记录是否仍原样保留。',
    }
  }
  const when = lastCheck(anchor)
  if (anchor.origin !== now.origin) {
    return {
      ok: false,
      verdict: '账本异常：这不是您上次核验的那本账本',
      text: `账本名称不同（${when}为 ${anchor.origin}，本次为 ${now.origin}），请立即报告系统管理员和法制部门。`,
    }
  }
  if (anchor.size > now.size) {
    return {
      ok: false,
      verdict: '账本异常：记录比您上次核验时少，可能有记录被删除',
      text: `${when}共 ${anchor.size} 条记录，现在只有 ${now.size} 条。请立即报告系统管理员和法制部门。`,
    }
  }
  const main = await consistent(anchor, now)
  if (!main.ok) {
    return broken(anchor.size, when, `一致性证明未通过：大小 ${anchor.size} 的根哈希与本次检查点（大小 ${now.size}）不一致。`)
  }
  let also = ''
  if (anchor.source === 'server' && local && local.origin === now.origin && local.size < anchor.size) {
    if (!(await consistent(local, now)).ok) {
      return broken(
        local.size,
        `本浏览器上次核验（${formatTime(local.seenAt)}）`,
        `一致性证明未通过：本浏览器保存的大小 ${local.size} 的根哈希与本次检查点（大小 ${now.size}）不一致。`,
      )
    }
    also = `本浏览器保存的较早核验依据（大小 ${local.size}）也已核对一致。`
  }
  const added = now.size - anchor.size
  return {
    ok: true,
    verdict: `账本完整：共 ${now.size} 条记录，与您上次核验时一致，未发现删改`,
    text: `${when}时的 ${anchor.size} 条记录原样保留${added ? `，其后新增 ${added} 条` : '，此后没有新记录'}。`,
    technical: `大小 ${anchor.size} 的账本是大小 ${now.size} 的账本的前缀（一致性证明含 ${main.hashes} 个哈希，已在浏览器中验证）。${also}`,
  }
}

export function useLedgerCheck() {
  const cp = ref<Checkpoint | null>(null)
  /** This browser's checkpoint the check started from (before it was replaced). */
  const prev = ref<Seen | null>(null)
  /** Whether this browser keeps a checkpoint now (清除 is offered). */
  const kept = ref(!!loadSeen())
  /** The server's record of the user's last verification, as the check found it. */
  const server = ref<LedgerVerification | null>(null)
  const result = ref<Verdict | null>(null)
  /** Whether this check's checkpoint is recorded on the server: '' not yet (or the check failed). */
  const recorded = ref<'' | 'yes' | 'failed'>('')
  const error = ref('')
  const loading = ref(false)
  const verdictType = computed(() => (result.value?.ok ? 'success' : result.value?.ok === false ? 'error' : 'info'))

  /** The server's record, or null — said, not fatal — when it cannot be read. */
  function fetchServer(): Promise<LedgerVerification | null> {
    return getMyVerification().then(
      (r) => r.verification,
      (e) => {
        ElMessage.warning('未能读取服务器上您的核验记录：' + messageOf(e, '读取失败') + '；本次以本浏览器保存的依据核验')
        return null
      },
    )
  }

  /** Records `now` on the server unless it is there already; a failure is said, the result stands. */
  async function record(now: Checkpoint) {
    if (serverHas(server.value, now)) {
      recorded.value = 'yes'
      return
    }
    try {
      await recordVerification(now.size, now.rootHash)
      recorded.value = 'yes'
    } catch (e) {
      recorded.value = 'failed'
      ElMessage.error('本次核验未能记入服务器：' + messageOf(e, '记录失败') + '（本浏览器中的核验结果不受影响）')
    }
  }

  async function check() {
    loading.value = true
    error.value = ''
    result.value = null
    recorded.value = ''
    try {
      const [note, mine] = await Promise.all([getCheckpoint(), fetchServer()])
      const now = parseCheckpoint(note)
      cp.value = now
      server.value = mine
      const local = loadSeen()
      prev.value = local
      result.value = await judge(now, pickAnchor(local, mine), local)
      if (result.value.ok === false) return // the old checkpoints stay the reference
      saveSeen(now)
      kept.value = true
      await record(now)
    } catch (e) {
      error.value = messageOf(e, '校验失败')
    } finally {
      loading.value = false
    }
  }

  return { cp, prev, kept, server, result, recorded, error, loading, verdictType, check }
}
