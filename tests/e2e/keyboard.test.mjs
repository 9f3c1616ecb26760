// Login and the new-case wizard from the keyboard alone (Tab, Shift+Tab, typing, Enter, Space,
// arrow keys): no clicks, no fill(). Each control is reached by pressing Tab until it has focus.
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { startServer, launchBrowser, pageAs, PASSWORD, shot } from './harness.mjs'

let server, browser
before(async () => {
  server = await startServer()
  browser = await launchBrowser()
})
after(async () => {
  await browser?.close()
  await server?.stop()
})

// The accessible name of the focused element: its aria-label, else a button's text.
const focusedName = (page) =>
  page.evaluate(() => {
    const el = document.activeElement
    if (!el || el === document.body) return ''
    const label = el.getAttribute('aria-label')
    if (label) return label.trim()
    if (el.type === 'radio') return (el.closest('label')?.textContent ?? '').trim()
    return (el.closest('button')?.textContent ?? el.textContent ?? '').trim()
  })

// Presses Tab (or Shift+Tab) until the focused element is named `name`.
async function tabTo(page, name, { back = false, max = 60 } = {}) {
  const seen = []
  for (let i = 0; i < max; i++) {
    const now = await focusedName(page)
    if (now === name) return
    seen.push(now)
    await page.keyboard.press(back ? 'Shift+Tab' : 'Tab')
  }
  assert.fail(`"${name}" not reached by ${back ? 'Shift+Tab' : 'Tab'}; focus went through: ${seen.join(' | ')}`)
}

test('login from the keyboard: Tab to 用户名 and 密码, Enter signs in to 工作台', async () => {
  const page = await pageAs(browser, server.url, null)
  await page.goto(server.url + '/login')
  await page.getByRole('heading', { name: /全程/ }).waitFor()
  await tabTo(page, '用户名')
  await page.keyboard.type('officer1')
  await tabTo(page, '密码')
  await page.keyboard.type(PASSWORD)
  // Shift+Tab goes back to the user name, Tab returns to the password.
  await tabTo(page, '用户名', { back: true })
  assert.equal(await page.getByLabel('用户名').inputValue(), 'officer1')
  await tabTo(page, '密码')
  await page.keyboard.press('Enter')
  await page.getByRole('heading', { name: '工作台' }).waitFor()
  assert.equal(new URL(page.url()).pathname, '/')
  await page.context().close()
})

test('新建案件 (依职权) from the keyboard: every step filled and submitted without a click', async () => {
  const page = await pageAs(browser, server.url, 'officer1')
  await page.getByRole('heading', { name: '工作台' }).waitFor()
  await page.goto(server.url + '/cases/new?mode=ex_officio')
  await page.getByRole('heading', { name: '新建案件' }).waitFor()
  const title = '键盘登记的依职权案件'

  // 基本信息: the name, then 下一步 with Enter.
  await tabTo(page, '案件名称')
  await page.keyboard.type(title)
  await tabTo(page, '下一步')
  await page.keyboard.press('Enter')

  // 当事人: type 法人 with the arrow keys, the name, 添加当事人 with Space.
  await page.getByLabel('当事人类型').waitFor()
  // The group's one tab stop is its checked radio.
  await tabTo(page, '自然人', { back: true })
  const kinds = page.getByLabel('当事人类型').getByRole('radio')
  const before = await kinds.evaluateAll((rs) => rs.findIndex((r) => r.checked))
  await page.keyboard.press('ArrowRight')
  const after = await kinds.evaluateAll((rs) => rs.findIndex((r) => r.checked))
  assert.notEqual(after, before, 'an arrow key changes the 当事人类型')
  await page.keyboard.press('ArrowLeft')  // back to 自然人, which has the 性别 select
  await tabTo(page, '当事人姓名')
  await page.keyboard.type('李明')
  // 性别 is a select: ArrowDown opens it and moves to the first option, Enter picks it.
  await tabTo(page, '性别')
  await page.keyboard.press('ArrowDown')
  await page.getByRole('option', { name: '男' }).waitFor()
  await page.keyboard.press('ArrowDown')
  await page.keyboard.press('Enter')
  await page.getByRole('option', { name: '男' }).waitFor({ state: 'hidden' })
  await tabTo(page, '添加当事人')
  await page.keyboard.press('Space')
  await page.locator('[aria-label="已添加的当事人"]').getByText('李明').first().waitFor()
  await tabTo(page, '下一步')
  await page.keyboard.press('Enter')

  // 启动原因, then 下一步.
  await page.getByLabel('启动原因').waitFor()
  await tabTo(page, '启动原因', { back: true })
  await page.keyboard.type('日常巡查发现无证经营')
  await tabTo(page, '下一步')
  await page.keyboard.press('Enter')

  // 核对提交: 提交登记 with Enter.
  await page.getByText('请核对登记信息').waitFor()
  await tabTo(page, '提交登记', { back: true })
  await page.keyboard.press('Enter')
  await page.waitForURL(/\/cases\/case_/)
  await shot(page, 'keyboard-new-case')

  const id = new URL(page.url()).pathname.split('/cases/')[1]
  const detail = await page.evaluate(async (id) => (await fetch('/api/v1/cases/' + id)).json(), id)
  assert.equal(detail.title, title)
  assert.equal(detail.start_mode, 'ex_officio')
  assert.deepEqual(detail.parties.map((p) => [p.name, p.gender]), [['李明', '男']])
  await page.context().close()
})
