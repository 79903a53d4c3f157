// Evaluates beat, downbeat, meter and per-beat chord recognition on real performed
// pop piano, through the engine's own import path (importMidi -> performancePiece ->
// trackBeats; tokens/chords for the chords).
//
// Data: ../shared/data/pop909-dev beside the repository unless --data DIR says
// otherwise: NNN/NNN.mid (three tracks, performance timing, the tempo map does not
// give the beats), NNN/beat_midi.txt (time, strong beat, downbeat flag) and
// NNN/chord_midi.txt (start, end, label), annotated by the POP909 authors.
//
// Split: develop on odd-numbered songs only; even-numbered songs are the held-out
// check. Every figure is printed for odd, even and all songs.
//
// Metrics (per song, then mean or median over songs):
// - Beat and downbeat F-measure, ±70 ms, one-to-one matching (engine/beats/f-measure,
//   as mir_eval.beat.f_measure), of piece.beats / piece.downbeats against the
//   annotation. Both are trimmed to [first onset - 70 ms, last onset + 70 ms]: outside
//   the notes nothing can be tracked (held final notes, leading silence).
// - Metrical level: r = median estimated beat interval / median annotated beat
//   interval in that span. Same level when |r - 1| <= 15 %, double tempo when
//   |r - 1/2| <= 15 % of 1/2, half tempo when |r - 2| <= 15 % of 2, else other.
// - Meter: the most common bar length in beats of the piece's meter map against the
//   most common number of annotated beats between annotated downbeats.
// - Chords: for each annotated beat interval [b_i, b_i+1), its midpoint m gives the
//   annotated chord sounding at m and the engine's label (chordsPerBeat on the
//   quantised piece, as tokenization applies it) of the piece beat holding m.
//   Annotated labels reduce to root + major/minor: maj, 7, maj7, maj6, 9 ... -> maj;
//   min, min7, min6, minmaj7 ... -> min (inversions /x ignored). Engine labels reduce
//   the same way (maj, 7, M7 -> maj; min, m7 -> min). Accuracy counts beats whose
//   annotation is major or minor; an engine N or other quality (dim, aug, sus) there
//   counts as wrong. Annotated N beats and other qualities (sus2, sus4, dim, hdim7,
//   aug ...) are left out of the accuracy and reported as counts; for the "other"
//   beats the root agreement alone is printed.
// - Downbeat error classes: each tracked downbeat within ±70 ms of an annotated beat
//   gets that beat's position in its annotated bar (0 = the annotated downbeat, 1 = the
//   beat after it ...). A song whose matched downbeats sit at one position in >= 80 % of
//   cases is "on annotated beat k+1" (k = 0 is right; k = 1 is one beat late throughout),
//   else "mixed" (bar lines that slip mid-song, mostly by half a bar where annotated and
//   tracked short bars disagree). Printed: songs, mean downbeat F, F lost (sum of 1 - F),
//   and where the bass notes (below BASS_PITCH, within ±70 ms of an annotated beat) fall on
//   annotated beats 1-4 of the bar: the cue that marks bar starts in pop piano, to tell
//   the tracker's misses from the annotation disagreeing with the notes.
// - Tracked songs only: the same beat, downbeat and level figures over the songs
//   importMidi tracked (not those on their own tick grid); and, for the same songs,
//   trackBeats called on the piece's notes without the file's tempo as a level hint,
//   to show what the notes alone give.
// - Time: importMidi per song (parse, tidy, beat tracking), milliseconds.
// Files whose notes sit on their own tick grid keep their tempo map (importMidi's grid
// path) and are counted like the rest; the summary says how many.
//
// Usage: npm run eval:pop909 -- [--data DIR] [--limit N (first N songs)] [--verbose]
//        [--json]

import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { beatFMeasure } from '../engine/beats/f-measure.js';
import { BASS_PITCH } from '../engine/beats/performed-note.js';
import { trackBeats } from '../engine/beats/track.js';
import { importMidi } from '../engine/midi/import.js';
import { barStarts, secondsToBeats } from '../engine/piece/beat-map.js';
import type { Piece } from '../engine/piece/piece.js';
import { sharedDataPath } from '../engine/paths.js';
import { chordsPerBeat } from '../engine/tokens/chords.js';
import { quantize } from '../engine/tokens/quantize.js';
import { loadVocab, type Vocab } from '../engine/tokens/vocab.js';
import { parseArgs } from 'node:util';

const TOLERANCE = 0.07;
const LEVEL_TOLERANCE = 0.15;

interface Args {
  data: string;
  limit: number;
  verbose: boolean;
  json: boolean;
}

function readArgs(argv: string[]): Args {
  const { values } = parseArgs({ args: argv, options: { data: { type: 'string' }, limit: { type: 'string' }, verbose: { type: 'boolean' }, json: { type: 'boolean' } } });
  return {
    data: values.data ? resolve(values.data) : sharedDataPath('pop909-dev'),
    limit: values.limit ? Number(values.limit) : Infinity,
    verbose: Boolean(values.verbose),
    json: Boolean(values.json),
  };
}

type Level = 'same' | 'double' | 'half' | 'other';
type Mode = 'maj' | 'min';

interface Chord {
  root: number;
  /** maj or min, or 'other' (sus, dim, aug ...), or N. */
  quality: Mode | 'other' | 'N';
}

interface ChordCounts {
  /** Annotated maj/min beats, and those the engine got right (root and mode). */
  majMin: number;
  majMinRight: number;
  /** Annotated beats of other qualities, and those with the right root. */
  other: number;
  otherRootRight: number;
  /** Annotated N beats. */
  none: number;
}

interface SongResult {
  song: string;
  /** grid: the file's own tempo map was taken (its notes sit on its tick grid); performance: tracked. */
  timing: Piece['timing'];
  beatF: number;
  downbeatF: number;
  level: Level;
  refBpm: number;
  bpm: number;
  refBeatsPerBar: number;
  beatsPerBar: number;
  chords: ChordCounts;
  /** Error class of the downbeats: 'beat N' (N = 1, 2 ...) or 'mixed'; 'none' when no downbeat matches. */
  downbeatClass: string;
  /** Bass onsets on annotated beats 1-4 of the bar. */
  bassOnBeats: number[];
  /** trackBeats on the same notes without the file's tempo (tracked songs only). */
  alone?: { beatF: number; downbeatF: number; level: Level };
  ms: number;
}

const ROOT_NAMES: Record<string, number> = { C: 0, D: 2, E: 4, F: 5, G: 7, A: 9, B: 11 };

function pitchClass(name: string): number {
  let pc = ROOT_NAMES[name[0]];
  if (pc === undefined) throw new Error(`unknown root ${name}`);
  for (const c of name.slice(1)) pc += c === '#' ? 1 : c === 'b' ? -1 : 0;
  return (pc + 12) % 12;
}

/** Qualities that reduce to major or minor: annotation spellings and the engine's. */
const MAJOR = new Set(['maj', '7', 'maj7', 'maj6', '9', 'maj9', '11', '13', 'M7']);
const MINOR = new Set(['min', 'min7', 'min6', 'minmaj7', 'min9', 'min11', 'm7']);

/** Root and major/minor of a label, annotation (A:min7, G:7, F:maj/3) or engine (A:m7). */
function reduceChord(label: string): Chord {
  if (!label.includes(':')) return { root: -1, quality: 'N' };
  const [root, rest] = label.split(':');
  const q = rest.split('/')[0];
  return { root: pitchClass(root), quality: MAJOR.has(q) ? 'maj' : MINOR.has(q) ? 'min' : 'other' };
}

function readColumns(path: string): number[][] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => l.trim().split(/\s+/).map(Number));
}

function readChords(path: string): { start: number; end: number; label: string }[] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => {
      const [start, end, label] = l.trim().split(/\s+/);
      return { start: Number(start), end: Number(end), label };
    });
}

function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  if (s.length === 0) return NaN;
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

function mean(xs: readonly number[]): number {
  return xs.length ? xs.reduce((s, x) => s + x, 0) / xs.length : NaN;
}

function medianInterval(beats: readonly number[]): number {
  return median(beats.slice(1).map((b, i) => b - beats[i]));
}

function levelOf(ratio: number): Level {
  const near = (target: number) => Math.abs(ratio - target) <= LEVEL_TOLERANCE * target;
  return near(1) ? 'same' : near(0.5) ? 'double' : near(2) ? 'half' : 'other';
}

/** Most common count of beats from one bar start (an index into the beats) to the next. */
function commonBarLength(starts: readonly number[]): number {
  const counts = new Map<number, number>();
  starts.slice(1).forEach((s, k) => counts.set(s - starts[k], (counts.get(s - starts[k]) ?? 0) + 1));
  let best = 0;
  let bestCount = 0;
  for (const [k, c] of counts) if (c > bestCount) (best = k), (bestCount = c);
  return best;
}

/** Share of matched downbeats at one annotated bar position needed to call a song consistent. */
const CONSISTENT_SHARE = 0.8;

/**
 * Where the tracked downbeats sit in the annotated bars: 'beat N' when most sit on
 * annotated beat N of the bar, 'mixed' when no position dominates.
 */
function downbeatClass(rows: readonly number[][], estimated: readonly number[]): string {
  const counts = new Map<number, number>();
  let matched = 0;
  for (const p of barPositions(rows, estimated)) {
    matched++;
    counts.set(p, (counts.get(p) ?? 0) + 1);
  }
  if (matched === 0) return 'none';
  const [top, n] = [...counts].reduce((a, b) => (b[1] > a[1] ? b : a));
  return n >= CONSISTENT_SHARE * matched ? (top < 0 ? 'before the first bar' : `beat ${top + 1}`) : 'mixed';
}

/**
 * For each time (ascending) within TOLERANCE of an annotated beat, that beat's position
 * in its annotated bar (0 = the annotated downbeat; -1 before the first one).
 */
function barPositions(rows: readonly number[][], times: readonly number[]): number[] {
  const position: number[] = [];
  let p = -1;
  for (const r of rows) position.push((p = r[2] === 1 ? 0 : p >= 0 ? p + 1 : -1));
  const out: number[] = [];
  let j = 0;
  for (const t of times) {
    while (j + 1 < rows.length && rows[j + 1][0] <= t) j++;
    const k = j + 1 < rows.length && Math.abs(rows[j + 1][0] - t) < Math.abs(rows[j][0] - t) ? j + 1 : j;
    if (rows.length > 0 && Math.abs(rows[k][0] - t) <= TOLERANCE) out.push(position[k]);
  }
  return out;
}

/** Bass onsets on annotated beats 1-4 of the bar. */
function bassOnBeats(rows: readonly number[][], piece: Piece): number[] {
  const counts = [0, 0, 0, 0];
  const bass = piece.notes.filter((n) => n.pitch < BASS_PITCH).map((n) => n.onset).sort((a, b) => a - b);
  for (const p of barPositions(rows, bass)) if (p >= 0 && p < 4) counts[p]++;
  return counts;
}

function chordCounts(piece: Piece, vocab: Vocab, refBeats: readonly number[], annotated: ReturnType<typeof readChords>): ChordCounts {
  const counts: ChordCounts = { majMin: 0, majMinRight: 0, other: 0, otherRootRight: 0, none: 0 };
  const { notes } = quantize(piece, vocab);
  const spb = vocab.stepsPerBeat;
  const lastEnd = notes.reduce((m, n) => Math.max(m, n.step + n.duration), 0);
  const labels = chordsPerBeat(notes, Math.ceil(lastEnd / spb) + 1, spb);
  let c = 0;
  for (let i = 0; i + 1 < refBeats.length; i++) {
    const mid = (refBeats[i] + refBeats[i + 1]) / 2;
    while (c < annotated.length && annotated[c].end <= mid) c++;
    if (c >= annotated.length || annotated[c].start > mid) continue;
    const ref = reduceChord(annotated[c].label);
    const beat = Math.floor(secondsToBeats(piece.beats, mid));
    const est = reduceChord(labels[beat] ?? 'N');
    if (ref.quality === 'N') counts.none++;
    else if (ref.quality === 'other') {
      counts.other++;
      if (est.root === ref.root) counts.otherRootRight++;
    } else {
      counts.majMin++;
      if (est.root === ref.root && est.quality === ref.quality) counts.majMinRight++;
    }
  }
  return counts;
}

function evaluateSong(dir: string, song: string, vocab: Vocab): SongResult {
  const bytes = readFileSync(join(dir, song, `${song}.mid`));
  const t0 = performance.now();
  const piece = importMidi(bytes, `${song}.mid`);
  const ms = performance.now() - t0;
  const rows = readColumns(join(dir, song, 'beat_midi.txt'));
  const onsets = piece.notes.map((n) => n.onset);
  const lo = onsets.reduce((m, x) => Math.min(m, x), Infinity) - TOLERANCE;
  const hi = onsets.reduce((m, x) => Math.max(m, x), -Infinity) + TOLERANCE;
  const inSpan = (xs: readonly number[]) => xs.filter((x) => x >= lo && x <= hi);
  const refBeats = inSpan(rows.map((r) => r[0]));
  const refDownbeats = inSpan(rows.filter((r) => r[2] === 1).map((r) => r[0]));
  const score = (estBeats: readonly number[], estDownbeats: readonly number[]) => ({
    beatF: beatFMeasure(refBeats, inSpan(estBeats), TOLERANCE).f,
    downbeatF: beatFMeasure(refDownbeats, inSpan(estDownbeats), TOLERANCE).f,
    level: levelOf(medianInterval(inSpan(estBeats)) / medianInterval(refBeats)),
  });
  const alone = piece.timing === 'performance' ? trackBeats(piece.notes) : undefined;
  return {
    song,
    timing: piece.timing,
    ...score(piece.beats, piece.downbeats),
    refBpm: 60 / medianInterval(refBeats),
    bpm: 60 / medianInterval(inSpan(piece.beats)),
    refBeatsPerBar: commonBarLength(rows.flatMap((r, i) => (r[2] === 1 ? [i] : []))),
    beatsPerBar: commonBarLength(barStarts(piece.meters, piece.beats.length)),
    chords: chordCounts(piece, vocab, rows.map((r) => r[0]), readChords(join(dir, song, 'chord_midi.txt'))),
    downbeatClass: downbeatClass(rows, inSpan(piece.downbeats)),
    bassOnBeats: bassOnBeats(rows, piece),
    alone: alone && score(alone.beats, alone.downbeats),
    ms,
  };
}

function summarise(results: readonly SongResult[]) {
  const share = (level: Level) => results.filter((r) => r.level === level).length / results.length;
  const meters: Record<string, number> = {};
  for (const r of results) {
    const key = `${r.refBeatsPerBar} annotated -> ${r.beatsPerBar} detected`;
    meters[key] = (meters[key] ?? 0) + 1;
  }
  const sum = (f: (c: ChordCounts) => number) => results.reduce((s, r) => s + f(r.chords), 0);
  const tracked = results.filter((r) => r.timing === 'performance');
  const figures = (rs: readonly { beatF: number; downbeatF: number; level: Level }[]) => ({
    beatF: mean(rs.map((r) => r.beatF)),
    downbeatF: mean(rs.map((r) => r.downbeatF)),
    same: rs.filter((r) => r.level === 'same').length / rs.length,
  });
  const classes: Record<string, { songs: number; meanF: number; lost: number; bassOnBeats: number[] }> = {};
  for (const r of results) {
    const c = (classes[r.downbeatClass] ??= { songs: 0, meanF: 0, lost: 0, bassOnBeats: [0, 0, 0, 0] });
    c.songs++;
    c.meanF += r.downbeatF;
    c.lost += 1 - r.downbeatF;
    r.bassOnBeats.forEach((n, k) => (c.bassOnBeats[k] += n));
  }
  for (const c of Object.values(classes)) {
    c.meanF /= c.songs;
    const total = c.bassOnBeats.reduce((a, b) => a + b, 0);
    c.bassOnBeats = c.bassOnBeats.map((n) => (total > 0 ? n / total : 0));
  }
  return {
    songs: results.length,
    gridFiles: results.filter((r) => r.timing === 'grid').length,
    beatF: { mean: mean(results.map((r) => r.beatF)), median: median(results.map((r) => r.beatF)) },
    downbeatF: { mean: mean(results.map((r) => r.downbeatF)), median: median(results.map((r) => r.downbeatF)) },
    level: { same: share('same'), double: share('double'), half: share('half'), other: share('other') },
    meters,
    downbeatClasses: classes,
    chords: {
      majMinAccuracy: sum((c) => c.majMinRight) / sum((c) => c.majMin),
      majMinBeats: sum((c) => c.majMin),
      otherRootAccuracy: sum((c) => c.otherRootRight) / sum((c) => c.other),
      otherBeats: sum((c) => c.other),
      noChordBeats: sum((c) => c.none),
    },
    tracked: { songs: tracked.length, importMidi: figures(tracked), alone: figures(tracked.map((r) => r.alone!)) },
    msPerSong: mean(results.map((r) => r.ms)),
  };
}

function printSummary(name: string, s: ReturnType<typeof summarise>): void {
  const pct = (x: number) => `${(x * 100).toFixed(1)} %`;
  console.log(`${name}: ${s.songs} songs (${s.gridFiles} on their own tick grid, the rest tracked)`);
  console.log(`  beat F         mean ${s.beatF.mean.toFixed(3)}  median ${s.beatF.median.toFixed(3)}  (goal mean >= 0.90)`);
  console.log(`  metrical level same ${pct(s.level.same)}  double tempo ${pct(s.level.double)}  half tempo ${pct(s.level.half)}  other ${pct(s.level.other)}  (goal same >= 90 %)`);
  console.log(`  downbeat F     mean ${s.downbeatF.mean.toFixed(3)}  median ${s.downbeatF.median.toFixed(3)}  (goal mean >= 0.80)`);
  const classes = Object.entries(s.downbeatClasses).sort((a, b) => b[1].lost - a[1].lost);
  console.log('  downbeats on   (class: songs, mean downbeat F, F lost; bass onsets on annotated beats 1/2/3/4)');
  for (const [k, c] of classes) {
    const bass = c.bassOnBeats.map((x) => (x * 100).toFixed(0)).join('/');
    console.log(`    ${k.padEnd(20)} ${String(c.songs).padStart(3)} songs, F ${c.meanF.toFixed(2)}, lost ${c.lost.toFixed(1).padStart(4)}; bass ${bass} %`);
  }
  console.log(`  meters         ${Object.entries(s.meters).sort().map(([k, n]) => `${k}: ${n}`).join(', ')}`);
  console.log(`  chords         root+maj/min ${pct(s.chords.majMinAccuracy)} of ${s.chords.majMinBeats} beats; ` +
    `other qualities root ${pct(s.chords.otherRootAccuracy)} of ${s.chords.otherBeats}; N beats left out ${s.chords.noChordBeats}`);
  const t = s.tracked;
  const line = (f: typeof t.alone) => `beat F mean ${f.beatF.toFixed(3)}, same level ${pct(f.same)}, downbeat F mean ${f.downbeatF.toFixed(3)}`;
  console.log(`  tracked songs  ${t.songs}: ${line(t.importMidi)}`);
  console.log(`    notes alone  (trackBeats without the file's tempo): ${line(t.alone)}`);
  console.log(`  import time    ${s.msPerSong.toFixed(0)} ms per song`);
}

function main(): void {
  const args = readArgs(process.argv.slice(2));
  const vocab = loadVocab();
  const songs = readdirSync(args.data)
    .filter((d) => /^\d+$/.test(d) && existsSync(join(args.data, d, `${d}.mid`)))
    .sort()
    .slice(0, args.limit);
  const results = songs.map((s) => evaluateSong(args.data, s, vocab));
  const odd = results.filter((r) => Number(r.song) % 2 === 1);
  const even = results.filter((r) => Number(r.song) % 2 === 0);
  const groups = { odd: summarise(odd), even: summarise(even), all: summarise(results) };
  if (args.json) {
    console.log(JSON.stringify({ tolerance: TOLERANCE, levelTolerance: LEVEL_TOLERANCE, ...groups, results }, null, 2));
    return;
  }
  if (args.verbose) {
    for (const r of results) {
      console.log(
        `${r.song} ${r.timing.padEnd(11)} beatF ${r.beatF.toFixed(3)}  downbeatF ${r.downbeatF.toFixed(3)}  bpm ${r.bpm.toFixed(1).padStart(6)} ` +
          `(ref ${r.refBpm.toFixed(1).padStart(6)}, ${r.level.padEnd(6)})  bar ${r.beatsPerBar} (ref ${r.refBeatsPerBar})  ` +
          `chords ${r.chords.majMinRight}/${r.chords.majMin}  downbeats on ${r.downbeatClass}  ${r.ms.toFixed(0)} ms`,
      );
    }
  }
  console.log(`pop909-dev through importMidi, ±${TOLERANCE * 1000} ms; develop on odd songs, even songs are held out`);
  printSummary('odd (development)', groups.odd);
  printSummary('even (held out)', groups.even);
  printSummary('all', groups.all);
}

try {
  main();
} catch (e) {
  console.error(e instanceof Error ? e.message : String(e));
  process.exitCode = 2;
}
