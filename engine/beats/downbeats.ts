// How strongly each beat marks a bar start. Bars start where the harmony changes, where
// the bass enters, and where the bass moves to a new note (a new bar brings a new root;
// the bass repeated on beat 3 does not), so each beat gets a downbeat salience from
// those three cues, normalised to mean 1 over the piece.

import { harmonicNovelty } from './harmony.js';
import { BASS_PITCH, type PerformedNote } from './performed-note.js';

/** Seconds either side of a beat within which a bass onset counts for it. */
const BASS_WINDOW = 0.07;
/** Weights of the bass cues against the harmonic one (each normalised to mean 1). */
const BASS_WEIGHT = 0.5;
const MOVE_WEIGHT = 0.5;

/** Downbeat salience of every beat, mean 1 (all 0 when nothing sounds). */
export function downbeatSalience(beats: readonly number[], notes: readonly PerformedNote[]): number[] {
  const { onsets, moves } = bassAtBeats(beats, notes);
  const bass = normalise(onsets);
  const move = normalise(moves);
  return normalise(normalise(harmonicNovelty(notes, beats)).map((h, i) => h + BASS_WEIGHT * bass[i] + MOVE_WEIGHT * move[i]));
}

/**
 * Per beat, the bass onsets near it (velocity) and, when the lowest of them has another
 * pitch class than the bass note before the beat, that note's velocity (a move).
 */
function bassAtBeats(beats: readonly number[], notes: readonly PerformedNote[]): { onsets: number[]; moves: number[] } {
  const onsets = new Array<number>(beats.length).fill(0);
  const moves = new Array<number>(beats.length).fill(0);
  const bass = notes.filter((n) => n.pitch < BASS_PITCH).sort((a, b) => a.onset - b.onset);
  let j = 0;
  let before = -1; // pitch class of the last bass onset before the current window
  beats.forEach((b, i) => {
    while (j < bass.length && bass[j].onset < b - BASS_WINDOW) before = bass[j++].pitch % 12;
    let lowest: PerformedNote | undefined;
    for (let k = j; k < bass.length && bass[k].onset <= b + BASS_WINDOW; k++) {
      onsets[i] += bass[k].velocity / 127;
      if (!lowest || bass[k].pitch < lowest.pitch) lowest = bass[k];
    }
    if (lowest && lowest.pitch % 12 !== before) moves[i] = lowest.velocity / 127;
  });
  return { onsets, moves };
}

function normalise(xs: readonly number[]): number[] {
  const mean = xs.reduce((s, x) => s + x, 0) / Math.max(xs.length, 1);
  return mean > 0 ? xs.map((x) => x / mean) : xs.map(() => 0);
}
