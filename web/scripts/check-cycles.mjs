// Fails when modules under src/ import each other in a cycle (type-only imports included).
// Follows relative and '@/' imports of .ts and .vue files; packages are ignored.
import { readdirSync, readFileSync, statSync, existsSync } from 'node:fs'
import { dirname, join, relative, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

const src = resolve(dirname(fileURLToPath(import.meta.url)), '../src')
const files = (dir) =>
  readdirSync(dir).flatMap((n) => {
    const p = join(dir, n)
    return statSync(p).isDirectory() ? files(p) : /\.(ts|vue)$/.test(n) && !n.endsWith('.d.ts') ? [p] : []
  })
const importRe = /(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g

function resolveImport(from, spec) {
  const base = spec.startsWith('@/') ? join(src, spec.slice(2)) : spec.startsWith('.') ? resolve(dirname(from), spec) : null
  if (!base) return null
  for (const p of [base, base + '.ts', base + '.vue', join(base, 'index.ts')]) if (existsSync(p) && statSync(p).isFile()) return p
  return null
}

const graph = new Map(
  files(src).map((f) => {
    const text = readFileSync(f, 'utf8')
    const deps = [...text.matchAll(importRe)].map((m) => resolveImport(f, m[1] ?? m[2])).filter(Boolean)
    return [f, [...new Set(deps)]]
  }),
)

// Depth-first search; a dependency on the current path closes a cycle.
const cycles = []
const state = new Map() // 1: on the path, 2: done
const path = []
function visit(f) {
  state.set(f, 1)
  path.push(f)
  for (const d of graph.get(f) ?? []) {
    if (state.get(d) === 1) cycles.push([...path.slice(path.indexOf(d)), d])
    else if (!state.has(d)) visit(d)
  }
  path.pop()
  state.set(f, 2)
}
for (const f of graph.keys()) if (!state.has(f)) visit(f)

const name = (f) => relative(src, f)
if (cycles.length) {
  for (const c of cycles) console.error('import cycle: ' + c.map(name).join(' → '))
  process.exit(1)
}
console.log(`no import cycles among ${graph.size} modules`)
