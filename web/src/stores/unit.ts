import { defineStore } from 'pinia'
import { ref } from 'vue'
import type { Unit } from '@/api/types'
import { listUnits } from '@/api/units'

// The units of the bureau (names for ids, the current user's unit), shared across pages.
export const useUnitStore = defineStore('unit', () => {
  const units = ref<Unit[]>([])
  let loading: Promise<void> | null = null

  function load(force = false): Promise<void> {
    if (!force && (units.value.length || loading)) return loading ?? Promise.resolve()
    loading = listUnits()
      .then((r) => {
        units.value = r.items
      })
      .catch(() => {})
      .finally(() => {
        loading = null
      })
    return loading
  }

  const nameOf = (id: string | null | undefined) => units.value.find((u) => u.id === id)?.name ?? id ?? ''

  return { units, load, nameOf }
})
