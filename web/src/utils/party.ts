// One 当事人 being entered: its empty form and what is sent (only the fields of its kind, no blanks).
import type { PartyInput } from '@/api/types'
import { compact } from '@/utils/forms'

export const emptyParty = (): PartyInput => ({
  kind: 'natural_person',
  name: '',
  id_type: null,
  id_number: '',
  phone: '',
  address: '',
  legal_representative: '',
  principal: '',
  gender: '',
  occupation: '',
  birth_date: null,
  identity_unknown: false,
})

/** The party as the server takes it: a field another kind has (法定代表人 of a 自然人) is left out. */
export function partyToSend(p: PartyInput): PartyInput {
  const natural = p.kind === 'natural_person'
  return compact({
    ...p,
    id_type: natural ? p.id_type : null,
    birth_date: natural ? p.birth_date : null,
    gender: natural ? p.gender : '',
    occupation: natural ? p.occupation : '',
    legal_representative: p.kind === 'legal_person' ? p.legal_representative : '',
    principal: p.kind === 'other_organization' ? p.principal : '',
    identity_unknown: p.identity_unknown || undefined,
  })
}
