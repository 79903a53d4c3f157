// Piece -> compound-word tokens, as in the EMOPIA CP setup MusER was trained on:
// an emotion token, then per bar a Bar token and, at each position holding notes,
// a metrical token (position, tempo and chord when they change) followed by one
// note token per note (pitch, duration, velocity), low to high; EOS at the end.

import type { Piece } from '../piece/piece.js';
import { tokenBars } from './bars.js';
import { chordsPerBeat } from './chords.js';
import type { Quadrant } from './quadrants.js';
import { quantize, tempoAtStep, type GridNote } from './quantize.js';
import type { TokenSequence } from './token-file.js';
import { FIELDS, PAD, type Field, type Vocab } from './vocab.js';

export interface TokenizeResult {
  sequence: TokenSequence;
  /** Notes merged because they fell on the same step and pitch. */
  mergedDuplicates: number;
}

/** A token from its fields' values by name; fields not named are <pad>. */
export function tokenRow(vocab: Vocab, values: Partial<Record<Field, string>>): number[] {
  return FIELDS.map((f) => (values[f] === undefined ? PAD : vocab.id(f, values[f]!)));
}

/** The token that starts a bar (tempo and chord carry on). */
export function barToken(vocab: Vocab): number[] {
  return tokenRow(vocab, { tempo: '<conti>', chord: '<conti>', 'bar-beat': 'Bar', type: 'Metrical' });
}

export function tokenize(piece: Piece, vocab: Vocab, emotion?: Quadrant): TokenizeResult {
  const { notes, mergedDuplicates } = quantize(piece, vocab);
  const spb = vocab.stepsPerBeat;
  const row = (values: Partial<Record<Field, string>>): number[] => tokenRow(vocab, values);

  const tokens: number[][] = [row({ type: 'Emotion', emotion: emotion ?? 'none' })];
  const lastStep = notes.length ? notes[notes.length - 1].step : 0;
  const lastEnd = notes.reduce((m, n) => Math.max(m, n.step + n.duration), 0);
  const chords = chordsPerBeat(notes, Math.ceil(lastEnd / spb), spb);
  let tempo = '';
  let chord = '';
  let i = 0;
  for (const bar of tokenBars(piece.meters, spb, vocab.maxBarSteps)) {
    if (bar.start > lastStep) break;
    tokens.push(barToken(vocab));
    while (i < notes.length && notes[i].step < bar.start + bar.length) {
      const step = notes[i].step;
      const t = String(tempoAtStep(piece, vocab, step));
      const c = chords[Math.floor(step / spb)];
      tokens.push(
        row({ tempo: t === tempo ? '<conti>' : t, chord: c === chord ? '<conti>' : c, 'bar-beat': `Beat_${step - bar.start}`, type: 'Metrical' }),
      );
      tempo = t;
      chord = c;
      for (; i < notes.length && notes[i].step === step; i++) tokens.push(noteRow(notes[i]));
    }
  }
  tokens.push(row({ type: 'EOS' }));
  return {
    sequence: { vocab: vocab.version, fields: [...FIELDS], tokens, name: piece.source.name, meters: piece.meters, emotion: emotion ?? null },
    mergedDuplicates,
  };

  function noteRow(n: GridNote): number[] {
    return row({ type: 'Note', pitch: String(n.pitch), duration: String(n.duration), velocity: String(n.velocity) });
  }
}
