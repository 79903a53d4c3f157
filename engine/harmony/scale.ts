// The key new music is written in: a tonic and a mode, and the scale a decoded pitch keeps
// to. The prior writes pitch codes with no key of its own (10-11 pitch classes per 256
// tokens against 7.5 in EMOPIA), so a drawn pitch outside the key moves a semitone to
// whichever neighbour in the key the decoder finds likelier, as a musician correcting a
// wrong note would: the line keeps its contour and register. Minor is the harmonic form
// (both sevenths), as pop and classical minor use the raised leading tone at cadences.

import { KEY_TONICS, type Mode } from './key.js';

export interface Key {
  /** Tonic pitch class, 0 = C. */
  tonic: number;
  mode: Mode;
}

/** Scale degrees above the tonic, in semitones. */
const DEGREES: Record<Mode, readonly number[]> = {
  major: [0, 2, 4, 5, 7, 9, 11],
  minor: [0, 2, 3, 5, 7, 8, 10, 11],
};

/** For each pitch class, whether it is in the key's scale. */
export function scaleOf(key: Key): boolean[] {
  return Array.from({ length: 12 }, (_, pc) => DEGREES[key.mode].includes((pc - key.tonic + 12) % 12));
}

/** A key as it is named: "D minor", "F# major". */
export type KeyName = `${string} ${Mode}`;

/** "D minor", "F# major". */
export function keyLabel(key: Key): KeyName {
  return `${KEY_TONICS[key.tonic]} ${key.mode}`;
}

/** A key from its name ("D minor", "Eb major", "c# minor"); null when the text names none. */
export function parseKey(text: string): Key | null {
  const m = /^\s*([A-Ga-g])([#b]?)\s+(major|minor)\s*$/.exec(text);
  if (!m) return null;
  const natural = { C: 0, D: 2, E: 4, F: 5, G: 7, A: 9, B: 11 }[m[1].toUpperCase() as 'C'];
  const tonic = (natural + (m[2] === '#' ? 1 : m[2] === 'b' ? -1 : 0) + 12) % 12;
  return { tonic, mode: m[3] as Mode };
}

/**
 * The pitch (vocabulary index) a drawn one keeps to: itself when in `scale`, else the
 * neighbour a semitone away that is in it, the likelier by `logits` when both are.
 */
export function keepToScale(index: number, pitchClass: readonly number[], scale: readonly boolean[], logits: (i: number) => number): number {
  if (pitchClass[index] < 0 || scale[pitchClass[index]]) return index;
  const near = [index - 1, index + 1].filter((j) => pitchClass[j] >= 0 && scale[pitchClass[j]]);
  if (near.length === 0) return index;
  return near.reduce((best, j) => (logits(j) > logits(best) ? j : best));
}
