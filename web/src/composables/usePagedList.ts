import { ref, type Ref } from 'vue'
import type { Page, PageQuery } from '@/api/types'
import { useLoader } from './useLoader'

export interface PagedListOptions {
  /** Rows per page (default 20) and the first page shown (default 1). */
  pageSize?: number
  page?: number
  /** Empty the list when the newest load fails (default: keep what was shown). */
  clearOnError?: boolean
}

/**
 * One page of a list of the API ({items, total, page, page_size}) and its paging state, for a table
 * with an el-pagination: bind `page` (v-model:current-page), `pageSize`, `total`, and call `load`
 * on current-change. Only the newest answer is kept (useLoader). `first()` goes back to page 1 and
 * loads (a new search); `clear()` forgets the list (a drawer opened for another item).
 */
export function usePagedList<T>(fetch: (query: Required<PageQuery>) => Promise<Page<T>>, options: PagedListOptions = {}) {
  const page = ref(options.page ?? 1)
  const pageSize = ref(options.pageSize ?? 20)
  const items = ref([]) as Ref<T[]>
  const total = ref(0)
  /** Whether a load has answered since the last clear(). */
  const loaded = ref(false)

  function clear() {
    items.value = []
    total.value = 0
    loaded.value = false
  }

  const { loading, load } = useLoader(
    () => fetch({ page: page.value, page_size: pageSize.value }),
    (r) => {
      items.value = r.items
      total.value = r.total
      loaded.value = true
    },
    () => {
      if (options.clearOnError) clear()
    },
  )

  function first() {
    page.value = 1
    return load()
  }

  return { items, total, page, pageSize, loading, loaded, load, first, clear }
}
