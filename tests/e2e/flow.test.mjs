// The web application in Debian's Chromium against the real server (Release build, demo data):
// the 依职权 start-approval chain across three users (the action buttons follow the server's
// available_actions: the officer's change with the case, a reviewer gets none), the 依申请 补正材料已收到 on the demo application, login errors (and the public
// vocabulary), an API field error shown at its
// field, another 执法队's officer refused, and a screenshot of every page (tests/e2e/artifacts/).
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { startServer, launchBrowser, pageAs, login, shot, pageApi } from './harness.mjs'

let server, browser
before(async () => {
  server = await startServer()
  browser = await launchBrowser()
})
after(async () => {
  await browser?.close()
  await server?.stop()
})

// Opens the wizard for a 依职权 case and fills it up to the confirmation step.
async function fillExOfficio(page, title, { simple = false } = {}) {
  await page.goto(server.url + '/cases/new?mode=ex_officio')
  await page.getByLabel('案件名称').fill(title)
  if (simple) {
    // 简易程序 needs its reason; such a case starts at once, without a start approval (tests/e2e/simple-procedure.test.mjs).
    await page.getByRole('radio', { name: '简易程序' }).check({ force: true })
    await page.getByLabel('适用简易程序理由').fill('违法事实确凿，有法定依据，罚款数额较小，当场处罚')
  }
  await page.getByRole('button', { name: '下一步' }).click()
  await page.getByLabel('当事人名称').or(page.getByLabel('当事人姓名')).first().fill('易县金嗓子娱乐有限公司')
  await page.getByRole('button', { name: '添加当事人' }).click()
  await page.getByRole('button', { name: '下一步' }).click()
  await page.getByLabel('启动原因').fill('夜间巡查发现该KTV取得许可后未向县级公安部门备案即营业')
  await page.getByRole('button', { name: '下一步' }).click()
}

// The officer's action buttons of a case detail page, and the server's available_actions as those
// buttons name them: the buttons follow what the server allows this user now.
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

async function decide(url, username, caseNumber, opinion) {
  const page = await pageAs(browser, url, username)
  await page.waitForURL((u) => !u.pathname.startsWith('/login'))
  await page.goto(url + '/approvals')
  await page.getByRole('button', { name: '审批 ' + caseNumber }).click()
  // Nothing is preselected; a reviewer is offered 同意 and 退回 only (Art. 7: only the 负责人 refuses).
  const dialog = page.getByRole('dialog')
  const choices = await dialog.getByRole('radiogroup', { name: '审批结果' }).locator('.el-radio').allTextContents()
  assert.deepEqual(choices.map((t) => t.trim()), username.startsWith('approver') ? ['同意', '退回', '不予批准'] : ['同意', '退回'])
  assert.equal(await dialog.locator('.el-radio.is-checked').count(), 0)
  await dialog.locator('.el-radio', { hasText: '同意' }).click()
  await page.getByLabel('审批意见').fill(opinion)
  await shot(page, `approvals-${username}`)
  await page.getByRole('button', { name: '提交审批' }).click()
  await page.getByRole('button', { name: '审批 ' + caseNumber }).waitFor({ state: 'detached' })
  await page.context().close()
}

test('依职权: officer1 submits, reviewer1 reviews, approver1 approves, the case reaches 调查取证', async () => {
  const page = await pageAs(browser, server.url, 'officer1')
  await page.waitForURL((u) => !u.pathname.startsWith('/login'))
  await shot(page, 'dashboard')
  await fillExOfficio(page, '金嗓子KTV未按规定备案经营案（浏览器测试）')
  await shot(page, 'new-case')
  await page.getByRole('button', { name: '提交登记' }).click()
  await page.waitForURL(/\/cases\/case_/)
  const caseUrl = page.url()
  const caseId = caseUrl.split('/cases/')[1]
  // The stages as the server's vocabulary names them.
  await page.locator('[aria-label="办理阶段"] .el-step__title').first().waitFor()
  assert.deepEqual(
    (await page.locator('[aria-label="办理阶段"] .el-step__title').allTextContents()).map((t) => t.trim()),
    ['程序启动', '调查取证', '审查决定', '送达执行', '归档管理'],
  )
  // A new 依职权 case may be submitted for approval: the officer is offered exactly what the server allows.
  const opened = await getCase(page, caseId)
  assert.equal(opened.available_actions.submit_start_approval.allowed, true)
  assert.deepEqual(await offered(page), allowed(opened))
  await page.getByRole('button', { name: '提交启动审批' }).click()
  await page.getByLabel('承办人意见').fill('建议启动调查程序')
  await page.getByLabel('理由').fill('备案过期仍营业，事实初步清楚')
  await page.getByRole('dialog').getByRole('button', { name: '提交', exact: true }).click()
  await page.getByRole('dialog').waitFor({ state: 'hidden' })
  // Awaiting approval, it may not be submitted again: the button is gone, as the server says.
  await page.getByRole('button', { name: '提交启动审批' }).waitFor({ state: 'detached' })
  const number = await page.locator('[data-testid="case-number"]').textContent().catch(() => null)
  await shot(page, 'case-detail-submitted')

  // The case number as the approval inbox shows it.
  const detail = await getCase(page, caseId)
  const caseNumber = number?.trim() || detail.number
  assert.equal(detail.status, 'awaiting_approval')
  assert.equal(detail.available_actions.submit_start_approval.allowed, false)
  assert.ok(detail.available_actions.submit_start_approval.reason)
  assert.deepEqual(await offered(page), allowed(detail))
  assert.ok((await offered(page)).length > 0, 'the officer still has actions while the approval is open')

  // reviewer1 (not an officer of the case) sees the case but none of the officer's actions; the
  // server says why for each.
  const reviewer = await pageAs(browser, server.url, 'reviewer1')
  await reviewer.waitForURL((u) => !u.pathname.startsWith('/login'))
  await reviewer.goto(caseUrl)
  await reviewer.getByRole('heading', { name: '金嗓子KTV未按规定备案经营案（浏览器测试）' }).waitFor()
  assert.deepEqual(await offered(reviewer), [])
  const seen = await getCase(reviewer, caseId)
  // One entry per command: the twelve before, 当场处罚决定, 当场处罚备案 (简易程序), 解除现场措施,
  // 查明当事人身份 (紧急启动), 登记案由和违法时间地点, and the later stages' 提交处理决定审批, 登记送达,
  // 登记执行情况 and 归档封存, and a complaint's 受案, 移送 and 书面告知.
  assert.equal(Object.keys(seen.available_actions).length, 24)
  for (const [cmd, a] of Object.entries(seen.available_actions)) {
    assert.equal(a.allowed, false, cmd)
    assert.ok(a.reason, cmd)
  }
  await reviewer.context().close()

  await decide(server.url, 'reviewer1', caseNumber, '同意，报局领导审批')
  await decide(server.url, 'approver1', caseNumber, '同意启动')

  await page.goto(caseUrl)
  await page.locator('[data-testid="current-stage"]').getByText('调查取证').waitFor()
  assert.equal((await page.locator('[data-testid="current-stage"]').textContent()).trim(), '调查取证')
  // Approved: no second submission; the officer may move the case on.
  const approved = await getCase(page, caseId)
  assert.equal(approved.available_actions.submit_start_approval.allowed, false)
  assert.equal(approved.available_actions.advance_stage.allowed, true)
  assert.deepEqual(await offered(page), allowed(approved))
  assert.equal(await page.getByRole('button', { name: '提交启动审批' }).count(), 0)
  await page.getByRole('button', { name: '进入下一阶段' }).waitFor()
  // The approval's steps as the server names them.
  const steps = page.locator('.el-table[aria-label="审批记录第1次"]')
  await steps.getByText('承办人提交').waitFor()
  await steps.getByText('负责人批准').waitFor()
  await shot(page, 'case-detail')
  await page.goto(server.url + '/cases')
  await page.getByText('金嗓子KTV未按规定备案经营案（浏览器测试）').first().waitFor()
  await shot(page, 'cases')

  // officer2 of 城关派出所 cannot open it.
  const other = await pageAs(browser, server.url, 'officer2')
  await other.waitForURL((u) => !u.pathname.startsWith('/login'))
  await other.goto(caseUrl)
  await other.getByText('无权查看').first().waitFor()
  assert.equal(await other.getByText('金嗓子KTV未按规定备案经营案（浏览器测试）').count(), 0)
  await other.context().close()
  await page.context().close()
})

test('a wrong password shows an error and stays on the login page', async () => {
  const page = await pageAs(browser, server.url, null)
  await login(page, server.url, 'officer1', 'wrong-password')
  await page.getByRole('alert').getByText('用户名或密码错误').waitFor()
  // The vocabulary is public: it answers without a session.
  const vocabulary = await page.evaluate(async () => (await fetch('/api/v1/vocabulary')).json())
  assert.deepEqual(
    vocabulary.roles.map((r) => r.label),
    ['执法人员', '审核人', '负责人', '法制员', '档案管理员', '系统管理员'],
  )
  assert.equal(vocabulary.case_commands.find((c) => c.value === 'submit_start_approval').label, '提交启动审批')
  assert.match(new URL(page.url()).pathname, /^\/login/)
  await shot(page, 'login')
  await page.context().close()
})

test("a field error appears next to its field: the page's own check first, then the API's", async () => {
  const page = await pageAs(browser, server.url, 'officer1')
  await page.waitForURL((u) => !u.pathname.startsWith('/login'))
  // 简易程序 without its reason: said at the field before anything is sent (issue 12 §10.2).
  await page.goto(server.url + '/cases/new?mode=ex_officio')
  await page.getByLabel('案件名称').fill('简易程序未写理由的案件')
  await page.getByRole('radio', { name: '简易程序' }).check({ force: true })
  await page.getByRole('button', { name: '下一步' }).click()
  const reason = page.locator('.el-form-item', { has: page.getByLabel('适用简易程序理由') })
  await reason.locator('.el-form-item__error', { hasText: '适用简易程序须记录具体条件（第二十三条）' }).waitFor()
  // What only the server knows (here: a 400 it answers for the title) lands at the field it names.
  await page.getByRole('radio', { name: '普通程序' }).check({ force: true })
  await page.route('**/api/v1/cases', (route) =>
    route.request().method() === 'POST'
      ? route.fulfill({ status: 400, contentType: 'application/json',
          body: JSON.stringify({ code: 'invalid_field', message: '案件名称与已有案件重复', field: 'title' }) })
      : route.continue())
  await fillExOfficio(page, '简易程序未写理由的案件')
  await page.getByRole('button', { name: '提交登记' }).click()
  const item = page.locator('.el-form-item', { has: page.getByLabel('案件名称') })
  await item.locator('.el-form-item__error', { hasText: '案件名称与已有案件重复' }).waitFor()
  assert.match(new URL(page.url()).pathname, /^\/cases\/new/)
  await shot(page, 'new-case-field-error')
  await page.context().close()
})

test('every other page renders: users (admin), ledger (legal1), tablet width', async () => {
  const admin = await pageAs(browser, server.url, 'admin')
  await admin.waitForURL(/\/users/)
  await admin.getByText('officer1').first().waitFor()
  await shot(admin, 'users')
  await admin.context().close()

  const legal = await pageAs(browser, server.url, 'legal1')
  await legal.waitForURL((u) => !u.pathname.startsWith('/login'))
  await legal.goto(server.url + '/ledger')
  await legal.locator('[data-testid="consistency-result"]').waitFor()
  const first = await legal.evaluate(async () => (await (await fetch('/api/v1/ledger/checkpoint')).text()).split('\n')[1])
  // The log grows (officer1 opens a case); once a newer checkpoint is signed, the page checks it
  // against the one this browser saw, with a consistency proof verified in the browser.
  const officer = await pageAs(browser, server.url, 'officer1')
  await officer.waitForURL((u) => !u.pathname.startsWith('/login'))
  const made = await pageApi(officer, 'POST', '/api/v1/cases',
    { start_mode: 'ex_officio', title: '账本一致性测试', start_form: { cause: '巡查发现' } })
  assert.ok(made.case.id)
  await officer.context().close()
  for (let i = 0; i < 50; i++) {
    const size = await legal.evaluate(async () => (await (await fetch('/api/v1/ledger/checkpoint')).text()).split('\n')[1])
    if (Number(size) > Number(first)) break
    await legal.waitForTimeout(200)
  }
  await legal.reload()
  await legal.locator('[data-testid="consistency-result"]').getByText('一致', { exact: true }).waitFor()
  await shot(legal, 'ledger')
  await legal.context().close()

  const tablet = await pageAs(browser, server.url, 'officer1', { width: 1024, height: 768 })
  await tablet.waitForURL((u) => !u.pathname.startsWith('/login'))
  await tablet.goto(server.url + '/cases')
  await tablet.getByText('金嗓子KTV未按规定备案经营案').first().waitFor()
  const overflow = await tablet.evaluate(() => document.documentElement.scrollWidth > window.innerWidth + 1)
  assert.equal(overflow, false, 'no horizontal scrolling at 1024 px')
  await shot(tablet, 'cases-tablet')
  await tablet.context().close()
})

test('依申请: officer1 records the supplement materials received on the demo application; the event is in the timeline', async () => {
  const title = '易县商贸博览会大型群众性活动安全许可申请'
  const page = await pageAs(browser, server.url, 'officer1')
  await page.waitForURL((u) => !u.pathname.startsWith('/login'))
  await page.goto(server.url + '/cases')
  await page.getByText(title).first().click()
  await page.waitForURL(/\/cases\/case_/)
  await page.getByRole('heading', { name: title }).waitFor()
  const timeline = page.locator('[aria-label="事件时间线"]')
  await timeline.getByText('一次性告知补正').waitFor()
  const before = await page.locator('[data-testid^="event-"]').count()

  // The demo issued the one-time supplement notice: 补正材料已收到 is offered, a second notice is not.
  assert.equal(await page.getByRole('button', { name: '一次性告知补正材料' }).count(), 0)
  await page.getByRole('button', { name: '补正材料已收到' }).click()
  const dialog = page.getByRole('dialog', { name: '补正材料已收到' })
  const items = dialog.getByLabel('收到的材料')
  assert.match(await items.inputValue(), /大型群众性活动安全工作方案/)  // prefilled from the notice
  await dialog.getByLabel('备注').fill('申请人当面补交，材料齐全')
  await dialog.getByRole('button', { name: '提交', exact: true }).click()
  await dialog.waitFor({ state: 'hidden' })

  // The new events, with their ledger indexes, at the end of the timeline: the materials received,
  // then the 材料接收凭证 the system issues with them (行政许可法第三十二条第二款).
  const events = page.locator('[data-testid^="event-"]')
  await events.nth(before + 1).waitFor()
  const received = events.nth(before)
  await received.getByText('登记补正材料').waitFor()
  await received.getByText('申请人当面补交，材料齐全').waitFor()
  const last = events.last()
  await last.getByText(/材料接收凭证 易公凭字〔2026〕\d+号/).waitFor()
  const testid = await received.getAttribute('data-testid')
  const index = Number(testid.replace('event-', ''))
  assert.ok(Number.isInteger(index) && index >= 0)
  assert.match(await received.textContent(), new RegExp('账本序号 ' + index + ' '))
  const caseId = new URL(page.url()).pathname.split('/cases/')[1]
  const api = await page.evaluate(async (id) => (await fetch('/api/v1/cases/' + id + '/events')).json(), caseId)
  const recorded = api.items.at(-2)
  assert.equal(recorded.type, 'SupplementReceived')
  assert.equal(recorded.index, index)
  assert.equal(api.items.at(-1).type, 'ReceiptIssued')
  // Recorded once only: the action is no longer offered, and the application record shows it.
  await page.getByRole('button', { name: '补正材料已收到' }).waitFor({ state: 'detached' })
  await page.getByText(/已收到：大型群众性活动安全工作方案/).waitFor()
  await last.scrollIntoViewIfNeeded()
  await shot(page, 'case-detail-application')
  await page.context().close()
})
