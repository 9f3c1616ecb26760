// 执法记录仪 (body cameras), registered by the system administrator and assigned to an officer.
// Uploads name the camera; its 24-hour findings (Art. 33) are listed by GET /api/v1/media/late?device_id=.
import { http } from '@/utils/http'
import type { RecordedEvent } from './cases'

export interface Device {
  /** dev_… */
  id: string
  /** 编号（序列号）, unique. */
  serial: string
  /** 型号 */
  model: string
  /** The officer it is assigned to (使用人), and that officer's unit. */
  officer_id: string
  officer_name: string
  unit_id: string
  active: boolean
  created_at: string
  /** Its records registered more than 24 hours after capture ended (Art. 33). */
  late_count: number
}

export interface DeviceList {
  items: Device[]
  total: number
  page: number
  page_size: number
}

export interface NewDeviceRequest {
  serial: string
  model: string
  /** User id or username of an officer. */
  officer_id: string
}

/** Only what is given changes; the serial and the model are fixed at registration. */
export interface DeviceChangeRequest {
  officer_id?: string
  active?: boolean
}

export interface DeviceCommandResult {
  device: Device
  events: RecordedEvent[]
}

/** GET /api/v1/devices — 执法记录仪列表 */
export function listDevices(page = 1, page_size = 20) {
  return http.get<DeviceList>('/api/v1/devices', { page, page_size })
}

/** POST /api/v1/devices — 登记执法记录仪 */
export function registerDevice(body: NewDeviceRequest) {
  return http.post<DeviceCommandResult>('/api/v1/devices', body, { silent: (e) => !!e.field })
}

/** PATCH /api/v1/devices/{id} — 改配发或停用执法记录仪 */
export function changeDevice(id: string, body: DeviceChangeRequest) {
  return http.patch<DeviceCommandResult>(`/api/v1/devices/${encodeURIComponent(id)}`, body, { silent: (e) => !!e.field })
}
