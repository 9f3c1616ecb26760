import { http, type RequestOptions } from '@/utils/http'
import type { NewUnitRequest, Page, RecordedEvent, Unit, UnitOfficer, UnitOfficerQuery } from './types'

/** GET /api/v1/units */
export function listUnits() {
  return http.get<{ items: Unit[] }>('/api/v1/units')
}

/** POST /api/v1/units */
export function createUnit(body: NewUnitRequest) {
  return http.post<{ unit: Unit; events: RecordedEvent[] }>('/api/v1/units', body, { silent: (e) => !!e.field })
}

/** GET /api/v1/units/{id}/officers — 本单位执法人员, `name` a part of the name. */
export function listUnitOfficers(unitId: string, q: UnitOfficerQuery = {}, o: RequestOptions = {}) {
  return http.get<Page<UnitOfficer>>(`/api/v1/units/${encodeURIComponent(unitId)}/officers`, { ...q }, o)
}
