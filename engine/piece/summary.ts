// A human-level summary of a Piece: what `muser inspect` prints and the app can show.

import { tokenBars } from '../tokens/bars.js';
import { chordsPerBeat } from '../tokens/chords.js';
import { quantize } from '../tokens/quantize.js';
import type { Vocab } from '../tokens/vocab.js';
import { pieceDuration, type Piece, type TrackInfo } from './piece.js';

export interface BarChords {
  bar: number;
  /** Chord per beat of the bar, repeats collapsed. */
  chords: string[];
}

export interface PieceSummary {
  name: string;
  timing: Piece['timing'];
  tracks: TrackInfo[];
  notes: number;
  seconds: number;
  pitchRange: [number, number] | null;
  tempoEvents: number;
  tempoRange: [number, number];
  /** 60 / median beat interval: the file's tempo for grid files, the tracked one for performances. */
  medianBpm: number;
  meters: string[];
  bars: number;
  adjustments: Record<string, number>;
  chords: BarChords[];
}

export function summarize(piece: Piece, vocab: Vocab, chordBars = 8): PieceSummary {
  const pitches = piece.notes.map((n) => n.pitch);
  const bpms = piece.tempos.map((t) => t.bpm);
  const intervals = piece.beats.slice(1).map((b, i) => b - piece.beats[i]).sort((a, b) => a - b);
  const spb = vocab.stepsPerBeat;
  const { notes } = quantize(piece, vocab);
  const lastStep = notes.length ? notes[notes.length - 1].step : 0;
  const beatChords = chordsPerBeat(notes, Math.ceil(lastStep / spb) + 1, spb);
  const chords: BarChords[] = [];
  let bars = 0;
  for (const bar of tokenBars(piece.meters, spb, vocab.maxBarSteps)) {
    if (bar.start > lastStep) break;
    bars++;
    if (chords.length >= chordBars) continue;
    const inBar: string[] = [];
    for (let b = Math.floor(bar.start / spb); b * spb < bar.start + bar.length && b < beatChords.length; b++) {
      if (inBar[inBar.length - 1] !== beatChords[b]) inBar.push(beatChords[b]);
    }
    chords.push({ bar: bars, chords: inBar });
  }
  return {
    name: piece.source.name,
    timing: piece.timing,
    tracks: piece.source.tracks,
    notes: piece.notes.length,
    seconds: pieceDuration(piece),
    pitchRange: pitches.length ? [Math.min(...pitches), Math.max(...pitches)] : null,
    tempoEvents: piece.tempos.length,
    tempoRange: [Math.min(...bpms), Math.max(...bpms)],
    medianBpm: intervals.length ? 60 / intervals[intervals.length >> 1] : bpms[0],
    meters: piece.meters.map((m) => `${m.numerator}/${m.denominator} from beat ${+m.beat.toFixed(3)}`),
    bars,
    adjustments: piece.source.adjustments,
    chords,
  };
}
