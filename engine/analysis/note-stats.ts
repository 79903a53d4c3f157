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
  const notes = tokenNotes(tokens, vocab);
  if (notes.length === 0) return { notes: 0, pitchRange: null, pitchSpan: 0, pitchClasses: 0, polyphony: 0 };
  const pitches = notes.map((n) => n.pitch);
  const lo = pitches.reduce((a, b) => Math.min(a, b));
  const hi = pitches.reduce((a, b) => Math.max(a, b));
  return {
    notes: pitches.length,
    pitchRange: [lo, hi],
    pitchSpan: hi - lo,
    pitchClasses: new Set(pitches.map((p) => p % 12)).size,
    polyphony: pitches.length / new Set(notes.map((n) => n.onset)).size,
  };
}

export interface TokenNote {
  pitch: number;
  /** "bar position": notes struck together share it. */
  onset: string;
}

/** The notes of the tokens before EOS, each with its pitch and onset: a pitch twice on one onset is one note, as detokenize plays it. */
export function tokenNotes(tokens: number[][], vocab: Vocab): TokenNote[] {
  const PITCH = FIELDS.indexOf('pitch');
  const note = vocab.id('type', 'Note');
  const eos = tokens.findIndex((t) => vocab.values.type[t[FIELDS.indexOf('type')]] === 'EOS');
  const upTo = eos < 0 ? tokens : tokens.slice(0, eos);
  const slots = tokenSlots(upTo, vocab);
  const notes = new Map<string, TokenNote>();
  upTo.forEach((t, i) => {
    if (t[FIELDS.indexOf('type')] !== note || t[PITCH] === PAD) return;
    const n = { pitch: vocab.numbers.pitch[t[PITCH]], onset: `${slots[i].bar} ${slots[i].position}` };
    notes.set(`${n.onset} ${n.pitch}`, n);
  });
  return [...notes.values()];
}
