// What the generation evaluation compares between the prior's music and real music of a
// quadrant (issue 15): the judge's quadrant; key clarity and mode (Krumhansl-Kessler);
// notes per second and mean velocity; the paper's pitch classes, pitch range and polyphony
// per 256 tokens (the length the model card has always measured them on, so pieces of any
// length compare); and how often a bar's pitch content recurs, as it does in songs.

import { describe } from '../descriptors/describe.js';
import { judge, type JudgeModel } from '../judge/judge.js';
import { noteStats } from './note-stats.js';
import type { Piece } from '../piece/piece.js';
import type { Quadrant } from '../tokens/quadrants.js';
import { tokenSlots } from '../tokens/token-slots.js';
import { FIELDS, type Vocab } from '../tokens/vocab.js';

export interface MusicMeasures {
  quadrant: Quadrant;
  /** The best key-profile correlation, -1..1. */
  keyClarity: number;
  major: boolean;
  notesPerSecond: number;
  velocity: number;
  pitchClasses: number;
  pitchSpan: number;
  polyphony: number;
  /** Share of bars with notes whose pitch-class set another bar of the piece has too. */
  repetition: number;
  bars: number;
}

/** Token windows the note statistics are averaged over. */
export const STATS_WINDOW = 256;

export function measureMusic(piece: Piece, tokens: number[][], vocab: Vocab, model: JudgeModel): MusicMeasures {
  const d = describe(piece, vocab);
  const windows: number[][][] = [];
  for (let s = 1; s < tokens.length; s += STATS_WINDOW - 1) windows.push([tokens[0], ...tokens.slice(s, s + STATS_WINDOW - 1)]);
  const stats = windows.map((w) => noteStats(w, vocab)).filter((s) => s.notes > 0);
  const mean = (f: (s: (typeof stats)[number]) => number) => (stats.length ? stats.reduce((a, s) => a + f(s), 0) / stats.length : 0);
  const { repetition, bars } = barRepetition(tokens, vocab);
  return {
    quadrant: judge(model, d).quadrant,
    keyClarity: d.key.clarity,
    major: d.key.mode === 'major',
    notesPerSecond: d.density,
    velocity: d.velocityMean,
    pitchClasses: mean((s) => s.pitchClasses),
    pitchSpan: mean((s) => s.pitchSpan),
    polyphony: mean((s) => s.polyphony),
    repetition,
    bars,
  };
}

/** Share of the bars holding notes whose pitch-class set recurs in another bar. */
export function barRepetition(tokens: number[][], vocab: Vocab): { repetition: number; bars: number } {
  const [TYPE, PITCH] = [FIELDS.indexOf('type'), FIELDS.indexOf('pitch')];
  const note = vocab.id('type', 'Note');
  const sets = new Map<number, number>(); // bar -> 12-bit pitch-class set
  tokenSlots(tokens, vocab).forEach((slot, i) => {
    const t = tokens[i];
    if (t[TYPE] !== note || slot.bar < 0) return;
    const pc = vocab.numbers.pitch[t[PITCH]] % 12;
    if (Number.isFinite(pc)) sets.set(slot.bar, (sets.get(slot.bar) ?? 0) | (1 << pc));
  });
  const counts = new Map<number, number>();
  for (const s of sets.values()) counts.set(s, (counts.get(s) ?? 0) + 1);
  const bars = sets.size;
  return { repetition: bars ? [...sets.values()].filter((s) => counts.get(s)! > 1).length / bars : 0, bars };
}
