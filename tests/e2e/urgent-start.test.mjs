// 紧急启动 (Art. 10; 行政强制法第十九条; scenario E) in the browser, at 1366×768 and on a 768×1024 touch
// tablet: officer1 opens an urgent 依职权 case through the wizard — the measure, its place and its time
// are asked, every missing one said at once at its field — and the case shows the measure with the
// 24-hour report deadline; the absent owner (仓库业主（身份不明）) is identified as 王建国 and the party
// shows 原登记为; through the API reviewer1 approves and approver1 refuses the start, and the
// 解除现场措施 dialog records the release (the measure_release deadline goes). Also: 案由、违法时间、
// 违法地点 from the wizard to 基本信息 and corrected through its dialog; the upload form's camera select
// (GET /devices/mine: none, one preselected, several, another typed). And the forms' pure rules
// (web/src/utils/caseStart.ts with utils/time.ts), run in Node as simple-procedure.test.mjs does.
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { readFileSync, writeFileSync, mkdtempSync, rmSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { join, dirname } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { startServer, launchBrowser, signedInAs, pageApi, shot, PASSWORD } from './harness.mjs'

const SIZES = [
  { width: 1366, height: 768 },
  { width: 768, height: 1024, touch: true },
]
const ENGLISH = /is required|required|invalid|must be/i
const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..')

let server, browser, rules, dir
before(async () => {
  // caseStart.ts imports utils/time.ts: both transpiled, the alias pointed at the neighbour.
  const ts = createRequire(join(root, 'web', 'package.json'))('typescript')
  const transpile = (name) =>
    ts.transpileModule(readFileSync(join(root, 'web', 'src', 'utils', name + '.ts'), 'utf8'), {
      compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 },
    }).outputText
  dir = mkdtempSync(join(tmpdir(), 'qc-urgent-'))
  writeFileSync(join(dir, 'time.mjs'), transpile('time'))
  writeFileSync(join(dir, 'caseStart.mjs'), transpile('caseStart').replace("'@/utils/time'", "'./time.mjs'"))
  rules = await import(pathToFileURL(join(dir, 'caseStart.mjs')).href)
  server = await startServer()
  browser = await launchBrowser()
})
after(async () => {
  await browser?.close()
  await server?.stop()
  if (dir) rmSync(dir, { recursive: true, force: true })
})

/** "YYYY-MM-DD HH:mm:ss" in China Standard Time, `hoursAgo` hours before now (as the date picker takes it). */
function chinaTime(hoursAgo) {
  return new Date(Date.now() + 8 * 3600e3 - hoursAgo * 3600e3).toISOString().slice(0, 19).replace('T', ' ')
}

// ---- The pure rules -------------------------------------------------------------------------------

test('rules: the urgent measure and the offence, as the server checks them', () => {
  const now = Date.parse('2026-03-15T12:00:00+08:00')
  const m = (over = {}) => ({ measure: '扣押烟花爆竹12箱', place: '易县城关镇东关村仓库', taken_at: '2026-03-15T11:00:00', ...over })
  assert.deepEqual(rules.urgentMeasureProblems(m(), now), {})
  // Everything missing: the three at once.
  const empty = rules.urgentMeasureProblems(rules.emptyUrgentMeasure(), now)
  assert.deepEqual(Object.keys(empty).sort(), ['measure', 'place', 'taken_at'])
  assert.match(empty.measure, /^请填写当场采取的措施/)
  assert.equal(empty.place, '请填写采取措施的地点')
  assert.match(empty.taken_at, /^请选择采取措施的时间/)
  assert.match(rules.urgentMeasureProblems(m({ measure: '扣' }), now).measure, /至少 2 个字/)
  assert.match(rules.urgentMeasureProblems(m({ place: 'x'.repeat(201) }), now).place, /不能超过 200 个字/)
  assert.equal(rules.urgentMeasureProblems(m({ taken_at: '2026-03-15T12:30:00' }), now).taken_at, '采取措施的时间不能晚于当前时间')
  assert.deepEqual(rules.urgentMeasureInput(m({ measure: ' 扣押烟花爆竹12箱 ' })), {
    measure: '扣押烟花爆竹12箱', place: '易县城关镇东关村仓库', taken_at: '2026-03-15T11:00:00+08:00',
  })

  // The offence: optional in the wizard unless a time or a place is given; required in its dialog.
  const o = (over = {}) => ({ cause: '', place: '', occurred_at: null, ...over })
  assert.deepEqual(rules.offenceProblems(o(), false, now), {})
  assert.match(rules.offenceProblems(o({ place: '城关镇' }), false, now).cause, /须同时填写案由/)
  assert.match(rules.offenceProblems(o({ occurred_at: '2026-03-14T22:00:00' }), false, now).cause, /须同时填写案由/)
  assert.equal(rules.offenceProblems(o(), true, now).cause, '请填写案由')
  assert.match(rules.offenceProblems(o({ cause: '赌' }), false, now).cause, /至少 2 个字/)
  assert.match(rules.offenceProblems(o({ cause: '案'.repeat(101) }), true, now).cause, /不能超过 100 个字/)
  assert.equal(rules.offenceProblems(o({ cause: '非法储存烟花爆竹', occurred_at: '2026-03-16T00:00:00' }), true, now).occurred_at, '违法时间不能晚于当前时间')
  assert.deepEqual(rules.offenceInput(o({ cause: ' 非法储存烟花爆竹 ' })), { cause: '非法储存烟花爆竹' })
  assert.deepEqual(rules.offenceInput(o({ cause: '非法储存烟花爆竹', place: '仓库', occurred_at: '2026-03-14T22:00:00' })), {
    cause: '非法储存烟花爆竹', place: '仓库', occurred_at: '2026-03-14T22:00:00+08:00',
  })
  // A recorded offence fills the dialog in China time.
  assert.deepEqual(rules.offenceForm({ cause: '非法储存烟花爆竹', occurred_at: '2026-03-14T14:00:00.000Z' }), {
    cause: '非法储存烟花爆竹', place: '', occurred_at: '2026-03-14T22:00:00',
  })
})

// ---- Helpers --------------------------------------------------------------------------------------

/** The error messages shown at the fields of `scope`. */
const fieldErrors = async (scope) =>
  (await scope.locator('.el-form-item__error:visible').allTextContents()).map((s) => s.trim()).filter(Boolean)
/** The form item of `scope` holding the control labelled `label`. */
const itemOf = (scope, label) =>
  scope.locator('.el-form-item', { has: (scope.page ? scope.page() : scope).getByLabel(label, { exact: true }) })

/** Sideways scrolling of the page or its scroll area, and a dialog wider than the window. */
const overflow = (page) =>
  page.evaluate(() => {
    const out = []
    const doc = document.documentElement
    if (doc.scrollWidth > doc.clientWidth) out.push(`page ${doc.scrollWidth} > ${doc.clientWidth}`)
    const main = document.querySelector('.el-main')
    if (main && main.scrollWidth > main.clientWidth) out.push(`main ${main.scrollWidth} > ${main.clientWidth}`)
    for (const d of document.querySelectorAll('.el-dialog')) {
      const r = d.getBoundingClientRect()
      if (r.width && (r.left < 0 || r.right > window.innerWidth)) out.push(`dialog ${r.left}..${r.right}`)
    }
    return out
  })

// The action buttons offered, and the server's allowed available_actions by their labels (flow.test.mjs).
async function offered(page) {
  await page.getByRole('button', { name: '刷新' }).waitFor()
  const texts = await page.getByRole('group', { name: '可执行的操作' }).getByRole('button').allTextContents()
  return texts.map((t) => t.trim()).filter((t) => t !== '刷新').sort()
}
function allowed(c) {
  return Object.entries(c.available_actions)
    .filter(([, a]) => a.allowed)
    .map(([cmd, a]) => (cmd === 'change_major' ? (c.major ? '取消重大复杂标记' : '标记重大复杂') : a.label))
    .sort()
}
const getCase = (page, id) => page.evaluate(async (id) => (await fetch('/api/v1/cases/' + id)).json(), id)

/** A call of the API as `username` with a bearer token (as registerDevices does); fails unless it succeeds. */
async function api(username, method, path, body) {
  const login = await fetch(server.url + '/api/v1/auth/login', {
    method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ username, password: PASSWORD }),
  })
  const { token } = await login.json()
  const res = await fetch(server.url + path, {
    method, headers: { 'Content-Type': 'application/json', Authorization: 'Bearer ' + token },
    body: body === undefined ? undefined : JSON.stringify(body),
  })
  const json = await res.json()
  if (res.status >= 300) throw new Error(`${username} ${method} ${path}: ${res.status} ${JSON.stringify(json)}`)
  return json
}

/** Types a China time into the date-time picker labelled `label` of `scope`. */
async function pickTime(scope, label, value) {
  const field = scope.getByRole('combobox', { name: label }).or(scope.getByRole('textbox', { name: label }))
  await field.fill(value)
  await field.press('Enter')
  // Enter takes the value and closes the panel; on a loaded machine the panel may open late and stay,
  // covering what comes next: Escape in the field closes it (the picker stops it there, so an
  // enclosing dialog stays open).
  const page = scope.page ? scope.page() : scope
  const panel = page.locator('.el-picker-panel:visible')
  if (await panel.count()) {
    await page.waitForTimeout(300)
    if (await panel.count()) await field.press('Escape')
  }
  await panel.waitFor({ state: 'hidden' })
}

// ---- Scenario E in the browser --------------------------------------------------------------------

for (const size of SIZES) {
  const at = `${size.width}×${size.height}`

  test(`scenario E at ${at}: urgent start with its measure, the owner identified, refused and released`, async () => {
    const page = await signedInAs(browser, server.url, 'officer1', size)
    const press = (loc) => (size.touch ? loc.tap() : loc.click())
    const title = `东关村仓库非法储存烟花爆竹案（${size.width}）`
    const takenAt = chinaTime(1)

    // The wizard: 依职权, 情况紧急 with its reason; the measure, its place and time not yet given.
    await page.goto(server.url + '/cases/new?mode=ex_officio')
    await page.getByRole('heading', { level: 1, name: '新建案件' }).waitFor()
    await page.getByLabel('案件名称').fill(title)
    await press(page.locator('.el-switch', { has: page.getByRole('switch', { name: '情况紧急先行启动' }) }))
    await page.getByLabel('紧急情况说明').fill('夜间发现仓库储存大量烟花爆竹，不立即扣押可能转移或引发火灾')
    await press(page.getByRole('button', { name: '下一步' }))
    await itemOf(page, '现场措施').locator('.el-form-item__error', { hasText: '请填写当场采取的措施' }).waitFor()
    await itemOf(page, '措施地点').locator('.el-form-item__error', { hasText: '请填写采取措施的地点' }).waitFor()
    const timeItem = page.locator('.el-form-item', { hasText: '采取措施时间' })
    await timeItem.locator('.el-form-item__error', { hasText: '请选择采取措施的时间' }).waitFor()
    const errors = await fieldErrors(page)
    assert.equal(errors.length, 3, errors.join(' | '))
    assert.doesNotMatch(await page.locator('.el-main').innerText(), ENGLISH)
    assert.deepEqual(await overflow(page), [])
    await shot(page, `urgent-start-errors-${size.width}`)

    // Later days cannot be picked for the time of the measure.
    await press(page.getByRole('combobox', { name: '采取措施时间' }).or(page.getByRole('textbox', { name: '采取措施时间' })))
    const picker = page.locator('.el-picker-panel:visible')
    await picker.waitFor()
    const chinaNow = new Date(Date.now() + 8 * 3600e3)
    const tomorrow = new Date(Date.now() + 32 * 3600e3)
    if (tomorrow.getUTCMonth() === chinaNow.getUTCMonth()) {
      const cell = picker.locator('.el-date-table td:not(.prev-month):not(.next-month)', {
        has: page.locator('.el-date-table-cell__text', { hasText: new RegExp(`^${tomorrow.getUTCDate()}$`) }),
      })
      assert.match(await cell.getAttribute('class'), /disabled/)
    }
    await page.keyboard.press('Escape')

    await page.getByLabel('现场措施').fill('扣押烟花爆竹12箱')
    await page.getByLabel('措施地点').fill('易县城关镇东关村仓库')
    await pickTime(page, '采取措施时间', takenAt)
    await press(page.getByRole('button', { name: '下一步' }))

    // The owner is absent: described until identified.
    await press(page.locator('.el-checkbox', { has: page.getByRole('checkbox', { name: '身份不明' }) }))
    await page.getByLabel('当事人描述').fill('仓库业主（身份不明）')
    await press(page.getByRole('button', { name: '添加当事人' }))
    await page.locator('[aria-label="已添加的当事人"]').getByText('仓库业主（身份不明）').waitFor()
    await press(page.getByRole('button', { name: '下一步' }))
    await page.getByLabel('启动原因').fill('夜间巡逻发现东关村仓库非法储存烟花爆竹')
    await press(page.getByRole('button', { name: '下一步' }))
    await page.getByText('扣押烟花爆竹12箱（易县城关镇东关村仓库，').waitFor()
    await press(page.getByRole('button', { name: '提交登记' }))
    await page.waitForURL(/\/cases\/case_/)
    const caseId = new URL(page.url()).pathname.split('/cases/')[1]

    // The case: investigating at once, the measure shown, the 24-hour report running.
    await page.getByRole('heading', { name: title }).waitFor()
    await page.locator('[data-testid="current-stage"]').getByText('调查取证').waitFor()
    await page.locator('[data-testid="urgent-measure"]').getByText('扣押烟花爆竹12箱').waitFor()
    const info = page.locator('.el-card', { has: page.getByRole('heading', { name: '基本信息' }) })
    const infoText = await info.innerText()
    for (const s of ['易县城关镇东关村仓库', takenAt.slice(0, 16), '待补办批准']) assert.ok(infoText.includes(s), `${s} in:\n${infoText}`)
    const report = page.locator('[data-testid="deadline-urgent_report"]')
    assert.match(await report.innerText(), /报告负责人并补办批准手续（24小时）/)
    assert.match(await report.innerText(), /剩余2[23]小时/)
    const opened = await getCase(page, caseId)
    assert.equal(opened.urgent_measure.measure, '扣押烟花爆竹12箱')
    assert.equal(opened.available_actions.identify_party.allowed, true)
    assert.deepEqual(await offered(page), allowed(opened))
    assert.deepEqual(await overflow(page), [])
    await shot(page, `urgent-start-opened-${size.width}`)

    // 查明身份 at the party: a wrong resident ID is said at its field, the right one recorded.
    const parties = page.locator('.el-card', { has: page.getByRole('heading', { name: '当事人', exact: true }) })
    await parties.getByText('身份不明', { exact: true }).waitFor()
    await press(parties.getByRole('button', { name: '查明身份：仓库业主（身份不明）' }))
    const dialog = page.getByRole('dialog', { name: '查明当事人身份' })
    await dialog.waitFor()
    await dialog.locator('[data-testid="identify-described"]').getByText('仓库业主（身份不明）').waitFor()
    assert.equal(await dialog.getByRole('checkbox', { name: '身份不明' }).count(), 0, 'not 身份不明 again')
    await press(dialog.getByRole('button', { name: '保存' }))
    await itemOf(dialog, '当事人姓名').locator('.el-form-item__error', { hasText: '请填写当事人姓名' }).waitFor()
    await dialog.getByLabel('当事人姓名').fill('王建国')
    await dialog.getByLabel('身份证件号码').fill('130633198503150016')
    await press(dialog.getByRole('button', { name: '保存' }))
    await itemOf(dialog, '身份证件号码').locator('.el-form-item__error', { hasText: '居民身份证号码不正确' }).waitFor()
    await itemOf(dialog, '当事人姓名').locator('.el-form-item__error').waitFor({ state: 'detached' })
    assert.equal((await fieldErrors(dialog)).length, 1, (await fieldErrors(dialog)).join(' | '))
    await dialog.getByLabel('身份证件号码').fill('130633198503150015')
    await press(dialog.getByRole('button', { name: '保存' }))
    await dialog.waitFor({ state: 'hidden' })
    await parties.getByText('王建国').waitFor()
    assert.equal((await parties.locator('[data-testid="described-as"]').innerText()).trim(), '原登记为：仓库业主（身份不明）')
    assert.match(await parties.innerText(), /130633198503150015/)
    assert.match(await parties.innerText(), /1985-03-15/)
    assert.equal(await parties.getByText('身份不明', { exact: true }).count(), 0)
    assert.equal(await parties.getByRole('button', { name: /查明身份/ }).count(), 0)
    await page.locator('[aria-label="事件时间线"]').getByText('查明当事人身份', { exact: true }).waitFor()
    const identified = await getCase(page, caseId)
    assert.equal(identified.parties[0].name, '王建国')
    assert.equal(identified.parties[0].described_as, '仓库业主（身份不明）')
    assert.deepEqual(await offered(page), allowed(identified))

    // Reported and refused, through the API: reviewer1 agrees, approver1 refuses.
    const submitted = await pageApi(page, 'POST', `/api/v1/cases/${caseId}/start-approval`, { opinion: '情况紧急已先行扣押，补报程序启动审批' })
    const approval = submitted.case.approvals.at(-1).id
    await api('reviewer1', 'POST', `/api/v1/approvals/${approval}/decision`, { decision: 'approve', opinion: '同意，报负责人' })
    await api('approver1', 'POST', `/api/v1/approvals/${approval}/decision`, { decision: 'reject', opinion: '数量未达违法标准，不应扣押' })

    // The officer's page: refused, the measure to be released at once.
    await press(page.getByRole('button', { name: '刷新' }))
    const state = page.locator('[data-testid="urgent-measure-state"]')
    await state.getByText('应立即解除').waitFor()
    await page.locator('[data-testid="deadline-measure_release"]').waitFor()
    assert.equal(await page.locator('[data-testid="deadline-urgent_report"]').count(), 0)
    const refused = await getCase(page, caseId)
    assert.equal(refused.status, 'rejected')
    assert.equal(refused.available_actions.release_measure.allowed, true)
    assert.deepEqual(await offered(page), allowed(refused))
    const actions = page.getByRole('group', { name: '可执行的操作' })

    // 解除现场措施: the note is required and not too short; recorded, the deadline goes.
    await press(actions.getByRole('button', { name: '解除现场措施' }))
    const release = page.getByRole('dialog', { name: '解除现场措施' })
    await release.waitFor()
    assert.match(await release.innerText(), /扣押烟花爆竹12箱/)
    await press(release.getByRole('button', { name: '确认解除' }))
    await itemOf(release, '解除情况').locator('.el-form-item__error', { hasText: '请记录解除的措施和解除情况' }).waitFor()
    await release.getByLabel('解除情况').fill('已解除')
    await press(release.getByRole('button', { name: '确认解除' }))
    await itemOf(release, '解除情况').locator('.el-form-item__error', { hasText: '至少 4 个字' }).waitFor()
    assert.deepEqual(await overflow(page), [])
    await shot(page, `urgent-start-release-${size.width}`)
    await release.getByLabel('解除情况').fill('已解除扣押，12箱烟花爆竹当场退还')
    await press(release.getByRole('button', { name: '确认解除' }))
    await release.waitFor({ state: 'hidden' })
    await state.getByText('已解除').waitFor()
    assert.match(await state.innerText(), /已解除扣押，12箱烟花爆竹当场退还/)
    assert.match(await state.innerText(), /张伟/)
    await actions.getByRole('button', { name: '解除现场措施' }).waitFor({ state: 'detached' })
    assert.equal(await page.locator('[data-testid="deadline-measure_release"]').count(), 0)
    await page.locator('[aria-label="事件时间线"]').getByText('解除现场措施', { exact: true }).waitFor()
    const released = await getCase(page, caseId)
    assert.equal(released.urgent_measure.released.note, '已解除扣押，12箱烟花爆竹当场退还')
    assert.equal(released.deadlines.some((d) => d.kind === 'measure_release'), false)
    assert.deepEqual(await offered(page), allowed(released))
    assert.deepEqual(await overflow(page), [])
    await shot(page, `urgent-start-released-${size.width}`)
    await page.context().close()
  })
}

// ---- 案由、违法时间、违法地点 --------------------------------------------------------------------

test('案由、违法时间、违法地点: from the wizard to 基本信息, then corrected through its dialog', async () => {
  const page = await signedInAs(browser, server.url, 'officer1')
  const title = '金沙娱乐城未按规定备案案（案由测试）'
  const occurred = chinaTime(26)
  await page.goto(server.url + '/cases/new?mode=ex_officio')
  await page.getByLabel('案件名称').fill(title)
  // A place without its cause: said at the cause.
  await page.getByLabel('违法地点', { exact: true }).fill('易县城关镇金沙路8号')
  await page.getByRole('button', { name: '下一步' }).click()
  await itemOf(page, '案由').locator('.el-form-item__error', { hasText: '填写了违法时间或违法地点的，须同时填写案由' }).waitFor()
  assert.equal((await fieldErrors(page)).length, 1, (await fieldErrors(page)).join(' | '))
  await page.getByLabel('案由', { exact: true }).fill('娱乐场所未按规定备案')
  await pickTime(page, '违法时间', occurred)
  await page.getByRole('button', { name: '下一步' }).click()
  await page.getByRole('button', { name: '下一步' }).click()  // no party yet
  await page.getByLabel('启动原因').fill('巡查发现该娱乐场所未按规定备案即营业')
  await page.getByRole('button', { name: '下一步' }).click()
  await page.getByText('娱乐场所未按规定备案，').waitFor()
  await page.getByRole('button', { name: '提交登记' }).click()
  await page.waitForURL(/\/cases\/case_/)
  const caseId = new URL(page.url()).pathname.split('/cases/')[1]

  // 基本信息 shows them, with 更正 (record_offence is allowed).
  await page.getByRole('heading', { name: title }).waitFor()
  assert.equal(await page.locator('[data-testid="offence-cause"]').innerText(), '娱乐场所未按规定备案')
  assert.equal(await page.locator('[data-testid="offence-time"]').innerText(), occurred)
  assert.equal(await page.locator('[data-testid="offence-place"]').innerText(), '易县城关镇金沙路8号')
  const c = await getCase(page, caseId)
  assert.deepEqual({ ...c.offence, occurred_at: Date.parse(c.offence.occurred_at) }, {
    cause: '娱乐场所未按规定备案', place: '易县城关镇金沙路8号', occurred_at: Date.parse(occurred.replace(' ', 'T') + '+08:00'),
  })
  assert.deepEqual(await offered(page), allowed(c))
  await page.getByRole('group', { name: '可执行的操作' }).getByRole('button', { name: '登记案由和违法时间地点' }).waitFor()

  // 更正: the dialog holds what is recorded; a cleared cause is said at its field; the correction is shown.
  await page.getByRole('button', { name: '更正案由' }).click()
  const dialog = page.getByRole('dialog', { name: '更正案由和违法时间地点' })
  await dialog.waitFor()
  assert.equal(await dialog.getByLabel('案由', { exact: true }).inputValue(), '娱乐场所未按规定备案')
  assert.equal(await dialog.getByLabel('违法地点', { exact: true }).inputValue(), '易县城关镇金沙路8号')
  await dialog.getByLabel('案由', { exact: true }).fill('')
  await dialog.getByRole('button', { name: '保存' }).click()
  await itemOf(dialog, '案由').locator('.el-form-item__error', { hasText: '请填写案由' }).waitFor()
  await dialog.getByLabel('案由', { exact: true }).fill('娱乐场所未按规定办理治安备案')
  await dialog.getByLabel('违法地点', { exact: true }).fill('易县城关镇金沙路18号')
  await dialog.getByRole('button', { name: '保存' }).click()
  await dialog.waitFor({ state: 'hidden' })
  await page.locator('[data-testid="offence-cause"]').getByText('娱乐场所未按规定办理治安备案').waitFor()
  assert.equal(await page.locator('[data-testid="offence-place"]').innerText(), '易县城关镇金沙路18号')
  assert.equal(await page.locator('[data-testid="offence-time"]').innerText(), occurred, 'the time kept')
  await page.locator('[aria-label="事件时间线"]').getByText('登记或更正案由', { exact: true }).waitFor()
  const corrected = await getCase(page, caseId)
  assert.equal(corrected.offence.cause, '娱乐场所未按规定办理治安备案')
  assert.equal(corrected.offence.place, '易县城关镇金沙路18号')
  await shot(page, 'offence-corrected')
  await page.context().close()
})

// ---- The camera select of the upload form ---------------------------------------------------------

test("上传音像记录: the officer's own cameras offered (none, one preselected, several), another serial typed", async () => {
  const page = await signedInAs(browser, server.url, 'officer1')
  const { case: c } = await pageApi(page, 'POST', '/api/v1/cases', {
    start_mode: 'ex_officio', title: '记录仪选择测试', start_form: { cause: '巡查发现' },
  })
  const camera = (dialog) => dialog.getByRole('combobox', { name: '执法记录仪编号' })
  const cameraSelect = (dialog) => dialog.locator('.el-select', { has: page.getByRole('combobox', { name: '执法记录仪编号' }) })
  async function openUpload() {
    await page.goto(server.url + '/cases/' + c.id)
    await page.getByRole('button', { name: '上传音像记录' }).click()
    const dialog = page.getByRole('dialog', { name: '上传音像记录' })
    await dialog.waitFor()
    return dialog
  }

  // None registered: a hint, and a serial may still be typed.
  let dialog = await openUpload()
  await dialog.locator('[data-testid="camera-none"]').waitFor()
  // Typed as a user types (the select highlights the typed serial as its first option), kept with Enter.
  await camera(dialog).pressSequentially('DSJ-9001')
  await camera(dialog).press('Enter')
  await cameraSelect(dialog).locator('.el-select__selected-item', { hasText: 'DSJ-9001' }).waitFor()

  // One registered (by the administrator): preselected, named with its model.
  await api('admin', 'POST', '/api/v1/devices', { serial: 'DSJ-0301', model: '海康威视 DSJ-X1', officer_id: 'officer1' })
  dialog = await openUpload()
  await cameraSelect(dialog).locator('.el-select__selected-item', { hasText: 'DSJ-0301（海康威视 DSJ-X1）' }).waitFor()
  await dialog.locator('[data-testid="camera-preselected"]').waitFor()
  await shot(page, 'upload-camera-preselected')

  // Two: both offered, none chosen for the officer; another serial typed is kept.
  await api('admin', 'POST', '/api/v1/devices', { serial: 'DSJ-0302', model: '华德安 DSJ-V9', officer_id: 'officer1' })
  dialog = await openUpload()
  await cameraSelect(dialog).locator('.el-select__wrapper').click()
  const options = page.locator('.el-select-dropdown:visible .el-select-dropdown__item')
  await options.filter({ hasText: 'DSJ-0302（华德安 DSJ-V9）' }).waitFor()
  assert.deepEqual((await options.allTextContents()).map((t) => t.trim()).sort(), ['DSJ-0301（海康威视 DSJ-X1）', 'DSJ-0302（华德安 DSJ-V9）'])
  await page.keyboard.press('Escape')
  // Nothing chosen: the placeholder shows.
  assert.equal((await cameraSelect(dialog).locator('.el-select__placeholder').innerText()).trim(), '选择或输入序列号，如 DSJ-0001（可不填）')
  await camera(dialog).pressSequentially('DSJ-7777')
  await camera(dialog).press('Enter')
  await cameraSelect(dialog).locator('.el-select__selected-item', { hasText: 'DSJ-7777' }).waitFor()
  await page.context().close()
})
