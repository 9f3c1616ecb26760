// Browser tests' harness: the real server (Release build) on a temporary demo data directory,
// serving the built web application, driven by Debian's Chromium through playwright-core.
import { spawn, execFileSync } from 'node:child_process'
import { mkdtempSync, rmSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { join, dirname } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..')
const require = createRequire(join(root, 'web', 'package.json'))
const { chromium } = require('playwright-core')

export const artifacts = join(root, 'tests', 'e2e', 'artifacts')
export const PASSWORD = 'Demo@2026'

/** Starts `quancheng serve` on a free port with a fresh demo directory. */
export async function startServer() {
  const dir = mkdtempSync(join(tmpdir(), 'qc-e2e-'))
  const bin = process.env.QC_BIN || join(root, 'build', 'quancheng')
  execFileSync(bin, ['init', '--demo', '--data', join(dir, 'data')], { stdio: 'ignore' })
  const proc = spawn(bin, ['serve', '--data', join(dir, 'data'), '--port', '0', '--web', join(root, 'web', 'dist')], {
    stdio: ['ignore', 'pipe', 'inherit'],
  })
  const url = await new Promise((resolve, reject) => {
    let out = ''
    const timer = setTimeout(() => reject(new Error('server did not start: ' + out)), 15000)
    proc.stdout.on('data', (chunk) => {
      out += chunk
      const m = out.match(/listening on (http:\/\/[0-9.]+:\d+)/)
      if (m) {
        clearTimeout(timer)
        resolve(m[1])
      }
    })
    proc.on('exit', (code) => reject(new Error('server exited with ' + code + ': ' + out)))
  })
  proc.stdout.resume()
  // Not left running if the tests end abruptly.
  const reap = () => proc.kill('SIGKILL')
  process.once('exit', reap)
  return {
    url,
    async stop() {
      process.removeListener('exit', reap)
      proc.kill('SIGTERM')
      await new Promise((r) => proc.once('exit', r))
      rmSync(dir, { recursive: true, force: true })
    },
  }
}

export async function launchBrowser() {
  mkdirSync(artifacts, { recursive: true })
  return chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: ['--no-sandbox'] })
}

/** A new page at 1366×768 (or `width`; `touch`: a tablet's touch screen), logged in as `username` unless null. */
export async function pageAs(browser, url, username, { width = 1366, height = 768, touch = false } = {}) {
  const context = await browser.newContext({
    viewport: { width, height }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai', hasTouch: touch, isMobile: false,
  })
  const page = await context.newPage()
  page.setDefaultTimeout(10000)
  if (username) await login(page, url, username)
  return page
}

/** A page signed in as `username`, once the login has left the login page. */
export async function signedInAs(browser, url, username, size) {
  const page = await pageAs(browser, url, username, size)
  await page.waitForURL((u) => !u.pathname.startsWith('/login'))
  return page
}

export async function login(page, url, username, password = PASSWORD) {
  await page.goto(url + '/login')
  await page.getByLabel('用户名').fill(username)
  await page.getByLabel('密码').fill(password)
  await page.getByLabel('密码').press('Enter')  // the keyboard is enough
}

/**
 * A request from the page, with its cookie session and the CSRF token the server requires of it;
 * fails the test unless it succeeds. Resolves to the JSON answer.
 */
export async function pageApi(page, method, path, body) {
  const r = await page.evaluate(
    async ([method, path, body]) => {
      const csrf = (/(?:^|;\s*)qc_csrf=([0-9a-f]+)/.exec(document.cookie) ?? [])[1] ?? ''
      const res = await fetch(path, {
        method,
        headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': csrf },
        body: body === undefined ? undefined : JSON.stringify(body),
      })
      return { status: res.status, json: await res.json() }
    },
    [method, path, body],
  )
  if (r.status >= 300) throw new Error(`${method} ${path}: ${r.status} ${JSON.stringify(r.json)}`)
  return r.json
}

export async function shot(page, name) {
  await page.screenshot({ path: join(artifacts, name + '.png'), fullPage: true })
}

// Registers body cameras (执法记录仪) through the admin API, each assigned to a user by username:
// uploads may name only registered cameras.
export async function registerDevices(url, devices) {
  const login = await fetch(url + '/api/v1/auth/login', {
    method: 'POST', headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ username: 'admin', password: PASSWORD }),
  })
  const { token } = await login.json()
  for (const [serial, officer] of Object.entries(devices)) {
    const res = await fetch(url + '/api/v1/devices', {
      method: 'POST', headers: { 'Content-Type': 'application/json', Authorization: 'Bearer ' + token },
      body: JSON.stringify({ serial, model: '海康威视 DSJ-X1', officer_id: officer }),
    })
    if (res.status !== 201 && res.status !== 409) throw new Error(`device ${serial}: ${res.status} ${await res.text()}`)
  }
}

/**
 * Registers a 1 s clip (ffmpeg) on `caseId` as `username` over tus (creation-with-upload), recorded by
 * the camera `device` and ending `hoursAgo` hours ago: over 24 it carries the Art. 33 finding.
 */
export async function registerClip(url, { caseId, username = 'officer1', device, hoursAgo = 30, fileName = '测试-受理窗口.mp4' }) {
  const dir = mkdtempSync(join(tmpdir(), 'qc-clip-'))
  try {
    const path = join(dir, 'clip.mp4')
    execFileSync('ffmpeg', ['-hide_banner', '-loglevel', 'error', '-f', 'lavfi', '-i', 'testsrc2=size=320x180:rate=25',
      '-f', 'lavfi', '-i', 'sine=frequency=500', '-t', '1', '-c:v', 'libx264', '-preset', 'ultrafast', '-pix_fmt', 'yuv420p',
      '-c:a', 'aac', '-movflags', '+faststart', path])
    const body = readFileSync(path)
    const { token } = await (await fetch(url + '/api/v1/auth/login', {
      method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ username, password: PASSWORD }),
    })).json()
    const b64 = (v) => Buffer.from(v).toString('base64')
    const meta = {
      filename: fileName, filetype: 'video/mp4', case_id: caseId, act: 'acceptance_window',
      capture_end: new Date(Date.now() - hoursAgo * 3600e3).toISOString(), parties_informed: 'true', device_id: device,
    }
    const res = await fetch(url + '/api/v1/uploads/', {
      method: 'POST',
      headers: {
        Authorization: 'Bearer ' + token, 'Tus-Resumable': '1.0.0', 'Upload-Length': String(body.length),
        'Upload-Metadata': Object.entries(meta).map(([k, v]) => k + ' ' + b64(v)).join(','),
        'Content-Type': 'application/offset+octet-stream',
      },
      body,
    })
    const registration = res.headers.get('upload-registration') ?? ''
    if (res.status !== 201 || !registration.startsWith('registered; record=')) {
      throw new Error(`clip on ${caseId}: ${res.status} ${registration} ${await res.text()}`)
    }
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

// ---- Shared by the tests of the case page's dialogs ----------------------------------------------

/** A call of the API as `username` with a bearer token; fails unless it succeeds. Resolves to the JSON answer. */
export async function apiAs(url, username, method, path, body) {
  const login = await fetch(url + '/api/v1/auth/login', {
    method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ username, password: PASSWORD }),
  })
  const { token } = await login.json()
  const res = await fetch(url + path, {
    method, headers: { 'Content-Type': 'application/json', Authorization: 'Bearer ' + token },
    body: body === undefined ? undefined : JSON.stringify(body),
  })
  const json = await res.json()
  if (res.status >= 300) throw new Error(`${username} ${method} ${path}: ${res.status} ${JSON.stringify(json)}`)
  return json
}

/** The error messages shown at the fields of `scope`. */
export const fieldErrors = async (scope) =>
  (await scope.locator('.el-form-item__error:visible').allTextContents()).map((s) => s.trim()).filter(Boolean)

/**
 * Imports web/src/utils/<name>.ts in Node, transpiled with the web's TypeScript into `dir`; `deps` are
 * the utils it imports ('@/utils/<dep>'), transpiled beside it.
 */
export async function importWebUtil(dir, name, deps = []) {
  const ts = createRequire(join(root, 'web', 'package.json'))('typescript')
  const write = (n) => {
    let out = ts.transpileModule(readFileSync(join(root, 'web', 'src', 'utils', n + '.ts'), 'utf8'), {
      compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 },
    }).outputText
    for (const d of [name, ...deps]) out = out.replaceAll(`'@/utils/${d}'`, `'./${d}.mjs'`)
    writeFileSync(join(dir, n + '.mjs'), out)
  }
  for (const n of [name, ...deps]) write(n)
  return import(pathToFileURL(join(dir, name + '.mjs')).href)
}
