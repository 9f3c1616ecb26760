// 节假日设置 (the working-day calendar) in Debian's Chromium against the real server (demo data):
//   - admin sees the shipped years: 2026 published, 2027 provisional (weekends only);
//   - editing 2027, the page's own checks show every problem at its field before anything is sent
//     (a weekday as 调休上班, a date of another year, no 来源);
//   - a valid arrangement, no longer 暂定, is saved (PUT /api/v1/calendar/2027): the row shows
//     已公布 and 管理员设置 with who set it, and the API has the dates sorted;
//   - a non-admin has no 节假日设置 in the menu and gets the forbidden page at /calendar, but may
//     read the calendar through the API.
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { startServer, launchBrowser, pageAs, shot, pageApi, signedInAs } from './harness.mjs'

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

const formError = (dialog, label) =>
  dialog
    .locator('.el-form-item', {
      has: dialog.page().getByLabel(label, { exact: true }),
    })
    .locator('.el-form-item__error')

const yearOf = (calendar, year) => calendar.years.find((y) => y.year === year)

test('admin sees the shipped years and sets 2027 as published', async () => {
  const page = await signedIn('admin')
  await page.getByRole('menuitem', { name: '节假日设置' }).click()
  await page.waitForURL((u) => u.pathname === '/calendar')
  await page.getByRole('heading', { level: 1, name: '节假日设置' }).waitFor()
  await page.getByText('办理期限以工作日计算，不含法定节假日（行政许可法第八十二条）').waitFor()

  const shipped = await pageApi(page, 'GET', '/api/v1/calendar')
  const y2026 = yearOf(shipped, 2026)
  assert.ok(y2026 && !y2026.provisional && y2026.origin === 'shipped', JSON.stringify(y2026))
  assert.ok(y2026.holidays.length > 0 && y2026.workdays.length > 0, JSON.stringify(y2026))
  const y2027 = yearOf(shipped, 2027)
  assert.ok(y2027 && y2027.provisional && y2027.origin === 'shipped', JSON.stringify(y2027))
  assert.deepEqual(
    shipped.years.map((y) => y.year),
    [...shipped.years.map((y) => y.year)].sort((a, b) => a - b),
  )

  const table = page.locator('.el-table[aria-label="节假日安排"]')
  const row = (year) => table.locator('.el-table__row', { has: page.getByTestId('year-' + year) })
  await row(2026).getByText('已公布', { exact: true }).waitFor()
  await row(2026).getByText('随系统提供', { exact: true }).waitFor()
  await row(2026).getByText(`${y2026.holidays.length} 天`, { exact: true }).waitFor()
  await row(2026).getByText(`${y2026.workdays.length} 天`, { exact: true }).waitFor()
  await row(2027).getByText('暂定', { exact: true }).waitFor()
  await row(2027).getByText('随系统提供', { exact: true }).waitFor()
  await shot(page, 'calendar')

  // Every PUT the page sends, to show that the page's own checks send none.
  const puts = []
  page.on('request', (r) => {
    if (r.method() === 'PUT') puts.push(r.url())
  })

  await page.getByRole('button', { name: '编辑 2027 年' }).click()
  const dialog = page.getByRole('dialog', { name: '编辑节假日安排：2027 年' })
  // Opened (the transition over), the first field to fill has the focus: the year is fixed.
  await page.waitForFunction(() => document.activeElement?.getAttribute('aria-label') === '放假日期')
  const year = dialog.getByLabel('年份', { exact: true })
  assert.equal(await year.inputValue(), '2027')
  assert.equal(await year.isDisabled(), true)
  const provisional = dialog.getByRole('switch', { name: '暂定' })
  assert.equal(await provisional.getAttribute('aria-checked'), 'true')

  // Monday 2027-01-04 as 调休上班, a date of 2026 as 放假, no 来源: all shown at once.
  await dialog.getByLabel('放假日期', { exact: true }).fill('2027-01-01\n2026-12-31')
  await dialog.getByLabel('调休上班日期', { exact: true }).fill('2027-01-04')
  await dialog.getByLabel('来源', { exact: true }).fill('')
  await dialog.getByRole('button', { name: '保存' }).click()
  await formError(dialog, '调休上班日期').getByText('调休上班日应为周六或周日：2027-01-04').waitFor()
  await formError(dialog, '放假日期').getByText('日期不在 2027 年内：2026-12-31').waitFor()
  await formError(dialog, '来源').getByText('请填写依据的通知').waitFor()
  await shot(page, 'calendar-errors')
  assert.deepEqual(puts, [], 'nothing is sent while the page finds problems')

  // Valid (dates separated by a line, a comma and 、; Saturday 2027-02-06 at work), published.
  await dialog.getByLabel('放假日期', { exact: true }).fill('2027-02-09、2027-01-01\n2027-02-08')
  await dialog.getByLabel('调休上班日期', { exact: true }).fill('2027-02-06')
  await dialog.locator('.el-switch', { has: page.getByRole('switch', { name: '暂定' }) }).click()
  assert.equal(await provisional.getAttribute('aria-checked'), 'false')
  await dialog.getByLabel('来源', { exact: true }).fill('国务院办公厅关于2027年部分节假日安排的通知')
  await dialog.getByRole('button', { name: '保存' }).click()
  await dialog.waitFor({ state: 'hidden' })
  assert.equal(puts.length, 1)
  assert.match(puts[0], /\/api\/v1\/calendar\/2027$/)

  await row(2027).getByText('已公布', { exact: true }).waitFor()
  await row(2027).getByText('管理员设置', { exact: true }).waitFor()
  await row(2027)
    .getByText(/^系统管理员 · \d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/)
    .waitFor()
  await row(2027).getByText('3 天', { exact: true }).waitFor()
  await row(2027).getByText('1 天', { exact: true }).waitFor()
  await row(2027).getByText('国务院办公厅关于2027年部分节假日安排的通知').waitFor()
  // 2026 is as shipped.
  await row(2026).getByText('随系统提供', { exact: true }).waitFor()
  await shot(page, 'calendar-set')

  const set = yearOf(await pageApi(page, 'GET', '/api/v1/calendar'), 2027)
  assert.deepEqual(set.holidays, ['2027-01-01', '2027-02-08', '2027-02-09'])
  assert.deepEqual(set.workdays, ['2027-02-06'])
  assert.equal(set.provisional, false)
  assert.equal(set.source, '国务院办公厅关于2027年部分节假日安排的通知')
  assert.equal(set.origin, 'set')
  assert.equal(set.set_by.name, '系统管理员')
  assert.ok(!isNaN(new Date(set.set_at).getTime()), set.set_at)

  // Opened again, the dialog shows what was saved, one date a line.
  await page.getByRole('button', { name: '编辑 2027 年' }).click()
  assert.equal(await dialog.getByLabel('放假日期', { exact: true }).inputValue(), '2027-01-01\n2027-02-08\n2027-02-09')
  assert.equal(await dialog.getByRole('switch', { name: '暂定' }).getAttribute('aria-checked'), 'false')
  await dialog.getByRole('button', { name: '取消' }).click()
  await dialog.waitFor({ state: 'hidden' })
  await page.context().close()
})

test('a non-admin has no 节假日设置 and is refused the page, but may read the calendar', async () => {
  const page = await signedIn('officer1')
  await page.getByRole('navigation', { name: '主导航' }).getByRole('menuitem').first().waitFor()
  assert.equal(await page.getByRole('menuitem', { name: '节假日设置' }).count(), 0)
  assert.ok(yearOf(await pageApi(page, 'GET', '/api/v1/calendar'), 2026))
  await page.goto(server.url + '/calendar')
  await page.waitForURL((u) => u.pathname === '/forbidden' && u.searchParams.get('from') === '/calendar')
  await page.getByText('无权访问').first().waitFor()
  await page.context().close()
})
