// 简易程序 (Art. 23; scenario D of SCENARIOS.md) in the browser, at 1366×768 and on a 768×1024 touch
// tablet: officer1 opens a 依职权 case under the simple procedure through the wizard; it is investigating at
// once with no start approval; the 当场处罚决定 dialog says every problem at once at its field before
// anything is sent (a traffic fine of 600 元 is over the 200 元 limit); the right decision is recorded
// (traffic, 50 元, disputed and filmed by DSJ-0107, collected on the spot with its receipt) and the case
// shows 送达执行, the decision and 待备案 with its 24 hours (also on the 工作台's 临近期限); 当场处罚备案
// files it (已备案). A 400 of the server lands at the field it names.
// Also the dialog's pure rules (web/src/utils/simpleProcedure.ts), run in Node as validators.test.mjs does.
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { readFileSync, writeFileSync, mkdtempSync, rmSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { join, dirname } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { startServer, launchBrowser, signedInAs, shot } from './harness.mjs'

const SIZES = [
  { width: 1366, height: 768 },
  { width: 768, height: 1024, touch: true },
]
const ENGLISH = /is required|required|invalid|must be/i
const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..')

let server, browser, rules, dir
before(async () => {
  const ts = createRequire(join(root, 'web', 'package.json'))('typescript')
  const src = readFileSync(join(root, 'web', 'src', 'utils', 'simpleProcedure.ts'), 'utf8')
  const js = ts.transpileModule(src, { compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 } })
  dir = mkdtempSync(join(tmpdir(), 'qc-simple-'))
  writeFileSync(join(dir, 'simpleProcedure.mjs'), js.outputText)
  rules = await import(pathToFileURL(join(dir, 'simpleProcedure.mjs')).href)
  server = await startServer()
  browser = await launchBrowser()
})
after(async () => {
  await browser?.close()
  await server?.stop()
  if (dir) rmSync(dir, { recursive: true, force: true })
})

// ---- The pure rules -------------------------------------------------------------------------------

function valid(over = {}) {
  return {
    ...rules.emptyOnTheSpotForm(),
    matter: 'traffic', facts: '外卖骑手在集贸市场门口逆行并阻碍通行', legal_basis: '道路交通安全法第八十九条',
    decision_no: '易公交简〔2026〕0107号', place: '易县城关集贸市场门口', penalty: 'fine', fine_yuan: '50',
    statement: '未提出', review: '未提出陈述申辩，无需复核', ...over,
  }
}

test('rules: the limits by matter and party, warning, collection, camera, excluded matters', () => {
  const p = rules.onTheSpotProblems
  assert.deepEqual(p(valid(), 'natural_person'), {})
  // The limits: 治安 500, traffic 200, other 50 for an individual and 1000 for a unit.
  assert.deepEqual(p(valid({ matter: 'public_security', fine_yuan: '500' }), 'natural_person'), {})
  assert.match(p(valid({ matter: 'public_security', fine_yuan: '501' }), 'natural_person').fine_yuan, /限额 500 元/)
  assert.deepEqual(p(valid({ fine_yuan: '200' }), 'natural_person'), {})
  assert.match(p(valid({ fine_yuan: '600' }), 'natural_person').fine_yuan, /^罚款 600 元超出当场处罚的限额 200 元（道路交通安全法第一百零七条/)
  assert.match(p(valid({ matter: 'other', fine_yuan: '51' }), 'natural_person').fine_yuan, /限额 50 元/)
  assert.deepEqual(p(valid({ matter: 'other', fine_yuan: '1000' }), 'legal_person'), {})
  assert.match(p(valid({ matter: 'other', fine_yuan: '1001' }), 'other_organization').fine_yuan, /限额 1000 元/)
  for (const bad of ['0', '', '12.5', '-3', 'abc']) assert.equal(p(valid({ fine_yuan: bad }), 'natural_person').fine_yuan, '罚款数额应为正整数（元）', bad)
  // A warning has no fine.
  assert.deepEqual(p(valid({ penalty: 'warning', fine_yuan: '' }), 'natural_person'), {})
  assert.equal(p(valid({ penalty: 'warning', fine_yuan: '20' }), 'natural_person').fine_yuan, '警告不处罚款')
  // Collected on the spot: small only up to 100 元, a receipt always.
  const collected = (ground, fine, receipt_no = 'No.0001') => valid({ matter: 'public_security', fine_yuan: fine, collect: true, collected: { receipt_no, ground } })
  assert.deepEqual(p(collected('small', '100'), 'natural_person'), {})
  assert.match(p(collected('small', '101'), 'natural_person')['collected.ground'], /一百元以下/)
  assert.deepEqual(p(collected('hard_to_enforce', '300'), 'natural_person'), {})
  assert.deepEqual(p(collected('remote', '300'), 'natural_person'), {})
  assert.match(p(collected('small', '50', ''), 'natural_person')['collected.receipt_no'], /罚款收据编号/)
  assert.equal(p(collected('', '50'), 'natural_person')['collected.ground'], '请选择当场收缴的情形')
  // Disputed: the camera is named.
  assert.match(p(valid({ disputed: true }), 'natural_person').recording_device, /执法记录仪/)
  assert.deepEqual(p(valid({ disputed: true, recording_device: 'DSJ-0107' }), 'natural_person'), {})
  // Never on the spot: 卖淫、嫖娼、赌博、毒品、吸毒, in the facts or the basis, said at that field.
  assert.match(p(valid({ facts: '在出租屋内聚众赌博' }), 'natural_person').facts, /不适用当场处罚.*“赌博”/)
  assert.match(p(valid({ legal_basis: '治安管理处罚法关于吸毒的规定' }), 'natural_person').legal_basis, /“吸毒”/)
  // Everything missing: every required field at once.
  const empty = p(rules.emptyOnTheSpotForm(), 'natural_person')
  assert.deepEqual(Object.keys(empty).sort(), ['decision_no', 'facts', 'legal_basis', 'matter', 'penalty', 'place', 'review', 'statement'])
  assert.equal(empty.facts, '请记录违法事实')
  assert.match(p(valid({ facts: '逆行' }), 'natural_person').facts, /违法事实过于简略（至少 4 个字）/)
  // What is sent: a whole number, the collection only when collected, trimmed texts.
  const body = rules.onTheSpotInput(valid({ fine_yuan: ' 50 ', disputed: true, recording_device: ' DSJ-0107 ', collect: true, collected: { receipt_no: 'No.1', ground: 'small' } }))
  assert.equal(body.fine_yuan, 50)
  assert.equal(body.recording_device, 'DSJ-0107')
  assert.deepEqual(body.collected, { receipt_no: 'No.1', ground: 'small' })
  assert.equal(rules.onTheSpotInput(valid({ penalty: 'warning', fine_yuan: '' })).fine_yuan, 0)
  assert.equal(rules.onTheSpotInput(valid()).collected, undefined)
})

// ---- Scenario D in the browser --------------------------------------------------------------------

/** The error messages shown at the fields of `scope`. */
const fieldErrors = async (scope) =>
  (await scope.locator('.el-form-item__error:visible').allTextContents()).map((s) => s.trim()).filter(Boolean)
/** The form item of `scope` holding the control labelled `label`. */
const itemOf = (scope, label) => scope.locator('.el-form-item', { has: scope.page().getByLabel(label, { exact: true }) })
/** A choice of a radio group by its text. */
const choose = (scope, group, text) => scope.getByRole('radiogroup', { name: group }).locator('.el-radio', { hasText: text })

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

for (const size of SIZES) {
  const at = `${size.width}×${size.height}`

  test(`scenario D at ${at}: opened under 简易程序, decided on the spot with its checks, then filed`, async () => {
    const page = await signedInAs(browser, server.url, 'officer1', size)
    const press = (loc) => (size.touch ? loc.tap() : loc.click())
    const title = `外卖骑手市场门口阻碍通行案（简易程序 ${size.width}）`

    // The wizard: 依职权, 简易程序 with its reason, a 自然人 party.
    await page.goto(server.url + '/cases/new?mode=ex_officio')
    await page.getByRole('heading', { level: 1, name: '新建案件' }).waitFor()
    await page.getByLabel('案件名称').fill(title)
    await page.getByRole('radio', { name: '简易程序' }).check({ force: true })
    await page.getByLabel('适用简易程序理由').fill('违法事实确凿，有法定依据，对个人处二百元以下罚款，当场处罚')
    await press(page.getByRole('button', { name: '下一步' }))
    await page.getByLabel('当事人姓名').fill('赵小川')
    await page.getByLabel('身份证件号码').fill('13063319950315001X')
    await page.getByLabel('联系电话').fill('13912345678')
    await press(page.getByRole('button', { name: '添加当事人' }))
    await page.locator('[aria-label="已添加的当事人"]').getByText('赵小川').waitFor()
    await press(page.getByRole('button', { name: '下一步' }))
    await page.getByLabel('启动原因').fill('执勤中发现外卖骑手在集贸市场门口逆行并阻碍通行')
    await press(page.getByRole('button', { name: '下一步' }))
    await press(page.getByRole('button', { name: '提交登记' }))
    await page.waitForURL(/\/cases\/case_/)
    const caseId = new URL(page.url()).pathname.split('/cases/')[1]

    // Investigating at once, without a start approval.
    await page.getByRole('heading', { name: title }).waitFor()
    await page.locator('[data-testid="current-stage"]').getByText('调查取证').waitFor()
    const actions = page.getByRole('group', { name: '可执行的操作' })
    await actions.getByRole('button', { name: '当场处罚决定' }).waitFor()
    assert.equal(await actions.getByRole('button', { name: '提交启动审批' }).count(), 0)
    assert.equal(await actions.getByRole('button', { name: '当场处罚备案' }).count(), 0, 'nothing to file yet')
    await page.getByText('简易程序当场办理，无需程序启动审批（第二十三条）', { exact: true }).waitFor()

    // Count what is sent: nothing while the page finds a problem.
    const posts = []
    page.on('request', (r) => {
      if (r.method() === 'POST' && r.url().includes('/on-the-spot-decision')) posts.push(r.url())
    })

    await press(actions.getByRole('button', { name: '当场处罚决定' }))
    const dialog = page.getByRole('dialog', { name: '当场处罚决定' })
    await dialog.waitFor()
    const submit = dialog.getByRole('button', { name: '记录决定' })
    // A radio chosen. On a loaded machine a tap may be taken for a long press and choose nothing: tried again.
    const pick = async (group, text) => {
      const radio = choose(dialog, group, text)
      const checked = () => radio.evaluate((el) => el.classList.contains('is-checked'))
      for (let i = 0; i < 3; i++) {
        await press(radio)
        await page.waitForTimeout(100)
        if (await checked()) return
        await page.waitForTimeout(400)
        if (await checked()) return
      }
      assert.fail(`${group}：${text} not chosen`)
    }

    // Nothing filled: every required field's error at once, in Chinese.
    await press(submit)
    await dialog.locator('.el-form-item__error', { hasText: '请选择案件类别' }).waitFor()
    const empty = await fieldErrors(dialog)
    for (const m of ['请选择案件类别', '请记录违法事实', '请记录处罚依据', '请记录当场处罚决定书编号', '请记录处罚地点', '请选择处罚种类']) {
      assert.ok(empty.includes(m), `${m} in ${empty.join(' | ')}`)
    }
    assert.equal(empty.length, 8, empty.join(' | '))
    assert.doesNotMatch(await dialog.innerText(), ENGLISH)

    // Traffic, a fine of 600 元, disputed without a camera, collected as "small": each said at its field.
    await pick('案件类别', '道路交通')
    await dialog.getByLabel('违法事实').fill('外卖骑手驾驶电动自行车在集贸市场门口逆行，阻碍其他车辆和行人通行')
    await dialog.getByLabel('处罚依据').fill('《中华人民共和国道路交通安全法》第三十五条、第八十九条')
    await dialog.getByLabel('当场处罚决定书编号').fill(`易公交简〔2026〕0107-${size.width}号`)
    await dialog.getByLabel('处罚地点').fill('易县城关镇集贸市场南门')
    await pick('处罚种类', '罚款')
    await dialog.getByLabel('罚款数额（元）').fill('600')
    await dialog.getByLabel('当事人陈述申辩').fill('当事人称送餐超时才逆行，对处罚有异议')
    await dialog.getByLabel('复核意见及是否采纳的理由').fill('经复核，逆行事实有执法记录仪录像证实，理由不能成立，不予采纳')
    await pick('是否采纳', '不采纳')
    await pick('当事人是否有异议', '有异议')
    await press(dialog.locator('.el-checkbox', { hasText: '当场收缴罚款' }))
    await dialog.getByLabel('罚款收据编号').fill(`冀财罚〔2026〕No.00${size.width}`)
    await pick('收缴情形', '一百元以下')
    await press(submit)
    const fine = itemOf(dialog, '罚款数额（元）')
    await fine.locator('.el-form-item__error', { hasText: '罚款 600 元超出当场处罚的限额 200 元' }).waitFor()
    await itemOf(dialog, '执法记录仪编号').locator('.el-form-item__error', { hasText: '应全程音像记录并登记所用执法记录仪' }).waitFor()
    await dialog.locator('.el-form-item', { has: page.getByRole('radiogroup', { name: '收缴情形' }) })
      .locator('.el-form-item__error', { hasText: '一百元以下的罚款才可依此当场收缴' }).waitFor()
    // The errors put right before fade out (a transition of about 300 ms): then the three remain.
    for (let i = 0; i < 30 && (await fieldErrors(dialog)).length !== 3; i++) await page.waitForTimeout(100)
    assert.equal((await fieldErrors(dialog)).length, 3, (await fieldErrors(dialog)).join(' | '))
    assert.deepEqual(posts, [], 'nothing sent while the page finds a problem')
    assert.deepEqual(await overflow(page), [])
    await shot(page, `simple-procedure-errors-${size.width}`)

    // 50 元 and the camera: the errors go as the fields are put right; recorded.
    await dialog.getByLabel('罚款数额（元）').fill('50')
    await dialog.getByLabel('执法记录仪编号').fill('DSJ-0107')
    await dialog.getByLabel('执法记录仪编号').blur()
    await page.waitForFunction(() => !document.querySelector('[role="dialog"] .el-form-item__error'))
    await press(submit)
    await dialog.waitFor({ state: 'hidden' })
    assert.equal(posts.length, 1)

    // Decided and handed over: 送达执行, the decision with every field, 待备案 with its 24 hours.
    await page.locator('[data-testid="current-stage"]').getByText('送达执行').waitFor()
    const record = page.locator('[data-testid="on-the-spot"]')
    await record.waitFor()
    const text = await record.innerText()
    for (const s of ['道路交通', '逆行，阻碍其他车辆和行人通行', '第三十五条、第八十九条', `易公交简〔2026〕0107-${size.width}号`,
      '易县城关镇集贸市场南门', '罚款', '50 元', '对处罚有异议', '不予采纳', '不采纳', '有异议', 'DSJ-0107',
      `冀财罚〔2026〕No.00${size.width}`, '一百元以下（行政处罚法第六十八条第一项）', '张伟']) {
      assert.ok(text.includes(s), `${s} in the record:\n${text}`)
    }
    const filing = page.locator('[data-testid="on-the-spot-filing"]')
    await filing.getByText('待备案').waitFor()
    assert.match(await filing.innerText(), /当场处罚决定报所属公安机关备案（24小时）/)
    assert.match(await filing.innerText(), /剩余(23小时|1天)/)
    await page.locator('[data-testid="deadline-simple_filing"]').waitFor()
    await page.locator('[aria-label="事件时间线"]').getByText('当场处罚决定', { exact: true }).waitFor()
    assert.equal(await actions.getByRole('button', { name: '当场处罚决定' }).count(), 0, 'decided once')
    assert.deepEqual(await overflow(page), [])
    await shot(page, `simple-procedure-decided-${size.width}`)

    // The 工作台's 临近期限 names the filing as the server labels it, and leads back to the case.
    await page.goto(server.url + '/')
    const soon = page.locator('.el-table[aria-label="临近期限"] .el-table__body tr', { hasText: title })
    await soon.getByText('当场处罚决定报所属公安机关备案（24小时）').waitFor()
    await press(soon.getByRole('link'))
    await page.waitForURL(/\/cases\/case_/)
    await page.locator('[data-testid="on-the-spot-filing"]').getByText('待备案').waitFor()

    // 当场处罚备案: confirmed with a note; the page shows 已备案 and the deadline is gone.
    await press(actions.getByRole('button', { name: '当场处罚备案' }))
    const filingDialog = page.getByRole('dialog', { name: '当场处罚备案' })
    await filingDialog.waitFor()
    assert.match(await filingDialog.innerText(), new RegExp(`易公交简〔2026〕0107-${size.width}号.*易县公安局`))
    await filingDialog.getByLabel('备注').fill('已报局法制大队备案')
    await press(filingDialog.getByRole('button', { name: '确认备案' }))
    await filingDialog.waitFor({ state: 'hidden' })
    await filing.getByText('已备案').waitFor()
    assert.match(await filing.innerText(), /报易县公安局，张伟/)
    assert.match(await filing.innerText(), /已报局法制大队备案/)
    assert.equal(await filing.getByText('待备案').count(), 0)
    await actions.getByRole('button', { name: '当场处罚备案' }).waitFor({ state: 'detached' })
    assert.equal(await page.locator('[data-testid="deadline-simple_filing"]').count(), 0)
    await page.locator('[aria-label="事件时间线"]').getByText('当场处罚备案', { exact: true }).waitFor()

    // As the server has it.
    const c = await page.evaluate(async (id) => (await fetch('/api/v1/cases/' + id)).json(), caseId)
    assert.equal(c.stage, 'service_execution')
    assert.equal(c.procedure, 'simple')
    assert.equal(c.approvals.length, 0, 'no start approval')
    assert.equal(c.on_the_spot.fine_yuan, 50)
    assert.equal(c.on_the_spot.matter, 'traffic')
    assert.equal(c.on_the_spot.disputed, true)
    assert.equal(c.on_the_spot.adopted, false)
    assert.equal(c.on_the_spot.recording_device, 'DSJ-0107')
    assert.deepEqual(c.on_the_spot.collected, { receipt_no: `冀财罚〔2026〕No.00${size.width}`, ground: 'small' })
    assert.equal(c.on_the_spot.filing.note, '已报局法制大队备案')
    assert.deepEqual(await overflow(page), [])
    await shot(page, `simple-procedure-filed-${size.width}`)
    await page.context().close()
  })
}

test("the server's 400 lands at the field it names", async () => {
  const page = await signedInAs(browser, server.url, 'officer1')
  const made = await page.evaluate(async () => {
    const csrf = (/(?:^|;\s*)qc_csrf=([0-9a-f]+)/.exec(document.cookie) ?? [])[1] ?? ''
    const res = await fetch('/api/v1/cases', {
      method: 'POST', headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': csrf },
      body: JSON.stringify({
        start_mode: 'ex_officio', title: '简易程序服务端校验', procedure: 'simple', procedure_reason: '事实清楚，罚款数额小',
        parties: [{ kind: 'legal_person', name: '易县简易测试有限公司', legal_representative: '钱某' }],
        start_form: { cause: '巡查发现' },
      }),
    })
    return res.json()
  })
  await page.goto(server.url + '/cases/' + made.case.id)
  // What only the server knows (here: a duplicate document number, say) lands at its field.
  await page.route('**/on-the-spot-decision', (route) => route.fulfill({
    status: 400, contentType: 'application/json',
    body: JSON.stringify({ code: 'invalid_field', message: '该当场处罚决定书编号已使用', field: 'decision_no' }),
  }))
  await page.getByRole('button', { name: '当场处罚决定' }).click()
  const dialog = page.getByRole('dialog', { name: '当场处罚决定' })
  await choose(dialog, '案件类别', '其他').click()
  await dialog.getByLabel('违法事实').fill('公司在经营场所门前违规堆放物品，影响通行')
  await dialog.getByLabel('处罚依据').fill('公安机关办理行政案件程序规定第三十七条')
  await dialog.getByLabel('当场处罚决定书编号').fill('易公简〔2026〕0001号')
  await dialog.getByLabel('处罚地点').fill('易县城关镇')
  await choose(dialog, '处罚种类', '罚款').click()
  // A unit: up to 1000 元 under "other".
  await dialog.getByLabel('罚款数额（元）').fill('800')
  await dialog.getByLabel('当事人陈述申辩').fill('未提出')
  await dialog.getByLabel('复核意见及是否采纳的理由').fill('未提出陈述申辩')
  await dialog.getByRole('button', { name: '记录决定' }).click()
  await itemOf(dialog, '当场处罚决定书编号').locator('.el-form-item__error', { hasText: '该当场处罚决定书编号已使用' }).waitFor()
  assert.deepEqual(await fieldErrors(dialog), ['该当场处罚决定书编号已使用'])
  await page.context().close()
})
