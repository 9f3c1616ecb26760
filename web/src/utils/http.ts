// The one HTTP wrapper of the front end. Same-origin fetch with the session cookie
// (qc_session, HttpOnly, set by POST /api/v1/auth/login). Every failure rejects with an
// ApiError carrying the API's {code, message, field}; the message is shown with ElMessage
// unless the caller asks for silence, and a 401 sends the user to the login page. (ElMessage is
// imported on demand by unplugin-auto-import: vite.config.ts.)

export interface ApiErrorBody {
  code: string
  message: string
  field: string | null
}

export class ApiError extends Error implements ApiErrorBody {
  code: string
  field: string | null
  status: number
  constructor(status: number, body: ApiErrorBody) {
    super(body.message)
    this.name = 'ApiError'
    this.status = status
    this.code = body.code
    this.field = body.field ?? null
  }
}

export type Query = Record<string, string | number | boolean | null | undefined>

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PATCH' | 'DELETE'
  query?: Query
  body?: unknown
  /** Response is text/plain (checkpoints, bundles). */
  text?: boolean
  /** Do not show the error with ElMessage (the caller shows it, e.g. as a field error or a 403 page). */
  silent?: boolean | ((e: ApiError) => boolean)
  /** Do not redirect to the login page on 401 (the login request itself). */
  noAuthRedirect?: boolean
}

type UnauthorizedHandler = () => void
let onUnauthorized: UnauthorizedHandler = () => {
  if (!location.pathname.startsWith('/login')) {
    const back = location.pathname + location.search
    location.assign('/login?redirect=' + encodeURIComponent(back))
  }
}
/** The router installs a handler that clears the session store and navigates without a reload. */
export function setUnauthorizedHandler(h: UnauthorizedHandler) {
  onUnauthorized = h
}

export function buildUrl(path: string, query?: Query): string {
  const params = new URLSearchParams()
  if (query) {
    for (const [k, v] of Object.entries(query)) {
      if (v === undefined || v === null || v === '') continue
      params.append(k, String(v))
    }
  }
  const qs = params.toString()
  return qs ? `${path}?${qs}` : path
}

async function toApiError(res: Response): Promise<ApiError> {
  let body: ApiErrorBody = { code: 'http_' + res.status, message: `请求失败（HTTP ${res.status}）`, field: null }
  try {
    const j = await res.json()
    if (j && typeof j.code === 'string' && typeof j.message === 'string') {
      body = { code: j.code, message: j.message, field: j.field ?? null }
    }
  } catch {
    /* not JSON */
  }
  return new ApiError(res.status, body)
}

export async function request<T>(path: string, opts: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { Accept: opts.text ? 'text/plain' : 'application/json' }
  let body: string | undefined
  if (opts.body !== undefined) {
    headers['Content-Type'] = 'application/json'
    body = JSON.stringify(opts.body)
  }
  let res: Response
  try {
    res = await fetch(buildUrl(path, opts.query), {
      method: opts.method ?? 'GET',
      headers,
      body,
      credentials: 'same-origin',
    })
  } catch {
    const e = new ApiError(0, { code: 'network', message: '无法连接服务器，请检查网络', field: null })
    ElMessage.error(e.message)
    throw e
  }
  if (!res.ok) {
    const e = await toApiError(res)
    const silent = typeof opts.silent === 'function' ? opts.silent(e) : opts.silent
    if (res.status === 401 && !opts.noAuthRedirect) {
      ElMessage.warning(e.message || '请先登录')
      onUnauthorized()
    } else if (!silent) {
      ElMessage.error(e.message)
    }
    throw e
  }
  if (opts.text) return (await res.text()) as unknown as T
  return (await res.json()) as T
}

export const http = {
  get: <T>(path: string, query?: Query, o: RequestOptions = {}) => request<T>(path, { ...o, query }),
  post: <T>(path: string, body?: unknown, o: RequestOptions = {}) =>
    request<T>(path, { ...o, method: 'POST', body: body ?? {} }),
  patch: <T>(path: string, body: unknown, o: RequestOptions = {}) => request<T>(path, { ...o, method: 'PATCH', body }),
}

export function isApiError(e: unknown): e is ApiError {
  return e instanceof ApiError
}
