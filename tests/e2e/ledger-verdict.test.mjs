// 账本 in plain words (issue 12 §10.5): the verdict first, the cryptography under 技术细节, a
// confirmation before the kept checkpoint is cleared; in a case's timeline the leaf hash and the proof
// download sit behind 技术细节. An auditor's last verified checkpoint is kept on the server too
// (§10): another computer (a new browser context, nothing in its localStorage) continues the chain
// from it. At 1366×768 and on a tablet (touch).
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { startServer, launchBrowser, signedInAs, pageApi, shot, PASSWORD } from './harness.mjs'

// Each size its own auditor: the server keeps each one's last verification, so every first check
// here is that auditor's first anywhere. legal1 is left to the test of another computer.
const SIZES = [
  { width: 1366, height: 768, auditor: 'legal2' },
  { width: 1024, height: 768, touch: true, auditor: 'custodian1' },
  { width: 768, height: 1024, touch: true, auditor: 'admin' },
]

let server, browser
before(async () => {
  server = await startServer()
  browser = await launchBrowser()
})
after(async () => {
  await browser?.close()
  await server?.stop()
})

const checkpointSize = (page) =>
  page.evaluate(async () => Number((await (await fetch('/api/v1/ledger/checkpoint')).text()).split('\n')[1]))

for (const size of SIZES) {
  test(`账本 at ${size.width}×${size.height}: a plain verdict, details folded, clearing confirmed`, async () => {
    const legal = await signedInAs(browser, server.url, size.auditor, size)
    await legal.goto(server.url + '/ledger')
    const verdict = legal.locator('[data-testid="ledger-verdict"]')
    await verdict.getByText(/^账本现有 \d+ 条记录，已记下作为核验依据$/).waitFor()
    await verdict.getByText('本次核验已记入服务器：换用其他电脑核验时，将接着本次核验核对。').waitFor()
    // The root hash is a technical detail: folded.
    assert.equal(await legal.getByText('根哈希（base64）').isVisible(), false)

    // The log grows; once a newer checkpoint is signed, the page says the ledger is whole.
    const first = await checkpointSize(legal)
    const officer = await signedInAs(browser, server.url, 'officer1')
    await pageApi(officer, 'POST', '/api/v1/cases', { start_mode: 'ex_officio', title: '账本核验' + size.width, start_form: { cause: '巡查' } })
    await officer.context().close()
    // Until a checkpoint larger than `first` is signed (at most a second): each poll asks once more.
    await legal.waitForFunction(
      (n) => {
        const w = window
        if (w.__cp?.done && w.__cp.size > n) return true
        if (!w.__cp || w.__cp.done) {
          const cp = (w.__cp = { done: false, size: 0 })
          fetch('/api/v1/ledger/checkpoint').then((r) => r.text()).then((t) => Object.assign(cp, { done: true, size: Number(t.split('\n')[1]) }))
        }
        return false
      },
      first,
      { polling: 100, timeout: 10000 },
    )
    await legal.reload()
    const whole = verdict.getByText(/^账本完整：共 (\d+) 条记录，与您上次核验时一致，未发现删改$/)
    await whole.waitFor()
    const n = Number((await whole.textContent()).match(/共 (\d+) 条/)[1])
    assert.ok(n > first)
    await verdict.getByText('一致', { exact: true }).waitFor()
    await legal.getByRole('button', { name: /技术细节/ }).click()
    await legal.getByText('根哈希（base64）').waitFor()
    await shot(legal, `ledger-verdict-${size.width}`)

    // Clearing is asked first; 取消 keeps it.
    await legal.getByRole('button', { name: '清除本浏览器保存的核验依据' }).click()
    const confirm = legal.getByRole('dialog', { name: '确认清除核验依据' })
    await confirm.getByRole('button', { name: '取消' }).click()
    await confirm.waitFor({ state: 'hidden' })
    assert.ok(await legal.evaluate(() => localStorage.getItem('quancheng.ledger.lastCheckpoint')))
    await legal.getByRole('button', { name: '清除本浏览器保存的核验依据' }).click()
    await confirm.getByRole('button', { name: '清除' }).click()
    await legal.getByText('已清除本浏览器保存的核验依据').waitFor()
    assert.equal(await legal.evaluate(() => localStorage.getItem('quancheng.ledger.lastCheckpoint')), null)
    await legal.context().close()
  })
}

for (const size of [SIZES[0], SIZES[2]]) {
  test(`账本 at ${size.width}×${size.height}: another computer continues the chain from the server's checkpoint`, async () => {
    // legal1 checks on one computer; the check is recorded on the server.
    const one = await signedInAs(browser, server.url, 'legal1', size)
    await one.goto(server.url + '/ledger')
    const verdict = one.locator('[data-testid="ledger-verdict"]')
    // legal1's first check anywhere (the first size), or continuing the one before (the second).
    const checked = verdict.getByText(/^账本(现有|完整：共) \d+ 条记录/)
    await checked.waitFor()
    const n = Number((await checked.textContent()).match(/(\d+) 条记录/)[1])
    await verdict.getByText('本次核验已记入服务器：换用其他电脑核验时，将接着本次核验核对。').waitFor()
    await one.context().close()

    // Another computer: a new browser context, so nothing kept in the browser.
    const other = await signedInAs(browser, server.url, 'legal1', size)
    await other.goto(server.url + '/ledger')
    const again = other.locator('[data-testid="ledger-verdict"]')
    await again.getByText(/^账本完整：共 \d+ 条记录，与您上次核验时一致，未发现删改$/).waitFor()
    await again.getByText('一致', { exact: true }).waitFor()
    await again.getByText(new RegExp(`^上次核验（服务器记录，\\d{4}-\\d{2}-\\d{2} [\\d:]+）时的 ${n} 条记录原样保留`)).waitFor()
    await other.getByRole('button', { name: /技术细节/ }).click()
    await other.locator('tr', { hasText: '服务器记录的上次树大小' }).getByText(String(n), { exact: true }).waitFor()
    await shot(other, `ledger-server-checkpoint-${size.width}`)
    await other.context().close()
  })
}

test('账本 at 768×1024: when the server cannot record the check, it says so and the result stands', async () => {
  // A new 法制员, so this is their first check anywhere.
  const admin = await signedInAs(browser, server.url, 'admin')
  const units = await pageApi(admin, 'GET', '/api/v1/units')
  await pageApi(admin, 'POST', '/api/v1/users', {
    username: 'legal3', name: '吴法', role: 'legal', unit_id: units.items.find((u) => u.name === '法制大队').id, password: PASSWORD,
  })
  await admin.context().close()
  const page = await signedInAs(browser, server.url, 'legal3', { width: 768, height: 1024, touch: true })
  await page.route('**/api/v1/ledger/verifications', (route) =>
    route.request().method() === 'POST'
      ? route.fulfill({ status: 503, contentType: 'application/json', body: JSON.stringify({ code: 'unavailable', message: '服务器繁忙', field: null }) })
      : route.continue(),
  )
  await page.goto(server.url + '/ledger')
  const verdict = page.locator('[data-testid="ledger-verdict"]')
  await verdict.getByText(/^账本现有 \d+ 条记录，已记下作为核验依据$/).waitFor()
  await page.getByText('本次核验未能记入服务器：服务器繁忙（本浏览器中的核验结果不受影响）').waitFor()
  await verdict.getByText('本次核验未能记入服务器，仅保存在本浏览器中。').waitFor()
  // Kept in this browser: clearing it is offered.
  assert.equal(await page.getByRole('button', { name: '清除本浏览器保存的核验依据' }).isDisabled(), false)
  await page.context().close()
})

test('case timeline: the leaf hash and 下载证明包 behind 技术细节', async () => {
  const page = await signedInAs(browser, server.url, 'officer1', { width: 768, height: 1024, touch: true })
  const ktv = (await pageApi(page, 'GET', '/api/v1/cases?page_size=100')).items.find((c) => c.title === '金嗓子KTV未按规定备案经营案')
  await page.goto(server.url + '/cases/' + ktv.id)
  const first = page.locator('[data-testid^="event-"]').first()
  await first.getByText(/账本序号 \d+/).waitFor()
  const download = first.getByRole('button', { name: /^下载证明包/ })
  assert.equal(await download.isVisible(), false)
  await first.getByRole('button', { name: '技术细节' }).click()
  await download.waitFor()
  await first.getByText(/叶哈希（SHA-256）[0-9a-f]{64}/).waitFor()
  await page.context().close()
})
