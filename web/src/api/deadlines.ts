import { http } from '@/utils/http'
import type { DeadlinePage, DeadlineQuery } from './types'

/** GET /api/v1/deadlines — 临近期限的事项, earliest due first (so overdue ones lead). */
export function listDeadlines(q: DeadlineQuery = {}) {
  return http.get<DeadlinePage>('/api/v1/deadlines', { ...q })
}
