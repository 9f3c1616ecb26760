import { ref } from 'vue'

// 重试 for a page whose data could not be loaded: the layout keys its router-view with `viewKey`, so
// reloadView() mounts the current page afresh and it asks the server again.
export const viewKey = ref(0)

export function reloadView() {
  viewKey.value++
}
