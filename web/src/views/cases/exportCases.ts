// 导出 XLSX of 案件列表: every case matching the list's filters (page after page of GET /cases).
import type { CaseQuery, CaseSummary } from '@/api/types'
import { listCases } from '@/api/cases'
import { downloadBlob } from '@/utils/download'
import { formatTime } from '@/utils/time'
import { xlsxBlob } from '@/utils/xlsx'

const MAX_ROWS = 10000

export async function exportCases(q: CaseQuery): Promise<number> {
  const rows: CaseSummary[] = []
  for (let page = 1; rows.length < MAX_ROWS; page++) {
    const r = await listCases({ ...q, page, page_size: 100 })
    rows.push(...r.items)
    if (r.items.length === 0 || rows.length >= r.total) break
  }
  const header = ['案件编号', '案件名称', '启动方式', '阶段', '状态', '执法人员', '单位', '登记时间', '更新时间']
  const body = rows.map((c) => [
    c.number,
    c.title,
    c.start_mode_label,
    c.stage_label,
    c.status_label,
    c.officers,
    c.unit_name,
    formatTime(c.created_at),
    formatTime(c.updated_at),
  ])
  const day = new Date().toLocaleDateString('sv-SE', { timeZone: 'Asia/Shanghai' }).replace(/-/g, '')
  downloadBlob(`案件列表-${day}.xlsx`, xlsxBlob('案件列表', [header, ...body], [26, 36, 10, 10, 10, 16, 16, 18, 18]))
  return rows.length
}
