// The library's data: what the app lists, saves and undoes. Plain JSON, so it is the
// saved file's content and what crosses the API, unchanged.

import type { Timing } from '../piece/piece.js';

/** Where a library piece came from, so its name and the views can say so. */
export type Origin =
  | { kind: 'import'; fileName: string }
  | { kind: 'example'; fileName: string }
  /** Made in the app (a transfer, a re-mood, a continuation, a generation); `from` holds the ids it was made from, A first. */
  | { kind: 'result'; description: string; from: string[] };

export interface ItemSummary {
  notes: number;
  seconds: number;
  bars: number;
  timing: Timing;
}

export interface LibraryItem {
  id: string;
  name: string;
  /** sha256 of the stored MIDI file (pieces/<file>.mid): one copy per content. */
  file: string;
  origin: Origin;
  /** ISO time the piece joined the library. */
  addedAt: string;
  summary: ItemSummary;
}

export interface LibraryView {
  items: LibraryItem[];
  /** What Undo / Redo would do next ("Import song.mid"), or null. */
  undo: string | null;
  redo: string | null;
  /** Something the user must know about the saved workspace (e.g. a damaged file set aside). */
  notice: string | null;
}

/** A result's original (A, the first piece it was made from) while it is in `items`; none for others. */
export function originalOf(item: LibraryItem, items: readonly LibraryItem[]): LibraryItem | undefined {
  if (item.origin.kind !== 'result') return undefined;
  const from = item.origin.from[0];
  return from === item.id ? undefined : items.find((i) => i.id === from);
}
