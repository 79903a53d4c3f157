// Emotion over time: the judge's valence and arousal around each bar, from the notes of
// a four-bar window (the bar before it to two bars after), a phrase in most music: a
// single bar holds too few notes for a stable key or density, a whole piece hides where
// its mood turns.

import { describe } from '../descriptors/describe.js';
import type { Piece } from '../piece/piece.js';
import type { Vocab } from '../tokens/vocab.js';
import { judge, type JudgeModel } from './judge.js';

const BEFORE = 1;
const AFTER = 2;

export interface BarEmotion {
  /** 1-based, as the roll numbers bars. */
  bar: number;
  /** Seconds of the bar itself (not of its window). */
  start: number;
  end: number;
  valence: number;
  arousal: number;
  explanation: string;
}

export function emotionOverTime(piece: Piece, vocab: Vocab, model: JudgeModel): BarEmotion[] {
  const end = piece.notes.reduce((m, n) => Math.max(m, n.offset), 0);
  const starts = piece.downbeats.filter((d) => d < end - 1e-6);
  const out: BarEmotion[] = [];
  starts.forEach((start, i) => {
    const from = starts[Math.max(0, i - BEFORE)];
    const to = starts[i + AFTER + 1] ?? end + 1e-6;
    const notes = piece.notes.filter((n) => n.onset >= from && n.onset < to);
    if (notes.length === 0) return; // a silent phrase has no mood to judge
    const e = judge(model, describe({ ...piece, notes }, vocab));
    out.push({ bar: i + 1, start, end: starts[i + 1] ?? end, valence: e.valence, arousal: e.arousal, explanation: e.explanation });
  });
  return out;
}
