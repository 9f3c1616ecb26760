// The API's JSON, common to every area: ledger references, actors, pages, the stages. Re-exported by
// types.ts; imports nothing.

// ---- Common --------------------------------------------------------------------------------------

export interface RecordedEvent {
  index: number
  type: string
  leaf_hash: string
}

export interface ActorRef {
  id: string
  name: string
  role: string
}

/** One page of a list: GET /cases, /users, /devices, /approvals, /deadlines, /media/late, /units/{id}/officers. */
export interface Page<T> {
  items: T[]
  total: number
  page: number
  page_size: number
}

/** The paging parameters of every paged GET: the page (from 1) and its number of rows. */
export interface PageQuery {
  page?: number
  page_size?: number
}

export type Stage = 'initiation' | 'investigation' | 'review_decision' | 'service_execution' | 'archiving'
