// The API's JSON of how a case starts and what it is about (docs/openapi.yaml): 案由、违法时间、违法地点
// (Offence) and an urgent start's on-site measure (行政强制法第十九条). Re-exported by types.ts; like it,
// this module imports nothing.

/** 案由、违法时间、违法地点: given at the opening (optional) or by POST /cases/{id}/offence. */
export interface Offence {
  /** 案由, 2–100 characters. */
  cause: string
  /** 违法地点, at most 200 characters. */
  place?: string
  /** 违法时间, RFC 3339, not in the future. */
  occurred_at?: string
}

/** The measure an urgent start took on the spot before approval (行政强制法第十九条), as sent. */
export interface UrgentMeasureInput {
  /** 采取的现场措施, 2–200 characters (扣押烟花爆竹12箱). */
  measure: string
  /** 地点, 2–200 characters. */
  place: string
  /** 采取措施时间, RFC 3339, not in the future: starts the 24-hour urgent_report deadline. */
  taken_at: string
}

/** The measure as the case shows it, with its release (解除) after a refused start. */
export interface UrgentMeasure extends UrgentMeasureInput {
  released: null | {
    note: string
    at: string
    by: { id: string; name: string; role: string }
  }
}
