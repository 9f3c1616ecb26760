import { http } from '@/utils/http'
import type { Role } from './auth'
import type { RecordedEvent } from './cases'

export interface User {
  id: string
  username: string
  name: string
  role: Role
  role_label: string
  unit_id: string
  unit_name: string
  cert_no: string
  active: boolean
  created_at: string
  updated_at: string
}

export interface UserList {
  items: User[]
  total: number
  page: number
  page_size: number
}

export interface NewUserRequest {
  username: string
  name: string
  role: Role
  unit_id: string
  cert_no?: string | null
  password: string
}

export interface UserChangeRequest {
  name?: string | null
  role?: Role | null
  unit_id?: string | null
  cert_no?: string | null
  password?: string | null
  active?: boolean | null
}

export interface UserCommandResult {
  user: User
  events: RecordedEvent[]
}

/** GET /api/v1/users */
export function listUsers(page = 1, page_size = 20) {
  return http.get<UserList>('/api/v1/users', { page, page_size })
}

/** POST /api/v1/users */
export function createUser(body: NewUserRequest) {
  return http.post<UserCommandResult>('/api/v1/users', body, { silent: (e) => !!e.field })
}

/** GET /api/v1/users/{id} */
export function getUser(id: string) {
  return http.get<User>(`/api/v1/users/${encodeURIComponent(id)}`)
}

/** PATCH /api/v1/users/{id} */
export function changeUser(id: string, body: UserChangeRequest) {
  return http.patch<UserCommandResult>(`/api/v1/users/${encodeURIComponent(id)}`, body, { silent: (e) => !!e.field })
}
