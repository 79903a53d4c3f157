// How strongly each beat marks a bar start. Bars start where the harmony changes and
// where the bass enters, so each beat gets a downbeat salience from those two cues,
// normalised to mean 1 over the piece.

import { harmonicNovelty } from './harmony.js';
import type { PerformedNote } from './track.js';

/** Seconds either side of a beat within which a bass onset counts for it. */
const BASS_WINDOW = 0.07;
const BASS_PITCH = 55;
/** Weight of the bass cue against the harmonic one (both normalised to mean 1). */
const BASS_WEIGHT = 0.5;

/** Downbeat salience of every beat, mean 1 (all 0 when nothing sounds). */
export function downbeatSalience(beats: readonly number[], notes: readonly PerformedNote[]): number[] {
  const bass = normalise(bassAtBeats(beats, notes));
  return normalise(normalise(harmonicNovelty(notes, beats)).map((h, i) => h + BASS_WEIGHT * bass[i]));
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
