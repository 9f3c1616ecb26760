// 账本 in plain words (issue 12 §10.5): the verdict first, the cryptography under 技术细节, a
// confirmation before the kept checkpoint is cleared; in a case's timeline the leaf hash and the proof
// download sit behind 技术细节. At 1366×768 and on a tablet (touch).
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { startServer, launchBrowser, signedInAs, pageApi, shot } from './harness.mjs'

const SIZES = [
  { width: 1366, height: 768 },
  { width: 1024, height: 768, touch: true },
  { width: 768, height: 1024, touch: true },
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
    const legal = await signedInAs(browser, server.url, 'legal1', size)
    await legal.goto(server.url + '/ledger')
    const verdict = legal.locator('[data-testid="ledger-verdict"]')
    await verdict.getByText(/^账本现有 \d+ 条记录，已记下作为核验依据$/).waitFor()
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
