// Which arrows the plane draws: from each transfer's A (the first piece its origin
// was made from) to the result. Generated pieces come from no piece and get none.

import type { LibraryItem } from '../../../engine/workspace/library.js';

export interface Arrow {
  from: string;
  to: string;
}

/** Arrows between pieces that are both in the library and both placed on the plane. */
export function resultArrows(items: readonly LibraryItem[], placed: (id: string) => boolean): Arrow[] {
  const present = new Set(items.map((i) => i.id));
  const arrows: Arrow[] = [];
  for (const item of items) {
    const from = item.origin.kind === 'result' ? item.origin.from[0] : undefined;
    if (from !== undefined && from !== item.id && present.has(from) && placed(from) && placed(item.id)) arrows.push({ from, to: item.id });
  }
  return arrows;
}
