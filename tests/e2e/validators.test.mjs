// The page's pure validators (web/src/utils/validators.ts), run in Node: transpiled by the web
// application's TypeScript (type imports only, so nothing else is needed), no browser.
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { readFileSync, writeFileSync, mkdtempSync, rmSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { join, dirname } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..')
const ts = createRequire(join(root, 'web', 'package.json'))('typescript')
let v, dir
before(async () => {
  const src = readFileSync(join(root, 'web', 'src', 'utils', 'validators.ts'), 'utf8')
  const js = ts.transpileModule(src, { compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 } })
  dir = mkdtempSync(join(tmpdir(), 'qc-validators-'))
  writeFileSync(join(dir, 'validators.mjs'), js.outputText)
  v = await import(pathToFileURL(join(dir, 'validators.mjs')).href)
})
after(() => rmSync(dir, { recursive: true, force: true }))

test('telephone: mobile 1[3-9] + 9 digits or landline 0 + area code, 7–8 digits; "abc" fails', () => {
  for (const ok of ['13062100017', '19912345678', '0312-8265678', '03128265678', '010-12345678']) assert.ok(v.isTelephone(ok), ok)
  for (const bad of ['abc', '12345', '12062100017', '1306210001', '312-8265678', '0312-826567', '']) assert.ok(!v.isTelephone(bad), bad)
})

test('统一社会信用代码 (GB 32100-2015): the check character; "12345" fails', () => {
  // The demo's 91130633MA0A7B8C9D is not valid: its check character is P.
  const first17 = '91130633MA0A7B8C9'
  const check = v.usccCheckChar(first17)
  assert.equal(check, 'P')
  assert.ok(v.isUscc('91130633MA0A7B8C9P'))
  assert.ok(!v.isUscc('91130633MA0A7B8C9D'))
  // A hand-checked code: 91350100M000100Y43 (published example of GB 32100-2015).
  assert.ok(v.isUscc('91350100M000100Y43'))
  assert.ok(!v.isUscc('12345'))
  assert.ok(!v.isUscc('91350100M000100Y44'))
  assert.ok(!v.isUscc('91350100M000100I43'), 'I is not one of the 31 characters')
  const wrong = '0123456789ABCDEFGHJKLMNPQRTUWXY'.split('').find((c) => c !== check)
  assert.ok(!v.isUscc(first17 + wrong))
})

test('居民身份证号码 (GB 11643-1999): the check character and the birth date', () => {
  assert.ok(v.isResidentId('11010519491231002X'))
  assert.ok(v.isResidentId('11010519491231002x'))
  assert.ok(v.isResidentId('440524188001010014'))
  assert.ok(!v.isResidentId('110105194912310021'), 'wrong check character')
  const badDate = '13063319900230001'
  assert.ok(!v.isResidentId(badDate + v.residentIdCheckChar(badDate)), '30 February')
  const good = '13063319900228001'
  assert.ok(v.isResidentId(good + v.residentIdCheckChar(good)))
  assert.ok(v.isResidentId('130633199003070013'))
  assert.ok(!v.isResidentId('12345'))
})

test('人民警察证警号: six digits for a police officer; a 辅警 and the other roles need none', () => {
  for (const ok of ['040017', '000000', '999999']) assert.ok(v.isPoliceNumber(ok), ok)
  for (const bad of ['12345', '1234567', '04001a', '０４００１７', ' 040017', '']) assert.ok(!v.isPoliceNumber(bad), bad)
  assert.equal(v.officerCertProblem('officer', false, '040017'), '')
  assert.equal(v.officerCertProblem('officer', false, ' 040017 '), '', 'trimmed, as the page sends it')
  assert.equal(v.officerCertProblem('officer', false, '12345'), '人民警察证警号应为 6 位数字')
  assert.equal(v.officerCertProblem('officer', false, ''), '民警须登记人民警察证警号（第十二条）')
  assert.equal(v.officerCertProblem('officer', true, ''), '')
  assert.equal(v.officerCertProblem('officer', true, '12345'), '')
  assert.equal(v.officerCertProblem('legal', false, ''), '')
})
