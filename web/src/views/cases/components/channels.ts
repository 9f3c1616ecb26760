/** 申请方式 / 投诉举报渠道 as the case JSON names them. */
export const channelLabel: Record<string, string> = {
  written: '书面',
  oral: '口头',
  online: '网上',
  phone: '电话',
  letter: '信件',
  visit: '来访',
  other: '其他',
}
