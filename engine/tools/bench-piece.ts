// A fixed one-minute piano piece for the benchmark (120 BPM, 4/4, 30 bars): a pop
// progression with a bass line, chords on the off-beats and an eighth-note melody, about
// as dense as EMOPIA's clips, so timings do not depend on which file a user has at hand.

import { pieceFromBeats } from '../piece/from-beats.js';
import type { MeterEvent, Piece, TempoEvent } from '../piece/piece.js';

const BARS = 30;
const PROGRESSION = [
  [48, 64, 67, 72], // C
  [43, 62, 67, 71], // G
  [45, 64, 69, 72], // Am
  [41, 65, 69, 72], // F
];
const MELODY = [0, 2, 4, 2, 5, 4, 2, 0];

export function benchPiece(): Piece {
  const tempos: TempoEvent[] = [{ beat: 0, bpm: 120 }];
  const meters: MeterEvent[] = [{ beat: 0, numerator: 4, denominator: 4 }];
  const raw: { pitch: number; at: number; length: number; velocity: number }[] = [];
  for (let bar = 0; bar < BARS; bar++) {
    const [bass, ...chord] = PROGRESSION[bar % PROGRESSION.length];
    const start = bar * 4;
    raw.push({ pitch: bass, at: start, length: 2, velocity: 70 }, { pitch: bass + 7, at: start + 2, length: 2, velocity: 64 });
    for (const beat of [1, 3]) for (const p of chord) raw.push({ pitch: p - 12, at: start + beat, length: 1, velocity: 58 });
    MELODY.forEach((step, k) => raw.push({ pitch: chord[0] + 12 + step - (bar % 3), at: start + k / 2, length: 0.5, velocity: 76 + (k % 4) * 4 }));
  }
  const notes = raw.map((n) => ({ pitch: n.pitch, velocity: n.velocity, onsetBeat: n.at, offsetBeat: n.at + n.length }));
  return pieceFromBeats(notes, tempos, meters, 'grid', { name: 'bench (one minute, 120 BPM)', format: 'midi', tracks: [], adjustments: {} });
}
