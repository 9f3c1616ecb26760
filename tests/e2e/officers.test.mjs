// Officers (issue 12 §10.3): 指派协办人员 lists the case's unit's officers at once (only they may be
// assigned), filtered as one types; a 辅警 — created in 用户管理 with its 警号 checked in the page
// first — is tagged in the user list and marked in every officer picker (指派协办人员, the new-case
// wizard's 协办人员, a camera's 使用人) and on the case; the upload form chooses the officer's only
// registered camera (GET /devices/mine). At 1366×768 and on a tablet (touch).
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { startServer, launchBrowser, signedInAs, pageApi, registerDevices, registerClip, shot } from './harness.mjs'

const SIZES = [
  { width: 1366, height: 768 },
  { width: 1024, height: 768, touch: true },
  { width: 768, height: 1024, touch: true },
]
const KTV = '金嗓子KTV未按规定备案经营案'
// One 辅警 made in the form at each size; 警号 04 + the width (six digits).
const AUXILIARIES = { 1366: '钱小勇', 1024: '孙小军', 768: '周小川' }
const AUXILIARY_HINT = '辅警可以协助执法（如现场录像、上传音像记录），但不计入办案所需的两名执法人员（行政处罚法第四十二条）。'

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
  test(`辅警 at ${size.width}×${size.height}: created in 用户管理 (警号 checked first), tagged in the list`, async () => {
    const name = AUXILIARIES[size.width]
    const page = await signedInAs(browser, server.url, 'admin', size)
    await page.goto(server.url + '/users')
    await page.getByRole('button', { name: '新建用户' }).click()
    const dialog = page.getByRole('dialog', { name: '新建用户' })
    await dialog.getByLabel('用户名').fill('aux' + size.width)
    await dialog.getByLabel('姓名').fill(name)
    await dialog.locator('.el-select__wrapper', { has: page.getByRole('combobox', { name: '所属单位' }) }).click()
    await page.getByRole('option', { name: '治安管理大队' }).click()
    await dialog.getByLabel('初始密码').fill('Test@2026x')
    // A police officer's 警号 is six digits: "12345" is refused at its field, in Chinese, without a request.
    await dialog.getByLabel('执法证件编号').fill('12345')
    const posts = []
    const onRequest = (r) => r.method() === 'POST' && new URL(r.url()).pathname === '/api/v1/users' && posts.push(r)
    page.on('request', onRequest)
    await dialog.getByRole('button', { name: '保存' }).click()
    const cert = dialog.locator('.el-form-item', { has: page.getByLabel('执法证件编号') })
    await cert.locator('.el-form-item__error', { hasText: '人民警察证警号应为 6 位数字' }).waitFor()
    assert.equal(posts.length, 0)
    page.off('request', onRequest)

    // The six-digit 警号, and 辅警 on.
    await dialog.getByLabel('执法证件编号').fill('04' + String(size.width).padStart(4, '0'))
    const aux = dialog.getByRole('switch', { name: '辅警' })
    await dialog.locator('.el-switch', { has: page.getByRole('switch', { name: '辅警' }) }).click()
    assert.equal(await aux.getAttribute('aria-checked'), 'true')
    await dialog.getByText(AUXILIARY_HINT).waitFor()
    await dialog.getByRole('button', { name: '保存' }).click()
    await dialog.waitFor({ state: 'hidden' })

    await page.getByLabel('按姓名或用户名筛选').fill(name)
    const row = page.locator('.el-table[aria-label="用户列表"] .el-table__row', { hasText: name })
    await row.locator('.el-tag', { hasText: '辅警' }).waitFor()
    await shot(page, `users-auxiliary-${size.width}`)
    await page.context().close()
  })

  test(`指派协办人员 at ${size.width}×${size.height}: the case's unit's officers before typing, a 辅警 marked`, async () => {
    const name = AUXILIARIES[size.width]
    const page = await signedInAs(browser, server.url, 'officer1', size)
    await page.goto(server.url + '/cases/' + ktvId)
    await page.getByRole('heading', { name: KTV }).waitFor()
    await page.getByRole('button', { name: '指派协办人员' }).click()
    const dialog = page.getByRole('dialog', { name: '指派协办人员' })
    // Only the case's unit: named, not chosen.
    await dialog.getByTestId('assign-unit').getByText('治安管理大队').waitFor()
    assert.equal(await dialog.getByRole('combobox', { name: '所在单位' }).count(), 0)
    await dialog.getByText(AUXILIARY_HINT).waitFor()
    const select = dialog.getByRole('combobox', { name: '协办人员', exact: true })
    await dialog.locator('.el-select__wrapper', { has: page.getByRole('combobox', { name: '协办人员', exact: true }) }).click()
    // Listed at once, nothing typed; officer1 is on the case already.
    const options = page.locator('.el-select-dropdown:visible .el-select-dropdown__item')
    await options.filter({ hasText: '刘协办（040099）' }).waitFor()
    const mine = options.filter({ hasText: name })
    await mine.locator('.el-tag', { hasText: '辅警' }).waitFor()
    assert.equal(await options.filter({ hasText: '刘协办' }).locator('.el-tag').count(), 0)
    const names = await options.allTextContents()
    assert.ok(!names.some((n) => n.includes('张伟')), names.join(','))
    await shot(page, `assign-officer-auxiliary-${size.width}`)
    // Typing filters them.
    await select.pressSequentially(name.slice(0, 2))
    await options.filter({ hasText: '刘协办' }).waitFor({ state: 'hidden' })
    await mine.click()
    await dialog.getByRole('button', { name: '提交', exact: true }).click()
    await dialog.waitFor({ state: 'hidden' })
    // On the case, the 辅警 is tagged among its officers.
    const row = page.locator('.el-table[aria-label="执法人员"] .el-table__row', { hasText: name })
    await row.locator('.el-tag', { hasText: '辅警' }).waitFor()
    await row.getByText('协办').waitFor()
    await page.context().close()
  })

  test(`新建案件 and 使用人 at ${size.width}×${size.height}: a 辅警 marked in the pickers`, async () => {
    const name = AUXILIARIES[size.width]
    const page = await signedInAs(browser, server.url, 'officer1', size)
    await page.goto(server.url + '/cases/new?mode=ex_officio')
    await page.getByRole('heading', { level: 1, name: '新建案件' }).waitFor()
    await page.getByTestId('lead-officer').getByText('张伟（040017）').waitFor()
    await page.getByText(AUXILIARY_HINT).waitFor()
    await page.locator('.el-select__wrapper', { has: page.getByRole('combobox', { name: '协办人员' }) }).click()
    const options = page.locator('.el-select-dropdown:visible .el-select-dropdown__item')
    await options.filter({ hasText: name }).locator('.el-tag', { hasText: '辅警' }).waitFor()
    await options.filter({ hasText: '刘洋（040023）' }).waitFor()
    assert.equal(await options.filter({ hasText: '张伟' }).count(), 0)
    await page.keyboard.press('Escape')
    await page.context().close()

    const admin = await signedInAs(browser, server.url, 'admin', size)
    await admin.goto(server.url + '/devices')
    await admin.getByRole('button', { name: '登记执法记录仪' }).click()
    const dialog = admin.getByRole('dialog', { name: '登记执法记录仪' })
    await dialog.locator('.el-select__wrapper', { has: admin.getByRole('combobox', { name: '使用人单位' }) }).click()
    await admin.getByRole('option', { name: '治安管理大队' }).click()
    await dialog.getByText(AUXILIARY_HINT).waitFor()
    await dialog.locator('.el-select__wrapper', { has: admin.getByRole('combobox', { name: '使用人', exact: true }) }).click()
    const people = admin.locator('.el-select-dropdown:visible .el-select-dropdown__item')
    await people.filter({ hasText: name }).locator('.el-tag', { hasText: '辅警' }).waitFor()
    await admin.keyboard.press('Escape')
    await admin.context().close()
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
