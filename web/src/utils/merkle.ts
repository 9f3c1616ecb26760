// RFC 9162 Merkle tree hashing and proof verification with WebCrypto SHA-256.
// Leaf hash = SHA-256(0x00 || leaf), node hash = SHA-256(0x01 || left || right).

export type Bytes = Uint8Array

export function base64ToBytes(b64: string): Bytes {
  const bin = atob(b64.trim())
  const out = new Uint8Array(bin.length)
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i)
  return out
}

export function bytesToBase64(b: Bytes): string {
  let s = ''
  for (let i = 0; i < b.length; i++) s += String.fromCharCode(b[i])
  return btoa(s)
}

export function bytesToHex(b: Bytes): string {
  return Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('')
}

export function bytesEqual(a: Bytes, b: Bytes): boolean {
  if (a.length !== b.length) return false
  let d = 0
  for (let i = 0; i < a.length; i++) d |= a[i] ^ b[i]
  return d === 0
}

async function sha256(data: Bytes): Promise<Bytes> {
  return new Uint8Array(await crypto.subtle.digest('SHA-256', data as BufferSource))
}

export async function hashLeaf(leaf: Bytes): Promise<Bytes> {
  const buf = new Uint8Array(1 + leaf.length)
  buf[0] = 0x00
  buf.set(leaf, 1)
  return sha256(buf)
}

export async function hashChildren(left: Bytes, right: Bytes): Promise<Bytes> {
  const buf = new Uint8Array(1 + left.length + right.length)
  buf[0] = 0x01
  buf.set(left, 1)
  buf.set(right, 1 + left.length)
  return sha256(buf)
}

/** MTH(D[n]) of RFC 9162 §2.1.1 over leaf hashes (for tests and small trees). */
export async function rootFromLeafHashes(leaves: Bytes[]): Promise<Bytes> {
  if (leaves.length === 0) return sha256(new Uint8Array(0))
  if (leaves.length === 1) return leaves[0]
  let k = 1
  while (k * 2 < leaves.length) k *= 2
  return hashChildren(await rootFromLeafHashes(leaves.slice(0, k)), await rootFromLeafHashes(leaves.slice(k)))
}

const isPowerOfTwo = (n: number) => n > 0 && (n & (n - 1)) === 0
const lsb = (n: number) => (n & 1) === 1

/**
 * RFC 9162 §2.1.4.2: verify that the tree of size `first` with root `firstHash` is a prefix of the
 * tree of size `second` with root `secondHash`, given consistency_path `proof`.
 * Sizes must fit in 31 bits (the API caps them at 2147483647).
 */
export async function verifyConsistency(
  first: number,
  second: number,
  firstHash: Bytes,
  secondHash: Bytes,
  proof: Bytes[],
): Promise<boolean> {
  if (!Number.isInteger(first) || !Number.isInteger(second) || first < 1 || first > second) return false
  if (second > 0x7fffffff) return false
  if (first === second) {
    // PROOF(m, D[m]) is empty: the roots must be equal.
    return proof.length === 0 && bytesEqual(firstHash, secondHash)
  }
  // Step 1: an empty path fails.
  if (proof.length === 0) return false
  // Step 2: if first is an exact power of 2, prepend first_hash.
  const path = isPowerOfTwo(first) ? [firstHash, ...proof] : proof.slice()
  // Step 3.
  let fn = first - 1
  let sn = second - 1
  // Step 4.
  if (lsb(fn)) {
    while (lsb(fn)) {
      fn >>>= 1
      sn >>>= 1
    }
  }
  // Step 5.
  let fr = path[0]
  let sr = path[0]
  // Step 6.
  for (let i = 1; i < path.length; i++) {
    const c = path[i]
    if (sn === 0) return false
    if (lsb(fn) || fn === sn) {
      fr = await hashChildren(c, fr)
      sr = await hashChildren(c, sr)
      if (!lsb(fn)) {
        while (!lsb(fn) && fn !== 0) {
          fn >>>= 1
          sn >>>= 1
        }
      }
    } else {
      sr = await hashChildren(sr, c)
    }
    fn >>>= 1
    sn >>>= 1
  }
  // Step 7.
  return bytesEqual(fr, firstHash) && bytesEqual(sr, secondHash) && sn === 0
}

/** RFC 9162 §2.1.3.2: verify an inclusion proof of leaf `index` in a tree of `size`. */
export async function verifyInclusion(
  index: number,
  size: number,
  leafHash: Bytes,
  rootHash: Bytes,
  proof: Bytes[],
): Promise<boolean> {
  if (index < 0 || index >= size || size > 0x7fffffff) return false
  let fn = index
  let sn = size - 1
  let r = leafHash
  for (const p of proof) {
    if (sn === 0) return false
    if (lsb(fn) || fn === sn) {
      r = await hashChildren(p, r)
      if (!lsb(fn)) {
        while (!lsb(fn) && fn !== 0) {
          fn >>>= 1
          sn >>>= 1
        }
      }
    } else {
      r = await hashChildren(r, p)
    }
    fn >>>= 1
    sn >>>= 1
  }
  return sn === 0 && bytesEqual(r, rootHash)
}

export interface Checkpoint {
  origin: string
  size: number
  rootHash: string // base64
  extensions: string[]
  signatures: { name: string; keyId: string; signature: string }[]
  raw: string
}

/** Parse a C2SP signed note whose body is a C2SP tlog checkpoint. Throws on malformed input. */
export function parseCheckpoint(note: string): Checkpoint {
  const sep = note.indexOf('\n\n')
  if (sep < 0) throw new Error('检查点格式错误：缺少空行')
  const body = note.slice(0, sep).split('\n')
  if (body.length < 3) throw new Error('检查点格式错误：正文不足三行')
  const [origin, sizeLine, rootHash, ...extensions] = body
  if (!/^[0-9]+$/.test(sizeLine)) throw new Error('检查点格式错误：树大小不是十进制数')
  const size = Number(sizeLine)
  if (base64ToBytes(rootHash).length !== 32) throw new Error('检查点格式错误：根哈希不是 32 字节')
  const signatures: Checkpoint['signatures'] = []
  for (const line of note.slice(sep + 2).split('\n')) {
    if (line === '') continue
    const m = /^\u2014 (\S+) (\S+)$/.exec(line)
    if (!m) throw new Error('检查点格式错误：签名行无法解析')
    const sig = base64ToBytes(m[2])
    signatures.push({ name: m[1], keyId: bytesToHex(sig.slice(0, 4)), signature: m[2] })
  }
  if (signatures.length === 0) throw new Error('检查点格式错误：没有签名行')
  return { origin, size, rootHash, extensions, signatures, raw: note }
}
