// The written records (文书) of a case, generated from the catalogue (issue 13), in the browser at
// 1366×768: a case of scenario A (易县金嗓子娱乐有限公司, 法定代表人 周涛) brought to 调查取证 through the
// API; officer1 opens it, 制作文书 offers only the types of 调查取证 under the ordinary procedure, and
// the 询问笔录 is drafted in its generated form — saved once without its 问答内容, the server's error
// shown at that field — then saved; refused issue until two officers and the party sign (the party
// on the canvas by mouse), then issued, read-only from then on. A 终止案件调查决定书 submitted for approval shows the reviewer
// what it would issue (the type, the version, the series of its 文号, its fields). Also: the form's conversions (web/src/utils/recordFields.ts)
// run in Node.
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { startServer, launchBrowser, signedInAs, shot, apiAs, importWebUtil } from './harness.mjs'

let server, browser, fields, dir
before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'qc-documents-'))
  fields = await importWebUtil(dir, 'recordFields', ['time'])
  server = await startServer()
  browser = await launchBrowser()
})
after(async () => {
  await browser?.close()
  await server?.stop()
  if (dir) rmSync(dir, { recursive: true, force: true })
})

// ---- The form's conversions -----------------------------------------------------------------------

test('fields: money in 元 on the form and 分 on the wire, CST times, blanks left out, errors by path', () => {
  const defs = [
    { name: 'title', label: '标题', type: 'text', required: true },
    { name: 'fine', label: '罚款', type: 'money' },
    { name: 'at', label: '时间', type: 'datetime' },
    { name: 'ok', label: '是否', type: 'boolean' },
    {
      name: 'items', label: '物品', type: 'list',
      columns: [{ name: 'name', label: '名称', type: 'text' }, { name: 'value', label: '价值', type: 'money' }],
    },
  ]
  const form = fields.toForm(defs, { fine: 500050, at: '2026-03-14T01:10:00+08:00', items: [{ name: '游戏机', value: 120000 }] })
  assert.equal(form.title, '')
  assert.equal(form.fine, 5000.5)
  assert.equal(form.at, '2026-03-14T01:10:00')
  assert.equal(form.ok, null)
  assert.equal(form.items[0].value, 1200)
  form.title = '  标题 '
  form.ok = false
  assert.deepEqual(fields.fromForm(defs, form), {
    title: '标题', fine: 500050, at: '2026-03-14T01:10:00+08:00', ok: false, items: [{ name: '游戏机', value: 120000 }],
  })
  assert.deepEqual(fields.fromForm(defs, fields.toForm(defs)), {})
  assert.equal(fields.yuanToFen(0.29), 29)
  const errors = { 'fields.items[1]': '行不完整', 'fields.items[0].value': '请填写价值' }
  assert.equal(fields.errorAt(errors, 'fields.items[0].value'), '请填写价值')
  assert.equal(fields.listErrorAt(errors, 'fields.items'), '第 2 行：行不完整')
  assert.equal(fields.listErrorAt({ 'fields.items[0].value': 'x' }, 'fields.items'), '')
  assert.equal(fields.valueText({ type: 'money' }, 500050), '5000.50 元')
  assert.equal(fields.valueText(defs[3], true), '是')
})

// ---- Helpers --------------------------------------------------------------------------------------

/** officer1's 协办 (another police officer of the unit) and a case of scenario A in 调查取证. */
async function caseInInvestigation(title) {
  const co = [(await apiAs(server.url, 'officer3', 'GET', '/api/v1/auth/me')).id]
  const { case: c } = await apiAs(server.url, 'officer1', 'POST', '/api/v1/cases', {
    start_mode: 'ex_officio', title, co_officers: co,
    parties: [{ kind: 'legal_person', name: '易县金嗓子娱乐有限公司', legal_representative: '周涛' }],
    start_form: { cause: '夜间巡查发现该KTV治安备案已过期仍在营业' },
    offence: { cause: '娱乐场所未按规定备案' },
  })
  const submitted = await apiAs(server.url, 'officer1', 'POST', `/api/v1/cases/${c.id}/start-approval`, { opinion: '建议启动调查程序' })
  const approval = submitted.case.approvals.at(-1).id
  await apiAs(server.url, 'reviewer1', 'POST', `/api/v1/approvals/${approval}/decision`, { decision: 'approve', opinion: '同意，报负责人' })
  const approved = await apiAs(server.url, 'approver1', 'POST', `/api/v1/approvals/${approval}/decision`, { decision: 'approve', opinion: '同意启动' })
  assert.equal(approved.case.stage, 'investigation')
  return { ...approved.case, coUsername: 'officer3' }
}

/** A bearer token of `username` (demo password). */
async function tokenOf(username) {
  const res = await fetch(`${server.url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ username, password: 'Demo@2026' }),
  })
  return (await res.json()).token
}

/** Picks `option` of the select labelled `label` in `scope`. */
async function choose(scope, label, option) {
  const page = scope.page()
  const combo = page.getByRole('combobox', { name: label, exact: true })
  await scope.locator('.el-select__wrapper', { has: combo }).click()
  await page.locator('.el-select-dropdown:visible').getByRole('option', { name: option, exact: true }).click()
}

/** Types a China time into the date-time picker labelled `label`, then closes its panel (complaint.test.mjs). */
async function pickTime(scope, label, value) {
  const field = scope.getByRole('combobox', { name: label }).or(scope.getByRole('textbox', { name: label }))
  await field.fill(value)
  await field.press('Enter')
  const panel = scope.page().locator('.el-picker-panel:visible')
  await panel.waitFor({ state: 'hidden', timeout: 2000 }).catch(() => field.press('Escape'))
  await panel.waitFor({ state: 'hidden' })
}

const radio = (scope, group, label) =>
  scope.getByRole('radiogroup', { name: group, exact: true }).locator('label.el-radio', { hasText: new RegExp(`^${label}$`) })

// ---- The 询问笔录 in the browser ---------------------------------------------------------------------

test('询问笔录: drafted in the generated form, a field error at its field, signed on the canvas, issued', async () => {
  const c = await caseInInvestigation('文书：金嗓子KTV未备案营业')
  const page = await signedInAs(browser, server.url, 'officer1')
  await page.goto(server.url + '/cases/' + c.id)
  const panel = page.locator('[data-testid="documents"]')
  await panel.getByText('尚未制作文书').waitFor()

  // 制作文书 offers the types of 调查取证 under the ordinary procedure only.
  await panel.getByRole('button', { name: '制作文书' }).click()
  const menu = page.locator('.el-dropdown-menu:visible')
  await menu.getByRole('menuitem', { name: '询问笔录' }).waitFor()
  const offered = (await menu.getByRole('menuitem').allTextContents()).map((s) => s.trim())
  const catalogue = await (await fetch(server.url + '/api/v1/catalogue')).json()
  const expected = catalogue.types.filter((t) => t.stages.includes('investigation') && t.procedures.includes('ordinary'))
  assert.deepEqual(offered.sort(), expected.map((t) => t.name).sort())
  for (const name of ['受案登记表', '行政处罚决定书']) assert.ok(!offered.includes(name), `${name} is not of 调查取证`)
  await menu.getByRole('menuitem', { name: '询问笔录' }).click()

  // The generated form: the catalogue's labels, required marks and help.
  const form = page.getByRole('dialog', { name: '制作询问笔录' })
  await form.getByText('第十二条：记录执法人员出示证件的情况').waitFor()
  const required = await form.locator('.el-form-item.is-required > .el-form-item__label').allTextContents()
  for (const l of ['笔录种类', '被询问人', '开始时间', '问答内容', '已出示执法证件']) assert.ok(required.includes(l), `${l} marked required`)
  assert.ok(!required.includes('翻译人员'))

  await radio(form, '笔录种类', '询问').click()
  await choose(form, '被询问人', '1. 易县金嗓子娱乐有限公司')
  await radio(form, '被询问人身份', '违法嫌疑人').click()
  await pickTime(form, '开始时间', '2026-03-14 01:10:00')
  await pickTime(form, '结束时间', '2026-03-14 01:45:00')
  await form.getByLabel('询问地点', { exact: true }).fill('易县公安局治安管理大队询问室')
  await radio(form, '已出示执法证件', '是').click()
  await radio(form, '已告知权利义务', '是').click()

  // Saved without 问答内容: the server's error at that field, the dialog still open.
  await form.getByRole('button', { name: '保存草稿' }).click()
  const contentItem = form.locator('[data-field="fields.content"]')
  await contentItem.locator('.el-form-item__error', { hasText: '请填写问答内容' }).waitFor()
  assert.deepEqual(
    (await form.locator('.el-form-item__error:visible').allTextContents()).map((s) => s.trim()),
    ['请填写问答内容'],
  )
  await shot(page, 'documents-field-error')

  await form.getByLabel('问答内容', { exact: true }).fill(
    '问：你在金嗓子KTV担任什么职务？答：我是值班经理。问：大厅里的电子游戏机是谁安装的？答：是老板让人装的。',
  )
  await form.getByRole('button', { name: '保存草稿' }).click()
  await form.waitFor({ state: 'hidden' })

  // The record opens in its drawer as a draft; the panel lists it under 调查取证.
  const drawer = page.locator('[data-testid="document-drawer"]')
  await drawer.locator('[data-testid="document-status"]').getByText('草稿').waitFor()
  await drawer.getByText('易县公安局治安管理大队询问室').first().waitFor()
  await drawer.getByText('2026-03-14 01:10:00').first().waitFor()
  await drawer.getByRole('button', { name: '修改' }).waitFor()
  const listed = panel.getByRole('region', { name: '调查取证的文书' })
  await listed.getByRole('button', { name: '询问笔录' }).waitFor()

  // Not issued unsigned (Art. 12): the two officers sign through their accounts (API), the party
  // draws a signature on the canvas with the mouse.
  const docId = (await apiAs(server.url, 'officer1', 'GET', `/api/v1/cases/${c.id}/documents`)).items[0].id
  const docPath = `/api/v1/cases/${c.id}/documents/${docId}`
  const early = await fetch(`${server.url}${docPath}/issue`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${await tokenOf('officer1')}` },
    body: '{}',
  })
  assert.equal(early.status, 409)
  assert.equal((await early.json()).code, 'missing_signature')
  await apiAs(server.url, 'officer1', 'POST', `${docPath}/signatures`, { role: 'officer' })
  await apiAs(server.url, c.coUsername, 'POST', `${docPath}/signatures`, { role: 'officer' })

  await drawer.getByRole('button', { name: '签名' }).click()
  const sign = page.getByRole('dialog', { name: '签名：询问笔录' })
  await sign.getByLabel('签名人姓名').waitFor()
  assert.equal(await sign.getByLabel('签名人姓名').inputValue(), '周涛')
  const canvas = sign.locator('[data-testid="signature-canvas"]')
  const box = await canvas.boundingBox()
  await page.mouse.move(box.x + 30, box.y + 40)
  await page.mouse.down()
  for (let i = 1; i <= 12; i++) await page.mouse.move(box.x + 30 + i * 18, box.y + 40 + (i % 2 ? 50 : 0), { steps: 3 })
  await page.mouse.up()
  await sign.getByText('已签写').waitFor()
  await sign.getByRole('button', { name: '确认签名' }).click()
  await sign.waitFor({ state: 'hidden' })
  const signatures = drawer.getByRole('table', { name: '签名记录' }).or(drawer.locator('[data-testid="document-signatures"]'))
  await signatures.getByRole('img', { name: '周涛的签名' }).waitFor()
  const signed = await apiAs(server.url, 'officer1', 'GET', docPath)
  assert.equal(signed.document.signatures.length, 3)
  assert.equal(signed.document.requirements.officer_signatures, 2)
  assert.ok(signed.document.signed)
  await shot(page, 'documents-signed')

  // 签发 (no approval for this type): confirmed, then read-only.
  await drawer.getByRole('button', { name: '签发' }).click()
  await page.getByRole('dialog', { name: '签发文书' }).getByRole('button', { name: '签发' }).click()
  await drawer.locator('[data-testid="document-status"]').getByText('已签发').waitFor()
  assert.equal(await drawer.getByRole('button', { name: '修改' }).count(), 0)
  await drawer.getByRole('button', { name: '申请更正' }).waitFor()
  await listed.locator('[data-testid="document-status"]').getByText('已签发').waitFor()
  const docs = (await apiAs(server.url, 'officer1', 'GET', `/api/v1/cases/${c.id}/documents`)).items
  assert.equal(docs.length, 1)
  assert.equal(docs[0].status, 'issued')
  await shot(page, 'documents-issued')
  await page.context().close()
})

// ---- A record through the approval chain: what the 审批 inbox shows ------------------------------------

test('文书审批: the reviewer sees the record proposed — its type, version, 文号 series and fields', async () => {
  const c = await caseInInvestigation('文书审批：举报点歌机具有赌博功能')
  const catalogue = await (await fetch(server.url + '/api/v1/catalogue')).json()
  const type = catalogue.types.find((t) => t.id === 'termination_decision')
  const { document: d } = await apiAs(server.url, 'officer1', 'POST', `/api/v1/cases/${c.id}/documents`, {
    type: type.id, fields: type.example,
  })
  await apiAs(server.url, 'officer1', 'POST', `/api/v1/cases/${c.id}/documents/${d.id}/submit`, { opinion: '建议终止调查' })

  const page = await signedInAs(browser, server.url, 'reviewer1')
  await page.goto(server.url + '/approvals')
  await page.getByRole('button', { name: '审批 ' + c.number }).click()
  const dialog = page.getByRole('dialog', { name: '审批：' + c.number })
  const proposal = dialog.locator('[data-testid="approval-proposal"]')
  await proposal.getByRole('heading', { name: '拟签发文书' }).waitFor()
  await proposal.getByText(type.name).first().waitFor()
  const text = await proposal.innerText()
  for (const s of ['第 1 版', type.number.word, '举报所称违法事实不存在']) assert.ok(text.includes(s), `${s} in:\n${text}`)
  assert.doesNotMatch(text, /termination_decision|document_id/)
  await shot(page, 'documents-approval')
  await page.context().close()
})
