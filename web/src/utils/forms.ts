import { reactive } from 'vue'
import { isApiError } from './http'

/** Field errors from the API (error.field → message), bound to el-form-item's `error` prop. */
export function useFieldErrors() {
  const errors = reactive<Record<string, string>>({})
  function clear() {
    for (const k of Object.keys(errors)) delete errors[k]
  }
  /** Records a field error; returns true when the error named a field. */
  function take(e: unknown): boolean {
    clear()
    if (isApiError(e) && e.field) {
      errors[e.field] = e.message
      return true
    }
    return false
  }
  return { errors, clear, take }
}

/** Drop empty strings so optional fields are sent absent. */
export function compact<T extends object>(o: T): T {
  const out: Record<string, unknown> = {}
  for (const [k, v] of Object.entries(o)) {
    if (v === '' || v === null || v === undefined) continue
    out[k] = v
  }
  return out as T
}
