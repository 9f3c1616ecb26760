import { listUnitOfficers } from '@/api/units'
import { usePagedList } from './usePagedList'

/**
 * The active officers of a unit found by a part of their name, for a remote el-select (指派协办人员,
 * 使用人 of a body camera): the first 50 matches. Answers can arrive out of order while the user
 * types: only the newest query's is kept, and a failed one empties the choices.
 */
export function useOfficerSearch(unitId: () => string) {
  let name = ''
  const {
    items: found,
    loading,
    load,
    clear,
  } = usePagedList((page) => listUnitOfficers(unitId(), { name: name || undefined, ...page }), {
    pageSize: 50,
    clearOnError: true,
  })

  function search(text: string) {
    if (!unitId()) return
    name = text.trim()
    load()
  }

  /** Forgets what was found and offers the unit's first names, before anything is typed. */
  function restart() {
    clear()
    search('')
  }

  return { found, loading, search, restart }
}
