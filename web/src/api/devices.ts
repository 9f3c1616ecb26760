// 执法记录仪 (body cameras), registered by the system administrator and assigned to an officer.
// Uploads name the camera; its 24-hour findings (Art. 33) are listed by GET /api/v1/media/late?device_id=.
import { http } from '@/utils/http'
import type { Device, DeviceChangeRequest, DeviceCommandResult, NewDeviceRequest, Page, PageQuery } from './types'

/** GET /api/v1/devices — 执法记录仪列表 */
export function listDevices(q: PageQuery = {}) {
  return http.get<Page<Device>>('/api/v1/devices', { ...q })
}

/**
 * GET /api/v1/devices/mine — the signed-in user's active cameras (any user; what the upload form
 * offers). Silent: the form says so itself and still takes a typed serial.
 */
export function listMyDevices() {
  return http.get<{ items: Device[] }>('/api/v1/devices/mine', undefined, { silent: true })
}

/** POST /api/v1/devices — 登记执法记录仪 */
export function registerDevice(body: NewDeviceRequest) {
  return http.post<DeviceCommandResult>('/api/v1/devices', body, { silent: (e) => !!e.field })
}

/** PATCH /api/v1/devices/{id} — 改配发或停用执法记录仪 */
export function changeDevice(id: string, body: DeviceChangeRequest) {
  return http.patch<DeviceCommandResult>(`/api/v1/devices/${encodeURIComponent(id)}`, body, { silent: (e) => !!e.field })
}
