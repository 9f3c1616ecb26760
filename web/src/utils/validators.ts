// Checks the page makes before it sends a form, as pure functions (tests/e2e/validators.test.mjs runs
// them in Node) and as Element Plus form rules with Chinese messages. The server checks again; its
// 400 {code, message, field} is shown at the named field (utils/forms.ts).
import type { FormItemRule } from 'element-plus'

/** 手机号码: 11 digits from 13–19. */
export const isMobile = (s: string): boolean => /^1[3-9]\d{9}$/.test(s)

/** 固定电话: area code 0 + 2–3 digits, an optional hyphen, 7–8 digits (0312-8265678). */
export const isLandline = (s: string): boolean => /^0\d{2,3}-?\d{7,8}$/.test(s)

/** 联系电话: a mobile or a landline number. */
export const isTelephone = (s: string): boolean => isMobile(s) || isLandline(s)

const USCC_CHARS = '0123456789ABCDEFGHJKLMNPQRTUWXY'

/** The check character of the first 17 characters of a 统一社会信用代码 (GB 32100-2015), or '' if one is not allowed. */
export function usccCheckChar(first17: string): string {
  if (first17.length !== 17) return ''
  let sum = 0
  let weight = 1 // 3^i mod 31
  for (let i = 0; i < 17; i++) {
    const v = USCC_CHARS.indexOf(first17[i])
    if (v < 0) return ''
    sum += v * weight
    weight = (weight * 3) % 31
  }
  return USCC_CHARS[(31 - (sum % 31)) % 31]
}

/** 统一社会信用代码 (GB 32100-2015): 18 characters of "0123456789ABCDEFGHJKLMNPQRTUWXY", the last a check character. */
export function isUscc(s: string): boolean {
  return s.length === 18 && usccCheckChar(s.slice(0, 17)) === s[17]
}

/** The check character of the first 17 digits of a 居民身份证号码 (GB 11643-1999), or '' if they are not digits. */
export function residentIdCheckChar(first17: string): string {
  if (!/^\d{17}$/.test(first17)) return ''
  let sum = 0
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * (2 ** (17 - i) % 11)
  return '10X98765432'[sum % 11]
}

/** A real calendar date written YYYYMMDD, from 1800 to today. */
function isBirthDate(s: string): boolean {
  const y = Number(s.slice(0, 4))
  const m = Number(s.slice(4, 6))
  const d = Number(s.slice(6, 8))
  const date = new Date(Date.UTC(y, m - 1, d))
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return false
  return y >= 1800 && date.getTime() <= Date.now()
}

/** 居民身份证号码 (GB 11643-1999): 17 digits, a valid birth date in 7–14, and the check character (X upper or lower). */
export function isResidentId(s: string): boolean {
  const id = s.toUpperCase()
  return /^\d{17}[\dX]$/.test(id) && isBirthDate(id.slice(6, 14)) && residentIdCheckChar(id.slice(0, 17)) === id[17]
}

/** The date of birth a valid resident ID states (YYYY-MM-DD), or '' (domain::BirthDateOfResidentId). */
export function birthDateOfResidentId(s: string): string {
  if (!isResidentId(s)) return ''
  return `${s.slice(6, 10)}-${s.slice(10, 12)}-${s.slice(12, 14)}`
}

// ---- Element Plus rules ---------------------------------------------------------------------------

type Trigger = 'blur' | 'change'

/** Required, not only blanks. */
export const required = (message: string, trigger: Trigger = 'blur'): FormItemRule => ({
  required: true,
  whitespace: true,
  message,
  trigger,
})

/** A required choice (select, radio): anything but '' or null. */
export const chosen = (message: string): FormItemRule => ({
  required: true,
  message,
  trigger: 'change',
  validator: (_r, v, cb) => (v === '' || v === null || v === undefined ? cb(new Error(message)) : cb()),
})

/** At most `n` characters. */
export const maxChars = (n: number, what: string): FormItemRule => ({
  max: n,
  message: `${what}不能超过 ${n} 个字`,
  trigger: 'blur',
})

/** An optional value that, when given, passes `test`. */
export function when(test: (s: string) => boolean, message: string): FormItemRule {
  return {
    trigger: 'blur',
    validator: (_r, v, cb) => {
      const s = typeof v === 'string' ? v.trim() : ''
      if (s && !test(s)) cb(new Error(message))
      else cb()
    },
  }
}

export const telephoneRule = when(isTelephone, '请输入正确的电话号码：手机 11 位，或固定电话如 0312-8265678')
export const usccRule = when(isUscc, '统一社会信用代码不正确：应为 18 位，末位校验码须符合 GB 32100-2015')
export const residentIdRule = when(isResidentId, '居民身份证号码不正确：应为 18 位，出生日期和末位校验码须有效')

/** 用户名: letters, digits, _ . - only (as the server requires). */
export const isUsername = (s: string): boolean => /^[A-Za-z0-9_.-]+$/.test(s)

/** Why a password fails the server's policy (crypto/password.cc), or '' when it passes. */
export function passwordProblem(p: string): string {
  const chars = [...p].length
  if (chars < 8 || chars > 128) return '密码长度应为 8–128 个字符'
  const classes = [/[a-z]/, /[A-Z]/, /[0-9]/, /[^a-zA-Z0-9]/].filter((r) => r.test(p)).length
  return classes < 3 ? '密码须包含大写字母、小写字母、数字、符号中的至少三类' : ''
}

export const usernameRule = when(isUsername, '用户名只能包含字母、数字、下划线、点和连字符')
export const passwordRule: FormItemRule = {
  trigger: 'blur',
  validator: (_r, v, cb) => {
    const problem = typeof v === 'string' && v ? passwordProblem(v) : ''
    if (problem) cb(new Error(problem))
    else cb()
  },
}

/** 警号 of a 人民警察证: exactly six digits (domain::ValidPoliceNumber). */
export const isPoliceNumber = (s: string): boolean => /^[0-9]{6}$/.test(s)

/**
 * Why a user's 执法证件编号 fails the server's rule (domain::CheckOfficerCredentials), or '': a police
 * officer (role officer, not a 辅警) needs the six-digit 警号 of the 人民警察证 (第十二条); a 辅警 and
 * the other roles need none.
 */
export function officerCertProblem(role: string, auxiliary: boolean, certNo: string): string {
  if (role !== 'officer' || auxiliary) return ''
  const s = certNo.trim()
  if (!s) return '民警须登记人民警察证警号（第十二条）'
  return isPoliceNumber(s) ? '' : '人民警察证警号应为 6 位数字'
}
