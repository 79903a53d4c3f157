// Small questions about a piece's notes the UI asks (the engine's own helpers stay on
// the engine side of the API).

import type { Note } from '../../../engine/piece/piece.js';

/** End of the last note, in seconds (0 without notes). */
export function notesEnd(notes: readonly Note[]): number {
  let end = 0;
  for (const n of notes) end = Math.max(end, n.offset);
  return end;
}

/** Index of the first note with onset >= seconds (notes sorted by onset). */
export function firstNoteFrom(notes: readonly Note[], seconds: number): number {
  let lo = 0;
  let hi = notes.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (notes[mid].onset < seconds) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Index past the last note with onset < until, scanning on from `from` (the playback cursor). */
export function dueUntil(notes: readonly Note[], from: number, until: number): number {
  let i = from;
  while (i < notes.length && notes[i].onset < until) i++;
  return i;
}

export function isBlackKey(pitch: number): boolean {
  return [1, 3, 6, 8, 10].includes(pitch % 12);
}
