// What becomes of a complaint (Art. 11; 公安机关办理行政案件程序规定第六十一条; issue 12 §4) in the
// browser, at 1366×768 and on a 768×1024 touch tablet, as officer2 of 城关派出所 (scenario B's team):
// 受案 with its numbered 受案回执 (the start approval is offered only after it); 不予启动 approved by
// reviewer1 and approver1 through the API, then the written notice registered in its dialog — every
// missing field said at once, in Chinese, at its field — and shown on the case; 移送 to the competent
// unit, which ends the case as 已移送. Also: the dialogs' pure rules (web/src/utils/complaintOutcome.ts),
// run in Node.
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { startServer, launchBrowser, signedInAs, shot, apiAs, fieldErrors, importWebUtil } from './harness.mjs'

const SIZES = [
  { width: 1366, height: 768 },
  { width: 768, height: 1024, touch: true },
]
const ENGLISH = /is required|required|invalid|must be/i

let server, browser, rules, dir
before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'qc-complaint-'))
  rules = await importWebUtil(dir, 'complaintOutcome', ['stageRecords', 'time'])
  server = await startServer()
  browser = await launchBrowser()
})
after(async () => {
  await browser?.close()
  await server?.stop()
  if (dir) rmSync(dir, { recursive: true, force: true })
})

const api = (username, method, path, body) => apiAs(server.url, username, method, path, body)

/** "YYYY-MM-DD HH:mm:ss" in China Standard Time, `minutesAgo` before now (as the date picker takes it). */
const chinaTime = (minutesAgo) =>
  new Date(Date.now() + 8 * 3600e3 - minutesAgo * 60e3).toISOString().slice(0, 19).replace('T', ' ')

/** The same for the moment `ms`. */
const chinaTimeAt = (ms) => new Date(ms + 8 * 3600e3).toISOString().slice(0, 19).replace('T', ' ')

/** A complaint registered by officer2, named or anonymous. */
async function complaint(title, named = true) {
  const { case: c } = await api('officer2', 'POST', '/api/v1/cases', {
    start_mode: 'complaint', title,
    complaint: {
      channel: 'visit', content: '城关镇西街加工作坊夜间噪声扰民',
      complainant: named ? { name: '刘桂兰', phone: '13903120456' } : { anonymous: true },
    },
  })
  return c
}

/** The case page of `c`, loaded. */
async function openCase(page, c) {
  await page.goto(server.url + '/cases/' + c.id)
  await page.getByRole('heading', { name: c.title }).waitFor()
  await page.getByRole('button', { name: '刷新' }).waitFor()
}

/** Types a China time into the date-time picker labelled `label`, then closes its panel. */
async function pickTime(dialog, label, value) {
  const field = dialog.getByRole('combobox', { name: label }).or(dialog.getByRole('textbox', { name: label }))
  await field.fill(value)
  await field.press('Enter')
  // Enter takes the value and closes the panel; a panel that stays (a loaded machine) is closed with
  // Escape in the field, which the picker stops there, so the dialog stays open.
  const panel = dialog.page().locator('.el-picker-panel:visible')
  await panel.waitFor({ state: 'hidden', timeout: 2000 }).catch(() => field.press('Escape'))
  await panel.waitFor({ state: 'hidden' })
}

/** Waits until exactly `messages` are shown at the fields of `dialog`, each once. */
async function expectErrors(dialog, messages) {
  for (const m of messages) await dialog.locator('.el-form-item__error:visible', { hasText: m }).first().waitFor()
  await dialog.page().waitForFunction(
    ([n]) => [...document.querySelectorAll('.el-dialog .el-form-item__error')].filter((e) => e.offsetParent).length === n,
    [messages.length],
  )
  assert.doesNotMatch(await dialog.innerText(), ENGLISH)
}

// ---- The pure rules -------------------------------------------------------------------------------

test('rules: 受案, 移送 and the written notice, as the server checks them', () => {
  const now = Date.parse('2026-03-15T12:00:00+08:00')
  assert.equal(rules.complainantUnnamed({ complaint: { complainant: { anonymous: true } } }), true)
  assert.equal(rules.complainantUnnamed({ complaint: { complainant: { name: '刘桂兰' } } }), false)
  assert.deepEqual(rules.acceptanceProblems({ no_receipt_reason: '' }, false), {})
  assert.equal(rules.acceptanceProblems({ no_receipt_reason: '' }, true).no_receipt_reason, '请说明无法交付受案回执的原因')
  assert.equal(rules.acceptanceProblems({ no_receipt_reason: '匿名' }, true).no_receipt_reason, '原因过于简略（至少 4 个字）')

  // 移送: all four at once for a named complainant; the complainant told optional when anonymous.
  const empty = rules.transferProblems(rules.emptyTransferForm(), false, now)
  assert.deepEqual(Object.keys(empty).sort(), ['complainant_told', 'reason', 'to_authority', 'transferred_at'])
  assert.equal(rules.transferProblems(rules.emptyTransferForm(), true, now).complainant_told, undefined)
  const t = { to_authority: '易县公安局交通警察大队', reason: '属道路交通管理，不属于本单位管辖', transferred_at: '2026-03-15T11:00:00', complainant_told: '已当面告知投诉人' }
  assert.deepEqual(rules.transferProblems(t, false, now), {})
  assert.equal(rules.transferProblems({ ...t, transferred_at: '2026-03-15T12:30:00' }, false, now).transferred_at, '移送时间不能晚于当前时间')
  assert.equal(rules.transferProblems(t, false, now, '2026-03-15T03:30:00.000Z').transferred_at, '移送时间不能早于接报时间')
  assert.equal(rules.complaintReceivedAt({ complaint: { received_at: 'R' }, created_at: 'C' }), 'R')
  assert.equal(rules.complaintReceivedAt({ complaint: {}, created_at: 'C' }), 'C')
  assert.deepEqual(rules.transferInput(t), { ...t, transferred_at: '2026-03-15T11:00:00+08:00' })

  // 书面告知: the method first; a written one needs its time and proof, email the consent; impossible its reason.
  assert.deepEqual(rules.noticeProblems(rules.emptyNoticeForm(), now), { method: '请选择告知方式' })
  const direct = { ...rules.emptyNoticeForm(), method: 'direct' }
  assert.deepEqual(Object.keys(rules.noticeProblems(direct, now)).sort(), ['notified_at', 'proof'])
  const served = { ...direct, notified_at: '2026-03-15T10:00:00', proof: '送达回证，投诉人签收' }
  assert.deepEqual(rules.noticeProblems(served, now), {})
  assert.equal(rules.noticeProblems(served, now, '2026-03-15T02:30:00.000Z').notified_at, '告知时间不能早于负责人批准不予启动的时间')
  assert.deepEqual(rules.noticeProblems(served, now, '2026-03-15T02:00:00.500Z'), {}, 'the same second as the approval')
  assert.equal(rules.noticeProblems({ ...served, method: 'email' }, now).electronic_consent, '电子方式送达须经投诉人同意')
  assert.deepEqual(rules.noticeProblems({ ...served, method: 'email', electronic_consent: true }, now), {})
  assert.equal(rules.noticeProblems({ ...direct, method: 'impossible' }, now).impossible_reason, '请说明无法书面告知的原因')
  assert.deepEqual(rules.noticeInput(served), { method: 'direct', notified_at: '2026-03-15T10:00:00+08:00', proof: '送达回证，投诉人签收' })
  assert.deepEqual(rules.noticeInput({ ...served, method: 'impossible', impossible_reason: ' 匿名举报，无地址 ' }),
    { method: 'impossible', impossible_reason: '匿名举报，无地址' })
})

// ---- In the browser -------------------------------------------------------------------------------

for (const size of SIZES) {
  test(`complaint at ${size.width}×${size.height}${size.touch ? ' (touch)' : ''}: 受案, 不予启动 and its notice, 移送`, async () => {
    const page = await signedInAs(browser, server.url, 'officer2', size)
    const press = (loc) => (size.touch ? loc.tap() : loc.click())
    const actions = page.getByRole('group', { name: '可执行的操作' })

    // 受案: the start approval waits for it; the receipt is numbered by the system.
    const a = await complaint(`投诉受案测试 ${size.width}`)
    await openCase(page, a)
    assert.equal(await actions.getByRole('button', { name: '提交启动审批' }).count(), 0)
    await press(actions.getByRole('button', { name: '受案' }))
    let dialog = page.getByRole('dialog', { name: '受案' })
    await dialog.getByText('交投诉举报人 刘桂兰', { exact: false }).waitFor()
    await press(dialog.getByRole('button', { name: '受案' }))
    await dialog.waitFor({ state: 'hidden' })
    await page.getByText(/受案回执 易公受案字〔2026〕\d+号（交 刘桂兰）/).first().waitFor()
    await actions.getByRole('button', { name: '提交启动审批' }).waitFor()
    await actions.getByRole('button', { name: '受案' }).waitFor({ state: 'detached' })

    // 不予启动 through the chain, then the written notice registered here.
    const b = await complaint(`投诉不予启动测试 ${size.width}`)
    const submitted = await api('officer2', 'POST', `/api/v1/cases/${b.id}/complaint/not-started`, {
      reason: '工业噪声污染防治由生态环境主管部门负责，不属于本机关职责范围',
      notice_no: `易公城不启字〔2026〕${size.width}号`, competent_authority: '保定市生态环境局易县分局',
    })
    const approval = submitted.case.approvals.at(-1).id
    await api('reviewer1', 'POST', `/api/v1/approvals/${approval}/decision`, { decision: 'approve', opinion: '核查属实，同意不予启动' })
    await api('approver1', 'POST', `/api/v1/approvals/${approval}/decision`, { decision: 'approve', opinion: '同意' })
    await openCase(page, b)
    await page.getByText('负责人已批准，尚未登记书面告知').waitFor()
    await press(actions.getByRole('button', { name: '登记书面告知' }))
    dialog = page.getByRole('dialog', { name: '登记书面告知' })
    await dialog.getByText('电话、短信不是书面告知').waitFor()
    await press(dialog.getByRole('button', { name: '登记' }))
    await expectErrors(dialog, ['请选择告知方式'])
    await press(dialog.locator('label.el-radio', { hasText: /^直接送达$/ }))
    await press(dialog.getByRole('button', { name: '登记' }))
    await expectErrors(dialog, ['请选择告知时间', '请填写送达凭证：送达回证（投诉人签收）'])
    await shot(page, `complaint-notice-errors-${size.width}`)
    // Not before the approval: said at its field before anything is sent.
    await pickTime(dialog, '告知时间', chinaTime(30))
    await dialog.getByLabel('送达凭证').fill('送达回证，投诉人刘桂兰签收')
    await press(dialog.getByRole('button', { name: '登记' }))
    await expectErrors(dialog, ['告知时间不能早于负责人批准不予启动的时间'])
    // The approval's second, once the clock has reached it (the picker counts whole seconds).
    const approved = await api('officer2', 'GET', `/api/v1/cases/${b.id}`)
    const approvedAt = Math.ceil(Date.parse(approved.complaint.not_started.at) / 1000) * 1000
    await page.waitForFunction((t) => Date.now() >= t, approvedAt)
    await pickTime(dialog, '告知时间', chinaTimeAt(approvedAt))
    await press(dialog.getByRole('button', { name: '登记' }))
    await dialog.waitFor({ state: 'hidden' })
    await page.getByText('凭证 送达回证，投诉人刘桂兰签收', { exact: false }).first().waitFor()  // the record and the timeline
    await actions.getByRole('button', { name: '登记书面告知' }).waitFor({ state: 'detached' })
    const noticed = await api('officer2', 'GET', `/api/v1/cases/${b.id}`)
    assert.equal(noticed.complaint.not_started.notice_method, 'direct')
    assert.equal(noticed.complaint.not_started.served, true)

    // 移送: every field at once, then the case ends as 已移送.
    const c = await complaint(`投诉移送测试 ${size.width}`)
    await openCase(page, c)
    await press(actions.getByRole('button', { name: '移送有管辖权的单位' }))
    dialog = page.getByRole('dialog', { name: '移送有管辖权的单位' })
    await press(dialog.getByRole('button', { name: '移送' }))
    await expectErrors(dialog, ['请填写有管辖权的单位', '请填写移送理由', '请选择移送时间', '请填写告知投诉人的情况'])
    await dialog.getByLabel('有管辖权的单位').fill('易县公安局交通警察大队')
    await dialog.getByLabel('移送理由').fill('举报事项属道路交通管理，不属于本单位管辖')
    await pickTime(dialog, '移送时间', chinaTime(10))
    // Before the complaint was registered: said at its field (the others already put right).
    await expectErrors(dialog, ['移送时间不能早于接报时间', '请填写告知投诉人的情况'])
    const registered = Math.ceil(Date.parse(c.created_at) / 1000) * 1000
    await page.waitForFunction((t) => Date.now() >= t, registered)
    await pickTime(dialog, '移送时间', chinaTimeAt(registered))
    await dialog.getByLabel('告知投诉人的情况').fill('已当面告知投诉人移送交警大队处理')
    await press(dialog.getByRole('button', { name: '移送' }))
    await dialog.waitFor({ state: 'hidden' })
    await page.getByText('移送 易县公安局交通警察大队', { exact: false }).first().waitFor()
    const moved = await api('officer2', 'GET', `/api/v1/cases/${c.id}`)
    assert.equal(moved.status, 'transferred')
    assert.equal(moved.complaint.transferred.late, false)
    assert.deepEqual(await fieldErrors(page), [])
    await shot(page, `complaint-transferred-${size.width}`)
    await page.context().close()
  })
}
