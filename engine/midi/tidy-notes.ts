// Make a merged note list well-formed for a single piano part: every pitch in the
// piano range, at most one sounding note per pitch (piece/one-per-pitch.ts), no
// zero-length notes.

import { onePerPitch } from '../piece/one-per-pitch.js';
import type { TickNote } from './sustain.js';

export const PIANO_LOW = 21;
export const PIANO_HIGH = 108;

export interface TidyCounts {
  foldedIntoRange: number;
  truncatedByRestrike: number;
  mergedDuplicates: number;
}

/** Fold by octaves into A0..C8: keeps the pitch class, which harmony depends on. */
export function foldPitch(pitch: number): number {
  let p = pitch;
  while (p < PIANO_LOW) p += 12;
  while (p > PIANO_HIGH) p -= 12;
  return p;
}

/** Returns the tidied notes sorted by start then pitch, and what was changed. */
export function tidyNotes(input: readonly TickNote[], minTicks: number): { notes: TickNote[]; counts: TidyCounts } {
  let foldedIntoRange = 0;
  const inRange = input.map((n) => {
    const pitch = foldPitch(n.pitch);
    if (pitch !== n.pitch) foldedIntoRange++;
    return { ...n, pitch, end: Math.max(n.end, n.start + minTicks) };
  });
  const { notes, merged, truncated } = onePerPitch(inRange);
  return { notes, counts: { foldedIntoRange, truncatedByRestrike: truncated, mergedDuplicates: merged } };
}
