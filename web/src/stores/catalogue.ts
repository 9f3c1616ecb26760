import { defineStore } from 'pinia'
import { ref, shallowRef } from 'vue'
import type { CatalogueType } from '@/api/types'
import { getCatalogue } from '@/api/documents'

// The catalogue of written records (GET /api/v1/catalogue, public), loaded once when a page first
// needs it (the case page's 文书, the approval of a record) and kept for the session.
export const useCatalogueStore = defineStore('catalogue', () => {
  const types = shallowRef<CatalogueType[]>([])
  const loaded = ref(false)
  const failed = ref(false)
  let loading: Promise<void> | null = null

  /** Loads the catalogue unless it has been; never rejects (a failed load is tried again on the next call). */
  function load(): Promise<void> {
    if (loaded.value) return Promise.resolve()
    loading ??= getCatalogue()
      .then((c) => {
        types.value = c.types
        loaded.value = true
        failed.value = false
      })
      .catch(() => {
        failed.value = true
      })
      .finally(() => {
        loading = null
      })
    return loading
  }

  const byId = (id: string | null | undefined) => types.value.find((t) => t.id === id) ?? null

  return { types, loaded, failed, load, byId }
})
