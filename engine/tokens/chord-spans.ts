// A piece's chords in seconds, for people (muser inspect, the app's chord lane): the
// labels the tokens carry, one per beat of the piece's grid, with repeats merged.

import { beatsToSeconds } from '../piece/beat-map.js';
import type { Piece } from '../piece/piece.js';
import { chordsPerBeat } from './chords.js';
import { quantize } from './quantize.js';
import type { Vocab } from './vocab.js';

export interface ChordSpan {
  /** Seconds. */
  start: number;
  end: number;
  /** A chord label of the vocabulary, e.g. "A:min", "G:7". */
  label: string;
}

/** The chord of every beat the (quantized) notes reach, as the tokenizer labels them. */
export function chordsOfBeats(piece: Piece, vocab: Vocab): string[] {
  const { notes } = quantize(piece, vocab);
  const spb = vocab.stepsPerBeat;
  const lastEnd = notes.reduce((m, n) => Math.max(m, n.step + n.duration), 0);
  return chordsPerBeat(notes, Math.ceil(lastEnd / spb), spb);
}

/** Consecutive beats of one chord as one span; beats without a chord (N) are left out. */
export function chordSpans(piece: Piece, vocab: Vocab): ChordSpan[] {
  const spans: ChordSpan[] = [];
  let previous = '';
  chordsOfBeats(piece, vocab).forEach((label, b) => {
    const end = beatsToSeconds(piece.beats, b + 1);
    if (label !== 'N' && label === previous) spans[spans.length - 1].end = end;
    else if (label !== 'N') spans.push({ start: beatsToSeconds(piece.beats, b), end, label });
    previous = label;
  });
  return spans;
}
