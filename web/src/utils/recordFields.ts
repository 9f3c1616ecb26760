// A written record's fields (docs/formats/catalogue.md) between the wire and the generated form:
// money in 元 on the form and integer 分 on the wire, date-times on the CST wall clock in the picker
// and RFC 3339 on the wire, blanks left out; and the server's field errors by path
// (fields.penalties[1].amount) found for the field, list row or cell that shows them.
import type { CatalogueField, RecordFields } from '@/api/types'
import { cstLocalToRfc3339, rfc3339ToCstLocal } from '@/utils/time'

/** A list field's row on the form: its own key (for the table) and its columns' values. */
export type FormRow = { _key: number } & Record<string, unknown>
export type FormValues = Record<string, unknown>

let nextKey = 1

const blank = (v: unknown) => v === null || v === undefined || (typeof v === 'string' && v.trim() === '')

/** The form's value of an empty field of `f`. */
export function emptyValue(f: CatalogueField): unknown {
  switch (f.type) {
    case 'text':
    case 'long_text':
    case 'address':
      return ''
    case 'list':
      return []
    default:
      return null
  }
}

export const emptyRow = (columns: CatalogueField[]): FormRow => {
  const row: FormRow = { _key: nextKey++ }
  for (const c of columns) row[c.name] = emptyValue(c)
  return row
}

/** 分 → 元 (two decimals) and back. */
export const fenToYuan = (fen: number) => fen / 100
export const yuanToFen = (yuan: number) => Math.round(yuan * 100)

function toFormValue(f: CatalogueField, v: unknown): unknown {
  if (v === null || v === undefined) return emptyValue(f)
  switch (f.type) {
    case 'money':
      return typeof v === 'number' ? fenToYuan(v) : null
    case 'datetime':
      return typeof v === 'string' ? (rfc3339ToCstLocal(v) ?? v) : null
    case 'list':
      return Array.isArray(v)
        ? v.map((r) => {
            const row: FormRow = { _key: nextKey++ }
            for (const c of f.columns ?? []) row[c.name] = toFormValue(c, (r as Record<string, unknown>)?.[c.name])
            return row
          })
        : []
    default:
      return v
  }
}

/** The form's values of a record's `fields` (or of a new record: every field empty). */
export function toForm(defs: CatalogueField[], fields: RecordFields = {}): FormValues {
  const out: FormValues = {}
  for (const f of defs) out[f.name] = toFormValue(f, fields[f.name])
  return out
}

function toWireValue(f: CatalogueField, v: unknown): unknown {
  if (blank(v)) return undefined
  switch (f.type) {
    case 'text':
    case 'address':
    case 'attachment':
      return String(v).trim()
    case 'money':
      return typeof v === 'number' ? yuanToFen(v) : v
    case 'datetime':
      return typeof v === 'string' && !/[zZ]|[+-]\d\d:\d\d$/.test(v) ? cstLocalToRfc3339(v.replace(' ', 'T')) : v
    case 'list': {
      if (!Array.isArray(v) || !v.length) return undefined
      return v.map((r: FormRow) => fromForm(f.columns ?? [], r))
    }
    default:
      return v
  }
}

/** The record's fields to send: every field the form has a value for, in the wire's units. */
export function fromForm(defs: CatalogueField[], values: FormValues): RecordFields {
  const out: RecordFields = {}
  for (const f of defs) {
    const v = toWireValue(f, values[f.name])
    if (v !== undefined) out[f.name] = v
  }
  return out
}

/** The error shown at the field at `path` (fields.content, fields.items[2].quantity). */
export const errorAt = (errors: Record<string, string>, path: string) => errors[path] ?? ''

/** The error of a list as a whole or of one of its rows (fields.items, fields.items[2]), not of a cell. */
export function listErrorAt(errors: Record<string, string>, path: string): string {
  if (errors[path]) return errors[path]
  const row = Object.keys(errors).find((k) => k.startsWith(path + '[') && /^\[\d+\]$/.test(k.slice(path.length)))
  return row ? `第 ${Number(row.slice(path.length + 1, -1)) + 1} 行：${errors[row]}` : ''
}

/** Whether an error path belongs to the record's fields under `prefix` (to be shown in the form). */
export const isFieldPath = (path: string | null | undefined, prefix = 'fields') => !!path && path.startsWith(prefix + '.')

/** A field's value on the wire in words (for a record shown read-only). `party`/`officer`/`media` name their targets. */
export function valueText(
  f: CatalogueField,
  v: unknown,
  names: { party?: (i: number) => string; officer?: (id: string) => string; media?: (id: string) => string } = {},
): string {
  if (v === null || v === undefined || v === '') return '—'
  switch (f.type) {
    case 'money':
      return typeof v === 'number' ? `${fenToYuan(v).toFixed(2)} 元` : String(v)
    case 'boolean':
      return v ? '是' : '否'
    case 'enum':
      return f.values?.find((o) => o.value === v)?.label ?? String(v)
    case 'party':
      return typeof v === 'number' ? (names.party?.(v) ?? `当事人 ${v + 1}`) : String(v)
    case 'officer':
      return names.officer?.(String(v)) ?? String(v)
    case 'media':
      return names.media?.(String(v)) ?? String(v)
    case 'datetime': {
      const local = typeof v === 'string' ? rfc3339ToCstLocal(v) : null
      return local ? local.replace('T', ' ') : String(v)
    }
    default:
      return String(v)
  }
}

/** The choices a record's party, officer, media and attachment fields offer, from its case. */
export interface RecordChoices {
  parties: { value: number; label: string }[]
  officers: { value: string; label: string }[]
  media: { value: string; label: string }[]
  attachments: { value: string; label: string }[]
}

/** The choices of a case (its parties by index, its officers, its audio-video records and attachments). */
export function choicesOf(c: {
  parties: { name: string }[]
  officers: { user_id: string; name: string; cert_no: string }[]
  media: { record_id: string; kind: string; sha256: string; file_name: string; act_label: string }[]
}): RecordChoices {
  return {
    parties: c.parties.map((p, i) => ({ value: i, label: `${i + 1}. ${p.name}` })),
    officers: c.officers.map((o) => ({ value: o.user_id, label: o.cert_no ? `${o.name}（${o.cert_no}）` : o.name })),
    media: c.media
      .filter((m) => m.kind === 'av')
      .map((m) => ({ value: m.record_id, label: (m.act_label ? m.act_label + ' · ' : '') + m.file_name })),
    attachments: c.media.filter((m) => m.kind === 'attachment').map((m) => ({ value: m.sha256, label: m.file_name })),
  }
}
