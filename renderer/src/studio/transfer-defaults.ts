// Which pieces the Transfer form offers as A (target) and B (source) by default.

import { originalOf, type LibraryItem } from '../../../engine/workspace/library.js';

/**
 * A follows the library's selection, except when the selection is a result made from
 * the current A (the one just made, or A/B listening): A stays, ready for another try.
 */
export function followSelection(a: string | null, items: readonly LibraryItem[], selectedId: string | null): string | null {
  const selected = items.find((i) => i.id === selectedId);
  if (a !== null && selected && originalOf(selected, items)?.id === a) return a;
  return selectedId;
}

/** B stays while it is in the library and is not A; otherwise the first other piece. */
export function defaultSource(b: string | null, items: readonly LibraryItem[], a: string | null): string | null {
  if (b !== null && b !== a && items.some((i) => i.id === b)) return b;
  return items.find((i) => i.id !== a)?.id ?? null;
}
