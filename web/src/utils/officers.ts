// Officers as the pickers show them: the name with the 执法证件编号, and 辅警 marked, since a 辅警
// assists but is not one of the two officers a case needs (行政处罚法第四十二条).

/** What a 辅警 may do, said beside every officer picker. */
export const AUXILIARY_HINT =
  '辅警可以协助执法（如现场录像、上传音像记录），但不计入办案所需的两名执法人员（行政处罚法第四十二条）。'

/** 张伟（040017）, or the name alone without a certificate number; “· 辅警” after a 辅警's. */
export function officerLabel(o: { name: string; cert_no?: string; auxiliary?: boolean }): string {
  const base = o.cert_no ? `${o.name}（${o.cert_no}）` : o.name
  return o.auxiliary ? base + ' · 辅警' : base
}
