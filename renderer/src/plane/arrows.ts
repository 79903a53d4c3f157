// Which arrows the plane draws: from each result's A (the first piece its origin
// was made from: a transfer's, a re-mood's, a continuation's) to the result. Generated
// pieces come from no piece and get none.

import { originalOf, type LibraryItem } from '../../../engine/workspace/library.js';

export interface Arrow {
  from: string;
  to: string;
}

/** Arrows between pieces that are both in the library and both placed on the plane. */
export function resultArrows(items: readonly LibraryItem[], placed: (id: string) => boolean): Arrow[] {
  const arrows: Arrow[] = [];
  for (const item of items) {
    const from = originalOf(item, items)?.id;
    if (from !== undefined && placed(from) && placed(item.id)) arrows.push({ from, to: item.id });
  }
  return arrows;
}
