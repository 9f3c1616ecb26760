import { ref } from 'vue'

/**
 * Loads a list (or anything) and keeps only the newest answer: when a reload starts before an earlier
 * load has answered (the page's first load, then a reload after a change), the earlier answer is
 * dropped even if it arrives last, so a stale list never replaces a fresh one. Errors are shown by
 * the HTTP wrapper; `failed`, when given, is called for the newest load's error only.
 */
export function useLoader<T>(fetch: () => Promise<T>, apply: (value: T) => void, failed?: (error: unknown) => void) {
  const loading = ref(false)
  let latest = 0
  async function load() {
    const mine = ++latest
    loading.value = true
    try {
      const value = await fetch()
      if (mine === latest) apply(value)
    } catch (e) {
      /* shown by the HTTP wrapper */
      if (mine === latest) failed?.(e)
    } finally {
      if (mine === latest) loading.value = false
    }
  }
  return { loading, load }
}
