// Musical descriptors of a Piece: the numbers a musician would reach for to say how a
// piece feels (how busy, how loud, how high, how connected, what harmony), computed
// once here for `muser inspect`, the dataset builder (Python trains on exactly these
// numbers) and the emotion judge. Everything is measured on what is heard (seconds,
// sounding notes), so a piece is judged on its music, not on how its file was written.

import { AARDEN, estimateKey, type KeyEstimate, type SoundingPitch } from '../harmony/key.js';
import type { Piece } from '../piece/piece.js';
import { chordsPerBeat } from '../tokens/chords.js';
import { quantize } from '../tokens/quantize.js';
import type { Vocab } from '../tokens/vocab.js';

/** Chord families, from the recognizer's labels: the quality a listener hears. */
export const CHORD_FAMILIES = ['major', 'minor', 'dominant', 'diminished', 'augmented', 'suspended', 'none'] as const;
export type ChordFamily = (typeof CHORD_FAMILIES)[number];

const FAMILY_OF: Record<string, ChordFamily> = {
  maj: 'major',
  M7: 'major',
  min: 'minor',
  m7: 'minor',
  '7': 'dominant',
  dim: 'diminished',
  o7: 'diminished',
  hdim7: 'diminished',
  aug: 'augmented',
  sus2: 'suspended',
  sus4: 'suspended',
};

export interface Descriptors {
  notes: number;
  /** From the first onset to the last offset. */
  seconds: number;
  /** Notes per second. */
  density: number;
  velocityMean: number;
  /** Standard deviation of velocity: dynamic contrast. */
  velocitySpread: number;
  /** Spread over mean: dynamic contrast whatever the file's overall level (sources differ in that). */
  velocityVariation: number;
  /** How much louder notes on the beat are than notes between beats (0: no accent). */
  accent: number;
  pitchMean: number;
  pitchLow: number;
  pitchHigh: number;
  /** Highest minus lowest pitch, semitones. */
  pitchRange: number;
  /** Share of notes below G3: how much of the texture is bass. */
  bassShare: number;
  /** Onsets per second, notes struck together (within 30 ms) counting once. */
  onsetRate: number;
  /** Notes per onset: how thick the chords are. */
  polyphony: number;
  /** Spread over mean of the time between onsets: 0 for an even pulse, high for varied rhythm. */
  rhythmVariation: number;
  /** Share of notes sounding under a quarter of a second. */
  shortNotes: number;
  /** 60 / the median beat interval over the music. */
  tempo: number;
  /** Mean share of each beat during which some note sounds: 1 legato, near 0 staccato. */
  articulation: number;
  /** Share of the music's beats whose chord is of each family. */
  chords: Record<ChordFamily, number>;
  /** Key and mode of the whole piece (Krumhansl-Kessler profiles). */
  key: KeyEstimate;
  /** The piece's major-minor margin by Aarden's profiles: a second opinion on the mode. */
  modeMarginAarden: number;
  /** The key around each bar: of the notes sounding in it and the next bar. */
  barKeys: KeyEstimate[];
  /** Share of bars whose local key is major. */
  majorBars: number;
  /** Mean of the bars' major-minor margins. */
  barModeMargin: number;
}

export function describe(piece: Piece, vocab: Vocab): Descriptors {
  const notes = piece.notes;
  const chords = Object.fromEntries(CHORD_FAMILIES.map((f) => [f, 0])) as Record<ChordFamily, number>;
  if (notes.length === 0) {
    const key = estimateKey([]);
    return { notes: 0, seconds: 0, density: 0, velocityMean: 0, velocitySpread: 0, velocityVariation: 0, accent: 0, pitchMean: 0, pitchLow: 0, pitchHigh: 0, pitchRange: 0, bassShare: 0, onsetRate: 0, polyphony: 0, rhythmVariation: 0, shortNotes: 0, tempo: 0, articulation: 0, chords: { ...chords, none: 1 }, key, modeMarginAarden: 0, barKeys: [], majorBars: 0.5, barModeMargin: 0 };
  }
  let start = Infinity;
  let end = -Infinity;
  let low = Infinity;
  let high = -Infinity;
  for (const n of notes) {
    start = Math.min(start, n.onset);
    end = Math.max(end, n.offset);
    low = Math.min(low, n.pitch);
    high = Math.max(high, n.pitch);
  }
  const seconds = Math.max(end - start, 0);
  const velocityMean = mean(notes.map((n) => n.velocity));
  const spread = Math.sqrt(mean(notes.map((n) => (n.velocity - velocityMean) ** 2)));
  const labels = beatChords(piece, vocab);
  for (const label of labels) chords[label === 'N' ? 'none' : (FAMILY_OF[label.split(':')[1]] ?? 'none')] += 1 / labels.length;
  return {
    notes: notes.length,
    seconds,
    // a single chord has no duration to speak of: count it over one second
    density: notes.length / Math.max(seconds, 1),
    velocityMean,
    velocitySpread: spread,
    velocityVariation: velocityMean > 0 ? spread / velocityMean : 0,
    accent: accent(notes),
    pitchMean: mean(notes.map((n) => n.pitch)),
    pitchLow: low,
    pitchHigh: high,
    pitchRange: high - low,
    bassShare: notes.filter((n) => n.pitch < BASS_PITCH).length / notes.length,
    ...onsets(notes),
    shortNotes: notes.filter((n) => n.offset - n.onset < SHORT_SECONDS).length / notes.length,
    tempo: medianTempo(piece.beats, start, end),
    articulation: articulation(piece, start, end),
    chords,
    key: estimateKey(notes),
    modeMarginAarden: estimateKey(notes, AARDEN).modeMargin,
    ...barKeys(piece, end),
  };
}

/** Keys of two-bar windows starting at each bar the music reaches: modulations and local colour. */
function barKeys(piece: Piece, end: number): Pick<Descriptors, 'barKeys' | 'majorBars' | 'barModeMargin'> {
  const starts = piece.downbeats.filter((d) => d < end);
  const keys: KeyEstimate[] = [];
  starts.forEach((a, i) => {
    const b = starts[i + 2] ?? Math.max(end, starts[starts.length - 1] ?? end);
    const inside: SoundingPitch[] = [];
    for (const n of piece.notes) if (n.onset < b && n.offset > a) inside.push({ pitch: n.pitch, onset: Math.max(a, n.onset), offset: Math.min(b, n.offset) });
    if (inside.length > 0) keys.push(estimateKey(inside));
  });
  if (keys.length === 0) return { barKeys: [], majorBars: 0.5, barModeMargin: 0 };
  return { barKeys: keys, majorBars: keys.filter((k) => k.modeMargin > 0).length / keys.length, barModeMargin: mean(keys.map((k) => k.modeMargin)) };
}

const BASS_PITCH = 55;
/** Notes struck within this of each other are one onset (a chord as played). */
const TOGETHER = 0.03;
const SHORT_SECONDS = 0.25;
/** A note this close to a beat (in beats) is on it. */
const ON_BEAT = 0.08;

function onsets(notes: readonly Piece['notes'][number][]): Pick<Descriptors, 'onsetRate' | 'polyphony' | 'rhythmVariation'> {
  const times: number[] = [];
  for (const n of notes) if (times.length === 0 || n.onset - times[times.length - 1] > TOGETHER) times.push(n.onset);
  const span = Math.max(notes.reduce((m, n) => Math.max(m, n.offset), 0) - notes[0].onset, 1);
  const gaps = times.slice(1).map((t, i) => t - times[i]);
  const m = mean(gaps);
  return { onsetRate: times.length / span, polyphony: notes.length / times.length, rhythmVariation: m > 0 ? Math.sqrt(mean(gaps.map((g) => (g - m) ** 2))) / m : 0 };
}

function accent(notes: readonly Piece['notes'][number][]): number {
  const on: number[] = [];
  const off: number[] = [];
  for (const n of notes) (Math.abs(n.onsetBeat - Math.round(n.onsetBeat)) < ON_BEAT ? on : off).push(n.velocity);
  return on.length > 0 && off.length > 0 ? mean(on) / mean(off) - 1 : 0;
}

function mean(xs: readonly number[]): number {
  return xs.reduce((s, x) => s + x, 0) / Math.max(xs.length, 1);
}

/** The recognizer's chord of every beat the music covers (a silence before it is not music). */
function beatChords(piece: Piece, vocab: Vocab): string[] {
  const spb = vocab.stepsPerBeat;
  const { notes } = quantize(piece, vocab);
  const firstBeat = Math.floor((notes[0]?.step ?? 0) / spb);
  const lastStep = notes.reduce((m, n) => Math.max(m, n.step + n.duration), 0);
  return chordsPerBeat(notes, Math.max(firstBeat + 1, Math.ceil(lastStep / spb)), spb).slice(firstBeat);
}

function medianTempo(beats: readonly number[], start: number, end: number): number {
  const intervals: number[] = [];
  for (let i = 0; i + 1 < beats.length; i++) if (beats[i + 1] > start && beats[i] < end) intervals.push(beats[i + 1] - beats[i]);
  if (intervals.length === 0) return 0;
  intervals.sort((a, b) => a - b);
  return 60 / intervals[intervals.length >> 1];
}

/** Mean over the beats within the music of the share of the beat covered by sounding notes. */
function articulation(piece: Piece, start: number, end: number): number {
  // the union of sounding intervals (notes are sorted by onset)
  const union: [number, number][] = [];
  for (const n of piece.notes) {
    const last = union[union.length - 1];
    if (last && n.onset <= last[1]) last[1] = Math.max(last[1], n.offset);
    else union.push([n.onset, n.offset]);
  }
  let total = 0;
  let count = 0;
  let k = 0;
  const beats = piece.beats;
  for (let i = 0; i + 1 < beats.length; i++) {
    const [a, b] = [beats[i], beats[i + 1]];
    if (b <= start || a >= end || b <= a) continue;
    while (k < union.length && union[k][1] <= a) k++;
    let covered = 0;
    for (let j = k; j < union.length && union[j][0] < b; j++) covered += Math.min(b, union[j][1]) - Math.max(a, union[j][0]);
    total += covered / (b - a);
    count++;
  }
  return count > 0 ? total / count : 1;
}
