import { http } from '@/utils/http'
import type { Health, LoginResult, User } from './types'

/** POST /api/v1/auth/login — sets the qc_session cookie. The token is not kept. */
export function login(username: string, password: string) {
  return http.post<LoginResult>('/api/v1/auth/login', { username, password }, { noAuthRedirect: true, silent: true })
}

/** POST /api/v1/auth/logout */
export function logout() {
  return http.post<{ ok: true }>('/api/v1/auth/logout', undefined, { noAuthRedirect: true, silent: true })
}

/** GET /api/v1/auth/me */
export function getMe(opts: { silent?: boolean; noAuthRedirect?: boolean } = {}) {
  return http.get<User>('/api/v1/auth/me', undefined, opts)
}

/** GET /api/v1/health */
export function getHealth() {
  return http.get<Health>('/api/v1/health')
}
