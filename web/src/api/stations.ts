// 采集站 (collection stations): registered by the system administrator, each given a token once
// (the server keeps only its hash) with which it uploads for its unit's cases; revoked for good.
import { http } from '@/utils/http'
import type { NewStationRequest, RecordedEvent, Station, StationRegistration } from './types'

/** GET /api/v1/stations — 采集站列表（不含令牌） */
export function listStations() {
  return http.get<{ items: Station[] }>('/api/v1/stations')
}

/** POST /api/v1/stations — 登记采集站（令牌仅此一次返回） */
export function registerStation(body: NewStationRequest) {
  return http.post<StationRegistration>('/api/v1/stations', body, { silent: (e) => !!e.field })
}

/** POST /api/v1/stations/{id}/revoke — 吊销采集站令牌 */
export function revokeStation(id: string) {
  return http.post<{ id: string; active: false; events: RecordedEvent[] }>(`/api/v1/stations/${encodeURIComponent(id)}/revoke`)
}
