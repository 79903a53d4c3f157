// A human-level summary of a Piece: what `muser inspect` prints and the app can show.

import { estimateKey, type KeyEstimate } from '../harmony/key.js';
import { pieceDuration, type Piece, type TrackInfo } from '../piece/piece.js';
import { tokenBars } from '../tokens/bars.js';
import { chordsOfBeats, chordSpans, type ChordSpan } from '../tokens/chord-spans.js';
import type { Vocab } from '../tokens/vocab.js';

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
  /** The meter in effect for most beats, e.g. "3/4" (detected for performances). */
  meter: string;
  bars: number;
  adjustments: Record<string, number>;
  /** Seconds of every beat and bar start of the piece's grid. */
  beats: number[];
  downbeats: number[];
  key: KeyEstimate;
  /** The chords over the whole piece, in seconds. */
  chords: ChordSpan[];
  /** The chords of the first bars, per bar. */
  barChords: BarChords[];
}

export function summarize(piece: Piece, vocab: Vocab, chordBars = 8): PieceSummary {
  const pitches = piece.notes.map((n) => n.pitch);
  const bpms = piece.tempos.map((t) => t.bpm);
  const intervals = piece.beats.slice(1).map((b, i) => b - piece.beats[i]).sort((a, b) => a - b);
  const spb = vocab.stepsPerBeat;
  const lastStep = piece.notes.reduce((m, n) => Math.max(m, Math.round(n.onsetBeat * spb)), 0);
  const beatChords = chordsOfBeats(piece, vocab);
  const barChords: BarChords[] = [];
  let bars = 0;
  for (const bar of tokenBars(piece.meters, spb, vocab.maxBarSteps)) {
    if (bar.start > lastStep) break;
    bars++;
    if (barChords.length >= chordBars) continue;
    const inBar: string[] = [];
    for (let b = Math.floor(bar.start / spb); b * spb < bar.start + bar.length && b < beatChords.length; b++) {
      if (inBar[inBar.length - 1] !== beatChords[b]) inBar.push(beatChords[b]);
    }
    barChords.push({ bar: bars, chords: inBar });
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
    meter: mainMeter(piece),
    bars,
    adjustments: piece.source.adjustments,
    beats: piece.beats,
    downbeats: piece.downbeats,
    key: estimateKey(piece.notes),
    chords: chordSpans(piece, vocab),
    barChords,
  };
}

/** The meter of the meter map that spans the most beats of the grid. */
function mainMeter(piece: Piece): string {
  const last = piece.beats.length - 1;
  let best = piece.meters[0];
  let bestBeats = -1;
  piece.meters.forEach((m, i) => {
    const beats = (piece.meters[i + 1]?.beat ?? last) - m.beat;
    if (beats > bestBeats) {
      best = m;
      bestBeats = beats;
    }
  });
  return `${best.numerator}/${best.denominator}`;
}
