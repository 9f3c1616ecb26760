import { http } from '@/utils/http'
import type { NewUserRequest, Page, PageQuery, User, UserChangeRequest, UserCommandResult } from './types'

/** GET /api/v1/users */
export function listUsers(q: PageQuery = {}) {
  return http.get<Page<User>>('/api/v1/users', { ...q })
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

/** Every user, page after page of GET /api/v1/users (the API filters nothing: 用户管理 filters in the page). */
export async function listAllUsers(): Promise<User[]> {
  const all: User[] = []
  for (let page = 1; ; page++) {
    const r = await listUsers({ page, page_size: 100 })
    all.push(...r.items)
    if (r.items.length === 0 || all.length >= r.total) return all
  }
}
