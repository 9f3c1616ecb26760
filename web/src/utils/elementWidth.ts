import { onBeforeUnmount, onMounted, ref, type Ref } from 'vue'

/**
 * The content width of an element, kept current as the window, the side menu or a scroll bar
 * changes it; 0 until mounted. For choosing how many table columns fit.
 */
export function useElementWidth(target: Ref<HTMLElement | null | undefined>) {
  const width = ref(0)
  let observer: ResizeObserver | undefined
  onMounted(() => {
    if (!target.value) return
    width.value = target.value.clientWidth
    observer = new ResizeObserver(([entry]) => (width.value = entry.contentRect.width))
    observer.observe(target.value)
  })
  onBeforeUnmount(() => observer?.disconnect())
  return width
}
