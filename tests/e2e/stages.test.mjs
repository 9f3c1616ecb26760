// A case carried from 调查取证 to 送达执行 and on to 归档管理 (issue 13 §7), scenario A: 易县金嗓子娱乐有限公司
// (法定代表人 周涛), officer1 with officer3, marked 重大复杂 — so its decision goes through 法制审核 and
// 集体讨论. Set up through the API with the catalogue's examples: an attachment uploaded over tus as
// the footage of a 检查笔录 (signed by two officers and the party, issued), a 扣押决定书 through the
// chain, 审查决定, a 听证笔录, the 行政处罚决定书 submitted. Then in the browser: reviewer1 approves,
// legal1 records a 专家论证 and approves, approver1 is refused until the 集体讨论 is recorded (the
// server's message shown; one of its own field errors at its field), records it in the dialog and
// approves — the 决定书 is issued. In 送达执行 officer1 serves it 直接送达 on 周涛 (法定代表人), who signs
// on the canvas; the record shows 已送达. Then a 催告书 and a 履行情况记录 (performed) through the
// API, and the case may enter 归档管理.
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { startServer, launchBrowser, signedInAs, shot, apiAs, PASSWORD } from './harness.mjs'

let server, browser, catalogue
before(async () => {
  server = await startServer()
  browser = await launchBrowser()
  catalogue = await (await fetch(server.url + '/api/v1/catalogue')).json()
})
after(async () => {
  await browser?.close()
  await server?.stop()
})

const api = (username, method, path, body) => apiAs(server.url, username, method, path, body)

/** The answer's status and JSON for a call expected to fail. */
async function apiStatus(username, method, path, body) {
  const { token } = await (await fetch(server.url + '/api/v1/auth/login', {
    method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ username, password: PASSWORD }),
  })).json()
  const res = await fetch(server.url + path, {
    method, headers: { 'Content-Type': 'application/json', Authorization: 'Bearer ' + token },
    body: body === undefined ? undefined : JSON.stringify(body),
  })
  return { status: res.status, json: await res.json() }
}

/** "YYYY-MM-DD HH:mm:ss" in China Standard Time at the moment `ms` (as the date picker takes it). */
const chinaTimeAt = (ms) => new Date(ms + 8 * 3600e3).toISOString().slice(0, 19).replace('T', ' ')

/** A 1×1 PNG as a data URL: a signature drawn elsewhere (the API's signatures). */
const PNG = 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg=='

/** The catalogue's example of `type`, with `over` in place of its party and footage fields. */
function example(type, over = {}) {
  const t = catalogue.types.find((x) => x.id === type)
  assert.ok(t, `catalogue type ${type}`)
  const fields = structuredClone(t.example)
  for (const f of t.fields) {
    if (f.type === 'party' && f.name in fields) fields[f.name] = 0
  }
  return { ...fields, ...over }
}

/**
 * Uploads a small text file as an attachment (附件) of `caseId` over tus (creation-with-upload, as
 * harness.registerClip does for a clip) and resolves to its record id.
 */
async function uploadAttachment(caseId, username = 'officer1') {
  const body = Buffer.from('现场检查照片说明：大厅东侧电子游戏机2台。\n', 'utf8')
  const { token } = await (await fetch(server.url + '/api/v1/auth/login', {
    method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ username, password: PASSWORD }),
  })).json()
  const b64 = (v) => Buffer.from(v).toString('base64')
  const meta = { filename: '现场检查说明.txt', filetype: 'text/plain', case_id: caseId, kind: 'attachment', stage: 'investigation' }
  const res = await fetch(server.url + '/api/v1/uploads/', {
    method: 'POST',
    headers: {
      Authorization: 'Bearer ' + token, 'Tus-Resumable': '1.0.0', 'Upload-Length': String(body.length),
      'Upload-Metadata': Object.entries(meta).map(([k, v]) => k + ' ' + b64(v)).join(','),
      'Content-Type': 'application/offset+octet-stream',
    },
    body,
  })
  const registration = res.headers.get('upload-registration') ?? ''
  const m = /^registered; record=(\S+)/.exec(registration)
  if (res.status !== 201 || !m) throw new Error(`attachment on ${caseId}: ${res.status} ${registration} ${await res.text()}`)
  return m[1]
}

/** Runs the open approval `id` through the chain by the API: 审核, 法制审核 (a major case), 负责人. */
async function approveByApi(id, what) {
  await api('reviewer1', 'POST', `/api/v1/approvals/${id}/decision`, { decision: 'approve', opinion: `同意${what}，报法制审核` })
  await api('legal1', 'POST', `/api/v1/approvals/${id}/decision`, { decision: 'approve', opinion: `${what}合法，同意` })
  return api('approver1', 'POST', `/api/v1/approvals/${id}/decision`, { decision: 'approve', opinion: `同意${what}` })
}

/** Opens the 审批 dialog of the case numbered `number` from the inbox. */
async function openDecision(page, number) {
  await page.goto(server.url + '/approvals')
  await page.getByRole('heading', { level: 1, name: '审批' }).waitFor()
  await page.getByRole('button', { name: '审批 ' + number }).click()
  const dialog = page.getByRole('dialog', { name: '审批：' + number })
  await dialog.locator('[data-testid="approval-proposal"]').getByText('行政处罚决定书').first().waitFor()
  return dialog
}

/** Chooses a decision by its label (Element Plus hides the radio input itself). */
const choose = (dialog, decision) => dialog.locator('label.el-radio', { hasText: new RegExp('^' + decision + '$') }).click()

async function decide(dialog, decision, opinion) {
  await choose(dialog, decision)
  await dialog.getByLabel('审批意见').fill(opinion)
  await dialog.getByRole('button', { name: '提交审批' }).click()
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

/** Waits until exactly `messages` are shown at the fields of `dialog` (the rules' own errors gone, complaint.test.mjs). */
async function expectErrors(dialog, messages) {
  for (const m of messages) await dialog.locator('.el-form-item__error:visible', { hasText: m }).first().waitFor()
  await dialog.page().waitForFunction(
    ([n]) => [...document.querySelectorAll('.el-dialog .el-form-item__error')].filter((e) => e.offsetParent).length === n,
    [messages.length],
  )
}

const radio = (scope, group, label) =>
  scope.getByRole('radiogroup', { name: group, exact: true }).locator('label.el-radio', { hasText: new RegExp(`^${label}$`) })

// ---- The case up to the decision's approval, through the API ---------------------------------------

/** A case of scenario A in 审查决定, 重大复杂, its 行政处罚决定书 submitted for approval. */
async function caseAwaitingDecision(title) {
  const co = [(await api('officer3', 'GET', '/api/v1/auth/me')).id]
  const { case: opened } = await api('officer1', 'POST', '/api/v1/cases', {
    start_mode: 'ex_officio', title, co_officers: co,
    parties: [{ kind: 'legal_person', name: '易县金嗓子娱乐有限公司', legal_representative: '周涛' }],
    start_form: { cause: '夜间巡查发现该KTV大厅设有电子游戏机，治安备案已过期仍在营业' },
    offence: { cause: '娱乐场所设置具有赌博功能的电子游戏机、未按规定备案' },
  })
  const submitted = await api('officer1', 'POST', `/api/v1/cases/${opened.id}/start-approval`, { opinion: '建议启动调查程序' })
  const start = submitted.case.approvals.at(-1).id
  await api('reviewer1', 'POST', `/api/v1/approvals/${start}/decision`, { decision: 'approve', opinion: '同意，报负责人' })
  const started = await api('approver1', 'POST', `/api/v1/approvals/${start}/decision`, { decision: 'approve', opinion: '同意启动' })
  assert.equal(started.case.stage, 'investigation')
  const marked = await api('officer1', 'POST', `/api/v1/cases/${opened.id}/major`, {
    major: true, reason: '涉嫌设置赌博机具，拟处较大数额罚款并没收财物，案情复杂',
  })
  assert.equal(marked.case.major, true)
  const id = opened.id
  const docs = `/api/v1/cases/${id}/documents`

  // 检查笔录, its footage an attachment uploaded over tus; two officers and the party sign; issued.
  const record = await uploadAttachment(id)
  const { document: inspection } = await api('officer1', 'POST', docs, {
    type: 'inspection_record', fields: example('inspection_record', { media: [{ record }] }),
  })
  assert.deepEqual(inspection.footage ?? [record], [record])
  await api('officer1', 'POST', `${docs}/${inspection.id}/signatures`, { role: 'officer' })
  await api('officer3', 'POST', `${docs}/${inspection.id}/signatures`, { role: 'officer' })
  await api('officer1', 'POST', `${docs}/${inspection.id}/signatures`, {
    role: 'party', party: 0, name: '周涛', image: PNG, certificates_seen: true,
  })
  const issued = await api('officer1', 'POST', `${docs}/${inspection.id}/issue`, {})
  assert.equal(issued.document.status, 'issued')

  // 扣押决定书 through the chain (审核, 法制审核 — a major case —, 负责人), no 集体讨论: it does not complete the decision.
  const { document: seizure } = await api('officer1', 'POST', docs, {
    type: 'seizure_decision', fields: example('seizure_decision', { media: [{ record }] }),
  })
  const sub = await api('officer1', 'POST', `${docs}/${seizure.id}/submit`, { opinion: '建议扣押涉案游戏机' })
  const seizureApproval = sub.case.approvals.at(-1)
  assert.notEqual(seizureApproval.proposal?.collective_discussion, true)
  await approveByApi(seizureApproval.id, '扣押')
  const seized = await api('officer1', 'GET', `${docs}/${seizure.id}`)
  assert.equal(seized.document.status, 'issued')
  assert.match(seized.document.number, /扣字/)

  // 审查决定: a 听证笔录 (drafted), the 行政处罚决定书 drafted and submitted.
  const reviewing = await api('officer1', 'POST', `/api/v1/cases/${id}/stage`, {
    to: 'review_decision', reason: '调查取证完毕，事实清楚、证据确实充分',
  })
  assert.equal(reviewing.case.stage, 'review_decision')
  await api('officer1', 'POST', docs, { type: 'hearing_record', fields: example('hearing_record', { media: [{ record }] }) })
  const { document: decision } = await api('officer1', 'POST', docs, {
    type: 'penalty_decision', fields: example('penalty_decision'),
  })
  const proposed = await api('officer1', 'POST', `${docs}/${decision.id}/submit`, { opinion: '建议给予没收、罚款并警告的行政处罚' })
  const approval = proposed.case.approvals.at(-1)
  assert.equal(approval.proposal.collective_discussion, true)
  return { case: proposed.case, decision, approval, submittedAt: Date.parse(approval.submitted_at) }
}

// ---- From 调查取证 to 归档管理 ----------------------------------------------------------------------------

test('调查取证 → 审查决定 (法制审核, 专家论证, 集体讨论 in the dialog) → 送达执行 (直接送达 signed on the canvas) → 归档管理', async () => {
  const { case: c, decision, approval, submittedAt } = await caseAwaitingDecision('金嗓子KTV设置赌博机未备案案')
  const docPath = `/api/v1/cases/${c.id}/documents/${decision.id}`

  // 审核: reviewer1 approves in the dialog.
  const reviewer = await signedInAs(browser, server.url, 'reviewer1')
  const rd = await openDecision(reviewer, c.number)
  // Neither 专家论证 nor 集体讨论 is the 审核人's.
  assert.equal(await rd.getByRole('button', { name: /记录专家论证|记录集体讨论/ }).count(), 0)
  await decide(rd, '同意', '事实清楚，证据充分，同意报法制审核')
  await reviewer.getByText(/已同意。下一步由法制员进行法制审核/).waitFor()
  await reviewer.context().close()

  // 法制审核: legal1 records the 专家论证 (the chain does not move), then approves.
  const legal = await signedInAs(browser, server.url, 'legal1')
  const ld = await openDecision(legal, c.number)
  assert.equal(await ld.getByRole('button', { name: '记录集体讨论' }).count(), 0)
  await ld.getByRole('button', { name: '记录专家论证' }).click()
  const ed = legal.getByRole('dialog', { name: '记录专家论证' })
  await ed.getByLabel('专家姓名 1').fill('孙立平')
  await ed.getByLabel('专家职称或单位 1').fill('河北大学法学院教授')
  await ed.getByRole('button', { name: '添加专家' }).click()
  await ed.getByLabel('专家姓名 2').fill('马红')
  await ed.getByLabel('专家职称或单位 2').fill('执业律师')
  await ed.getByLabel('论证意见').fill('经论证，涉案游戏机具有赌博功能，拟处罚适用法律正确、幅度适当。')
  await ed.getByRole('button', { name: '记录' }).click()
  await ed.waitFor({ state: 'hidden' })
  const steps = ld.locator('[aria-label="已有意见"]')
  await steps.getByText('专家论证', { exact: true }).waitFor()
  await steps.getByText('论证专家：孙立平（河北大学法学院教授）、马红（执业律师）').waitFor()
  await steps.getByText(/拟处罚适用法律正确、幅度适当/).waitFor()
  await decide(ld, '同意', '合法性审核通过，同意报负责人')
  await legal.getByText(/已同意。下一步由负责人批准/).waitFor()
  await legal.context().close()

  // 负责人: refused until the 集体讨论 is recorded; the server's message shown in the dialog.
  const approver = await signedInAs(browser, server.url, 'approver1')
  const ad = await openDecision(approver, c.number)
  await ad.getByText('重大复杂案件的处理决定：批准前须记录集体讨论（第二十条）').waitFor()
  await decide(ad, '同意', '同意作出行政处罚决定')
  const refusal = ad.getByRole('alert').filter({ hasText: '重大复杂案件的处理决定须经负责人集体讨论决定' })
  await refusal.getByText('请先记录集体讨论（第二十条，行政处罚法第五十七条第二款）', { exact: false }).waitFor()
  assert.equal((await api('approver1', 'GET', '/api/v1/cases/' + c.id)).approvals.at(-1).state, 'deciding')
  await shot(approver, 'stages-collective-needed')

  await refusal.getByRole('button', { name: '记录集体讨论' }).click()
  const cd = approver.getByRole('dialog', { name: '记录集体讨论' })
  // Every rule of the page at once.
  await cd.getByRole('button', { name: '记录' }).click()
  await expectErrors(cd, [
    '请填写讨论时间', '集体讨论须列明参加人员（至少三人，第二十条）', '请填写讨论情况（第二十条）', '请填写讨论结论（第二十条）',
  ])
  // The server's field error at its field: held before the matter was submitted.
  await pickTime(cd, '讨论时间', chinaTimeAt(submittedAt - 3 * 86400e3))
  await cd.getByLabel('参加人员').fill('王建国、李卫东、赵志刚、刘洋')
  await cd.getByLabel('讨论情况').fill('局长办公会议讨论了案件事实、证据、法律适用和处罚幅度，法制大队通报了法制审核和专家论证意见。')
  await cd.getByLabel('讨论结论').fill('同意没收游戏机2台、罚款3万元并警告')
  await cd.getByRole('button', { name: '记录' }).click()
  await expectErrors(cd, ['讨论时间不能早于提交审批的时间'])
  await cd.locator('.el-form-item', { has: approver.getByRole('combobox', { name: '讨论时间' }) })
    .locator('.el-form-item__error', { hasText: '讨论时间不能早于提交审批的时间' }).waitFor()
  await pickTime(cd, '讨论时间', chinaTimeAt(Date.now()))
  await cd.getByRole('button', { name: '记录' }).click()
  await cd.waitFor({ state: 'hidden' })
  await approver.getByText('已记录集体讨论').first().waitFor()
  const table = ad.locator('[aria-label="已有意见"]')
  await table.getByText('集体讨论', { exact: true }).waitFor()
  await table.getByText('参加人员：王建国、李卫东、赵志刚、刘洋').waitFor()
  await table.getByText(/讨论结论：同意没收游戏机2台、罚款3万元并警告/).waitFor()
  assert.equal(await ad.getByRole('alert').filter({ hasText: '须经负责人集体讨论' }).count(), 0)
  await shot(approver, 'stages-collective-recorded')

  await ad.getByRole('button', { name: '提交审批' }).click()
  await approver.getByText(/已同意。审批完成：已批准/).waitFor()
  await ad.waitFor({ state: 'hidden' })
  await approver.context().close()
  const { document: issuedDecision } = await api('officer1', 'GET', docPath)
  assert.equal(issuedDecision.status, 'issued')
  assert.match(issuedDecision.number, /行罚决字/)
  const decided = await api('officer1', 'GET', '/api/v1/cases/' + c.id)
  const chain = decided.approvals.find((a) => a.id === approval.id)
  assert.deepEqual(chain.steps.map((s) => s.step), ['submit', 'review', 'expert_opinion', 'legal_review', 'collective_discussion', 'decide'])
  assert.deepEqual(chain.steps[4].detail.participants, ['王建国', '李卫东', '赵志刚', '刘洋'])

  // 送达执行: officer1 serves the 决定书 directly on 周涛, who signs on the canvas.
  const serving = await api('officer1', 'POST', `/api/v1/cases/${c.id}/stage`, { to: 'service_execution', reason: '处罚决定已作出，依法送达执行' })
  assert.equal(serving.case.stage, 'service_execution')
  const page = await signedInAs(browser, server.url, 'officer1')
  await page.goto(server.url + '/cases/' + c.id)
  const panel = page.locator('[data-testid="documents"]')
  await panel.getByRole('region', { name: '审查决定的文书' }).getByRole('button', { name: '行政处罚决定书' }).click()
  const drawer = page.locator('[data-testid="document-drawer"]')
  await drawer.locator('[data-testid="document-status"]').getByText('已签发').waitFor()
  await drawer.getByText(issuedDecision.number).first().waitFor()
  await drawer.getByRole('button', { name: '送达' }).click()
  const sd = page.getByRole('dialog', { name: '送达：行政处罚决定书' })
  await radio(sd, '送达方式', '直接送达').click()
  assert.equal(await sd.getByLabel('受送达人姓名').inputValue(), '周涛')
  await pickTime(sd, '送达时间', chinaTimeAt(Date.now()))
  await radio(sd, '签收人身份', '法定代表人或负责人').click()
  const canvas = sd.locator('[data-testid="signature-canvas"]')
  await canvas.scrollIntoViewIfNeeded()
  const box = await canvas.boundingBox()
  await page.mouse.move(box.x + 30, box.y + 40)
  await page.mouse.down()
  for (let i = 1; i <= 12; i++) await page.mouse.move(box.x + 30 + i * 18, box.y + 40 + (i % 2 ? 50 : 0), { steps: 3 })
  await page.mouse.up()
  await sd.getByText('已签写').waitFor()
  await sd.getByRole('button', { name: '登记送达' }).click()
  await sd.waitFor({ state: 'hidden' })
  await drawer.locator('[data-testid="document-status"]').getByText('已送达').waitFor()
  const services = drawer.locator('[data-testid="document-services"]')
  await services.getByText('直接送达').waitFor()
  await services.getByText('与受送达人关系：法定代表人或负责人').waitFor()
  // The drawing on the 送达回证 is served back and shown (it loaded: a natural width).
  const receipt = services.getByRole('img', { name: '周涛在送达回证上的签名' })
  await receipt.waitFor()
  await page.waitForFunction((el) => el.complete && el.naturalWidth > 0, await receipt.elementHandle())
  await shot(page, 'stages-served')
  // The timeline (全过程记录) names the steps and the service in words.
  await page.keyboard.press('Escape')
  await drawer.waitFor({ state: 'hidden' })
  await page.getByText('集体讨论；讨论时间：', { exact: false }).first().waitFor()
  await page.getByText('专家论证；论证专家：孙立平（河北大学法学院教授）、马红（执业律师）', { exact: false }).first().waitFor()
  await page.getByText('直接送达：已送达；受送达人 周涛', { exact: false }).first().waitFor()
  const { document: served } = await api('officer1', 'GET', docPath)
  assert.equal(served.services.at(-1).method, 'direct')
  assert.equal(served.services.at(-1).outcome, 'served')
  assert.equal(served.services.at(-1).facts.relation, 'legal_representative')
  assert.ok(served.services.at(-1).facts.image_sha256)
  await page.context().close()

  // 催告书 through the chain (issued with the 负责人's approval), 履行情况记录 of a performed decision.
  const docs = `/api/v1/cases/${c.id}/documents`
  const { document: reminder } = await api('officer1', 'POST', docs, {
    type: 'reminder_notice', fields: example('reminder_notice', { decision_number: issuedDecision.number }),
  })
  const rs = await api('officer1', 'POST', `${docs}/${reminder.id}/submit`, { opinion: '当事人逾期未缴纳罚款，建议催告' })
  await approveByApi(rs.case.approvals.at(-1).id, '催告')
  const { document: reminded } = await api('officer1', 'GET', `${docs}/${reminder.id}`)
  assert.equal(reminded.status, 'issued')
  assert.match(reminded.number, /催字/)
  const { document: performance } = await api('officer1', 'POST', docs, {
    type: 'performance_record',
    fields: example('performance_record', { decision_number: issuedDecision.number, status: 'performed', late_penalty_paid: undefined }),
  })
  await api('officer1', 'POST', `${docs}/${performance.id}/signatures`, { role: 'officer' })
  const performed = await api('officer1', 'POST', `${docs}/${performance.id}/issue`, {})
  assert.equal(performed.document.status, 'issued')

  // 归档管理.
  const archiving = await api('officer1', 'POST', `/api/v1/cases/${c.id}/stage`, { to: 'archiving', reason: '处罚决定已履行完毕，转入归档' })
  assert.equal(archiving.case.stage, 'archiving')
})

test('the decision of a major case cannot be approved without 集体讨论; only the 负责人 records it', async () => {
  const { approval } = await caseAwaitingDecision('金嗓子KTV集体讨论校验')
  await api('reviewer1', 'POST', `/api/v1/approvals/${approval.id}/decision`, { decision: 'approve', opinion: '同意' })
  // 集体讨论 is the 负责人's, while deciding.
  const early = await apiStatus('legal1', 'POST', `/api/v1/approvals/${approval.id}/collective-discussion`, {
    held_at: new Date().toISOString(), participants: ['甲某某', '乙某某', '丙某某'], discussion: '讨论情况记录', conclusion: '同意',
  })
  assert.ok(early.status === 403 || early.status === 409, JSON.stringify(early))
  await api('legal1', 'POST', `/api/v1/approvals/${approval.id}/decision`, { decision: 'approve', opinion: '合法' })
  const refused = await apiStatus('approver1', 'POST', `/api/v1/approvals/${approval.id}/decision`, { decision: 'approve', opinion: '同意' })
  assert.equal(refused.status, 409)
  assert.equal(refused.json.code, 'missing_record')
})
