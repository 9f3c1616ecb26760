// Officers (issue 12 §10.3): 指派协办人员 lists the unit's officers at once and lets one choose the
// unit; the upload form chooses the officer's only registered camera (GET /devices/mine). At 1366×768
// and on a tablet (touch).
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { startServer, launchBrowser, signedInAs, pageApi, registerDevices, registerClip } from './harness.mjs'

const SIZES = [
  { width: 1366, height: 768 },
  { width: 1024, height: 768, touch: true },
  { width: 768, height: 1024, touch: true },
]
const KTV = '金嗓子KTV未按规定备案经营案'

let server, browser, ktvId
before(async () => {
  server = await startServer()
  browser = await launchBrowser()
  await registerDevices(server.url, { 'DSJ-0107': 'officer1' })
  // A second officer in 治安管理大队 (besides the demo's 张伟 and 刘洋, both on the case already).
  const admin = await signedInAs(browser, server.url, 'admin')
  const units = await pageApi(admin, 'GET', '/api/v1/units')
  await pageApi(admin, 'POST', '/api/v1/users', {
    username: 'officer9', name: '刘协办', role: 'officer', unit_id: units.items.find((u) => u.name === '治安管理大队').id,
    cert_no: '040099', password: 'Test@2026x',
  })
  await admin.context().close()
  const page = await signedInAs(browser, server.url, 'officer1')
  ktvId = (await pageApi(page, 'GET', '/api/v1/cases?page_size=100')).items.find((c) => c.title === KTV).id
  await page.context().close()
  await registerClip(server.url, { caseId: ktvId, device: 'DSJ-0107', hoursAgo: 1, fileName: '现场检查.mp4' })
})
after(async () => {
  await browser?.close()
  await server?.stop()
})

for (const size of SIZES) {
  test(`指派协办人员 at ${size.width}×${size.height}: the unit's officers before typing, and a unit to choose`, async () => {
    const page = await signedInAs(browser, server.url, 'officer1', size)
    await page.goto(server.url + '/cases/' + ktvId)
    await page.getByRole('heading', { name: KTV }).waitFor()
    await page.getByRole('button', { name: '指派协办人员' }).click()
    const dialog = page.getByRole('dialog', { name: '指派协办人员' })
    const unitSelect = dialog.locator('.el-select', { has: page.getByRole('combobox', { name: '所在单位' }) })
    await unitSelect.getByText('治安管理大队').waitFor()
    await dialog.locator('.el-select__wrapper', { has: page.getByRole('combobox', { name: '协办人员', exact: true }) }).click()
    // Listed at once, nothing typed; officer1 is on the case already.
    const options = page.locator('.el-select-dropdown:visible .el-select-dropdown__item')
    await options.first().waitFor()
    await options.filter({ hasText: '刘协办（040099）' }).waitFor()
    const names = await options.allTextContents()
    assert.ok(!names.some((n) => n.includes('张伟')), names.join(','))
    await page.keyboard.press('Escape')
    // Another unit may be chosen.
    await dialog.locator('.el-select__wrapper', { has: page.getByRole('combobox', { name: '所在单位' }) }).click()
    await page.getByRole('option', { name: '易县公安局' }).waitFor()
    await page.getByRole('option', { name: '城关派出所' }).waitFor()
    await page.keyboard.press('Escape')
    await page.context().close()
  })

  test(`上传音像记录 at ${size.width}×${size.height}: the officer's own camera chosen`, async () => {
    const page = await signedInAs(browser, server.url, 'officer1', size)
    await page.goto(server.url + '/cases/' + ktvId)
    await page.getByRole('button', { name: '上传音像记录' }).click()
    const dialog = page.getByRole('dialog', { name: '上传音像记录' })
    // officer1's only registered camera (GET /devices/mine) is chosen, named with its model.
    const camera = dialog.locator('.el-select', { has: page.getByRole('combobox', { name: '执法记录仪编号' }) })
    await camera.locator('.el-select__placeholder', { hasText: 'DSJ-0107（海康威视 DSJ-X1）' }).waitFor()
    await dialog.locator('[data-testid="camera-preselected"]').waitFor()
    await page.context().close()
  })
}
