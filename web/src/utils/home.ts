import type { Role } from '@/api/types'

/** The first page a role lands on (administrators see no case records). */
export function homeFor(role: Role | null | undefined): string {
  return role === 'admin' ? '/users' : '/'
}
