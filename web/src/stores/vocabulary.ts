import { defineStore } from 'pinia'
import { ref, shallowRef } from 'vue'
import type { Vocabulary, VocabularyEntry, VocabularyName } from '@/api/types'
import { getVocabulary } from '@/api/vocabulary'

type ValueOf<K extends VocabularyName> = Vocabulary[K][number]['value']

// The values, in display order, of the vocabularies the pages list as choices (selects, radios,
// the stage steps): until the server's vocabulary has loaded, or when it could not be loaded, the
// pages still work, showing the values themselves as their names.
const VALUES: { [K in VocabularyName]?: ValueOf<K>[] } = {
  roles: ['officer', 'reviewer', 'approver', 'legal', 'custodian', 'admin'],
  start_modes: ['application', 'ex_officio', 'complaint'],
  stages: ['initiation', 'investigation', 'review_decision', 'service_execution', 'archiving'],
  case_statuses: [
    'pending',
    'awaiting_approval',
    'returned',
    'in_progress',
    'not_accepted',
    'not_started',
    'rejected',
    'transferred',
  ],
  party_kinds: ['natural_person', 'legal_person', 'other_organization'],
  procedures: ['ordinary', 'simple'],
  approval_decisions: ['submit', 'approve', 'return', 'reject'],
}

// The names of the API's enums as the server gives them (GET /api/v1/vocabulary, public), loaded
// once when the application starts (router/index.ts), beside the session check.
export const useVocabularyStore = defineStore('vocabulary', () => {
  const vocabulary = shallowRef<Partial<Vocabulary>>({})
  const loaded = ref(false)
  let loading: Promise<void> | null = null

  /** Loads the vocabulary unless it has been; never rejects (a failed load is tried again on the next call). */
  function load(): Promise<void> {
    if (loaded.value) return Promise.resolve()
    loading ??= getVocabulary()
      .then((v) => {
        vocabulary.value = v
        loaded.value = true
      })
      .catch(() => {})
      .finally(() => {
        loading = null
      })
    return loading
  }

  /** The entries of `vocab` in display order (before it has loaded: the values, named by themselves). */
  function options<K extends VocabularyName>(vocab: K): VocabularyEntry<ValueOf<K>>[] {
    const entries = vocabulary.value[vocab] as VocabularyEntry<ValueOf<K>>[] | undefined
    if (entries?.length) return entries
    return ((VALUES[vocab] ?? []) as ValueOf<K>[]).map((value) => ({ value, label: value }))
  }

  /** The name of `value` in `vocab`; the value itself when the vocabulary does not have it (yet). */
  function label(vocab: VocabularyName, value: string | null | undefined): string {
    if (value === null || value === undefined) return ''
    const entries: VocabularyEntry[] | undefined = vocabulary.value[vocab]
    return entries?.find((e) => e.value === value)?.label ?? value
  }

  return { vocabulary, loaded, load, options, label }
})
