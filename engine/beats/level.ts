// Metrical level and phase. Onsets alone cannot tell quarters at 150 BPM from 8ths
// at 75 BPM, nor in even 8ths the beat from the off-beat. A tempo the file's author
// set settles the level where it agrees with the notes; otherwise harmony decides: in
// pop it changes on beats, about once a bar, so a bar of 8 tracked beats means the
// tracked pulse is the 8th note.

import { fold, harmonicNovelty } from './harmony.js';
import { MAX_PERIOD as MAX_TRACKED_PERIOD, MIN_PERIOD } from './tempo.js';
import type { PerformedNote } from './performed-note.js';

/** How much more harmonic change off the beats than on them moves the grid. */
const SHIFT_RATIO = 1.5;
/** In an 8-beat fold, the strongest point over the point 4 beats later, below which the bar spans 8 beats. */
const DOUBLE_RATIO = 0.6;
/** Slowest beat period (seconds) doubling may produce: slower quarter notes are rare in pop, and a
 *  too-slow grid costs the tokenizer more (32nd notes) than a too-fast one. */
const MAX_PERIOD = 1;
/** Largest log2 distance (about ±7 %) at which a level agrees with a hinted period: less than
 *  half the distance between neighbouring ratios below. */
const HINT_AGREEMENT = 0.1;
/** Levels a hint may pick, as ratios to the tracked period, the tracked one first. */
const HINT_RATIOS = [1, 2, 0.5, 1.5, 2 / 3];
/** Too few beats to judge the harmony: leave the grid alone (half-beat shift, level). */
const MIN_SHIFT_BEATS = 8;
const MIN_LEVEL_BEATS = 32;

/**
 * Moves the grid by half a beat when the harmony clearly changes more between the
 * beats than on them: in even 8ths the DP may sit on either 8th of each beat, as
 * onsets give it no reason to prefer one; harmony does.
 */
export function onHarmonicBeat(beats: readonly number[], notes: readonly PerformedNote[]): number[] {
  if (beats.length < MIN_SHIFT_BEATS) return [...beats];
  const grid: number[] = [];
  beats.forEach((b, i) => {
    grid.push(b);
    if (i + 1 < beats.length) grid.push((b + beats[i + 1]) / 2);
  });
  const [on, off] = fold(harmonicNovelty(notes, grid), 2);
  return off > SHIFT_RATIO * on ? grid.filter((_, i) => i % 2 === 1) : [...beats];
}

/**
 * The level of `period` that matches `hint`, a beat period the file's author set:
 * half, double, itself, or 2:3 / 3:2 of it (a shuffle's triplets can hold the tracker
 * on two triplet 8ths); undefined when they disagree. Onsets and harmony cannot always
 * tell a ballad's quarters at 64 BPM from 8ths at 128; a tempo chosen by whoever wrote
 * the file can.
 */
export function hintedLevel(period: number, hint: number): number | undefined {
  for (const ratio of HINT_RATIOS) {
    const level = period * ratio;
    if (Math.abs(Math.log2(hint / level)) <= HINT_AGREEMENT && level >= MIN_PERIOD && level <= MAX_TRACKED_PERIOD) return level;
  }
  return undefined;
}

/** True when the harmony repeats on an 8-beat cycle: the tracked pulse is the 8th note. */
export function barOfEight(beats: readonly number[], notes: readonly PerformedNote[]): boolean {
  if (beats.length < MIN_LEVEL_BEATS) return false;
  const span = beats[beats.length - 1] - beats[0];
  if ((2 * span) / (beats.length - 1) > MAX_PERIOD) return false;
  const f = fold(harmonicNovelty(notes, beats), 8);
  let p = 0;
  for (let k = 1; k < 8; k++) if (f[k] > f[p]) p = k;
  return f[(p + 4) % 8] < DOUBLE_RATIO * f[p];
}
