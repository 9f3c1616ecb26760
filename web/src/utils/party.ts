// One 当事人 being entered: its empty form and what is sent (only the fields of its kind, no blanks).
import type { PartyInput } from '@/api/types'
import { compact } from '@/utils/forms'

/** The fields of a party, as the API names them in its errors (under "parties[i]." or "party." where nested). */
export const PARTY_FIELDS = [
  'kind',
  'name',
  'id_type',
  'id_number',
  'legal_representative',
  'principal',
  'birth_date',
  'identity_unknown',
  'gender',
  'occupation',
  'phone',
  'address',
]

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
