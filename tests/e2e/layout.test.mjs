// Layout and labelling at the two sizes the application must work at: 1366×768 (office PC) and
// 1024×768 (tablet). Every page, every step of the three 新建案件 wizards, every case action
// dialog (the later stages' too, and the 档案管理员's 归档封存), the 音像记录 dialogs (上传, 播放, the reason asked of a non-officer) and 设备管理's (its two
// tabs, the camera dialogs, the 逾期记录 drawer, a station's token and revocation), each as a demo
// user who sees it, must
//   - not scroll sideways: neither the document, nor the application's scroll area (.el-main), nor
//     a table inside itself; an open dialog fits the window;
//   - give every control that assistive technology sees a name from a label, aria-label,
//     aria-labelledby or its text. The names are Chromium's own (its accessibility tree), so a
//     control hidden from assistive technology is skipped and a placeholder or title alone fails.
// Screenshots: tests/e2e/artifacts/layout-<width>-<user>-<page>.png.
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { startServer, launchBrowser, pageAs, login, shot, registerDevices, registerClip, pageApi, signedInAs } from './harness.mjs'

const SIZES = [
  { width: 1366, height: 768 },
  { width: 1024, height: 768 },
]
const DEMO_APPLICATION = '易县商贸博览会大型群众性活动安全许可申请'
const DEMO_EX_OFFICIO = '金嗓子KTV未按规定备案经营案'

let server, browser
const made = {}  // case ids set up by before()

before(async () => {
  server = await startServer()
  await registerDevices(server.url, { 'DSJ-0001': 'officer1', 'DSJ-0042': 'officer1' })
  browser = await launchBrowser()
  await setUpCases()
})
after(async () => {
  await browser?.close()
  await server?.stop()
})

// ---- The checks -------------------------------------------------------------------------------

// Roles of controls: form fields, buttons, links, menu entries.
const CONTROL_ROLES = new Set([
  'button', 'link', 'textbox', 'searchbox', 'combobox', 'listbox', 'spinbutton', 'slider',
  'checkbox', 'radio', 'switch', 'menuitem', 'menuitemradio', 'menuitemcheckbox', 'tab', 'option',
])

/** Controls whose accessible name is empty or comes only from a placeholder or title. */
async function unnamedControls(page) {
  const cdp = await page.context().newCDPSession(page)
  try {
    const { nodes } = await cdp.send('Accessibility.getFullAXTree')
    const bad = []
    for (const n of nodes) {
      if (n.ignored || !CONTROL_ROLES.has(n.role?.value)) continue
      const name = (n.name?.value ?? '').trim()
      // The source that gave the name: the first one with a value that no other supersedes.
      const from = (n.name?.sources ?? []).find((s) => s.value?.value?.trim() && !s.superseded)
      const weak = from && (from.attribute === 'title' || from.attribute === 'placeholder' || from.type === 'placeholder')
      if (name && !weak) continue
      bad.push(`${n.role.value} without a name${name ? ' (only ' + (from.attribute ?? from.type) + ' "' + name + '")' : ''}: ` +
        (await describe(cdp, n.backendDOMNodeId)))
    }
    return bad
  } finally {
    await cdp.detach()
  }
}

async function describe(cdp, backendNodeId) {
  if (!backendNodeId) return '(no DOM node)'
  const { object } = await cdp.send('DOM.resolveNode', { backendNodeId })
  const { result } = await cdp.send('Runtime.callFunctionOn', {
    objectId: object.objectId,
    returnByValue: true,
    functionDeclaration: `function () {
      const el = this.nodeType === 1 ? this : this.parentElement
      const item = el.closest('.el-form-item')
      const label = item?.querySelector('.el-form-item__label')?.textContent.trim()
      return el.outerHTML.replace(/\\s+/g, ' ').slice(0, 200) + (label ? ' (form item "' + label + '")' : '')
    }`,
  })
  return result.value
}

/** Sideways scrolling of the page or of the application's scroll area, and dialogs wider than the window. */
async function overflow(page) {
  return page.evaluate(() => {
    const out = []
    const doc = document.documentElement
    if (doc.scrollWidth > doc.clientWidth) out.push(`the page scrolls sideways: scrollWidth ${doc.scrollWidth} > ${doc.clientWidth}`)
    const main = document.querySelector('.el-main')
    if (main && main.scrollWidth > main.clientWidth) {
      // Name the widest culprits: elements whose right edge is past the main area's.
      const edge = main.getBoundingClientRect().right
      const wide = [...main.querySelectorAll('*')]
        .filter((e) => e.getBoundingClientRect().right > edge + 1 && !e.closest('.el-table'))
        .slice(0, 3)
        .map((e) => e.tagName.toLowerCase() + '.' + [...e.classList].join('.'))
      out.push(`the main area scrolls sideways: scrollWidth ${main.scrollWidth} > ${main.clientWidth} (${wide.join(', ')})`)
    }
    // A table wider than its place scrolls inside itself, hiding columns: Element Plus marks one
    // that does not with is-scrolling-none.
    for (const t of document.querySelectorAll('.el-table')) {
      if (t.offsetParent && !t.classList.contains('is-scrolling-none')) {
        const name = t.getAttribute('aria-label') ?? t.querySelector('table')?.getAttribute('aria-label') ?? ''
        out.push(`table "${name}" scrolls sideways: ${t.querySelector('.el-table__body')?.offsetWidth} px in ${t.offsetWidth}`)
      }
    }
    for (const d of document.querySelectorAll('.el-dialog')) {
      const r = d.getBoundingClientRect()
      if (r.width && (r.left < 0 || r.right > window.innerWidth)) out.push(`dialog "${d.getAttribute('aria-label') ?? ''}" is wider than the window: ${r.left}..${r.right}`)
    }
    return out
  })
}

/** Waits until the page has its data: no requests in flight, no loading mask. */
async function settle(page) {
  await page.waitForLoadState('networkidle')
  await page.waitForFunction(() => ![...document.querySelectorAll('.el-loading-mask')].some((m) => m.offsetParent))
}

async function check(page, shotName) {
  await settle(page)
  const problems = [...(await overflow(page)), ...(await unnamedControls(page))]
  await fullShot(page, shotName)
  assert.deepEqual(problems, [], `${shotName}:\n  ${problems.join('\n  ')}`)
}

/** A screenshot of all the page's content: the window made as tall as the scroll area's content. */
async function fullShot(page, name) {
  const size = page.viewportSize()
  const extra = await page.evaluate(() => {
    const main = document.querySelector('.el-main')
    return main && !document.querySelector('.el-overlay:not([style*="display: none"])') ? main.scrollHeight - main.clientHeight : 0
  })
  if (extra > 0) await page.setViewportSize({ width: size.width, height: size.height + extra })
  try {
    await shot(page, name)
  } finally {
    if (extra > 0) await page.setViewportSize(size)
  }
}

// ---- Setting up cases in every state that has its own action -----------------------------------

const api = pageApi

const signedIn = (username) => signedInAs(browser, server.url, username)

async function approveStart(caseId, username) {
  const page = await signedIn(username)
  const c = await api(page, 'GET', '/api/v1/cases/' + caseId)
  await api(page, 'POST', `/api/v1/approvals/${c.approvals.at(-1).id}/decision`, { decision: 'approve', opinion: '同意' })
  await page.context().close()
}

// The demo has a 依申请 case after its supplement notice and a 依职权 case awaiting review. Added:
// a new 依申请 case (受理 / 不予受理), a 投诉举报 case (不予启动, 提交启动审批), a 依职权 case
// through its start approval (进入下一阶段), two 简易程序 cases (当场处罚决定; 当场处罚备案) and three
// in the later stages (issue 12 §7): in 审查决定 (提交处理决定审批), in 送达执行 served once (登记送达,
// 登记执行情况), handed over to 归档管理 (custodian1's 归档封存); the demo 依职权 case moves on to the 负责人.
async function setUpCases() {
  const officer = await signedIn('officer1')
  const party = { kind: 'legal_person', name: '易县布局测试有限公司', legal_representative: '马某' }
  const byTitle = async (t) => (await api(officer, 'GET', '/api/v1/cases?page_size=100')).items.find((c) => c.title === t).id
  made.demoApplication = await byTitle(DEMO_APPLICATION)
  made.demoExOfficio = await byTitle(DEMO_EX_OFFICIO)
  made.application = (await api(officer, 'POST', '/api/v1/cases', {
    start_mode: 'application', title: '布局测试：依申请待受理', parties: [party],
    application: { channel: 'written', matter: '户外广告设置许可' },
  })).case.id
  made.complaint = (await api(officer, 'POST', '/api/v1/cases', {
    start_mode: 'complaint', title: '布局测试：投诉举报待启动', parties: [party],
    complaint: { channel: 'phone', content: '夜间施工噪声扰民' },
  })).case.id
  made.exOfficio = (await api(officer, 'POST', '/api/v1/cases', {
    start_mode: 'ex_officio', title: '布局测试：依职权调查取证', parties: [party], start_form: { cause: '巡查发现' },
  })).case.id
  await api(officer, 'POST', `/api/v1/cases/${made.exOfficio}/start-approval`, { opinion: '建议启动' })
  // 简易程序: one investigating (当场处罚决定), one decided and awaiting its filing (当场处罚备案).
  const simple = (title) => ({
    start_mode: 'ex_officio', title, procedure: 'simple', procedure_reason: '违法事实确凿，有法定依据，罚款数额较小',
    parties: [party], start_form: { cause: '巡查发现' },
  })
  made.simple = (await api(officer, 'POST', '/api/v1/cases', simple('布局测试：简易程序调查取证'))).case.id
  made.simpleDecided = (await api(officer, 'POST', '/api/v1/cases', simple('布局测试：简易程序待备案'))).case.id
  await api(officer, 'POST', `/api/v1/cases/${made.simpleDecided}/on-the-spot-decision`, {
    matter: 'public_security', facts: '在经营场所门前违规占道堆放物品', legal_basis: '治安管理处罚法第五十九条',
    decision_no: '易公简〔2026〕0001号', place: '易县城关镇', penalty: 'fine', fine_yuan: 200, statement: '未提出',
    review: '未提出陈述申辩', disputed: true, recording_device: 'DSJ-0001',
    collected: { receipt_no: 'No.0001', ground: 'hard_to_enforce' },
  })
  // A decision needs two police officers where the server counts them (行政处罚法第四十二条): the unit's other one, if any.
  const me = await api(officer, 'GET', '/api/v1/auth/me')
  const unit = await api(officer, 'GET', `/api/v1/units/${me.unit_id}/officers?page_size=100`)
  const coOfficers = unit.items.filter((o) => o.id !== me.id && !o.auxiliary).slice(0, 1).map((o) => o.id)
  const later = { review: '布局测试：审查决定', serving: '布局测试：送达执行', handedOver: '布局测试：归档管理' }
  for (const [key, title] of Object.entries(later)) {
    made[key] = (await api(officer, 'POST', '/api/v1/cases', {
      start_mode: 'ex_officio', title, parties: [party], start_form: { cause: '巡查发现' }, co_officers: coOfficers,
    })).case.id
    await api(officer, 'POST', `/api/v1/cases/${made[key]}/start-approval`, { opinion: '建议启动' })
  }
  await officer.context().close()
  await registerClip(server.url, { caseId: made.application, device: 'DSJ-0001', fileName: '布局测试-受理窗口.mp4' })
  await approveStart(made.exOfficio, 'reviewer1')
  await approveStart(made.exOfficio, 'approver1')
  await approveStart(made.demoExOfficio, 'reviewer1')
  await setUpLaterStages()
}

/** The three later-stage cases, once their start is approved, to 审查决定, 送达执行 and 归档管理. */
async function setUpLaterStages() {
  const ids = [made.review, made.serving, made.handedOver]
  for (const id of ids) {
    await approveStart(id, 'reviewer1')
    await approveStart(id, 'approver1')
  }
  let officer = await signedIn('officer1')
  for (const id of ids) await api(officer, 'POST', `/api/v1/cases/${id}/stage`, { to: 'review_decision' })
  for (const [i, id] of [made.serving, made.handedOver].entries()) {
    await api(officer, 'POST', `/api/v1/cases/${id}/decision`, {
      decision_no: `易公（治）行罚决字〔2026〕9${i}号`, kind: 'penalty', content: '罚款人民币五千元', opinion: '建议处罚',
    })
  }
  await officer.context().close()
  for (const id of [made.serving, made.handedOver]) {
    await approveStart(id, 'reviewer1')  // the decision's approval, as the start's
    await approveStart(id, 'approver1')
  }
  officer = await signedIn('officer1')
  const servedAt = new Date(Date.now() - 2 * 3600e3).toISOString()
  for (const id of [made.serving, made.handedOver]) {
    await api(officer, 'POST', `/api/v1/cases/${id}/stage`, { to: 'service_execution' })
    await api(officer, 'POST', `/api/v1/cases/${id}/services`, {
      document_no: '易公（治）行罚决字〔2026〕90号', method: 'service_by_leaving', recipient: '易县布局测试有限公司（法定代表人马某）',
      served_at: servedAt, proof: '送达回证 SD-0090', note: '马某拒绝签收，留置于其经营场所，见证人社区工作人员刘某',
    })
  }
  await api(officer, 'POST', `/api/v1/cases/${made.handedOver}/execution`, {
    manner: 'performed', note: '当事人已缴纳罚款，缴款票据号 No.0090', completed_at: servedAt,
  })
  await api(officer, 'POST', `/api/v1/cases/${made.handedOver}/stage`, { to: 'archiving' })
  await officer.context().close()
}

// ---- What each user visits ----------------------------------------------------------------------

async function visit(page, path, heading) {
  await page.goto(server.url + path)
  await page.getByRole('heading', { level: 1, name: heading }).waitFor()
}

async function caseTitle(page, id) {
  return (await api(page, 'GET', '/api/v1/cases/' + id)).title
}

/** A case's detail page, then each action it offers, with its dialog open. */
async function caseDetail(t, page, prefix, id) {
  await visit(page, '/cases/' + id, await caseTitle(page, id))
  await check(page, prefix)
  const actions = page.getByRole('group', { name: '可执行的操作' }).getByRole('button')
  const names = (await actions.allTextContents()).map((s) => s.trim()).filter((s) => s !== '刷新')
  for (const [i, name] of names.entries()) {
    await t.test(`${name}（对话框）`, async () => {
      await actions.getByText(name, { exact: true }).click()
      const dialog = page.getByRole('dialog')
      await dialog.waitFor()
      // Opened: the first field has the focus (ActionDialog).
      await page.waitForFunction(() => document.activeElement?.closest('.el-dialog__body'))
      await check(page, `${prefix}-dialog-${i + 1}`)
      await dialog.getByRole('button', { name: '取消', exact: true }).click()
      await dialog.waitFor({ state: 'hidden' })
    })
  }
}

/** The 音像记录 panel of a case with a record: its dialogs, for the case's officer or anyone else. */
async function mediaDialogs(t, page, prefix, id, { officer }) {
  await visit(page, '/cases/' + id, await caseTitle(page, id))
  const close = async (dialog, button) => {
    await dialog.getByRole('button', { name: button, exact: true }).click()
    await dialog.waitFor({ state: 'hidden' })
  }
  if (officer) {
    await t.test('上传音像记录（对话框）', async () => {
      await page.getByRole('button', { name: '上传音像记录' }).click()
      const dialog = page.getByRole('dialog', { name: '上传音像记录' })
      await dialog.waitFor()
      await check(page, `${prefix}-media-upload`)
      await close(dialog, '取消')
    })
  }
  await t.test('播放（对话框）', async () => {
    await page.getByRole('button', { name: '播放 布局测试-受理窗口.mp4' }).click()
    if (!officer) {
      // Anyone but the case's officers says why first (the message box's input is labelled by its message).
      const prompt = page.getByRole('dialog', { name: '播放音像记录' })
      await prompt.waitFor()
      await check(page, `${prefix}-media-reason`)
      await prompt.getByRole('textbox').fill('布局测试')
      await prompt.getByRole('button', { name: '播放', exact: true }).click()
    }
    const player = page.getByRole('dialog', { name: '播放：布局测试-受理窗口.mp4' })
    await player.waitFor()
    await page.waitForFunction(() => document.querySelector('[data-testid="media-player"]')?.readyState >= 1)
    await check(page, `${prefix}-media-player`)
    await close(player, '关闭')
  })
}

/** Each step of a 新建案件 wizard, filled just enough to go on. */
async function wizard(t, page, prefix, mode, fill) {
  await visit(page, '/cases/new?mode=' + mode, '新建案件')
  for (let i = 0; ; i++) {
    const onConfirm = (await page.getByRole('button', { name: '提交登记' }).count()) > 0
    await t.test(`step ${i + 1}`, () => check(page, `${prefix}-${i + 1}`))
    if (onConfirm || i > 6) break
    await fill(page, i)
    await page.getByRole('button', { name: '下一步' }).click()
  }
}

async function fillParty(page) {
  await page.getByLabel('当事人名称').or(page.getByLabel('当事人姓名')).first().fill('易县布局测试有限公司')
  await page.getByRole('button', { name: '添加当事人' }).click()
}

const WIZARDS = {
  application: ['案件名称', '申请事项', fillParty],
  ex_officio: ['案件名称', fillParty, '启动原因'],
  complaint: ['案件名称', '投诉举报内容', fillParty],
}

const USERS = {
  async officer1(t, page, prefix) {
    await t.test('工作台', async () => (await visit(page, '/', '工作台'), await check(page, prefix + '-dashboard')))
    await t.test('案件列表', async () => {
      await visit(page, '/cases', '案件列表')
      await check(page, prefix + '-cases')
      // Element Plus speaks Chinese (main.ts): the pagination and the date picker.
      await page.locator('.el-pagination').getByText(/^共 \d+ 条$/).waitFor()
      await page.getByLabel('登记日期从').click()
      const picker = page.locator('.el-date-picker:visible')
      await picker.locator('.el-date-picker__header').getByText(/\d{4} 年/).waitFor()
      assert.deepEqual((await picker.locator('.el-date-table th').allTextContents()).map((s) => s.trim()), ['日', '一', '二', '三', '四', '五', '六'])
      await page.keyboard.press('Escape')
      await picker.waitFor({ state: 'hidden' })
    })
    for (const [mode, fills] of Object.entries(WIZARDS)) {
      await t.test('新建案件 ' + mode, (t) =>
        wizard(t, page, `${prefix}-new-${mode}`, mode, async (p, i) => {
          const f = fills[i]
          if (typeof f === 'function') await f(p)
          else if (f) await p.getByLabel(f, { exact: true }).fill('布局测试')
        }),
      )
    }
    await t.test('案件详情 依申请（补正告知后）', (t) => caseDetail(t, page, prefix + '-case-application', made.demoApplication))
    await t.test('案件详情 依申请（待受理）', (t) => caseDetail(t, page, prefix + '-case-application-new', made.application))
    await t.test('案件详情 音像记录', (t) => mediaDialogs(t, page, prefix + '-case-application-new', made.application, { officer: true }))
    await t.test('案件详情 投诉举报', (t) => caseDetail(t, page, prefix + '-case-complaint', made.complaint))
    await t.test('案件详情 依职权（调查取证）', (t) => caseDetail(t, page, prefix + '-case-ex-officio', made.exOfficio))
    await t.test('案件详情 简易程序（调查取证）', (t) => caseDetail(t, page, prefix + '-case-simple', made.simple))
    await t.test('案件详情 简易程序（待备案）', (t) => caseDetail(t, page, prefix + '-case-simple-decided', made.simpleDecided))
    await t.test('案件详情 审查决定', (t) => caseDetail(t, page, prefix + '-case-review', made.review))
    await t.test('案件详情 送达执行', (t) => caseDetail(t, page, prefix + '-case-serving', made.serving))
    await t.test('案件详情 归档管理', (t) => caseDetail(t, page, prefix + '-case-handed-over', made.handedOver))
    await t.test('审批', async () => (await visit(page, '/approvals', '审批'), await check(page, prefix + '-approvals')))
  },
  async approver1(t, page, prefix) {
    await t.test('工作台', async () => (await visit(page, '/', '工作台'), await check(page, prefix + '-dashboard')))
    await t.test('审批', async () => {
      await visit(page, '/approvals', '审批')
      await page.getByRole('button', { name: /^审批 / }).first().click()
      await page.getByRole('dialog').waitFor()
      await check(page, prefix + '-approvals-dialog')
      await page.keyboard.press('Escape')
      await page.getByRole('dialog').waitFor({ state: 'hidden' })
      await check(page, prefix + '-approvals')
    })
    await t.test('案件详情', (t) => caseDetail(t, page, prefix + '-case-ex-officio', made.demoExOfficio))
    await t.test('案件详情 音像记录', (t) => mediaDialogs(t, page, prefix + '-case-application-new', made.application, { officer: false }))
  },
  async custodian1(t, page, prefix) {
    await t.test('工作台', async () => (await visit(page, '/', '工作台'), await check(page, prefix + '-dashboard')))
    await t.test('案件列表', async () => (await visit(page, '/cases', '案件列表'), await check(page, prefix + '-cases')))
    await t.test('案件详情 归档管理', (t) => caseDetail(t, page, prefix + '-case-handed-over', made.handedOver))
  },
  async legal1(t, page, prefix) {
    await t.test('账本', async () => (await visit(page, '/ledger', '账本'), await check(page, prefix + '-ledger')))
    await t.test('审批', async () => (await visit(page, '/approvals', '审批'), await check(page, prefix + '-approvals')))
    await t.test('案件列表', async () => (await visit(page, '/cases', '案件列表'), await check(page, prefix + '-cases')))
  },
  async admin(t, page, prefix) {
    await t.test('用户管理', async () => {
      await visit(page, '/users', '用户管理')
      await check(page, prefix + '-users')
      await page.getByRole('button', { name: '编辑 officer1' }).click()
      await page.getByRole('dialog').waitFor()
      await check(page, prefix + '-users-dialog')
      await page.getByRole('dialog').getByRole('button', { name: '取消', exact: true }).click()
      await page.getByRole('dialog').waitFor({ state: 'hidden' })
    })
    await t.test('设备管理', (t) => devicePages(t, page, prefix))
    await t.test('账本', async () => (await visit(page, '/ledger', '账本'), await check(page, prefix + '-ledger')))
  },
}

/** Opens a dialog (or drawer) with `button`, checks it, and closes it with `close` (a button's name, or Escape). */
async function checkDialog(page, button, dialogName, shotName, close = '取消') {
  await page.getByRole('button', { name: button }).click()
  const dialog = page.getByRole('dialog', { name: dialogName })
  await dialog.waitFor()
  await check(page, shotName)
  if (close === 'Escape') await page.keyboard.press('Escape')
  else await dialog.getByRole('button', { name: close, exact: true }).click()
  await dialog.waitFor({ state: 'hidden' })
}

/** 设备管理: both tabs, the camera dialogs and its 逾期记录 drawer (DSJ-0001 has a late clip), a station's token and revocation. */
async function devicePages(t, page, prefix) {
  await visit(page, '/devices', '设备管理')
  await check(page, prefix + '-devices')
  await t.test('登记执法记录仪（对话框）', () => checkDialog(page, '登记执法记录仪', '登记执法记录仪', prefix + '-devices-register'))
  await t.test('编辑执法记录仪（对话框）', () => checkDialog(page, '编辑 DSJ-0001', '编辑执法记录仪：DSJ-0001', prefix + '-devices-edit'))
  await t.test('逾期记录（抽屉）', () =>
    checkDialog(page, /^逾期记录 DSJ-0001/, '逾期记录：执法记录仪 DSJ-0001', prefix + '-devices-late', 'Escape'))
  await page.getByRole('tab', { name: '采集站' }).click()
  await page.waitForURL(/tab=stations/)
  await check(page, prefix + '-stations')
  const station = '布局测试采集站' + prefix.split('-')[1]
  await t.test('登记采集站（对话框与令牌）', async () => {
    await page.getByRole('button', { name: '登记采集站' }).click()
    const dialog = page.getByRole('dialog', { name: '登记采集站' })
    await dialog.waitFor()
    await check(page, prefix + '-stations-register')
    await dialog.getByLabel('名称', { exact: true }).fill(station)
    await dialog.getByLabel('位置', { exact: true }).fill('易县公安局一楼执法办案区')
    await dialog.getByRole('button', { name: '登记并生成令牌' }).click()
    const shown = page.getByRole('dialog', { name: '采集站令牌：' + station })
    await shown.getByLabel('采集站令牌').waitFor()
    await check(page, prefix + '-stations-token')
    await shown.getByRole('button', { name: '我已保存令牌，关闭' }).click()
    await shown.waitFor({ state: 'hidden' })
  })
  await t.test('吊销采集站（确认）', async () => {
    // The list holds the 1366 run's station too: wait for this run's row (the list reloads after the
    // registration) and for the token dialog's overlay to be gone before reaching for its button.
    await page.getByTestId('station-state-' + station).waitFor()
    await settle(page)
    await checkDialog(page, '吊销 ' + station, '吊销采集站令牌', prefix + '-stations-revoke')
  })
}

for (const size of SIZES) {
  test(`${size.width}×${size.height}`, async (t) => {
    await t.test('登录', async () => {
      const page = await pageAs(browser, server.url, null, size)
      await page.goto(server.url + '/login')
      await page.getByLabel('用户名').waitFor()
      await check(page, `layout-${size.width}-login`)
      await page.context().close()
    })
    for (const [username, visits] of Object.entries(USERS)) {
      await t.test(username, async (t) => {
        const page = await pageAs(browser, server.url, null, size)
        await login(page, server.url, username)
        await page.waitForURL((u) => !u.pathname.startsWith('/login'))
        try {
          await visits(t, page, `layout-${size.width}-${username}`)
        } finally {
          await page.context().close()
        }
      })
    }
  })
}
