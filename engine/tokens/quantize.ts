// Piece -> notes on the 16th grid with binned duration and velocity. Everything the
// tokens can say is decided here, so tokens -> MIDI -> tokens gives the same tokens.

import { tempoAt } from '../piece/beat-map.js';
import type { Piece } from '../piece/piece.js';
import { nearestId, type Vocab } from './vocab.js';

export interface GridNote {
  /** Onset in steps (16ths) from the piece's start. */
  step: number;
  pitch: number;
  /** Duration in steps: a value of the vocabulary. */
  duration: number;
  /** Velocity: a value of the vocabulary. */
  velocity: number;
}

export interface Quantized {
  notes: GridNote[];
  /** Notes dropped because another note of the same pitch landed on the same step. */
  mergedDuplicates: number;
}

export function quantize(piece: Piece, vocab: Vocab): Quantized {
  const spb = vocab.stepsPerBeat;
  const byKey = new Map<number, GridNote & { rawSteps: number }>();
  let mergedDuplicates = 0;
  for (const n of piece.notes) {
    const step = Math.max(0, Math.round(n.onsetBeat * spb));
    const rawSteps = (n.offsetBeat - n.onsetBeat) * spb;
    const velocity = vocab.numbers.velocity[nearestId(vocab.numbers.velocity, n.velocity)];
    const key = step * 128 + n.pitch;
    const prev = byKey.get(key);
    if (prev) {
      mergedDuplicates++;
      prev.rawSteps = Math.max(prev.rawSteps, rawSteps);
      prev.velocity = Math.max(prev.velocity, velocity);
      continue;
    }
    byKey.set(key, { step, pitch: n.pitch, duration: 0, velocity, rawSteps });
  }
  const notes = [...byKey.values()].sort((a, b) => a.step - b.step || a.pitch - b.pitch);
  // Bin durations; a note never reaches the next onset of its pitch, so the MIDI we
  // write has no overlapping same-pitch notes and re-imports to the same durations.
  const nextOnset = new Map<number, number>();
  const durations = vocab.numbers.duration;
  for (let i = notes.length - 1; i >= 0; i--) {
    const n = notes[i];
    const gap = (nextOnset.get(n.pitch) ?? Infinity) - n.step;
    let d = durations[nearestId(durations, Math.max(1, n.rawSteps))];
    if (d > gap) d = Math.max(...durations.filter((v) => v <= gap));
    n.duration = d;
    nextOnset.set(n.pitch, n.step);
  }
  return { notes: notes.map(({ rawSteps: _, ...n }) => n), mergedDuplicates };
}

/** Tempo (BPM, a vocabulary value) in effect at a step. */
export function tempoAtStep(piece: Piece, vocab: Vocab, step: number): number {
  const bpm = tempoAt(piece.tempos, step / vocab.stepsPerBeat);
  return vocab.numbers.tempo[nearestId(vocab.numbers.tempo, bpm)];
}
