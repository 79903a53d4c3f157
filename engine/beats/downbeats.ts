// Bar phase: which beat of every `perBar` starts a bar. Bars start where the harmony
// changes and where the bass enters, so each beat gets a downbeat score from those
// two cues, and the phase with the highest mean score wins. The phase is global:
// bars stay regular, as the piece's meter map needs them to be.

import { fold, harmonicNovelty } from './harmony.js';
import type { PerformedNote } from './track.js';

/** Seconds either side of a beat within which a bass onset counts for it. */
const BASS_WINDOW = 0.07;
const BASS_PITCH = 55;
/** Weight of the bass cue against the harmonic one (both normalised to mean 1). */
const BASS_WEIGHT = 0.5;

/** Index (0..perBar-1) of the first downbeat in `beats`. */
export function downbeatPhase(beats: readonly number[], notes: readonly PerformedNote[], perBar: number): number {
  const bass = normalise(bassAtBeats(beats, notes));
  const score = normalise(harmonicNovelty(notes, beats)).map((h, i) => h + BASS_WEIGHT * bass[i]);
  const f = fold(score, perBar);
  let best = 0;
  for (let k = 1; k < perBar; k++) if (f[k] > f[best]) best = k;
  return best;
}

function bassAtBeats(beats: readonly number[], notes: readonly PerformedNote[]): number[] {
  const out = new Array<number>(beats.length).fill(0);
  const onsets = notes.filter((n) => n.pitch < BASS_PITCH).map((n) => ({ t: n.onset, v: n.velocity / 127 }));
  onsets.sort((a, b) => a.t - b.t);
  let j = 0;
  beats.forEach((b, i) => {
    while (j < onsets.length && onsets[j].t < b - BASS_WINDOW) j++;
    for (let k = j; k < onsets.length && onsets[k].t <= b + BASS_WINDOW; k++) out[i] += onsets[k].v;
  });
  return out;
}

function normalise(xs: readonly number[]): number[] {
  const mean = xs.reduce((s, x) => s + x, 0) / Math.max(xs.length, 1);
  return mean > 0 ? xs.map((x) => x / mean) : xs.map(() => 0);
}
