// Every error at once, in Chinese, at its field, before anything is sent (issue 12 §10.2): the new-case
// wizard, 增加当事人, the upload, user and camera dialogs. The server's own 400/409 still lands at the
// field it names. At 1366×768 and on a tablet (1024×768 and 768×1024, touch).
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { startServer, launchBrowser, signedInAs, pageApi, shot } from './harness.mjs'

const SIZES = [
  { width: 1366, height: 768 },
  { width: 1024, height: 768, touch: true },
  { width: 768, height: 1024, touch: true },
]
const ENGLISH = /is required|required|invalid|must be/i

let server, browser
before(async () => {
  server = await startServer()
  browser = await launchBrowser()
})
after(async () => {
  await browser?.close()
  await server?.stop()
})

/** Waits for the error `m` at a field of `scope`. */
const errorAt = (scope, m) => scope.locator('.el-form-item__error', { hasText: m }).first().waitFor()

/** The error messages shown at the fields of `scope`, in order. */
const fieldErrors = async (scope) =>
  (await scope.locator('.el-form-item__error:visible').allTextContents()).map((s) => s.trim()).filter(Boolean)

for (const size of SIZES) {
  const at = `${size.width}×${size.height}`

  test(`新建案件 at ${at}: each step's errors at once, in Chinese; a wrong 统一社会信用代码 and telephone at their fields`, async () => {
    const page = await signedInAs(browser, server.url, 'officer1', size)
    await page.goto(server.url + '/cases/new?mode=ex_officio')
    await page.getByRole('heading', { level: 1, name: '新建案件' }).waitFor()
    await page.locator('.el-switch', { has: page.getByRole('switch', { name: '重大复杂案件' }) }).click()
    await page.getByRole('button', { name: '下一步' }).click()
    await errorAt(page, '请输入案件名称')
    await errorAt(page, '重大复杂案件须说明理由')
    await page.getByLabel('案件名称').fill('表单校验测试' + size.width)
    await page.getByLabel('重大复杂理由').fill('涉及人数众多')
    await page.getByRole('button', { name: '下一步' }).click()

    // 当事人: a legal person with a code and a telephone number that cannot be right.
    await page.locator('label.el-radio', { hasText: /^法人$/ }).click()
    await page.getByLabel('当事人名称').fill('易县校验测试有限公司')
    await page.getByLabel('统一社会信用代码').fill('12345')
    await page.getByLabel('联系电话').fill('abc')
    await page.getByRole('button', { name: '添加当事人' }).click()
    await errorAt(page, '统一社会信用代码不正确')
    await errorAt(page, '请输入正确的电话号码')
    await errorAt(page, '法人须填写法定代表人')
    const errors = await fieldErrors(page)
    assert.equal(errors.length, 3, errors.join(' | '))
    assert.equal(await page.locator('[aria-label="已添加的当事人"]').count(), 0, 'not added')
    await shot(page, `form-errors-wizard-${size.width}`)
    // Right ones pass: the party is added with every field.
    await page.getByLabel('统一社会信用代码').fill('91130633MA0A7B8C9P')
    await page.getByLabel('联系电话').fill('0312-8265678')
    await page.getByLabel('法定代表人').fill('周校验')
    await page.getByLabel('住址').fill('河北省保定市易县校验路2号')
    await page.getByRole('button', { name: '添加当事人' }).click()
    await page.locator('[aria-label="已添加的当事人"]').getByText('易县校验测试有限公司').waitFor()
    // The errors put right fade out (a transition of about 300 ms) before they are gone.
    await page.waitForFunction(() => ![...document.querySelectorAll('.el-form-item__error')].some((e) => e.offsetParent !== null))
    assert.deepEqual(await fieldErrors(page), [])
    assert.doesNotMatch(await page.locator('.el-main').innerText(), ENGLISH)
    await page.context().close()
  })

  test(`上传音像记录 at ${at}: file, act, end time and 告知 missing — all said at once`, async () => {
    const page = await signedInAs(browser, server.url, 'officer1', size)
    const list = await pageApi(page, 'GET', '/api/v1/cases?page_size=100')
    const ktv = list.items.find((c) => c.title === '金嗓子KTV未按规定备案经营案')
    await page.goto(server.url + '/cases/' + ktv.id)
    await page.getByRole('button', { name: '上传音像记录' }).click()
    const dialog = page.getByRole('dialog', { name: '上传音像记录' })
    await dialog.getByRole('button', { name: '开始上传' }).click()
    for (const m of ['请选择要上传的文件', '请选择所记录的执法行为', '请填写拍摄结束时间（第三十三条）', '请选择拍摄前是否告知当事人（第十四条）']) {
      await dialog.locator('.el-form-item__error', { hasText: m }).waitFor()
    }
    assert.equal((await fieldErrors(dialog)).length, 4)
    assert.doesNotMatch(await dialog.innerText(), ENGLISH)
    await shot(page, `form-errors-upload-${size.width}`)
    await page.context().close()
  })

  test(`用户 and 执法记录仪 dialogs at ${at}: every rule at once; the server's conflict at its field`, async () => {
    const page = await signedInAs(browser, server.url, 'admin', size)
    await page.goto(server.url + '/users')
    await page.getByRole('button', { name: '新建用户' }).click()
    const dialog = page.getByRole('dialog', { name: '新建用户' })
    await dialog.getByRole('button', { name: '保存' }).click()
    for (const m of ['请输入用户名', '请输入姓名', '请选择所属单位', '民警须登记人民警察证警号（第十二条）', '请输入初始密码']) {
      await errorAt(dialog, m)
    }
    await dialog.getByLabel('用户名').fill('bad name!')
    await dialog.getByLabel('初始密码').fill('abc')
    await dialog.getByRole('button', { name: '保存' }).click()
    await errorAt(dialog, '用户名只能包含字母、数字、下划线、点和连字符')
    await errorAt(dialog, '密码长度应为 8–128 个字符')
    // All right in the page, but the name is taken: the server's 409 at 用户名.
    await dialog.getByLabel('用户名').fill('officer1')
    await dialog.getByLabel('姓名').fill('重名测试')
    await dialog.locator('.el-select__wrapper', { has: page.getByRole('combobox', { name: '所属单位' }) }).click()
    await page.getByRole('option', { name: '治安管理大队' }).click()
    await dialog.getByLabel('执法证件编号').fill('040999')
    await dialog.getByLabel('初始密码').fill('Test@2026x')
    await dialog.getByRole('button', { name: '保存' }).click()
    const item = dialog.locator('.el-form-item', { has: page.getByLabel('用户名') })
    await item.locator('.el-form-item__error', { hasText: '用户名已存在' }).waitFor()
    assert.doesNotMatch(await dialog.innerText(), ENGLISH)
    await dialog.getByRole('button', { name: '取消' }).click()

    await page.goto(server.url + '/devices')
    await page.getByRole('button', { name: '登记执法记录仪' }).click()
    const cam = page.getByRole('dialog', { name: '登记执法记录仪' })
    await cam.getByRole('button', { name: '保存' }).click()
    for (const m of ['请输入执法记录仪编号', '请输入型号', '请选择使用人']) await errorAt(cam, m)
    assert.equal((await fieldErrors(cam)).length, 3)
    await shot(page, `form-errors-device-${size.width}`)
    await page.context().close()
  })
}
