// Evaluates the chord recognizer (engine/tokens/chords.ts) and the key estimate
// (engine/harmony/key.ts) on POP909 songs (../shared/data/pop909-dev unless --data DIR).
//
// Chords, isolated from the beat tracker: each song is imported with the engine
// (importMidi: tracks merged, sustain applied, notes in seconds), the ANNOTATED beats of
// beat_midi.txt bound the windows (beat i to beat i+1; the last beat has no window) and
// the engine's recognizer labels every window. The reference at a window is the label of
// chord_midi.txt sounding at the window's midpoint.
//
// Scoring, root + major/minor (as MIREX "majmin"): a reference label maps by its
// quality to maj (maj, maj6, maj7, 7, with any inversion /x: the root is what counts) or
// min (min, min6, min7, minmaj7). Windows whose reference is anything else (N, sus2,
// sus4, sus4(b7), dim, dim7, hdim7, aug) are not scored; their share is printed. An
// estimate maps the same way (maj, 7, M7 -> maj; min, m7 -> min); any other estimate
// (N, dim, aug, sus, o7, hdim7) counts as wrong on a scored window. Accuracy = correct
// scored windows / scored windows, pooled over the songs of a split.
//
// Also printed: the same score for what the tokens carry, the chords of the engine's own
// tracked beats (from the quantized notes), each tracked beat scored at its midpoint:
// this one includes the beat tracker's errors.
//
// Key: the engine's estimate for the whole piece (all notes, duration-weighted) against
// the key of key_audio.txt that lasts longest in the song (a few songs modulate): the
// share of songs where tonic and mode both match, and where the tonic matches.
//
// Splits: songs with odd numbers are the development set, even numbers the held-out
// check (never tuned on); both are printed, then all.
//
// Usage: npm run eval:chords -- [--data DIR] [--limit N] [--json]

import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { estimateKey } from '../engine/harmony/key.js';
import { importMidi } from '../engine/midi/import.js';
import { sharedDataPath } from '../engine/paths.js';
import { chordsOfBeats } from '../engine/tokens/chord-spans.js';
import { chordsOfWindows } from '../engine/tokens/chords.js';
import { loadVocab } from '../engine/tokens/vocab.js';

const { values } = parseArgs({
  options: { data: { type: 'string' }, limit: { type: 'string' }, json: { type: 'boolean' } },
});
const dataDir = values.data ?? sharedDataPath('pop909-dev');
const limit = values.limit ? Number(values.limit) : Infinity;
const vocab = loadVocab();

const PITCH_CLASS: Record<string, number> = { C: 0, D: 2, E: 4, F: 5, G: 7, A: 9, B: 11 };
const MAJ = new Set(['maj', 'maj6', 'maj7', '7', 'M7']);
const MIN = new Set(['min', 'min6', 'min7', 'minmaj7', 'm7']);

/** "Gb" -> 6, "C#" -> 1. */
function pitchClass(name: string): number {
  let pc = PITCH_CLASS[name[0]];
  if (pc === undefined) throw new Error(`unknown root ${name}`);
  for (const accidental of name.slice(1)) pc += accidental === '#' ? 1 : accidental === 'b' ? -1 : 0;
  return (pc + 12) % 12;
}

/** "A:min7/b7" -> "9:min"; null for labels outside root + major/minor (N, sus, dim, aug). */
function majMin(label: string): string | null {
  const [root, rest] = label.split(':');
  if (rest === undefined) return null;
  const quality = rest.split('/')[0];
  const family = MAJ.has(quality) ? 'maj' : MIN.has(quality) ? 'min' : null;
  return family && `${pitchClass(root)}:${family}`;
}

interface Segment {
  start: number;
  end: number;
  label: string;
}

function readSegments(file: string): Segment[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => {
      const [start, end, label] = l.trim().split(/\s+/);
      return { start: Number(start), end: Number(end), label };
    });
}

function labelAt(segments: readonly Segment[], t: number): string {
  return segments.find((s) => s.start <= t && t < s.end)?.label ?? 'N';
}

interface Score {
  scored: number;
  correct: number;
  windows: number;
}

/** Root + maj/min agreement of one label per window [bounds[i], bounds[i+1]) at each window's midpoint. */
function score(estimate: readonly string[], bounds: readonly number[], reference: readonly Segment[]): Score {
  let scored = 0;
  let correct = 0;
  estimate.forEach((label, i) => {
    if (i + 1 >= bounds.length) return;
    const ref = majMin(labelAt(reference, (bounds[i] + bounds[i + 1]) / 2));
    if (ref === null) return;
    scored++;
    if (majMin(label) === ref) correct++;
  });
  return { scored, correct, windows: estimate.length };
}

interface SongResult {
  song: number;
  /** On the annotated beats. */
  chords: Score;
  /** What the tokens carry: on the engine's own beats, from the quantized notes. */
  tokenChords: Score;
  key: { estimate: string; reference: string; tonic: boolean; mode: boolean; confidence: number };
}

function evaluateSong(dir: string, song: number): SongResult {
  const id = String(song).padStart(3, '0');
  const piece = importMidi(readFileSync(join(dir, `${id}.mid`)), `${id}.mid`);
  const beats = readFileSync(join(dir, 'beat_midi.txt'), 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => Number(l.trim().split(/\s+/)[0]));
  const reference = readSegments(join(dir, 'chord_midi.txt'));
  const notes = piece.notes.map((n) => ({ start: n.onset, end: n.offset, pitch: n.pitch }));
  const longest = readSegments(join(dir, 'key_audio.txt')).reduce((a, b) => (b.end - b.start > a.end - a.start ? b : a));
  const [refTonic, refMode] = longest.label.split(':');
  const key = estimateKey(piece.notes);
  const tonic = pitchClass(key.tonic) === pitchClass(refTonic);
  return {
    song,
    chords: score(chordsOfWindows(notes, beats), beats, reference),
    tokenChords: score(chordsOfBeats(piece, vocab), piece.beats, reference),
    key: { estimate: key.label, reference: longest.label, tonic, mode: (key.mode === 'major') === (refMode === 'maj'), confidence: key.confidence },
  };
}

function summary(results: readonly SongResult[]) {
  const sum = (f: (r: SongResult) => number) => results.reduce((s, r) => s + f(r), 0);
  return {
    songs: results.length,
    accuracy: sum((r) => r.chords.correct) / sum((r) => r.chords.scored),
    scoredShare: sum((r) => r.chords.scored) / sum((r) => r.chords.windows),
    tokenAccuracy: sum((r) => r.tokenChords.correct) / sum((r) => r.tokenChords.scored),
    keyAgreement: sum((r) => (r.key.tonic && r.key.mode ? 1 : 0)) / results.length,
    tonicAgreement: sum((r) => (r.key.tonic ? 1 : 0)) / results.length,
  };
}

const songs = readdirSync(dataDir)
  .filter((d) => /^\d+$/.test(d))
  .map(Number)
  .sort((a, b) => a - b)
  .slice(0, limit);
const t0 = performance.now();
const results = songs.map((s) => evaluateSong(join(dataDir, String(s).padStart(3, '0')), s));
const seconds = (performance.now() - t0) / 1000;
const splits = {
  'odd (development)': summary(results.filter((r) => r.song % 2 === 1)),
  'even (held out)': summary(results.filter((r) => r.song % 2 === 0)),
  all: summary(results),
};
if (values.json) {
  console.log(JSON.stringify({ splits, results }, null, 2));
} else {
  console.log(`pop909 chords per annotated beat, root + maj/min (${seconds.toFixed(1)} s)`);
  for (const [name, s] of Object.entries(splits)) {
    console.log(`  ${name.padEnd(18)} ${s.songs} songs  accuracy ${s.accuracy.toFixed(3)}  (${(s.scoredShare * 100).toFixed(0)} % of beats scored)`);
  }
  console.log("the tokens' chords: on the engine's own (tracked) beats, from the quantized notes");
  for (const [name, s] of Object.entries(splits)) console.log(`  ${name.padEnd(18)} accuracy ${s.tokenAccuracy.toFixed(3)}`);
  console.log('key of the whole piece against the longest key of key_audio.txt');
  for (const [name, s] of Object.entries(splits)) {
    console.log(`  ${name.padEnd(18)} tonic + mode ${s.keyAgreement.toFixed(3)}  tonic only ${s.tonicAgreement.toFixed(3)}`);
  }
}
