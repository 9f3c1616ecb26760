// The one HTTP wrapper of the front end. Same-origin fetch with the session cookie
// (qc_session, HttpOnly, set by POST /api/v1/auth/login); every change carries the session's CSRF
// token from the qc_csrf cookie in X-CSRF-Token, which the server requires of cookie sessions. Every failure rejects with an
// ApiError carrying the API's {code, message, field}; the message is shown with ElMessage
// unless the caller asks for silence, and a 401 sends the user to the login page. (ElMessage is
// imported on demand by unplugin-auto-import: vite.config.ts.) A load (GET) that fails on the server's
// side (5xx) or gets no answer offers 重试, which mounts the page afresh (utils/reload.ts).
import { h } from 'vue'
import { reloadView } from './reload'

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

/** The CSRF token of the current cookie session (the qc_csrf cookie), or '' before login. */
export function csrfToken(): string {
  const m = /(?:^|;\s*)qc_csrf=([0-9a-f]+)/.exec(document.cookie)
  return m ? m[1] : ''
}

export type Query = Record<string, string | number | boolean | null | undefined>

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'
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

/** What to say of a failed answer without an API error envelope (a proxy's page, a crash). */
export function statusMessage(status: number): string {
  if (status === 500) return `服务器内部错误（HTTP 500），请稍后重试`
  if (status === 502 || status === 503 || status === 504) return `服务器暂时不可用（HTTP ${status}），请稍后重试`
  if (status === 413) return '提交的内容过大（HTTP 413）'
  if (status === 429) return '请求过于频繁，请稍后重试（HTTP 429）'
  if (status >= 500) return `服务器出错（HTTP ${status}），请稍后重试`
  return `请求未成功（HTTP ${status}）`
}

/** The ApiError of a failed answer: its JSON error envelope, or a generic one when there is none. */
export function apiErrorOf(status: number, text: string): ApiError {
  let body: ApiErrorBody = { code: 'http_' + status, message: statusMessage(status), field: null }
  try {
    const j = JSON.parse(text)
    if (j && typeof j.code === 'string' && typeof j.message === 'string') {
      body = { code: j.code, message: j.message, field: j.field ?? null }
    }
  } catch {
    /* not JSON */
  }
  return new ApiError(status, body)
}

/** The error of a request that got no answer. */
export const networkError = () => new ApiError(0, { code: 'network', message: '无法连接服务器，请检查网络', field: null })

async function toApiError(res: Response): Promise<ApiError> {
  return apiErrorOf(res.status, await res.text().catch(() => ''))
}

/**
 * Shows a failed request's error as every request does: 401 → the login page, anything else as a
 * message unless `silent`. request() calls it; so do requests it does not make (tus uploads).
 */
export function announce(e: ApiError, opts: Pick<RequestOptions, 'silent' | 'noAuthRedirect'> & { retry?: boolean } = {}) {
  const silent = typeof opts.silent === 'function' ? opts.silent(e) : opts.silent
  if (e.status === 401 && !opts.noAuthRedirect) {
    ElMessage.warning(e.message || '请先登录')
    onUnauthorized()
  } else if (!silent && opts.retry && (e.status === 0 || e.status >= 500)) {
    offerRetry(e.message)
  } else if (!silent) {
    ElMessage.error(e.message)
  }
}

// One 重试 notice at a time: a page whose loads all fail says so once.
let retryNotice: { close: () => void } | null = null

/** A failed load the server may answer next time: the message with 重试, which loads the page afresh. */
function offerRetry(message: string) {
  retryNotice?.close()
  const notice = ElNotification({
    type: 'error',
    title: '加载失败',
    duration: 0,
    message: h('div', { class: 'retry-notice' }, [
      h('div', message),
      h(
        'button',
        {
          type: 'button',
          class: 'el-button el-button--primary el-button--small retry-button',
          onClick: () => {
            notice.close()
            reloadView()
          },
        },
        '重试',
      ),
    ]),
    onClose: () => {
      if (retryNotice === notice) retryNotice = null
    },
  })
  retryNotice = notice
}

export async function request<T>(path: string, opts: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { Accept: opts.text ? 'text/plain' : 'application/json' }
  let body: string | undefined
  if (opts.body !== undefined) {
    headers['Content-Type'] = 'application/json'
    body = JSON.stringify(opts.body)
  }
  const isGet = (opts.method ?? 'GET') === 'GET'
  if (!isGet) headers['X-CSRF-Token'] = csrfToken()
  let res: Response
  try {
    res = await fetch(buildUrl(path, opts.query), {
      method: opts.method ?? 'GET',
      headers,
      body,
      credentials: 'same-origin',
    })
  } catch {
    const e = networkError()
    announce(e, { ...opts, retry: isGet })
    throw e
  }
  if (!res.ok) {
    const e = await toApiError(res)
    announce(e, { ...opts, retry: isGet })
    throw e
  }
  if (opts.text) return (await res.text()) as unknown as T
  return (await res.json()) as T
}

export const http = {
  get: <T>(path: string, query?: Query, o: RequestOptions = {}) => request<T>(path, { ...o, query }),
  post: <T>(path: string, body?: unknown, o: RequestOptions = {}) => request<T>(path, { ...o, method: 'POST', body: body ?? {} }),
  put: <T>(path: string, body: unknown, o: RequestOptions = {}) => request<T>(path, { ...o, method: 'PUT', body }),
  patch: <T>(path: string, body: unknown, o: RequestOptions = {}) => request<T>(path, { ...o, method: 'PATCH', body }),
}

export function isApiError(e: unknown): e is ApiError {
  return e instanceof ApiError
}
