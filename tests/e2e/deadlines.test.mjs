// Deadlines (期限) and choosing people, in Debian's Chromium against the real server (demo data):
// the 工作台's 临近期限 shows the demo application's 补正期限 and the case detail its deadlines; an
// officer added to officer1's unit is found by name in 指派协办人员 and assigned; the 补正期限 date
// picker sends a date the API accepts and offers no day before today.
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { startServer, launchBrowser, pageAs, shot, pageApi, signedInAs } from './harness.mjs'

const DEMO_APPLICATION = '易县商贸博览会大型群众性活动安全许可申请'
const DEMO_EX_OFFICIO = '金嗓子KTV未按规定备案经营案'

let server, browser
before(async () => {
  server = await startServer()
  browser = await launchBrowser()
})
after(async () => {
  await browser?.close()
  await server?.stop()
})

const signedIn = (username) => signedInAs(browser, server.url, username)

const api = pageApi

async function caseByTitle(page, title) {
  return (await api(page, 'GET', '/api/v1/cases?page_size=100')).items.find((c) => c.title === title)
}

/** "YYYY-MM-DD" of a day `offset` days from today in China Standard Time, and that date's parts. */
function chinaDay(offset = 0) {
  const d = new Date(Date.now() + 8 * 3600e3 + offset * 86400e3)
  return { text: d.toISOString().slice(0, 10), year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() }
}

test("工作台: officer1's 临近期限 shows the demo application's 补正期限; the case shows its deadlines", async () => {
  const page = await signedIn('officer1')
  const demo = await caseByTitle(page, DEMO_APPLICATION)
  const detail = await api(page, 'GET', '/api/v1/cases/' + demo.id)
  const supplement = detail.deadlines.find((d) => d.kind === 'supplement')
  assert.ok(supplement, 'the demo application has a supplement deadline: ' + JSON.stringify(detail.deadlines))
  // The notice's date is 7 days after the demo was made; due at the end of that day (CST), so more
  // than 7 × 24 h away: the 工作台 must still count it as due within 7 days.
  const due = detail.application.supplement_notice.deadline
  assert.equal(due, chinaDay(7).text)

  await page.goto(server.url + '/')
  await page.getByRole('heading', { level: 1, name: '工作台' }).waitFor()
  const table = page.locator('.el-table[aria-label="临近期限"]')
  const row = table.locator('tr', { hasText: DEMO_APPLICATION })
  await row.waitFor()
  await row.getByText('申请人补正材料').waitFor()
  await row.getByText('第九条').waitFor()
  await row.getByText(due + ' 23:59:59').waitFor()
  const remaining = (await row.locator('.el-tag').textContent()).trim()
  assert.match(remaining, /^剩余7天(\d+小时)?$/)
  // More than a day left: neither overdue (red) nor near (amber).
  const tagClass = await row.locator('.el-tag').getAttribute('class')
  assert.doesNotMatch(tagClass, /el-tag--(danger|warning)/)
  await shot(page, 'dashboard-deadlines')

  // The case number leads to the case, whose 基本信息 lists the deadline with the time left.
  await row.getByRole('link', { name: detail.number }).click()
  await page.waitForURL('**/cases/' + demo.id)
  const item = page.locator('[data-testid="deadline-supplement"]')
  assert.match(await item.textContent(), new RegExp('^\\s*申请人补正材料：' + due + ' 23:59:59 前\\s*剩余7天'))
  await item.getByText(/^第九条，自 .* 起算$/).waitFor()
  await shot(page, 'case-detail-deadlines')
  await page.context().close()
})

test('指派协办人员: an officer new to officer1\'s unit is found by part of the name and assigned', async () => {
  const admin = await signedIn('admin')
  const users = (await api(admin, 'GET', '/api/v1/users?page_size=100')).items
  const unitId = users.find((u) => u.username === 'officer1').unit_id
  const created = await api(admin, 'POST', '/api/v1/users', {
    username: 'officer1b', name: '欧阳晓峰', role: 'officer', unit_id: unitId, cert_no: '040088', password: 'Assist@2026',
  })
  assert.equal(created.user.unit_id, unitId)
  await admin.context().close()

  const page = await signedIn('officer1')
  const demo = await caseByTitle(page, DEMO_EX_OFFICIO)
  await page.goto(server.url + '/cases/' + demo.id)
  await page.getByRole('heading', { name: DEMO_EX_OFFICIO }).waitFor()
  await page.getByRole('button', { name: '指派协办人员' }).click()
  const dialog = page.getByRole('dialog', { name: '指派协办人员' })
  const select = dialog.getByRole('combobox', { name: '协办人员' })
  await select.click()
  await select.pressSequentially('欧阳')
  const option = page.getByRole('option', { name: '欧阳晓峰（040088）' })
  await option.waitFor()
  // officer1 (张伟) is on the case already, so never offered.
  assert.equal(await page.getByRole('option', { name: /张伟/ }).count(), 0)
  await shot(page, 'case-detail-assign-officer')
  await option.click()
  await dialog.getByRole('button', { name: '提交', exact: true }).click()
  await dialog.waitFor({ state: 'hidden' })

  const officers = page.locator('.el-table[aria-label="执法人员"]')
  const row = officers.locator('tr', { hasText: '欧阳晓峰' })
  await row.getByText('040088').waitFor()
  await row.getByText('协办').waitFor()
  const after = await api(page, 'GET', '/api/v1/cases/' + demo.id)
  assert.deepEqual(after.officers.find((o) => o.name === '欧阳晓峰'), { user_id: created.user.id, name: '欧阳晓峰', cert_no: '040088', lead: false, auxiliary: false })

  // Once on the case, no longer offered.
  await page.getByRole('button', { name: '指派协办人员' }).click()
  await select.click()
  await select.pressSequentially('欧阳')
  await page.locator('.el-select-dropdown__empty:visible', { hasText: '没有可指派的执法人员' }).waitFor()
  assert.equal(await page.getByRole('option', { name: /欧阳晓峰/ }).count(), 0)
  await page.keyboard.press('Escape')
  await page.context().close()
})

test('一次性告知补正: the date picker sends a date the API accepts, and offers no earlier day', async () => {
  const page = await signedIn('officer1')
  const { case: made } = await api(page, 'POST', '/api/v1/cases', {
    start_mode: 'application', title: '补正期限日期测试', parties: [{ kind: 'legal_person', name: '易县日期测试有限公司', legal_representative: '马某' }],
    application: { channel: 'written', matter: '户外广告设置许可' },
  })
  await page.goto(server.url + '/cases/' + made.id)
  await page.getByRole('heading', { name: '补正期限日期测试' }).waitFor()
  await page.getByRole('button', { name: '一次性告知补正材料' }).click()
  const dialog = page.getByRole('dialog', { name: '一次性告知补正材料' })
  await dialog.getByLabel('补正材料清单').fill('营业执照副本\n场地租赁合同')

  await dialog.getByLabel('补正期限').click()
  const picker = page.locator('.el-date-picker:visible')
  await picker.waitFor()
  const today = chinaDay(0)
  const cells = picker.locator('.el-date-table td:not(.prev-month):not(.next-month)')
  const cell = (day) => cells.filter({ has: page.locator('.el-date-table-cell__text', { hasText: new RegExp(`^${day}$`) }) })
  assert.match(await cell(today.day).getAttribute('class'), /available/)
  if (today.day > 1) assert.match(await cell(today.day - 1).getAttribute('class'), /disabled/)
  const target = chinaDay(3)
  if (target.month !== today.month) await picker.getByRole('button', { name: '下个月' }).click()
  await cell(target.day).click()
  await picker.waitFor({ state: 'hidden' })
  assert.equal(await dialog.getByLabel('补正期限').inputValue(), target.text)
  await shot(page, 'case-detail-supplement-date')

  await dialog.getByRole('button', { name: '提交', exact: true }).click()
  await dialog.waitFor({ state: 'hidden' })
  const after = await api(page, 'GET', '/api/v1/cases/' + made.id)
  assert.equal(after.application.supplement_notice.deadline, target.text)
  const supplement = after.deadlines.find((d) => d.kind === 'supplement')
  assert.ok(supplement, JSON.stringify(after.deadlines))
  // Due at the end of that day, China Standard Time.
  assert.equal(new Date(supplement.due_at).getTime(), new Date(target.text + 'T23:59:59.999+08:00').getTime())
  await page.locator('[data-testid="deadline-supplement"]').getByText(target.text + ' 23:59:59 前').waitFor()
  await page.getByText(`（期限 ${target.text}）`).waitFor()
  await page.context().close()
})

test('案件详情: after 不予受理 the case shows 程序终结时间 and the 30-day case-file deadline', async () => {
  const page = await signedIn('officer1')
  const { case: made } = await api(page, 'POST', '/api/v1/cases', {
    start_mode: 'application', title: '程序终结时间测试', parties: [{ kind: 'legal_person', name: '易县终结测试有限公司', legal_representative: '马某' }],
    application: { channel: 'written', matter: '户外广告设置许可' },
  })
  // 不予受理 goes through the chain (Art. 7): the reviewer and the approver approve it.
  const { case: submitted } = await api(page, 'POST', `/api/v1/cases/${made.id}/application/decision`, {
    accepted: false, reason: '申请事项不属于本机关职权范围', ground: 'not_competent', competent_authority: '易县住房和城乡建设局',
  })
  assert.equal(submitted.closed_at, null)
  const approval = submitted.approvals.at(-1).id
  let decided
  for (const [username, opinion] of [['reviewer1', '同意不予受理'], ['approver1', '同意']]) {
    const p = await signedIn(username)
    decided = (await api(p, 'POST', `/api/v1/approvals/${approval}/decision`, { decision: 'approve', opinion })).case
    await p.context().close()
  }
  assert.ok(decided.closed_at, JSON.stringify(decided))
  const caseFile = decided.deadlines.find((d) => d.kind === 'case_file')
  assert.ok(caseFile, JSON.stringify(decided.deadlines))

  await page.goto(server.url + '/cases/' + made.id)
  await page.getByRole('heading', { name: '程序终结时间测试' }).waitFor()
  await page.locator('tr', { hasText: '程序终结时间' }).getByText(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/).waitFor()
  const item = page.locator('[data-testid="deadline-case_file"]')
  await item.getByText(caseFile.label + '：', { exact: false }).waitFor()
  await item.getByText(/^第三十三条，自 .* 起算$/).waitFor()
  // To the end of the 30th day after today (China time): between 30 and 31 days away.
  assert.match(await item.locator('.el-tag').textContent(), /^剩余(30天(\d+小时)?|31天)$/)
  await page.context().close()
})

test('工作台: an overdue deadline comes first, in red; one due within 24 hours is amber', async () => {
  const page = await signedIn('officer1')
  const notified = async (title, deadline) => {
    const { case: made } = await api(page, 'POST', '/api/v1/cases', {
      start_mode: 'application', title, parties: [{ kind: 'legal_person', name: '易县期限测试有限公司', legal_representative: '马某' }],
      application: { channel: 'written', matter: '户外广告设置许可' },
    })
    await api(page, 'POST', `/api/v1/cases/${made.id}/application/supplement-notice`, { items: ['营业执照副本'], deadline })
  }
  await notified('补正已超期测试', chinaDay(-2).text)  // the API takes a past date: 1–2 days overdue
  await notified('补正今日到期测试', chinaDay(0).text)

  await page.goto(server.url + '/')
  const rows = page.locator('.el-table[aria-label="临近期限"] .el-table__body tr')
  await rows.first().getByText('补正已超期测试').waitFor()
  const overdue = rows.filter({ hasText: '补正已超期测试' }).locator('.el-tag')
  assert.match(await overdue.textContent(), /^已超期[12]天(\d+小时)?$/)
  assert.match(await overdue.getAttribute('class'), /el-tag--danger/)
  const today = rows.filter({ hasText: '补正今日到期测试' }).locator('.el-tag')
  assert.match(await today.textContent(), /^剩余(\d+小时|\d+分钟|不足1分钟)$/)
  assert.match(await today.getAttribute('class'), /el-tag--warning/)
  await shot(page, 'dashboard-deadlines-overdue')
  await page.context().close()
})
