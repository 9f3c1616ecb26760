import { defineStore } from 'pinia'
import { ref, computed } from 'vue'
import * as auth from '@/api/auth'
import type { Role, User } from '@/api/types'

// The logged-in user, shared by every page. The session itself is the HttpOnly cookie.
export const useSessionStore = defineStore('session', () => {
  const user = ref<User | null>(null)
  const checked = ref(false)

  const role = computed<Role | null>(() => user.value?.role ?? null)
  const hasRole = (...roles: Role[]) => !!user.value && roles.includes(user.value.role)

  /** Load the user from GET /auth/me once; false when there is no session. */
  async function ensure(): Promise<boolean> {
    if (user.value) return true
    if (checked.value) return false
    try {
      user.value = await auth.getMe({ silent: true, noAuthRedirect: true })
    } catch {
      user.value = null
    }
    checked.value = true
    return !!user.value
  }

  async function login(username: string, password: string) {
    await auth.login(username, password)
    user.value = await auth.getMe({ noAuthRedirect: true })
    checked.value = true
  }

  async function logout() {
    try {
      await auth.logout()
    } finally {
      clear()
    }
  }

  function clear() {
    user.value = null
    checked.value = true
  }

  return { user, role, checked, hasRole, ensure, login, logout, clear }
})
