import { http } from '@/utils/http'
import type { RecordedEvent } from './cases'

export interface Unit {
  id: string
  name: string
  parent_id: string | null
  code: string
}

export interface NewUnitRequest {
  name: string
  code: string
  parent_id: string
}

/** GET /api/v1/units */
export function listUnits() {
  return http.get<{ items: Unit[] }>('/api/v1/units')
}

/** POST /api/v1/units */
export function createUnit(body: NewUnitRequest) {
  return http.post<{ unit: Unit; events: RecordedEvent[] }>('/api/v1/units', body, { silent: (e) => !!e.field })
}
