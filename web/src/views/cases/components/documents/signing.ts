// The names of the signers' roles and of the service methods of written records (the server sends
// role_label and method_label with what it records; the forms need them before).
import type { DocumentServiceMethod, SignatureRole } from '@/api/types'

export const SIGNATURE_ROLES: { value: SignatureRole; label: string }[] = [
  { value: 'party', label: '当事人' },
  { value: 'guardian', label: '监护人' },
  { value: 'witness', label: '见证人' },
  { value: 'interpreter', label: '翻译人员' },
  { value: 'recorder', label: '记录人' },
  { value: 'recipient', label: '受送达人' },
  { value: 'server', label: '送达人' },
  { value: 'officer', label: '执法人员' },
]

export const roleLabel = (v: string) => SIGNATURE_ROLES.find((r) => r.value === v)?.label ?? v

export const SERVICE_METHODS: { value: DocumentServiceMethod; label: string; article: string }[] = [
  { value: 'direct', label: '直接送达', article: '第二十四条' },
  { value: 'left', label: '留置送达', article: '第二十六条' },
  { value: 'mail', label: '邮寄送达', article: '第二十五条' },
  { value: 'entrusted', label: '委托送达', article: '第二十五条' },
  { value: 'forwarded', label: '转交送达', article: '第二十五条' },
  { value: 'fax', label: '传真送达', article: '第二十五条' },
  { value: 'email', label: '电子邮件送达', article: '第二十五条' },
  { value: 'public', label: '公告送达', article: '第二十七条' },
]

export const methodLabel = (v: string) => SERVICE_METHODS.find((m) => m.value === v)?.label ?? v

/** Names typed one per line or separated by 、，, → the list. */
export const namesOf = (s: string) =>
  s
    .split(/[\n、，,；;]+/)
    .map((x) => x.trim())
    .filter(Boolean)

/** A fact a service method records: how the service form asks for it. */
export interface ServiceFact {
  key: string
  label: string
  kind: 'text' | 'long_text' | 'choice' | 'datetime' | 'record' | 'records' | 'names' | 'check' | 'number' | 'signature'
  required?: boolean
  hint?: string
  options?: { value: string; label: string }[]
}

const COURSE: ServiceFact = { key: 'course', label: '送达经过', kind: 'long_text', required: true, hint: '第二十八条' }

/** Each method's own facts (第二十四条至第二十八条), as domain/document_service.cc checks them. */
export const METHOD_FACTS: Record<DocumentServiceMethod, ServiceFact[]> = {
  direct: [
    {
      key: 'relation',
      label: '签收人身份',
      kind: 'choice',
      required: true,
      options: [
        { value: 'self', label: '本人' },
        { value: 'family', label: '同住成年家属' },
        { value: 'legal_representative', label: '法定代表人或负责人' },
        { value: 'agent', label: '代理人' },
        { value: 'receiving_office', label: '收发部门' },
      ],
    },
    { key: 'image', label: '签收人签名', kind: 'signature', required: true, hint: '由签收人在送达回证上手写签名（第二十四条）' },
  ],
  mail: [
    { key: 'tracking_no', label: '挂号信邮件号码', kind: 'text', required: true },
    { key: 'posted_at', label: '交寄时间', kind: 'datetime', required: true },
    { key: 'posting_receipt', label: '邮寄凭证', kind: 'record', required: true, hint: '先在“音像记录”中上传凭证扫描件' },
    { key: 'return_receipt', label: '回执', kind: 'record', hint: '已送达的，须有妥投回执（第二十五条）' },
  ],
  left: [
    { key: 'refusal_reason', label: '拒收事由', kind: 'text', required: true },
    { key: 'place', label: '留置地点', kind: 'text', required: true, hint: '受送达人的住所' },
    { key: 'witnesses', label: '见证人', kind: 'names', hint: '多人用顿号分隔' },
    {
      key: 'media',
      label: '送达过程音像记录',
      kind: 'records',
      required: true,
      hint: '留置送达须以音像记录送达过程（第二十六条）',
    },
  ],
  public: [
    {
      key: 'other_methods_failed',
      label: '其他方式无法送达的情况',
      kind: 'long_text',
      required: true,
      hint: '须先登记未能送达的经过',
    },
    { key: 'medium', label: '公告方式和载体', kind: 'text', required: true },
    { key: 'period_days', label: '公告期（日）', kind: 'number', required: true },
    { key: 'notice', label: '留存的书面公告', kind: 'record', required: true },
    { key: 'media', label: '公告音像记录', kind: 'records', required: true, hint: '第二十七条' },
  ],
  fax: [
    {
      key: 'consent',
      label: '当事人同意',
      kind: 'check',
      required: true,
      hint: '行政处罚法第六十一条：经当事人同意并签订确认书',
    },
    { key: 'address', label: '传真号码', kind: 'text', required: true },
    { key: 'confirmation', label: '送达确认书或发送记录', kind: 'record' },
    COURSE,
  ],
  email: [
    {
      key: 'consent',
      label: '当事人同意',
      kind: 'check',
      required: true,
      hint: '行政处罚法第六十一条：经当事人同意并签订确认书',
    },
    { key: 'address', label: '电子邮箱', kind: 'text', required: true },
    { key: 'confirmation', label: '送达确认书或发送记录', kind: 'record' },
    COURSE,
  ],
  entrusted: [
    { key: 'entrusted_to', label: '受托机关', kind: 'text', required: true },
    { key: 'receipt', label: '送达回证', kind: 'record' },
    COURSE,
  ],
  forwarded: [
    { key: 'via', label: '转交机关', kind: 'text', required: true },
    { key: 'receipt', label: '送达回证', kind: 'record' },
    COURSE,
  ],
}
