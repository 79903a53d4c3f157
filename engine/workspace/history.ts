// Undo/redo of library actions as snapshots of the item list: the list is small and
// pieces are stored by content, so a snapshot is cheap and restores exactly.

import type { LibraryItem } from './library.js';

export interface Snapshot {
  /** The action that led away from this state, e.g. "Remove song.mid". */
  label: string;
  items: LibraryItem[];
}

export interface History {
  undo: Snapshot[];
  redo: Snapshot[];
}

export const MAX_UNDO = 100;

export function emptyHistory(): History {
  return { undo: [], redo: [] };
}

/** Record `before` as undoable under `label`; a new action clears the redo stack. */
export function record(h: History, label: string, before: LibraryItem[]): History {
  return { undo: [...h.undo, { label, items: before }].slice(-MAX_UNDO), redo: [] };
}

/** Step back: returns the items to restore, or null when there is nothing to undo. */
export function undo(h: History, current: LibraryItem[]): { history: History; items: LibraryItem[] } | null {
  const last = h.undo.at(-1);
  if (!last) return null;
  return { history: { undo: h.undo.slice(0, -1), redo: [...h.redo, { label: last.label, items: current }] }, items: last.items };
}

export function redo(h: History, current: LibraryItem[]): { history: History; items: LibraryItem[] } | null {
  const next = h.redo.at(-1);
  if (!next) return null;
  return { history: { undo: [...h.undo, { label: next.label, items: current }], redo: h.redo.slice(0, -1) }, items: next.items };
}
