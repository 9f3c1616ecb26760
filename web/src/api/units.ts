import { http } from '@/utils/http'
import type { RecordedEvent } from './cases'

export interface Unit {
  id: string
  name: string
  parent_id: string | null
  code: string
}

/** An active officer (执法人员) of a unit, for choosing 协办人员. */
export interface UnitOfficer {
  id: string
  name: string
  /** 执法证件编号 (Art. 12) */
  cert_no: string
  unit_id: string
}

export interface UnitOfficerList {
  items: UnitOfficer[]
  total: number
  page: number
  page_size: number
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

/** GET /api/v1/units/{id}/officers — 本单位执法人员, `name` a part of the name. */
export function listUnitOfficers(unitId: string, q: { name?: string; page?: number; page_size?: number } = {}) {
  return http.get<UnitOfficerList>(`/api/v1/units/${encodeURIComponent(unitId)}/officers`, { ...q })
}
