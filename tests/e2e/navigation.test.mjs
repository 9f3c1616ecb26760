// Smaller findings (issue 12 §10.6): the skip link and a side menu reached with Tab; on a tablet the
// menu is a drawer with names; the media table's 播放/下载 in view at 768 px; secondary text dark
// enough; a favicon; a server error in Chinese with 重试; 用户管理's filters and the 停用 confirmation.
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { startServer, launchBrowser, signedInAs, pageApi, registerDevices, registerClip, shot } from './harness.mjs'

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
  await registerDevices(server.url, { 'DSJ-0201': 'officer1' })
  const page = await signedInAs(browser, server.url, 'officer1')
  ktvId = (await pageApi(page, 'GET', '/api/v1/cases?page_size=100')).items.find((c) => c.title === KTV).id
  await page.context().close()
  await registerClip(server.url, { caseId: ktvId, device: 'DSJ-0201', hoursAgo: 1, fileName: '导航测试.mp4' })
})
after(async () => {
  await browser?.close()
  await server?.stop()
})

const focusedText = (page) => page.evaluate(() => (document.activeElement?.getAttribute('aria-label') || document.activeElement?.textContent || '').trim())

for (const size of SIZES) {
  const at = `${size.width}×${size.height}`
  const narrow = size.width < 1100

  test(`menu at ${at}: 跳到主要内容 first, entries reached with Tab${narrow ? ', a drawer with names' : ''}`, async () => {
    const page = await signedInAs(browser, server.url, 'officer1', size)
    await page.getByRole('heading', { level: 1, name: '工作台' }).waitFor()
    await page.keyboard.press('Tab')
    assert.equal(await focusedText(page), '跳到主要内容')
    await page.keyboard.press('Enter')
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'main')

    if (narrow) {
      await page.getByRole('button', { name: '打开菜单' }).click()
      const drawer = page.locator('.menu-drawer')
      await drawer.getByText('案件列表', { exact: true }).waitFor() // the name, not only an icon
      await shot(page, `navigation-drawer-${size.width}`)
      await drawer.getByRole('menuitem', { name: '案件列表' }).focus()
    } else {
      // From the top of the page: the skip link, then the menu's entries.
      await page.reload()
      await page.getByRole('heading', { level: 1, name: '工作台' }).waitFor()
      for (let i = 0; i < 8 && (await focusedText(page)) !== '案件列表'; i++) await page.keyboard.press('Tab')
      assert.equal(await focusedText(page), '案件列表', 'reached with Tab')
    }
    await page.keyboard.press('Enter')
    await page.getByRole('heading', { level: 1, name: '案件列表' }).waitFor()
    if (narrow) await page.locator('.menu-drawer .el-drawer').waitFor({ state: 'hidden' })

    // Secondary text at 4.5:1: #606266.
    const grey = await page.locator('.muted').first().evaluate((e) => getComputedStyle(e).color)
    assert.equal(grey, 'rgb(96, 98, 102)')
    await page.context().close()
  })

  test(`音像记录 at ${at}: 播放 and 下载 in view`, async () => {
    const page = await signedInAs(browser, server.url, 'officer1', size)
    await page.goto(server.url + '/cases/' + ktvId)
    const play = page.getByRole('button', { name: '播放 导航测试.mp4' })
    await play.scrollIntoViewIfNeeded()
    for (const b of [play, page.getByRole('button', { name: '下载 导航测试.mp4' })]) {
      const box = await b.boundingBox()
      assert.ok(box && box.x >= 0 && box.x + box.width <= size.width, `${await b.textContent()} at ${JSON.stringify(box)}`)
    }
    await page.context().close()
  })
}

test('a favicon, and a server error in Chinese with 重试 that loads the page again', async () => {
  const page = await signedInAs(browser, server.url, 'reviewer1', { width: 1024, height: 768, touch: true })
  assert.equal(await page.locator('link[rel="icon"]').getAttribute('href'), '/favicon.svg')
  const icon = await page.evaluate(async () => {
    const r = await fetch('/favicon.svg')
    return { status: r.status, type: r.headers.get('content-type') }
  })
  assert.equal(icon.status, 200)
  assert.match(icon.type, /svg/)

  let failing = true
  await page.route('**/api/v1/deadlines*', (route) => (failing ? route.fulfill({ status: 500, body: '' }) : route.continue()))
  await page.goto(server.url + '/')
  const notice = page.locator('.el-notification', { hasText: '加载失败' })
  await notice.getByText('服务器内部错误（HTTP 500），请稍后重试').waitFor()
  failing = false
  const again = page.waitForRequest('**/api/v1/deadlines*')
  await notice.getByRole('button', { name: '重试' }).click()
  await again
  await notice.waitFor({ state: 'hidden' })
  await page.context().close()
})

for (const size of [SIZES[0], SIZES[2]]) {
  test(`用户管理 at ${size.width}×${size.height}: filters by name, role and unit; 停用 asks first`, async () => {
    const page = await signedInAs(browser, server.url, 'admin', size)
    await page.goto(server.url + '/users')
    const table = page.locator('.el-table[aria-label="用户列表"]')
    await table.getByText('officer2').waitFor()
    await page.getByLabel('按姓名或用户名筛选').fill('张伟')
    await table.getByText('officer2').waitFor({ state: 'detached' })
    await table.getByText('officer1').waitFor()
    await page.getByLabel('按姓名或用户名筛选').fill('')
    await page.locator('.el-select__wrapper', { has: page.getByRole('combobox', { name: '按角色筛选' }) }).click()
    await page.getByRole('option', { name: '法制员' }).click()
    await table.getByText('legal1').waitFor()
    assert.equal(await table.getByText('officer1').count(), 0)
    await page.locator('.el-select__wrapper', { has: page.getByRole('combobox', { name: '按角色筛选' }) }).hover()
    await page.locator('.el-select', { has: page.getByRole('combobox', { name: '按角色筛选' }) }).locator('.el-select__clear').click()
    await page.locator('.el-select__wrapper', { has: page.getByRole('combobox', { name: '按单位筛选' }) }).click()
    await page.getByRole('option', { name: '城关派出所' }).click()
    await table.getByText('officer2').waitFor()
    assert.equal(await table.getByText('officer1').count(), 0)

    // 停用 officer2: asked first; 取消 changes nothing.
    await page.getByRole('button', { name: '编辑 officer2' }).click()
    const dialog = page.getByRole('dialog', { name: '编辑用户：officer2' })
    await dialog.locator('.el-switch', { has: page.getByRole('switch', { name: '启用' }) }).click()
    await dialog.getByRole('button', { name: '保存' }).click()
    const confirm = page.getByRole('dialog', { name: '确认停用' })
    await confirm.getByText(/王芳（officer2）将不能再登录/).waitFor()
    await confirm.getByRole('button', { name: '取消' }).click()
    await confirm.waitFor({ state: 'hidden' })
    const users = await pageApi(page, 'GET', '/api/v1/users?page_size=100')
    assert.equal(users.items.find((u) => u.username === 'officer2').active, true)
    await dialog.getByRole('button', { name: '取消' }).click()
    await page.context().close()
  })
}
