/** The entries of a one-per-line textarea: trimmed, blank lines dropped. */
export const lines = (text: string) =>
  text
    .split('\n')
    .map((x) => x.trim())
    .filter(Boolean)
