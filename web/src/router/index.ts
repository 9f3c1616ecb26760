import { createRouter, createWebHistory, type RouteRecordRaw } from 'vue-router'
import type { Role } from '@/api/types'
import { useSessionStore } from '@/stores/session'
import { useVocabularyStore } from '@/stores/vocabulary'
import { setUnauthorizedHandler } from '@/utils/http'
import { homeFor } from '@/utils/home'

declare module 'vue-router' {
  interface RouteMeta {
    title?: string
    roles?: Role[]
    public?: boolean
  }
}

const CASE_ROLES: Role[] = ['officer', 'reviewer', 'approver', 'legal', 'custodian']

const routes: RouteRecordRaw[] = [
  { path: '/login', component: () => import('@/views/login/index.vue'), meta: { title: '登录', public: true } },
  {
    path: '/',
    component: () => import('@/components/AppLayout.vue'),
    children: [
      { path: '', component: () => import('@/views/dashboard/index.vue'), meta: { title: '工作台', roles: CASE_ROLES } },
      { path: 'cases', component: () => import('@/views/cases/index.vue'), meta: { title: '案件列表', roles: CASE_ROLES } },
      { path: 'cases/new', component: () => import('@/views/cases/new.vue'), meta: { title: '新建案件', roles: ['officer'] } },
      { path: 'cases/:id', component: () => import('@/views/cases/detail.vue'), meta: { title: '案件详情' } },
      {
        path: 'approvals',
        component: () => import('@/views/approvals/index.vue'),
        meta: { title: '审批', roles: ['officer', 'reviewer', 'approver', 'legal'] },
      },
      { path: 'users', component: () => import('@/views/users/index.vue'), meta: { title: '用户管理', roles: ['admin'] } },
      { path: 'devices', component: () => import('@/views/devices/index.vue'), meta: { title: '设备管理', roles: ['admin'] } },
      {
        path: 'calendar',
        component: () => import('@/views/calendar/index.vue'),
        meta: { title: '节假日设置', roles: ['admin'] },
      },
      {
        path: 'ledger',
        component: () => import('@/views/ledger/index.vue'),
        meta: { title: '账本', roles: ['legal', 'custodian', 'admin'] },
      },
      { path: 'forbidden', component: () => import('@/views/Forbidden.vue'), meta: { title: '无权访问' } },
      { path: ':rest(.*)*', component: () => import('@/views/NotFound.vue'), meta: { title: '页面不存在' } },
    ],
  },
]

export const router = createRouter({ history: createWebHistory(), routes })

router.beforeEach(async (to) => {
  const session = useSessionStore()
  // The enums' names (public): loaded beside the session check, so that pages open with them; the
  // login page does not wait for them.
  const vocabulary = useVocabularyStore().load()
  if (to.meta.public) return true
  const [signedIn] = await Promise.all([session.ensure(), vocabulary])
  if (!signedIn) return { path: '/login', query: { redirect: to.fullPath } }
  const roles = to.meta.roles
  if (roles && !session.hasRole(...roles)) {
    if (to.path === '/') return homeFor(session.role)
    return { path: '/forbidden', query: { from: to.fullPath } }
  }
  return true
})

router.afterEach((to) => {
  document.title = (to.meta.title ? to.meta.title + ' - ' : '') + '全程'
})

setUnauthorizedHandler(() => {
  const session = useSessionStore()
  session.clear()
  const cur = router.currentRoute.value
  if (!cur.meta.public) router.replace({ path: '/login', query: { redirect: cur.fullPath } })
})
