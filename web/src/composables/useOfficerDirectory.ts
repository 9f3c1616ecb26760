import { ref } from 'vue'
import type { UnitOfficer } from '@/api/types'
import { listUnitOfficers } from '@/api/units'
import { useUnitStore } from '@/stores/unit'

/**
 * The officers (执法人员) of every unit the user may see, by name: for choosing an officer by name
 * where the API wants a user id (案件列表's filter). A unit the user may not see (403) is skipped.
 */
export function useOfficerDirectory() {
  const officers = ref<UnitOfficer[]>([])
  const loading = ref(false)

  async function load() {
    const units = useUnitStore()
    loading.value = true
    try {
      await units.load()
      const pages = await Promise.all(
        units.units.map((u) => listUnitOfficers(u.id, { page_size: 100 }, { silent: true }).catch(() => null)),
      )
      const seen = new Set<string>()
      officers.value = pages
        .flatMap((p) => p?.items ?? [])
        .filter((o) => !seen.has(o.id) && seen.add(o.id))
        .sort((a, b) => a.name.localeCompare(b.name, 'zh-CN'))
    } finally {
      loading.value = false
    }
  }

  return { officers, loading, load }
}
