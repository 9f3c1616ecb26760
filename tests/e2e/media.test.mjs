// 音像记录 against the real server (Release build, demo data), with clips ffmpeg makes for the run:
//   - tus-js-client's Node build uploads a clip in small chunks, is aborted at about 40 %, the
//     server's offset (HEAD) lies strictly inside the file, and a new Upload on the same URL
//     finishes it; the record's SHA-256 and SM3 are the file's (node:crypto, openssl);
//   - in Chromium, officer1 uploads through the case's 音像记录 panel (a metadata error shown at its
//     field first; 暂停 / 继续 on a throttled connection), sees 100 % and the record with its act,
//     digests and 24-hour finding, and plays it in the page — the access recorded as RecordAccessed;
//     a reviewer must give a reason to play it;
//   - a text file uploaded as 音像记录 is refused and registered as an attachment (作为附件登记).
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { execFileSync } from 'node:child_process'
import { createHash, randomBytes } from 'node:crypto'
import { mkdtempSync, readFileSync, rmSync, writeFileSync, statSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { basename, join, dirname } from 'node:path'
import { fileURLToPath } from 'node:url'
import { startServer, launchBrowser, pageAs, shot, PASSWORD, registerDevices } from './harness.mjs'

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..')
const tus = createRequire(join(root, 'web', 'package.json'))('tus-js-client')

const DEMO_APPLICATION = '易县商贸博览会大型群众性活动安全许可申请'

let server, browser, dir
const clips = {}

/** A 5 s 640×360 H.264 + AAC clip of a few MB (a high constant bitrate, so there is a middle to cut in). */
function makeClip(path, { pattern, tone }) {
  execFileSync('ffmpeg', [
    '-hide_banner', '-loglevel', 'error', '-y',
    '-f', 'lavfi', '-i', `${pattern}=size=640x360:rate=25`,
    '-f', 'lavfi', '-i', `sine=frequency=${tone}:sample_rate=44100`,
    '-t', '5', '-c:v', 'libx264', '-preset', 'ultrafast', '-pix_fmt', 'yuv420p',
    '-b:v', '6M', '-minrate', '6M', '-maxrate', '6M', '-bufsize', '2M', '-x264-params', 'nal-hrd=cbr',
    '-c:a', 'aac', '-b:a', '128k', '-movflags', '+faststart', path,
  ])
  return path
}

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'qc-media-'))
  clips.node = makeClip(join(dir, '现场检查-记录仪.mp4'), { pattern: 'testsrc2', tone: 440 })
  clips.browser = makeClip(join(dir, '受理窗口-DSJ0042.mp4'), { pattern: 'testsrc', tone: 660 })
  clips.text = join(dir, '询问笔录说明.txt')
  writeFileSync(clips.text, '这不是音像文件，是询问笔录的说明。\n' + randomBytes(16).toString('hex') + '\n')
  server = await startServer()
  await registerDevices(server.url, { 'DSJ-0001': 'officer1', 'DSJ-0042': 'officer1' })
  browser = await launchBrowser()
})
after(async () => {
  await browser?.close()
  await server?.stop()
  if (dir) rmSync(dir, { recursive: true, force: true })
})

const sha256 = (path) => createHash('sha256').update(readFileSync(path)).digest('hex')
const sm3 = (path) => execFileSync('openssl', ['dgst', '-sm3', path], { encoding: 'utf8' }).trim().split('= ').pop()

/** "YYYY-MM-DD HH:mm:ss" in China Standard Time, `hoursAgo` hours before now (as the date picker takes it). */
function chinaTime(hoursAgo) {
  return new Date(Date.now() + 8 * 3600e3 - hoursAgo * 3600e3).toISOString().slice(0, 19).replace('T', ' ')
}

async function login(username) {
  const res = await fetch(server.url + '/api/v1/auth/login', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ username, password: PASSWORD }),
  })
  assert.equal(res.status, 200)
  return (await res.json()).token
}

async function getJson(token, path) {
  const res = await fetch(server.url + path, { headers: { Authorization: 'Bearer ' + token } })
  assert.equal(res.status, 200, `GET ${path}`)
  return res.json()
}

async function demoApplication(token) {
  return (await getJson(token, '/api/v1/cases?page_size=100')).items.find((c) => c.title === DEMO_APPLICATION)
}

test('tus-js-client (Node): aborted at ~40 %, resumed on the same URL, registered with the file’s SHA-256 and SM3', async () => {
  const token = await login('officer1')
  const c = await demoApplication(token)
  const file = readFileSync(clips.node)
  assert.ok(file.length > 2 * 1024 * 1024, `the clip is a few MB: ${file.length}`)
  const common = {
    chunkSize: 256 * 1024,
    headers: { Authorization: 'Bearer ' + token },
    // A retry covers the server still closing the aborted PATCH (423 locked).
    retryDelays: [100, 500, 1000, 2000],
  }

  // First part: stopped in onProgress once about 40 % is sent.
  let uploadUrl
  let sentAtAbort = 0
  await new Promise((resolve, reject) => {
    const first = new tus.Upload(file, {
      ...common,
      endpoint: server.url + '/api/v1/uploads/',
      metadata: {
        filename: '现场检查-记录仪.mp4',
        filetype: 'video/mp4',
        case_id: c.id,
        act: 'acceptance_window',
        capture_start: new Date(Date.now() - 2 * 3600e3).toISOString(),
        capture_end: new Date(Date.now() - 3600e3).toISOString(),
        parties_informed: 'true',
        device_id: 'DSJ-0001',
      },
      onProgress(sent, total) {
        if (sentAtAbort || sent < total * 0.4) return
        sentAtAbort = sent
        uploadUrl = first.url
        first.abort().then(resolve, reject)
      },
      onSuccess: () => reject(new Error('finished before it was aborted')),
      onError: reject,
    })
    first.start()
  })
  assert.match(uploadUrl, /\/api\/v1\/uploads\/upl_/)

  // The server has a part of it: 0 < Upload-Offset < Upload-Length.
  const head = await fetch(uploadUrl, { method: 'HEAD', headers: { 'Tus-Resumable': '1.0.0', Authorization: 'Bearer ' + token } })
  assert.equal(head.status, 200)
  assert.equal(head.headers.get('tus-resumable'), '1.0.0')
  const offset = Number(head.headers.get('upload-offset'))
  assert.equal(Number(head.headers.get('upload-length')), file.length)
  assert.ok(offset > 0 && offset < file.length, `offset ${offset} of ${file.length} (aborted at ${sentAtAbort})`)

  // Second part: a new Upload on the same URL goes on from the server's offset.
  let firstProgress = -1
  const lastResponse = await new Promise((resolve, reject) => {
    const second = new tus.Upload(file, {
      ...common,
      uploadUrl,
      onProgress(sent) {
        if (firstProgress < 0) firstProgress = sent
      },
      onSuccess: ({ lastResponse }) => resolve(lastResponse),
      onError: reject,
    })
    second.start()
  })
  const registration = lastResponse.getHeader('Upload-Registration')
  const record = /^registered; record=(rec_\w+)$/.exec(registration)?.[1]
  assert.ok(record, 'Upload-Registration: ' + registration)

  const uploadId = uploadUrl.split('/').pop()
  const status = await getJson(token, '/api/v1/uploads/' + uploadId)
  assert.equal(status.state, 'registered')
  assert.equal(status.record_id, record)
  assert.equal(status.offset, file.length)

  const detail = await getJson(token, '/api/v1/cases/' + c.id)
  const m = detail.media.find((r) => r.record_id === record)
  assert.ok(m, 'the case lists the record')
  assert.equal(m.kind, 'av')
  assert.equal(m.act, 'acceptance_window')
  assert.equal(m.size, file.length)
  assert.equal(m.sha256, sha256(clips.node))
  assert.equal(m.sm3, sm3(clips.node))
  assert.equal(m.media.video_codec, 'h264')
  assert.equal(m.media.width, 640)
  assert.equal(m.late, null)
})

// ---- In the browser ----------------------------------------------------------------------------

async function openDemoApplication(username) {
  const page = await pageAs(browser, server.url, username)
  await page.waitForURL((u) => !u.pathname.startsWith('/login'))
  const c = await page.evaluate(async (title) => {
    const list = await (await fetch('/api/v1/cases?page_size=100')).json()
    return list.items.find((x) => x.title === title)
  }, DEMO_APPLICATION)
  await page.goto(server.url + '/cases/' + c.id)
  await page.getByRole('heading', { level: 1, name: DEMO_APPLICATION }).waitFor()
  return { page, caseId: c.id }
}

/** Picks an option of an Element Plus select by the select's label. */
async function choose(page, scope, label, option) {
  await scope.locator('.el-select__wrapper', { has: page.getByRole('combobox', { name: label }) }).click()
  await page.locator('.el-select-dropdown:visible').getByRole('option', { name: option, exact: true }).click()
}

async function fillUpload(page, dialog, { file, act, end, informed, device }) {
  const chooser = page.waitForEvent('filechooser')
  await dialog.getByRole('button', { name: '选择音像文件' }).click()
  await (await chooser).setFiles(file)
  await dialog.locator('[data-testid="chosen-file"]').getByText(basename(file)).waitFor()
  if (act) await choose(page, dialog, '执法行为', act)
  if (end) {
    const field = dialog.getByRole('combobox', { name: '拍摄结束时间' }).or(dialog.getByRole('textbox', { name: '拍摄结束时间' }))
    await field.fill(end)
    await field.press('Enter')
  }
  if (informed) await dialog.getByRole('radio', { name: informed }).check({ force: true })
  if (device) {
    // The officer's cameras are offered in a select that also takes a typed serial (kept with Enter).
    const camera = dialog.getByRole('combobox', { name: '执法记录仪编号' })
    await camera.pressSequentially(device)
    await camera.press('Enter')
    await dialog.locator('.el-select', { has: page.getByRole('combobox', { name: '执法记录仪编号' }) })
      .locator('.el-select__placeholder', { hasText: device }).waitFor()
  }
}

const formError = (dialog, label) =>
  dialog.locator('.el-form-item', { has: dialog.page().getByLabel(label, { exact: true }) }).locator('.el-form-item__error')

test('browser: officer1 uploads a clip through the 音像记录 panel (pausing once), sees it listed, and plays it in the page', async () => {
  const { page, caseId } = await openDemoApplication('officer1')
  await page.getByRole('button', { name: '上传音像记录' }).click()
  const dialog = page.getByRole('dialog', { name: '上传音像记录' })
  await dialog.waitFor()
  // The stage defaults to the case's (程序启动), the recording officer to the uploader.
  const selected = (label) => dialog.locator('.el-select', { has: page.getByRole('combobox', { name: label }) }).locator('.el-select__selected-item span')
  assert.equal(await selected('阶段').textContent(), '程序启动')
  assert.match(await selected('记录人员').textContent(), /^张伟/)

  // Without the act, the API's error (field Upload-Metadata.act) is shown at 执法行为.
  const end = chinaTime(50)  // more than 24 hours ago: the record will carry the Art. 33 finding
  await fillUpload(page, dialog, { file: clips.browser, end, informed: '已告知', device: 'DSJ-0042' })
  await dialog.getByRole('button', { name: '开始上传' }).click()
  await formError(dialog, '执法行为').waitFor()
  assert.match(await formError(dialog, '执法行为').textContent(), /执法行为/)

  // A slow connection (1 MB/s up), so that 暂停 comes while bytes are still going.
  const cdp = await page.context().newCDPSession(page)
  await cdp.send('Network.enable')
  await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: 1024 * 1024 })
  await choose(page, dialog, '执法行为', '受理窗口')
  await dialog.getByRole('button', { name: '开始上传' }).click()
  const progress = dialog.locator('[data-testid="upload-progress"]')
  await progress.waitFor()
  await dialog.getByRole('button', { name: '暂停' }).click()
  await dialog.getByRole('button', { name: '继续' }).waitFor()
  await progress.getByText('已暂停').waitFor()
  const paused = Number((await progress.locator('.el-progress__text').textContent()).replace('%', ''))
  assert.ok(paused < 100, `paused at ${paused} %`)
  await shot(page, 'media-upload-paused')
  await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: -1 })
  await dialog.getByRole('button', { name: '继续' }).click()

  // 100 %, the bytes in MB, and what the server made of it.
  const result = dialog.locator('[data-testid="upload-result"]')
  await result.getByText('已登记为音像记录').waitFor({ timeout: 30000 })
  assert.equal((await progress.locator('.el-progress__text').textContent()).trim(), '100%')
  const mb = (statSync(clips.browser).size / 1024 / 1024).toFixed(1)
  assert.match(await progress.locator('[data-testid="upload-bytes"]').textContent(), new RegExp(`^${mb} MB / ${mb} MB · 上传完成$`))
  assert.match(await result.textContent(), new RegExp(sha256(clips.browser)))
  await shot(page, 'media-upload-done')
  await dialog.getByRole('button', { name: '关闭', exact: true }).click()
  await dialog.waitFor({ state: 'hidden' })

  // The record in the list: act, digests (whole in the copy / tooltip value), the Art. 33 finding.
  const media = (await page.evaluate(async (id) => (await fetch('/api/v1/cases/' + id)).json(), caseId)).media
  const rec = media.find((m) => m.file_name === '受理窗口-DSJ0042.mp4')
  assert.ok(rec, 'registered: ' + JSON.stringify(media.map((m) => m.file_name)))
  assert.equal(rec.device_serial, 'DSJ-0042')
  assert.equal(rec.parties_informed, true)
  assert.equal(rec.capture_end, new Date(end.replace(' ', 'T') + '+08:00').toISOString())
  const row = page.locator('.el-table__row', { hasText: '受理窗口-DSJ0042.mp4' })
  await row.waitFor()
  await row.getByText('受理窗口', { exact: true }).waitFor()
  assert.equal(await row.locator(`[data-testid="sha256-${rec.record_id}"]`).getAttribute('data-digest'), sha256(clips.browser))
  assert.equal(await row.locator(`[data-testid="sm3-${rec.record_id}"]`).getAttribute('data-digest'), sm3(clips.browser))
  // Shortened in the table; the whole digest in the tooltip and on the clipboard.
  await row.locator(`[data-testid="sha256-${rec.record_id}"] .hash`).hover()
  await page.locator('.digest-tip:visible').getByText(sha256(clips.browser)).waitFor()
  await row.getByRole('button', { name: '复制SM3（受理窗口-DSJ0042.mp4）' }).click()
  await page.locator('.el-message').getByText('已复制SM3').waitFor()
  await row.getByText('超过24小时（第三十三条）').waitFor()
  await row.getByText(/拍摄结束后2天\d*小时?才登记/).waitFor()
  await row.getByText('DSJ-0042').waitFor()
  await row.getByText('0:05').waitFor()

  // 播放: the access is recorded, then the clip plays in the page.
  const before = (await page.evaluate(async (id) => (await fetch(`/api/v1/cases/${id}/events`)).json(), caseId)).items.length
  await row.getByRole('button', { name: '播放 受理窗口-DSJ0042.mp4' }).click()
  const player = page.getByRole('dialog', { name: '播放：受理窗口-DSJ0042.mp4' })
  await player.waitFor()
  await page.waitForFunction(() => document.querySelector('[data-testid="media-player"]')?.readyState >= 1)
  const playing = await page.evaluate(async () => {
    const v = document.querySelector('[data-testid="media-player"]')
    v.muted = true
    await v.play()
    return { readyState: v.readyState, duration: v.duration, width: v.videoWidth, src: v.currentSrc }
  })
  assert.ok(playing.readyState >= 1 && playing.duration > 4.5, JSON.stringify(playing))
  assert.equal(playing.width, 640)
  assert.match(playing.src, new RegExp(`/api/v1/media/${rec.record_id}/content\\?ticket=`))
  await player.getByText(/本次播放已记入全过程记录（账本序号 \d+）/).waitFor()
  await shot(page, 'media-player')
  await player.getByRole('button', { name: '关闭', exact: true }).click()
  await player.waitFor({ state: 'hidden' })

  const events = (await page.evaluate(async (id) => (await fetch(`/api/v1/cases/${id}/events`)).json(), caseId)).items
  const accessed = events.slice(before).filter((e) => e.type === 'RecordAccessed')
  assert.equal(accessed.length, 1, JSON.stringify(events.slice(before).map((e) => e.type)))
  assert.equal(accessed[0].data.record_id, rec.record_id)
  assert.equal(accessed[0].data.purpose, 'play')
  await row.getByText('已调阅 1 次').waitFor()
  await page.locator('[aria-label="事件时间线"]').getByText('调阅执法记录').first().waitFor()
  await shot(page, 'media-panel')
  await page.context().close()

  // Anyone but the case's officers gives a reason (el-message-box prompt), recorded with the access.
  const other = await openDemoApplication('reviewer1')
  const otherRow = other.page.locator('.el-table__row', { hasText: '受理窗口-DSJ0042.mp4' })
  assert.equal(await other.page.getByRole('button', { name: '上传音像记录' }).count(), 0)
  await otherRow.getByRole('button', { name: '播放 受理窗口-DSJ0042.mp4' }).click()
  const prompt = other.page.getByRole('dialog', { name: '播放音像记录' })
  await prompt.getByRole('textbox').fill('审核受理程序是否规范')
  await prompt.getByRole('button', { name: '播放', exact: true }).click()
  await other.page.getByRole('dialog', { name: '播放：受理窗口-DSJ0042.mp4' }).waitFor()
  const last = (await other.page.evaluate(async (id) => (await fetch(`/api/v1/cases/${id}/events`)).json(), caseId)).items.at(-1)
  assert.equal(last.type, 'RecordAccessed')
  assert.equal(last.data.reason, '审核受理程序是否规范')
  assert.equal(last.actor.role, 'reviewer')
  await other.page.context().close()
})

test('browser: a text file uploaded as 音像记录 is refused, and 作为附件登记 registers it as an attachment', async () => {
  const { page, caseId } = await openDemoApplication('officer1')
  await page.getByRole('button', { name: '上传音像记录' }).click()
  const dialog = page.getByRole('dialog', { name: '上传音像记录' })
  await dialog.waitFor()
  await fillUpload(page, dialog, { file: clips.text, act: '询问', end: chinaTime(1), informed: '未告知' })
  await dialog.getByRole('button', { name: '开始上传' }).click()

  const result = dialog.locator('[data-testid="upload-result"]')
  await result.getByText('未登记为音像记录').waitFor()
  await result.getByText(/不是音频或视频/).waitFor()
  await shot(page, 'media-upload-refused')
  await result.getByRole('button', { name: '作为附件登记' }).click()
  await result.getByText('已登记为附件').waitFor()
  await dialog.getByRole('button', { name: '关闭', exact: true }).click()

  const row = page.locator('.el-table__row', { hasText: '询问笔录说明.txt' })
  await row.waitFor()
  await row.getByText('附件', { exact: true }).waitFor()
  assert.equal(await row.getByRole('button', { name: /^播放 / }).count(), 0)  // an attachment is downloaded, not played
  const media = (await page.evaluate(async (id) => (await fetch('/api/v1/cases/' + id)).json(), caseId)).media
  const rec = media.find((m) => m.file_name === '询问笔录说明.txt')
  assert.equal(rec.kind, 'attachment')
  assert.equal(rec.sha256, sha256(clips.text))
  assert.equal(rec.sm3, sm3(clips.text))

  // 下载 goes through /access too (purpose download), then the browser saves the file.
  const download = page.waitForEvent('download')
  await row.getByRole('button', { name: '下载 询问笔录说明.txt' }).click()
  const saved = await download
  assert.equal(saved.suggestedFilename(), '询问笔录说明.txt')
  assert.equal(createHash('sha256').update(readFileSync(await saved.path())).digest('hex'), rec.sha256)
  const last = (await page.evaluate(async (id) => (await fetch(`/api/v1/cases/${id}/events`)).json(), caseId)).items.at(-1)
  assert.equal(last.type, 'RecordAccessed')
  assert.equal(last.data.purpose, 'download')
  await page.context().close()
})
