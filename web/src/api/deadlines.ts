import { http } from '@/utils/http'
import type { CaseStatus, Deadline, Stage } from './cases'

/** One deadline of one case, as GET /api/v1/deadlines lists it. */
export interface DeadlineItem extends Deadline {
  case_id: string
  number: string
  title: string
  stage: Stage
  stage_label: string
  status: CaseStatus
  status_label: string
  overdue: boolean
  /** Seconds from the server's `now` until `due_at`; negative when overdue. */
  remaining_seconds: number
}

export interface DeadlineList {
  items: DeadlineItem[]
  total: number
  page: number
  page_size: number
  /** The server's clock when it answered: `remaining_seconds` is counted from it. */
  now: string
}

/** Exactly the query parameters of GET /api/v1/deadlines. */
export interface DeadlineQuery {
  /** Due within this many days (× 24 h) from now, 0–366; overdue ones always included. Default 7. */
  within_days?: number
  /** Only the cases the user handles (officers' default) or every case the user may see. */
  mine?: boolean
  page?: number
  page_size?: number
}

/** GET /api/v1/deadlines — 临近期限的事项, earliest due first (so overdue ones lead). */
export function listDeadlines(q: DeadlineQuery = {}) {
  return http.get<DeadlineList>('/api/v1/deadlines', { ...q })
}
