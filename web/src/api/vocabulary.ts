import { http } from '@/utils/http'
import type { Vocabulary } from './types'

/** GET /api/v1/vocabulary — 词汇表: every enum's values and names, in display order (public, no login). */
export function getVocabulary() {
  return http.get<Vocabulary>('/api/v1/vocabulary', undefined, { silent: true, noAuthRedirect: true })
}
