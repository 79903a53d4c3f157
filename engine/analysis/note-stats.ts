// The paper's objective note statistics, computed on tokens as metrics.py's stats() so
// the figures compare with the model card's: pitch range (semitones), distinct pitch
// classes, and polyphony (mean notes per onset, an onset being a bar and position).

import { tokenSlots } from '../tokens/token-slots.js';
import { FIELDS, PAD, type Vocab } from '../tokens/vocab.js';

export interface NoteStats {
  notes: number;
  /** Lowest and highest MIDI pitch, or null without notes. */
  pitchRange: [number, number] | null;
  /** Highest minus lowest pitch (0 without notes). */
  pitchSpan: number;
  pitchClasses: number;
  polyphony: number;
}

export function noteStats(tokens: number[][], vocab: Vocab): NoteStats {
  const PITCH = FIELDS.indexOf('pitch');
  const note = vocab.id('type', 'Note');
  const eos = tokens.findIndex((t) => vocab.values.type[t[FIELDS.indexOf('type')]] === 'EOS');
  const upTo = eos < 0 ? tokens : tokens.slice(0, eos);
  const slots = tokenSlots(upTo, vocab);
  const pitches: number[] = [];
  const onsets = new Set<string>();
  upTo.forEach((t, i) => {
    if (t[FIELDS.indexOf('type')] !== note || t[PITCH] === PAD) return;
    pitches.push(vocab.numbers.pitch[t[PITCH]]);
    onsets.add(`${slots[i].bar} ${slots[i].position}`);
  });
  if (pitches.length === 0) return { notes: 0, pitchRange: null, pitchSpan: 0, pitchClasses: 0, polyphony: 0 };
  const lo = pitches.reduce((a, b) => Math.min(a, b));
  const hi = pitches.reduce((a, b) => Math.max(a, b));
  return {
    notes: pitches.length,
    pitchRange: [lo, hi],
    pitchSpan: hi - lo,
    pitchClasses: new Set(pitches.map((p) => p % 12)).size,
    polyphony: pitches.length / onsets.size,
  };
}
