// Finding things again (issue 12 §10.4): every party field on the case page, whole titles in 案件列表,
// the officer filter by name, a failed load with 重试 (not "暂无案件"), a skeleton while the case
// loads, the list exported to XLSX, the 程序启动审批表 printed. At 1366×768 and on a tablet (touch).
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { startServer, launchBrowser, signedInAs, pageApi, shot } from './harness.mjs'

const SIZES = [
  { width: 1366, height: 768 },
  { width: 1024, height: 768, touch: true },
  { width: 768, height: 1024, touch: true },
]
const KTV = '金嗓子KTV未按规定备案经营案'
const LONG = '易县城关镇迎宾路某大型商业综合体消防通道长期堵塞及安全出口被占用情况调查案'

let server, browser, ktvId
before(async () => {
  server = await startServer()
  browser = await launchBrowser()
  const page = await signedInAs(browser, server.url, 'officer1')
  ktvId = (await pageApi(page, 'GET', '/api/v1/cases?page_size=100')).items.find((c) => c.title === KTV).id
  await pageApi(page, 'POST', '/api/v1/cases', { start_mode: 'ex_officio', title: LONG, start_form: { cause: '群众反映' } })
  await page.context().close()
})
after(async () => {
  await browser?.close()
  await server?.stop()
})

/** The entries of a ZIP archive written without compression (as web/src/utils/xlsx.ts writes). */
function unzipStored(buf) {
  const out = {}
  for (let at = 0; buf.readUInt32LE(at) === 0x04034b50; ) {
    const method = buf.readUInt16LE(at + 8)
    const size = buf.readUInt32LE(at + 18)
    const nameLen = buf.readUInt16LE(at + 26)
    const extra = buf.readUInt16LE(at + 28)
    const name = buf.subarray(at + 30, at + 30 + nameLen).toString('utf8')
    assert.equal(method, 0, 'stored')
    const start = at + 30 + nameLen + extra
    out[name] = buf.subarray(start, start + size).toString('utf8')
    at = start + size
  }
  return out
}

for (const size of SIZES) {
  const at = `${size.width}×${size.height}`

  test(`案件详情 at ${at}: a skeleton while loading, then every party field`, async () => {
    const page = await signedInAs(browser, server.url, 'reviewer1', size)
    let release
    const held = new Promise((r) => (release = r))
    await page.route(`**/api/v1/cases/${ktvId}`, async (route) => (await held, route.continue()))
    await page.goto(server.url + '/cases/' + ktvId)
    await page.locator('[data-testid="case-skeleton"]').waitFor()
    release()
    await page.getByRole('heading', { name: KTV }).waitFor()
    const party = page.locator('[data-testid="party"]').first()
    for (const v of ['易县金嗓子娱乐有限公司', '法定代表人', '周涛', '住址', '河北省保定市易县城关镇迎宾路66号', '0312-8265678']) {
      await party.getByText(v).first().waitFor()
    }
    await shot(page, `finding-case-${size.width}`)
    await page.context().close()
  })

  test(`案件列表 at ${at}: the whole title, the officer by name, a failure with 重试`, async () => {
    const page = await signedInAs(browser, server.url, 'reviewer1', size)
    await page.goto(server.url + '/cases')
    const cell = page.locator('td', { hasText: LONG })
    await cell.waitFor()
    assert.equal((await cell.innerText()).trim(), LONG, 'the whole title')
    const cut = await cell.locator('.cell').evaluate((e) => e.scrollWidth > e.clientWidth + 1)
    assert.equal(cut, false, 'not cut off')

    // 执法人员 by name: 张伟 finds his cases.
    await page.locator('.el-select__wrapper', { has: page.getByRole('combobox', { name: '执法人员' }) }).click()
    await page.getByRole('combobox', { name: '执法人员' }).pressSequentially('张伟')
    await page.getByRole('option', { name: /张伟/ }).click()
    await page.getByRole('button', { name: '查询' }).click()
    await page.waitForURL(/officer=user_/)
    await page.locator('td', { hasText: KTV }).waitFor()

    // A failed load says so, with 重试.
    await page.route('**/api/v1/cases?*', (route) => route.fulfill({ status: 500, body: 'boom' }))
    await page.getByRole('button', { name: '查询' }).click()
    const alert = page.getByRole('alert').filter({ hasText: '案件列表加载失败' })
    await alert.getByText(/服务器内部错误（HTTP 500）/).waitFor()
    assert.equal(await page.getByText('暂无案件').count(), 0)
    await shot(page, `finding-list-failed-${size.width}`)
    await page.unroute('**/api/v1/cases?*')
    await alert.getByRole('button', { name: '重试' }).click()
    await page.locator('td', { hasText: KTV }).waitFor()
    await alert.waitFor({ state: 'detached' })
    await page.context().close()
  })
}

test('案件列表 exported to XLSX: the downloaded workbook holds the cases', async () => {
  const page = await signedInAs(browser, server.url, 'reviewer1')
  await page.goto(server.url + '/cases')
  await page.locator('td', { hasText: KTV }).waitFor()
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: '导出 Excel' }).click()])
  assert.match(download.suggestedFilename(), /^案件列表-\d{8}\.xlsx$/)
  const files = unzipStored(readFileSync(await download.path()))
  assert.ok(files['[Content_Types].xml'] && files['xl/workbook.xml'])
  const sheet = files['xl/worksheets/sheet1.xml']
  for (const v of ['案件编号', KTV, LONG]) assert.ok(sheet.includes(v), v)
  await page.context().close()
})

test('程序启动审批表 prints: cause, parties, and every opinion with its name and time', async () => {
  const page = await signedInAs(browser, server.url, 'reviewer1', { width: 1024, height: 768, touch: true })
  const c = await pageApi(page, 'GET', '/api/v1/cases/' + ktvId)
  await pageApi(page, 'POST', `/api/v1/approvals/${c.approvals.at(-1).id}/decision`, { decision: 'approve', opinion: '同意，报负责人' })
  await page.goto(server.url + '/cases/' + ktvId)
  await page.getByRole('button', { name: '打印程序启动审批表' }).waitFor()
  const sheet = page.locator('[data-testid="start-form-print"]')
  assert.equal(await sheet.isVisible(), false, 'not on screen')
  await page.emulateMedia({ media: 'print' })
  await sheet.waitFor()
  for (const v of ['程序启动审批表', '启动原因', '夜间巡查发现', '易县金嗓子娱乐有限公司', '法定代表人 周涛', '承办人意见', '建议启动调查程序', '张伟',
    '承办机构意见', '同意，报负责人', '李强', '法制审核意见', '负责人意见']) {
    await sheet.getByText(v).first().waitFor()
  }
  await shot(page, 'finding-print')
  await page.context().close()
})
