// The later stages' minimum record (issue 12 §7; scenario A: 易县金嗓子娱乐有限公司, 法定代表人 周涛)
// in the browser, at 1366×768 and on a 768×1024 touch tablet. Set up through the API up to 审查决定
// (opened, the start approved by reviewer1 and approver1, the stage advanced), then in the browser:
// the page says why the case may not move on (409 missing_record as available_actions.advance_stage's
// reason); officer1 submits the decision through its dialog (a field error first); reviewer1 and
// approver1 approve it in the approval dialog, which reads 处理决定审批 and shows the decision; the
// officer moves on to 送达执行, records a 留置送达 (its note said to be required first), the execution
// (the case_file deadline starts), moves on to 归档管理 — no 归档封存 for the officer — and custodian1
// archives the case (the deadline goes). Each record shown on the case page and in the timeline. Also:
// the dialogs' pure rules (web/src/utils/stageRecords.ts with utils/time.ts), run in Node.
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { readFileSync, writeFileSync, mkdtempSync, rmSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { join, dirname } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { startServer, launchBrowser, signedInAs, shot, PASSWORD } from './harness.mjs'

const SIZES = [
  { width: 1366, height: 768 },
  { width: 768, height: 1024, touch: true },
]
const ENGLISH = /is required|required|invalid|must be/i
const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..')

let server, browser, rules, dir
before(async () => {
  // stageRecords.ts imports utils/time.ts: both transpiled, the alias pointed at the neighbour.
  const ts = createRequire(join(root, 'web', 'package.json'))('typescript')
  const transpile = (name) =>
    ts.transpileModule(readFileSync(join(root, 'web', 'src', 'utils', name + '.ts'), 'utf8'), {
      compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 },
    }).outputText
  dir = mkdtempSync(join(tmpdir(), 'qc-later-'))
  writeFileSync(join(dir, 'time.mjs'), transpile('time'))
  writeFileSync(join(dir, 'stageRecords.mjs'), transpile('stageRecords').replace("'@/utils/time'", "'./time.mjs'"))
  rules = await import(pathToFileURL(join(dir, 'stageRecords.mjs')).href)
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

test('rules: the decision, a service, the execution and the archive, as the server checks them', () => {
  const now = Date.parse('2026-03-15T12:00:00+08:00')

  // 处理决定: every field at once; the content of 4 characters at least.
  const empty = rules.decisionProblems(rules.emptyDecisionForm())
  assert.deepEqual(Object.keys(empty).sort(), ['content', 'decision_no', 'kind', 'opinion'])
  assert.match(empty.decision_no, /^请填写决定书文号/)
  assert.equal(empty.kind, '请选择决定种类')
  assert.match(empty.opinion, /^请填写承办人意见/)
  const d = { decision_no: '易公（治）行罚决字〔2026〕12号', kind: 'penalty', content: '罚款人民币五千元', opinion: '建议处罚' }
  assert.deepEqual(rules.decisionProblems(d), {})
  assert.equal(rules.decisionProblems({ ...d, content: '罚款' }).content, '决定内容过于简略（至少 4 个字）')
  assert.match(rules.decisionProblems({ ...d, decision_no: '号'.repeat(101) }).decision_no, /不能超过 100 个字/)
  assert.deepEqual(rules.decisionInput({ ...d, content: ' 罚款人民币五千元 ' }), d)

  // 送达: 留置送达 and 公告送达 need their note; the time not in the future.
  const s = {
    document_no: '易公（治）行罚决字〔2026〕12号', method: 'direct', recipient: '周涛',
    served_at: '2026-03-15T10:00:00', proof: 'SD-0012', note: '',
  }
  assert.deepEqual(rules.serviceProblems(s, now), {})
  assert.deepEqual(Object.keys(rules.serviceProblems(rules.emptyServiceForm(), now)).sort(),
    ['document_no', 'method', 'proof', 'recipient', 'served_at'])
  assert.equal(rules.serviceProblems({ ...s, method: 'service_by_leaving' }, now).note, '请填写拒收事由、日期和见证人（第二十六条）')
  assert.equal(rules.serviceProblems({ ...s, method: 'service_by_leaving', note: '拒收' }, now).note,
    '拒收事由、日期和见证人过于简略（至少 4 个字）')
  assert.match(rules.serviceProblems({ ...s, method: 'public_notice' }, now).note, /^请填写采用公告送达的原因/)
  assert.deepEqual(rules.serviceProblems({ ...s, method: 'mail' }, now), {})
  assert.equal(rules.serviceProblems({ ...s, served_at: '2026-03-15T12:30:00' }, now).served_at, '送达时间不能晚于当前时间')
  assert.deepEqual(rules.serviceInput(s), {
    document_no: '易公（治）行罚决字〔2026〕12号', method: 'direct', recipient: '周涛',
    served_at: '2026-03-15T10:00:00+08:00', proof: 'SD-0012',
  })

  // 执行: the note of 4 characters at least, the time not in the future.
  const e = { manner: 'performed', note: '已缴纳罚款', completed_at: '2026-03-15T11:00:00' }
  assert.deepEqual(rules.executionProblems(e, now), {})
  assert.deepEqual(Object.keys(rules.executionProblems(rules.emptyExecutionForm(), now)).sort(), ['completed_at', 'manner', 'note'])
  assert.equal(rules.executionProblems({ ...e, note: '已缴' }, now).note, '执行情况过于简略（至少 4 个字）')
  assert.equal(rules.executionProblems({ ...e, completed_at: '2026-03-16T00:00:00' }, now).completed_at, '执行完毕时间不能晚于当前时间')
  assert.deepEqual(rules.executionInput(e), { ...e, completed_at: '2026-03-15T11:00:00+08:00' })

  // 归档: the archive number required; the note optional.
  assert.equal(rules.archiveProblems(rules.emptyArchiveForm()).archive_no, '请填写档案号')
  assert.deepEqual(rules.archiveInput({ archive_no: ' 易公档〔2026〕12号 ', note: '' }), { archive_no: '易公档〔2026〕12号' })
})

// ---- Helpers --------------------------------------------------------------------------------------

/** The form item of `scope` holding the control labelled `label`. */
const itemOf = (scope, label) =>
  scope.locator('.el-form-item', { has: (scope.page ? scope.page() : scope).getByLabel(label, { exact: true }) })
/** The error messages shown at the fields of `scope`. */
const fieldErrors = async (scope) =>
  (await scope.locator('.el-form-item__error:visible').allTextContents()).map((s) => s.trim()).filter(Boolean)
/** The errors of `scope` once those put right have faded out (a transition of about 300 ms). */
async function settledErrors(scope, count) {
  for (let i = 0; i < 30; i++) {
    const errors = await fieldErrors(scope)
    if (errors.length === count) return errors
    await new Promise((r) => setTimeout(r, 100))
  }
  return fieldErrors(scope)
}

/** Sideways scrolling of the page or its scroll area, a table scrolling inside itself, a dialog wider than the window. */
const overflow = (page) =>
  page.evaluate(() => {
    const out = []
    const doc = document.documentElement
    if (doc.scrollWidth > doc.clientWidth) out.push(`page ${doc.scrollWidth} > ${doc.clientWidth}`)
    const main = document.querySelector('.el-main')
    if (main && main.scrollWidth > main.clientWidth) out.push(`main ${main.scrollWidth} > ${main.clientWidth}`)
    for (const t of document.querySelectorAll('[data-testid="stage-records"] .el-table')) {
      if (t.offsetParent && !t.classList.contains('is-scrolling-none')) out.push('the services table scrolls sideways')
    }
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

/** A call of the API as `username` with a bearer token; fails unless it succeeds. */
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

/**
 * officer1's 协办: another police officer of the unit where there is one (a server that counts them
 * wants two for a decision, 行政处罚法第四十二条; an older demo has none).
 */
async function coOfficers() {
  const me = await api('officer1', 'GET', '/api/v1/auth/me')
  const unit = await api('officer1', 'GET', `/api/v1/units/${me.unit_id}/officers?page_size=100`)
  return unit.items.filter((o) => o.id !== me.id && !o.auxiliary).slice(0, 1).map((o) => o.id)
}

/** Scenario A up to 审查决定 through the API: opened by officer1, the start approved, the stage advanced. */
async function caseInReview(title) {
  const { case: c } = await api('officer1', 'POST', '/api/v1/cases', {
    start_mode: 'ex_officio', title, co_officers: await coOfficers(),
    parties: [{ kind: 'legal_person', name: '易县金嗓子娱乐有限公司', legal_representative: '周涛' }],
    start_form: { cause: '夜间巡查发现该KTV治安备案已过期仍在营业' },
    offence: { cause: '娱乐场所未按规定备案' },
  })
  const submitted = await api('officer1', 'POST', `/api/v1/cases/${c.id}/start-approval`, { opinion: '建议启动调查程序' })
  const approval = submitted.case.approvals.at(-1).id
  await api('reviewer1', 'POST', `/api/v1/approvals/${approval}/decision`, { decision: 'approve', opinion: '同意，报负责人' })
  await api('approver1', 'POST', `/api/v1/approvals/${approval}/decision`, { decision: 'approve', opinion: '同意启动' })
  // The 负责人's approval moved the case on to 调查取证; the investigation ends.
  const reviewing = await api('officer1', 'POST', `/api/v1/cases/${c.id}/stage`, { to: 'review_decision', reason: '调查终结' })
  assert.equal(reviewing.case.stage, 'review_decision')
  return reviewing.case
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

/** Approves the decision of the case numbered `number` in the approval dialog as `username`. */
async function approveInBrowser(username, size, number, decisionNo, opinion) {
  const page = await signedInAs(browser, server.url, username, size)
  const press = (loc) => (size.touch ? loc.tap() : loc.click())
  await page.goto(server.url + '/approvals')
  await page.getByRole('heading', { level: 1, name: '审批' }).waitFor()
  // The inbox names the matter.
  const row = page.locator('.el-table__row', { has: page.getByRole('button', { name: '审批 ' + number }) })
  await row.getByText('处理决定审批').waitFor()
  await press(page.getByRole('button', { name: '审批 ' + number }))
  const dialog = page.getByRole('dialog', { name: '审批：' + number })
  const proposal = dialog.locator('[data-testid="approval-proposal"]')
  await proposal.getByRole('heading', { name: '拟作出处理决定' }).waitFor()
  assert.match(await dialog.innerText(), /处理决定审批 · 第 1 次提交/)
  const text = await proposal.innerText()
  for (const s of ['决定书文号', decisionNo, '决定种类', '行政处罚', '决定内容', '罚款人民币五千元']) assert.ok(text.includes(s), `${s} in:\n${text}`)
  assert.doesNotMatch(text, /penalty|decision_no/)
  await dialog.locator('[data-testid="approval-case"]').getByText('建议对易县金嗓子娱乐有限公司处以罚款').first().waitFor()  // 承办人意见
  assert.deepEqual(await overflow(page), [])
  await shot(page, `later-stages-approval-${username}-${size.width}`)
  await press(dialog.locator('label.el-radio', { hasText: /^同意$/ }))
  await dialog.getByLabel('审批意见').fill(opinion)
  await press(dialog.getByRole('button', { name: '提交审批' }))
  await dialog.waitFor({ state: 'hidden' })
  await page.getByRole('button', { name: '审批 ' + number }).waitFor({ state: 'detached' })
  await page.context().close()
}

// ---- Scenario A from 审查决定 to the archive ------------------------------------------------------

for (const size of SIZES) {
  const at = `${size.width}×${size.height}`

  test(`scenario A at ${at}: the decision approved, served by leaving, executed, archived by the custodian`, async () => {
    const title = `金嗓子KTV未按规定备案经营案（后续阶段${size.width}）`
    const c = await caseInReview(title)
    const decisionNo = `易公（治）行罚决字〔2026〕${size.width === 1366 ? 12 : 13}号`
    const page = await signedInAs(browser, server.url, 'officer1', size)
    const press = (loc) => (size.touch ? loc.tap() : loc.click())
    const actions = page.getByRole('group', { name: '可执行的操作' })
    const blocked = page.locator('[data-testid="advance-blocked"]')
    const stage = page.locator('[data-testid="current-stage"]')
    const timeline = page.locator('[aria-label="事件时间线"]')

    // 审查决定 without a decision: no 进入下一阶段, and the page says why (the server's reason).
    await page.goto(server.url + '/cases/' + c.id)
    await page.getByRole('heading', { name: title }).waitFor()
    await stage.getByText('审查决定').waitFor()
    assert.equal((await blocked.innerText()).trim(), '暂不能进入下一阶段：离开本阶段须先有经负责人批准作出的处理决定（第四条）')
    assert.equal(await actions.getByRole('button', { name: '进入下一阶段' }).count(), 0)
    const review = await getCase(page, c.id)
    assert.equal(review.available_actions.advance_stage.code, 'missing_record')
    assert.equal(review.available_actions.submit_decision.allowed, true)
    assert.deepEqual(await offered(page), allowed(review))
    const decision = page.locator('[data-testid="decision-record"]')
    await decision.getByText('尚未提交处理决定审批', { exact: false }).waitFor()

    // 提交处理决定审批: too short a content is said at its field, then the decision goes to the chain.
    await press(actions.getByRole('button', { name: '提交处理决定审批' }))
    const dialog = page.getByRole('dialog', { name: '提交处理决定审批' })
    await dialog.waitFor()
    await press(dialog.getByRole('button', { name: '提交审批' }))
    await itemOf(dialog, '决定书文号').locator('.el-form-item__error', { hasText: '请填写决定书文号' }).waitFor()
    assert.equal((await settledErrors(dialog, 4)).length, 4, (await fieldErrors(dialog)).join(' | '))
    await dialog.getByLabel('决定书文号').fill(decisionNo)
    await press(dialog.locator('label.el-radio', { hasText: /^行政处罚$/ }))
    await dialog.getByLabel('决定内容').fill('罚款')
    await dialog.getByLabel('承办人意见').fill('建议对易县金嗓子娱乐有限公司处以罚款')
    await press(dialog.getByRole('button', { name: '提交审批' }))
    await itemOf(dialog, '决定内容').locator('.el-form-item__error', { hasText: '决定内容过于简略（至少 4 个字）' }).waitFor()
    assert.deepEqual(await settledErrors(dialog, 1), ['决定内容过于简略（至少 4 个字）'])
    assert.doesNotMatch(await dialog.innerText(), ENGLISH)
    assert.deepEqual(await overflow(page), [])
    await shot(page, `later-stages-decision-error-${size.width}`)
    await dialog.getByLabel('决定内容').fill('罚款人民币五千元')
    await press(dialog.getByRole('button', { name: '提交审批' }))
    await dialog.waitFor({ state: 'hidden' })
    await decision.getByText('审批中').waitFor()
    assert.match(await decision.innerText(), /等待审核人审批/)
    assert.match(await decision.innerText(), new RegExp(decisionNo.replace(/[()（）〔〕]/g, '.')))
    await blocked.getByText('审批进行中，不能进入下一阶段').waitFor()
    await actions.getByRole('button', { name: '提交处理决定审批' }).waitFor({ state: 'detached' })
    assert.deepEqual(await offered(page), allowed(await getCase(page, c.id)))

    // The chain in the approval dialog: reviewer1, then approver1 (not 重大复杂: no 法制审核).
    await approveInBrowser('reviewer1', size, c.number, decisionNo, '同意，报负责人批准')
    await approveInBrowser('approver1', size, c.number, decisionNo, '同意作出处罚决定')

    // Issued: shown with who approved it; the case may move on.
    await press(actions.getByRole('button', { name: '刷新' }))
    await decision.getByText('已作出').waitFor()
    const decisionText = await decision.innerText()
    for (const s of [decisionNo, '行政处罚', '罚款人民币五千元', '赵建国']) assert.ok(decisionText.includes(s), `${s} in:\n${decisionText}`)
    await blocked.waitFor({ state: 'detached' })
    const issued = await getCase(page, c.id)
    assert.equal(issued.decision.decision_no, decisionNo)
    assert.deepEqual(await offered(page), allowed(issued))
    await timeline.getByText('作出处理决定', { exact: true }).waitFor()
    await shot(page, `later-stages-decided-${size.width}`)

    // 送达执行: nothing served yet.
    await press(actions.getByRole('button', { name: '进入下一阶段' }))
    const advance = page.getByRole('dialog', { name: '进入下一阶段' })
    await press(advance.getByRole('button', { name: '确定' }))
    await advance.waitFor({ state: 'hidden' })
    await stage.getByText('送达执行').waitFor()
    assert.equal((await blocked.innerText()).trim(), '暂不能进入下一阶段：离开本阶段须先有处理决定的送达记录（第四条）')
    const services = page.locator('[data-testid="services"]')
    await services.getByText('尚未登记送达', { exact: false }).waitFor()
    assert.deepEqual(await offered(page), allowed(await getCase(page, c.id)))

    // 登记送达 by leaving: the decision's number and the party prefilled; the note is required.
    await press(actions.getByRole('button', { name: '登记送达' }))
    const serve = page.getByRole('dialog', { name: '登记送达' })
    await serve.waitFor()
    assert.equal(await serve.getByLabel('送达文书文号').inputValue(), decisionNo)
    assert.equal(await serve.getByLabel('受送达人').inputValue(), '易县金嗓子娱乐有限公司')
    await press(serve.locator('label.el-radio', { hasText: /^留置送达$/ }))
    await serve.getByLabel('受送达人').fill('易县金嗓子娱乐有限公司（法定代表人周涛）')
    await pickTime(serve, '送达时间', chinaTime(3))
    await serve.getByLabel('送达凭证').fill('送达回证 SD-2026-0012')
    await press(serve.getByRole('button', { name: '登记', exact: true }))
    await itemOf(serve, '送达说明').locator('.el-form-item__error', { hasText: '请填写拒收事由、日期和见证人（第二十六条）' }).waitFor()
    assert.deepEqual(await settledErrors(serve, 1), ['请填写拒收事由、日期和见证人（第二十六条）'])
    assert.deepEqual(await overflow(page), [])
    await shot(page, `later-stages-service-error-${size.width}`)
    await serve.getByLabel('送达说明').fill('周涛拒绝签收，执法人员将决定书留置于其经营场所，见证人社区工作人员刘某')
    await press(serve.getByRole('button', { name: '登记', exact: true }))
    await serve.waitFor({ state: 'hidden' })
    const row = services.locator('.el-table__row')
    await row.getByText('留置送达').waitFor()
    const rowText = await row.innerText()
    for (const s of [decisionNo, '周涛拒绝签收', '送达回证 SD-2026-0012', '易县金嗓子娱乐有限公司（法定代表人周涛）', chinaTime(3).slice(0, 13)])
      assert.ok(rowText.includes(s), `${s} in:\n${rowText}`)
    assert.equal((await blocked.innerText()).trim(), '暂不能进入下一阶段：离开本阶段须先有执行情况记录（第四条）')
    await timeline.getByText('送达', { exact: true }).waitFor()
    const served = await getCase(page, c.id)
    assert.equal(served.services.length, 1)
    assert.equal(served.services[0].method, 'service_by_leaving')
    assert.equal(served.deadlines.some((d) => d.kind === 'case_file'), false, 'the act has not ended yet')
    assert.deepEqual(await offered(page), allowed(served))

    // 登记执行情况: the act ends; the 30 days of the case file start.
    await press(actions.getByRole('button', { name: '登记执行情况' }))
    const execute = page.getByRole('dialog', { name: '登记执行情况' })
    await execute.waitFor()
    await press(execute.locator('label.el-radio', { hasText: /^当事人履行$/ }))
    await execute.getByLabel('执行情况').fill('当事人已缴纳罚款五千元，缴款票据号 No.00012345')
    await pickTime(execute, '执行完毕时间', chinaTime(1))
    assert.deepEqual(await overflow(page), [])
    await press(execute.getByRole('button', { name: '登记', exact: true }))
    await execute.waitFor({ state: 'hidden' })
    const execution = page.locator('[data-testid="execution-record"]')
    await execution.getByText('当事人履行').waitFor()
    assert.match(await execution.innerText(), /No\.00012345/)
    await execution.locator('[data-testid="act-ended"]').waitFor()
    const caseFile = page.locator('[data-testid="deadline-case_file"]')
    assert.match(await caseFile.innerText(), /形成案卷/)
    assert.match(await caseFile.innerText(), /剩余(29|30)天/)
    await blocked.waitFor({ state: 'detached' })
    await timeline.getByText('登记执行情况', { exact: true }).waitFor()
    const executed = await getCase(page, c.id)
    assert.ok(executed.act_ended_at)
    assert.deepEqual(await offered(page), allowed(executed))
    assert.deepEqual(await overflow(page), [])
    await shot(page, `later-stages-executed-${size.width}`)

    // 归档管理: handed over; the officer has nothing to archive with.
    await press(actions.getByRole('button', { name: '进入下一阶段' }))
    await press(advance.getByRole('button', { name: '确定' }))
    await advance.waitFor({ state: 'hidden' })
    await stage.getByText('归档管理').waitFor()
    await page.locator('[data-testid="archive-record"]').getByText('待归档').waitFor()
    const handedOver = await getCase(page, c.id)
    assert.equal(handedOver.available_actions.archive_case.allowed, false)
    assert.equal(await actions.getByRole('button', { name: '归档封存' }).count(), 0)
    assert.equal(await blocked.count(), 0)
    assert.deepEqual(await offered(page), allowed(handedOver))
    await page.context().close()

    // custodian1 archives it from the case page: the archive number required first.
    const custodian = await signedInAs(browser, server.url, 'custodian1', size)
    const tap = (loc) => (size.touch ? loc.tap() : loc.click())
    await custodian.goto(server.url + '/cases/' + c.id)
    await custodian.getByRole('heading', { name: title }).waitFor()
    const custodianActions = custodian.getByRole('group', { name: '可执行的操作' })
    const toArchive = await getCase(custodian, c.id)
    assert.equal(toArchive.available_actions.archive_case.allowed, true)
    assert.deepEqual(await offered(custodian), allowed(toArchive))
    assert.deepEqual(await offered(custodian), ['归档封存'])
    await custodian.locator('[data-testid="deadline-case_file"]').waitFor()
    await tap(custodianActions.getByRole('button', { name: '归档封存' }))
    const archive = custodian.getByRole('dialog', { name: '归档封存' })
    await archive.waitFor()
    await tap(archive.getByRole('button', { name: '归档封存' }))
    await itemOf(archive, '档案号').locator('.el-form-item__error', { hasText: '请填写档案号' }).waitFor()
    const archiveNo = `易公档〔2026〕行字第00${size.width === 1366 ? 12 : 13}号`
    await archive.getByLabel('档案号').fill(archiveNo)
    await archive.getByLabel('备注').fill('案卷共 1 卷 36 页')
    assert.deepEqual(await overflow(custodian), [])
    await shot(custodian, `later-stages-archive-dialog-${size.width}`)
    await tap(archive.getByRole('button', { name: '归档封存' }))
    await archive.waitFor({ state: 'hidden' })
    const archived = custodian.locator('[data-testid="archive-record"]')
    await archived.getByText('已归档封存').waitFor()
    assert.match(await archived.innerText(), new RegExp(archiveNo.replace(/[〔〕]/g, '.')))
    assert.match(await archived.innerText(), /孙丽/)
    assert.equal(await custodian.locator('[data-testid="deadline-case_file"]').count(), 0)
    await custodianActions.getByRole('button', { name: '归档封存' }).waitFor({ state: 'detached' })
    await custodian.locator('[aria-label="事件时间线"]').getByText('归档封存', { exact: true }).waitFor()
    const sealed = await getCase(custodian, c.id)
    assert.equal(sealed.archive.archive_no, archiveNo)
    assert.equal(sealed.deadlines.some((d) => d.kind === 'case_file'), false)
    assert.deepEqual(await offered(custodian), allowed(sealed))
    // Every record on the page, in Chinese.
    const records = await custodian.locator('[data-testid="stage-records"]').innerText()
    for (const s of [decisionNo, '留置送达', '当事人履行', archiveNo.slice(0, 4)]) assert.ok(records.includes(s), `${s} in:\n${records}`)
    assert.doesNotMatch(records, /service_by_leaving|performed|penalty/)
    assert.deepEqual(await overflow(custodian), [])
    await shot(custodian, `later-stages-archived-${size.width}`)
    await custodian.context().close()
  })
}
