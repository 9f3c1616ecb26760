import { defineStore } from 'pinia'
import { ref } from 'vue'
import { listApprovals } from '@/api/approvals'

// How many matters wait in the user's 审批 inbox (the total of GET /api/v1/approvals): the side
// menu's badge. Refreshed when the layout opens and whenever the inbox is loaded or a matter decided.
export const useApprovalCountStore = defineStore('approvalCount', () => {
  const count = ref(0)

  function set(n: number) {
    count.value = n
  }

  /** Asks the server again; never rejects (the badge keeps its number when it cannot). */
  async function refresh() {
    try {
      count.value = (await listApprovals({ page: 1, page_size: 1 })).total
    } catch {
      /* the badge keeps what it had */
    }
  }

  return { count, set, refresh }
})
