// The promise of the tokens, checked on a piece: every note survives tokenization
// (same pitch, onset order kept, onset within one 16th of where it was), only exact
// duplicates on the grid merge, and tokens -> MIDI -> tokens changes nothing.

import { exportMidi } from '../midi/export.js';
import { importMidi } from '../midi/import.js';
import type { Piece } from '../piece/piece.js';
import { detokenize } from './detokenize.js';
import type { Quadrant } from './quadrants.js';
import { tokenize } from './tokenize.js';
import type { Vocab } from './vocab.js';

export interface RoundTripReport {
  notes: number;
  /** Notes that share their grid step and pitch with an earlier note. */
  mergedDuplicates: number;
  /** Notes with no note of their pitch at their grid step after detokenizing. */
  lost: number;
  /** Largest |onset after - onset before|, in 16ths. */
  maxOnsetErrorSteps: number;
  /** Whether the notes' onsets after detokenizing keep the original onset order. */
  orderKept: boolean;
  /** tokens -> MIDI -> tokens reproduces the tokens exactly. */
  idempotent: boolean;
  tokens: number;
}

export function checkRoundTrip(piece: Piece, vocab: Vocab, emotion?: Quadrant): RoundTripReport {
  const { sequence } = tokenize(piece, vocab, emotion);
  const back = detokenize(sequence, vocab);
  const spb = vocab.stepsPerBeat;
  const after = new Map<number, number>(); // pitch/step key -> onset beat after
  for (const n of back.notes) after.set(Math.round(n.onsetBeat * spb) * 128 + n.pitch, n.onsetBeat);
  const used = new Set<number>();
  let mergedDuplicates = 0;
  let lost = 0;
  let maxOnsetErrorSteps = 0;
  let orderKept = true;
  let lastOnset = -Infinity;
  for (const n of piece.notes) {
    const key = Math.max(0, Math.round(n.onsetBeat * spb)) * 128 + n.pitch;
    const onset = after.get(key);
    if (onset === undefined) {
      lost++;
      continue;
    }
    if (used.has(key)) mergedDuplicates++;
    used.add(key);
    maxOnsetErrorSteps = Math.max(maxOnsetErrorSteps, Math.abs(onset - n.onsetBeat) * spb);
    if (onset < lastOnset) orderKept = false;
    lastOnset = onset;
  }
  const again = tokenize(importMidi(exportMidi(back), piece.source.name), vocab, emotion).sequence;
  const idempotent = again.tokens.length === sequence.tokens.length && again.tokens.every((t, i) => t.join() === sequence.tokens[i].join());
  return { notes: piece.notes.length, mergedDuplicates, lost, maxOnsetErrorSteps, orderKept, idempotent, tokens: sequence.tokens.length };
}
