// 设备管理 in Debian's Chromium against the real server (Release build, demo data):
//   - admin registers a body camera for officer1 (a serial already registered is refused at 编号),
//     sees its late upload counted under 逾期上传 and opens its 逾期记录, then disables it;
//   - admin registers a collection station, is shown its token once (copied to the clipboard, and
//     working), never again, and revokes it: the token stops working;
//   - a non-admin has no 设备管理 in the menu and gets the forbidden page at /devices.
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { startServer, launchBrowser, pageAs, shot, PASSWORD, registerDevices, registerClip, signedInAs } from './harness.mjs'

const DEMO_APPLICATION = '易县商贸博览会大型群众性活动安全许可申请'

let server, browser
before(async () => {
  server = await startServer()
  await registerDevices(server.url, { 'DSJ-0001': 'officer1' })
  browser = await launchBrowser()
})
after(async () => {
  await browser?.close()
  await server?.stop()
})

const signedIn = (username) => signedInAs(browser, server.url, username)

/** GET with a bearer token of `username` (a fresh login), outside any browser. */
async function apiGet(username, path) {
  const login = await fetch(server.url + '/api/v1/auth/login', {
    method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ username, password: PASSWORD }),
  })
  const { token } = await login.json()
  const res = await fetch(server.url + path, { headers: { Authorization: 'Bearer ' + token } })
  assert.equal(res.status, 200, `GET ${path}`)
  return res.json()
}

/** Picks an option of an Element Plus select by the select's label, typing `typed` first when given. */
async function choose(page, scope, label, option, typed) {
  const combo = page.getByRole('combobox', { name: label, exact: true })
  await scope.locator('.el-select__wrapper', { has: combo }).click()
  if (typed) await scope.locator(combo).pressSequentially(typed)
  await page.locator('.el-select-dropdown:visible').getByRole('option', { name: option, exact: true }).click()
}

const formError = (dialog, label) =>
  dialog.locator('.el-form-item', { has: dialog.page().getByLabel(label, { exact: true }) }).locator('.el-form-item__error')

/** The status of HEAD /api/v1/uploads/{unknown} with a station's token: 404 while it is valid, 401 once revoked. */
async function tokenStatus(token) {
  const res = await fetch(server.url + '/api/v1/uploads/up_none', {
    method: 'HEAD', headers: { Authorization: 'Bearer ' + token, 'Tus-Resumable': '1.0.0' },
  })
  return res.status
}

test('admin registers a body camera for officer1, sees its late upload and disables it', async () => {
  const page = await signedIn('admin')
  await page.getByRole('menuitem', { name: '设备管理' }).click()
  await page.getByRole('heading', { level: 1, name: '设备管理' }).waitFor()
  const table = page.locator('.el-table[aria-label="执法记录仪列表"]')
  await table.getByText('DSJ-0001').waitFor()

  // A serial registered already: the API's error (field serial) is shown at 编号.
  await page.getByRole('button', { name: '登记执法记录仪' }).click()
  const dialog = page.getByRole('dialog', { name: '登记执法记录仪' })
  await dialog.getByLabel('编号', { exact: true }).fill('DSJ-0001')
  await dialog.getByLabel('型号', { exact: true }).fill('海康威视 DSJ-X2')
  await choose(page, dialog, '使用人单位', '治安管理大队')
  await choose(page, dialog, '使用人', '张伟（040017）', '张')
  await dialog.getByRole('button', { name: '保存' }).click()
  await formError(dialog, '编号').getByText('已登记').waitFor()
  await shot(page, 'devices-register-error')

  await dialog.getByLabel('编号', { exact: true }).fill('DSJ-0107')
  await dialog.getByRole('button', { name: '保存' }).click()
  await dialog.waitFor({ state: 'hidden' })
  const row = table.locator('.el-table__row', { hasText: 'DSJ-0107' })
  await row.getByText('张伟').waitFor()
  await row.getByText('启用').waitFor()
  assert.equal((await page.getByTestId('late-DSJ-0107').textContent()).trim(), '0')
  const officer1 = (await apiGet('officer1', '/api/v1/auth/me')).id
  const device = (await apiGet('admin', '/api/v1/devices')).items.find((d) => d.serial === 'DSJ-0107')
  assert.equal(device.officer_id, officer1)
  assert.equal(device.model, '海康威视 DSJ-X2')

  // officer1 registers footage from it 30 hours after capture ended (Art. 33): counted under 逾期上传.
  const cases = await apiGet('officer1', '/api/v1/cases?page_size=100')
  await registerClip(server.url, { caseId: cases.items.find((c) => c.title === DEMO_APPLICATION).id, device: 'DSJ-0107' })
  await page.getByRole('button', { name: '刷新' }).click()
  await page.getByRole('button', { name: '逾期记录 DSJ-0107（1 条）' }).click()
  const drawer = page.getByRole('dialog', { name: '逾期记录：执法记录仪 DSJ-0107' })
  await drawer.waitFor()
  // The findings are listed as the case list is (docs/openapi.yaml, GET /media/late): officer1 sees
  // the one in their unit's case; the administrator sees no case records, so the drawer lists none
  // and says how many of the device's late_count it cannot show.
  const mine = await apiGet('officer1', '/api/v1/media/late?device_id=' + device.id)
  assert.equal(mine.total, 1)
  assert.equal(mine.items[0].number, cases.items.find((c) => c.title === DEMO_APPLICATION).number)
  assert.ok(mine.items[0].late_seconds > 24 * 3600)
  assert.equal((await apiGet('admin', '/api/v1/media/late?device_id=' + device.id)).total, 0)
  await drawer.getByTestId('late-hidden').getByText('其中 1 条所属案件您无权查看').waitFor()
  await drawer.getByText('没有可查看的逾期记录').waitFor()
  await shot(page, 'devices-late')
  await page.keyboard.press('Escape')
  await drawer.waitFor({ state: 'hidden' })

  // Edited: the officer is shown by name, the serial and model are fixed; disabled.
  await page.getByRole('button', { name: '编辑 DSJ-0107' }).click()
  const edit = page.getByRole('dialog', { name: '编辑执法记录仪：DSJ-0107' })
  await edit.locator('.el-select', { has: page.getByRole('combobox', { name: '使用人', exact: true }) }).getByText(/^张伟/).waitFor()
  assert.equal(await edit.getByLabel('型号', { exact: true }).isDisabled(), true)
  const enabled = edit.getByRole('switch', { name: '启用' })
  await edit.locator('.el-switch', { has: page.getByRole('switch', { name: '启用' }) }).click()
  assert.equal(await enabled.getAttribute('aria-checked'), 'false')
  await shot(page, 'devices-edit')
  await edit.getByRole('button', { name: '保存' }).click()
  await edit.waitFor({ state: 'hidden' })
  await row.getByText('停用').waitFor()
  assert.equal((await apiGet('admin', '/api/v1/devices')).items.find((d) => d.serial === 'DSJ-0107').active, false)
  await shot(page, 'devices')
  await page.context().close()
})

test('admin registers a station, sees its token once, and revokes it', async () => {
  const page = await signedIn('admin')
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.url })
  await page.goto(server.url + '/devices')
  await page.getByRole('tab', { name: '采集站' }).click()
  await page.waitForURL(/\?tab=stations$/)
  await page.getByRole('button', { name: '登记采集站' }).click()
  const dialog = page.getByRole('dialog', { name: '登记采集站' })

  // Without a name: the API's error is shown at 名称.
  await dialog.getByLabel('位置', { exact: true }).fill('易县公安局一楼执法办案区')
  await dialog.getByRole('button', { name: '登记并生成令牌' }).click()
  await formError(dialog, '名称').getByText('不能为空').waitFor()
  await dialog.getByLabel('名称', { exact: true }).fill('一楼采集站')
  await dialog.getByRole('button', { name: '登记并生成令牌' }).click()

  const shown = page.getByRole('dialog', { name: '采集站令牌：一楼采集站' })
  const tokenField = shown.getByLabel('采集站令牌')
  await tokenField.waitFor()
  const token = await tokenField.inputValue()
  assert.match(token, /^qcst_[0-9a-f]{64}$/)
  await shown.getByRole('alert').getByText('令牌只显示这一次').waitFor()
  await shown.getByRole('button', { name: '复制' }).click()
  await page.getByText('令牌已复制到剪贴板').waitFor()
  assert.equal(await page.evaluate(() => navigator.clipboard.readText()), token)
  assert.equal(await tokenStatus(token), 404, 'the token shown authenticates the station')
  await shot(page, 'devices-station-token')
  // A stray Escape does not lose the token.
  await page.keyboard.press('Escape')
  await tokenField.waitFor()
  await shown.getByRole('button', { name: '我已保存令牌，关闭' }).click()
  await shown.waitFor({ state: 'hidden' })

  // Never shown again: not in the list, not on the page, and not when the dialog opens again.
  const row = page.locator('.el-table[aria-label="采集站列表"] .el-table__row', { hasText: '一楼采集站' })
  await row.getByText('有效').waitFor()
  assert.equal(await page.getByText(token).count(), 0)
  assert.ok(!JSON.stringify(await apiGet('admin', '/api/v1/stations')).includes('qcst_'))
  await page.getByRole('button', { name: '登记采集站' }).click()
  await dialog.getByLabel('名称', { exact: true }).waitFor()
  assert.equal(await dialog.getByLabel('名称', { exact: true }).inputValue(), '')
  assert.equal(await page.getByLabel('采集站令牌').count(), 0)
  await dialog.getByRole('button', { name: '取消' }).click()
  await dialog.waitFor({ state: 'hidden' })

  // Revoked after confirming (cancelling first changes nothing).
  await page.getByRole('button', { name: '吊销 一楼采集站' }).click()
  const confirm = page.getByRole('dialog', { name: '吊销采集站令牌' })
  await confirm.getByText('吊销不可撤销').waitFor()
  await confirm.getByRole('button', { name: '取消' }).click()
  await confirm.waitFor({ state: 'hidden' })
  assert.equal(await tokenStatus(token), 404)
  await page.getByRole('button', { name: '吊销 一楼采集站' }).click()
  await confirm.getByRole('button', { name: '吊销', exact: true }).click()
  await row.getByText('已吊销').waitFor()
  assert.equal(await page.getByRole('button', { name: '吊销 一楼采集站' }).count(), 0)
  assert.equal(await tokenStatus(token), 401, 'a revoked token is refused')
  await shot(page, 'devices-stations')
  await page.context().close()
})

test('a non-admin has no 设备管理 and is refused the page', async () => {
  for (const username of ['officer1', 'legal1']) {
    const page = await signedIn(username)
    await page.getByRole('navigation', { name: '主导航' }).getByRole('menuitem').first().waitFor()
    assert.equal(await page.getByRole('menuitem', { name: '设备管理' }).count(), 0, username)
    await page.goto(server.url + '/devices')
    await page.waitForURL((u) => u.pathname === '/forbidden' && u.searchParams.get('from') === '/devices')
    await page.getByText('无权访问').first().waitFor()
    if (username === 'officer1') await shot(page, 'devices-forbidden')
    await page.context().close()
  }
})
