// 审批 (issue 12 §10.1): the approver sees what is being approved — the cause, the handler's opinion,
// every party with all its details, the officers, the footage, earlier opinions, the proposal of a
// 不予受理 — decides with nothing preselected, confirms 不予批准, is told who decides next; the side
// menu counts the inbox. At 1366×768 and on a tablet (1024×768 and 768×1024, touch).
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { startServer, launchBrowser, signedInAs, pageApi, shot } from './harness.mjs'

const SIZES = [
  { width: 1366, height: 768 },
  { width: 1024, height: 768, touch: true },
  { width: 768, height: 1024, touch: true },
]
const PARTY = {
  kind: 'legal_person', name: '易县审批测试有限公司', id_number: '91130633MA0A7B8C9P', legal_representative: '周审批',
  phone: '0312-8265678', address: '河北省保定市易县审批路1号',
}

let server, browser
before(async () => {
  server = await startServer()
  browser = await launchBrowser()
})
after(async () => {
  await browser?.close()
  await server?.stop()
})

const signedIn = (username, size) => signedInAs(browser, server.url, username, size)

/** A 依职权 case by officer1 submitted for start approval; `major` sends it through 法制审核. */
async function submittedCase(title, { major = false } = {}) {
  const officer = await signedIn('officer1')
  const { case: c } = await pageApi(officer, 'POST', '/api/v1/cases', {
    start_mode: 'ex_officio', title, parties: [PARTY], start_form: { cause: '巡查发现' + title + '存在违法嫌疑' },
    major, major_reason: major ? '涉案金额大' : undefined,
  })
  await pageApi(officer, 'POST', `/api/v1/cases/${c.id}/start-approval`, { opinion: '建议启动调查', reasons: '事实初步清楚' })
  await officer.context().close()
  return c
}

/** Opens the 审批 dialog of the case numbered `number` from the inbox. */
async function openDecision(page, number) {
  await page.goto(server.url + '/approvals')
  await page.getByRole('heading', { level: 1, name: '审批' }).waitFor()
  await page.getByRole('button', { name: '审批 ' + number }).click()
  const dialog = page.getByRole('dialog', { name: '审批：' + number })
  await dialog.locator('[data-testid="approval-case"]').getByText('当事人', { exact: true }).waitFor()
  return dialog
}

/** Chooses a decision by its label (Element Plus hides the radio input itself). */
const choose = (dialog, decision) => dialog.locator('label.el-radio', { hasText: new RegExp('^' + decision + '$') }).click()

async function decide(dialog, decision, opinion) {
  await choose(dialog, decision)
  await dialog.getByLabel('审批意见').fill(opinion)
  await dialog.getByRole('button', { name: '提交审批' }).click()
}

for (const size of SIZES) {
  test(`approval dialog at ${size.width}×${size.height}: the whole matter, nothing preselected, who decides next`, async () => {
    const title = `审批内容测试${size.width}`
    const c = await submittedCase(title)
    const page = await signedIn('reviewer1', size)

    // The side menu counts the inbox (a drawer on a tablet).
    await page.goto(server.url + '/approvals')
    if (size.width < 1100) await page.getByRole('button', { name: '打开菜单' }).click()
    const count = page.locator('[data-testid="approval-count"]')
    await count.waitFor()
    const inbox = await pageApi(page, 'GET', '/api/v1/approvals')
    assert.equal((await count.textContent()).trim(), String(inbox.total))
    if (size.width < 1100) await page.keyboard.press('Escape')

    const dialog = await openDecision(page, c.number)
    const brief = dialog.locator('[data-testid="approval-case"]')
    await brief.getByText('巡查发现' + title + '存在违法嫌疑').waitFor() // 启动原因
    await brief.getByText('建议启动调查').first().waitFor() // 承办人意见
    await brief.getByText('事实初步清楚').first().waitFor() // 理由
    for (const v of [PARTY.name, PARTY.id_number, PARTY.legal_representative, PARTY.phone, PARTY.address]) {
      await brief.getByText(v).first().waitFor()
    }
    await brief.getByText(/张伟（执法证件编号 040017）· 主办/).waitFor()
    await brief.getByText('暂无音像记录').waitFor()
    await brief.getByRole('table').getByText('承办人提交').waitFor()
    // Nothing preselected, and it stays so.
    assert.equal(await dialog.getByRole('radio', { checked: true }).count(), 0)
    await dialog.getByLabel('审批意见').fill('同意启动')
    assert.equal(await dialog.getByRole('radio', { checked: true }).count(), 0)
    // Everything missing said at once, in Chinese.
    await dialog.getByLabel('审批意见').fill('')
    await dialog.getByRole('button', { name: '提交审批' }).click()
    await dialog.getByText('请选择审批结果').waitFor()
    await dialog.getByText('请填写审批意见（第七条）').waitFor()
    await shot(page, `approval-dialog-${size.width}`)

    await decide(dialog, '同意', '同意启动')
    await page.getByText(/已同意。下一步由负责人批准/).waitFor()
    await dialog.waitFor({ state: 'hidden' })
    await page.context().close()
  })
}

test('法制审核 reads 法制审核; the 负责人 confirms 不予批准 and is told the matter ended', async () => {
  const c = await submittedCase('审批法制审核测试', { major: true })
  const reviewer = await signedIn('reviewer1')
  await decide(await openDecision(reviewer, c.number), '同意', '同意，请法制审核')
  await reviewer.getByText(/下一步由法制员进行法制审核/).waitFor()
  await reviewer.context().close()

  const legal = await signedIn('legal1', { width: 1024, height: 768, touch: true })
  const ld = await openDecision(legal, c.number)
  await ld.getByRole('table').getByText('同意，请法制审核').waitFor()
  await ld.getByRole('table').getByText('审核', { exact: true }).waitFor()
  // A 法制员 returns or agrees; 不予批准 is the 负责人's.
  assert.equal(await ld.getByRole('radio', { name: '不予批准' }).count(), 0)
  await decide(ld, '同意', '合法性审核通过')
  await legal.getByText(/下一步由负责人批准/).waitFor()
  await legal.context().close()

  const approver = await signedIn('approver1')
  const ad = await openDecision(approver, c.number)
  const table = ad.getByRole('table')
  await table.getByText('法制审核', { exact: true }).waitFor()
  await table.getByText('合法性审核通过').waitFor()
  await choose(ad, '不予批准')
  await ad.getByLabel('审批意见').fill('证据不足，不予批准')
  await ad.getByRole('button', { name: '提交审批' }).click()
  const confirm = approver.getByRole('dialog', { name: '确认不予批准' })
  await confirm.waitFor()
  await confirm.getByRole('button', { name: '取消' }).click()
  await confirm.waitFor({ state: 'hidden' })
  assert.equal((await pageApi(approver, 'GET', '/api/v1/cases/' + c.id)).approvals.at(-1).state, 'deciding')
  await ad.getByRole('button', { name: '提交审批' }).click()
  await confirm.getByRole('button', { name: '不予批准' }).click()
  await approver.getByText(/已不予批准。审批终结：不予批准/).waitFor()
  await approver.context().close()
})

test('不予受理审批: the dialog shows the proposal — reason, ground, competent authority — in words', async () => {
  const officer = await signedIn('officer1')
  const { case: c } = await pageApi(officer, 'POST', '/api/v1/cases', {
    start_mode: 'application', title: '不予受理提议测试', parties: [PARTY],
    application: { channel: 'written', matter: '营业执照办理' },
  })
  await pageApi(officer, 'POST', `/api/v1/cases/${c.id}/application/decision`, {
    accepted: false, reason: '营业执照不属公安机关办理', ground: 'not_competent', competent_authority: '易县市场监督管理局',
  })
  await officer.context().close()
  const page = await signedIn('reviewer1', { width: 768, height: 1024, touch: true })
  const dialog = await openDecision(page, c.number)
  const proposal = dialog.locator('[data-testid="approval-proposal"]')
  await proposal.getByText('拟不予受理决定').waitFor()
  await proposal.getByText('营业执照不属公安机关办理').waitFor()
  await proposal.getByText('申请事项依法不属于本机关职权范围').waitFor()
  await proposal.getByText('易县市场监督管理局').waitFor()
  await proposal.getByText('不予受理', { exact: true }).waitFor()
  assert.doesNotMatch(await proposal.textContent(), /not_competent|competent_authority|accepted/)
  await shot(page, 'approval-dialog-proposal-768')
  await page.context().close()
})

test('已办 tab (needs GET /api/v1/approvals?scope=done): what the user decided, with the decision', async (t) => {
  const c = await submittedCase('审批已办测试')
  const page = await signedIn('reviewer1')
  await decide(await openDecision(page, c.number), '退回', '请补充证据')
  await page.getByText(/已退回。已退回承办人修改后重新提交/).waitFor()
  const status = await page.evaluate(async () => (await fetch('/api/v1/approvals?scope=done')).status)
  await page.getByRole('tab', { name: '已办' }).click()
  const panel = page.getByRole('tabpanel', { name: '已办' })
  if (status === 400) {
    // The server does not offer 已办 yet: the tab says so, with 重试.
    await panel.getByRole('alert').getByText(/已办审批加载失败/).waitFor()
    await panel.getByRole('button', { name: '重试' }).waitFor()
    await page.context().close()
    t.skip('server answers 400 for scope=done (not built yet): checked the error state only')
    return
  }
  const row = panel.locator('tr', { hasText: c.number })
  await row.getByText('退回', { exact: true }).waitFor() // 我的意见
  await row.getByText(/\d{4}-\d{2}-\d{2} \d{2}:\d{2}/).first().waitFor() // 办理时间
  await page.context().close()
})
