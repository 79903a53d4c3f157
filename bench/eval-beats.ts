// Evaluates engine/beats on synthetic piano performances with known beats.
//
// Data: the grid-pop MIDI files, ../shared/data/grid-pop beside the repository unless
// --data DIR says otherwise (notes on a 16th grid, 480 ticks per beat, 4/4, a
// tempo map with hundreds of changes). Ground truth: beat k at the seconds of tick
// k*480 through the file's tempo map, a downbeat every 1920 ticks.
//
// Performance: a smooth tempo drift (factor 1 + 0.15*g(t), g a sum of three slow
// sinusoids with periods of 15-90 s and |g| <= 1) warps the time of notes and ground
// truth alike; then each note onset gets Gaussian jitter (sigma 15 ms), offsets are
// kept at least 10 ms after their onset. The PRNG is seeded from --seed and the file
// name, so figures are reproducible and independent of file order.
//
// Metrics: beat and downbeat F-measure with a ±70 ms tolerance and one-to-one
// matching (mir_eval.beat.f_measure). Both reference and estimate are trimmed to the
// span of the performed onsets widened by the tolerance, [first onset - 70 ms,
// last onset + 70 ms]: outside it the notes carry no evidence (held final notes,
// leading silence). Unlike mir_eval, the first 5 s are not skipped. Tempo error:
// |estimated bpm - reference bpm| / reference bpm, where the reference is 60 / the
// median reference beat interval in that span.
//
// --emopia [DIR] also tracks real performances (EMOPIA clips, default
// ../shared/data/emopia/midis; no ground truth) and reports the tempo range, how
// often beats land on onsets versus half-way between beats, and the time per clip.
//
// Usage: npm run eval:beats -- [--data DIR] [--seed N] [--verbose] [--json]
//        [--emopia [DIR]] [--limit N (files of each set)]

import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import midiPkg from '@tonejs/midi';
import { beatFMeasure } from '../engine/beats/f-measure.js';
import type { PerformedNote } from '../engine/beats/performed-note.js';
import { trackBeats } from '../engine/beats/track.js';
import { sharedDataPath } from '../engine/paths.js';
import { mulberry32 } from '../engine/rng.js';

const { Midi } = midiPkg;

const TOLERANCE = 0.07;
const DRIFT = 0.15;
const JITTER = 0.015;
const MIN_DURATION = 0.01;

interface Args {
  data: string;
  emopia?: string;
  seed: number;
  verbose: boolean;
  json: boolean;
  limit: number;
}

function parseArgs(argv: string[]): Args {
  const args: Args = {
    data: sharedDataPath('grid-pop'),
    seed: 1,
    verbose: false,
    json: false,
    limit: Infinity,
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = () => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${a} needs a value`);
      return v;
    };
    if (a === '--data') args.data = resolve(value());
    else if (a === '--seed') args.seed = Number(value());
    else if (a === '--limit') args.limit = Number(value());
    else if (a === '--verbose') args.verbose = true;
    else if (a === '--json') args.json = true;
    else if (a === '--emopia') {
      const next = argv[i + 1];
      args.emopia = next && !next.startsWith('--') ? resolve(value()) : sharedDataPath('emopia', 'midis');
    } else throw new Error(`unknown argument ${a}`);
  }
  return args;
}

function hash(text: string, seed: number): number {
  let h = 2166136261 ^ seed;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
  return h >>> 0;
}

function gaussian(rand: () => number): number {
  const u = 1 - rand();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rand());
}

/** Time warp of a slowly drifting tempo factor: warped(t) = integral of 1 / factor. */
function driftWarp(rand: () => number, duration: number): (t: number) => number {
  const parts = [0, 1, 2].map(() => ({
    amp: 0.2 + rand(),
    period: 15 + 75 * rand(),
    phase: 2 * Math.PI * rand(),
  }));
  const total = parts.reduce((s, p) => s + p.amp, 0);
  const factor = (t: number) =>
    1 + (DRIFT / total) * parts.reduce((s, p) => s + p.amp * Math.sin((2 * Math.PI * t) / p.period + p.phase), 0);
  const dt = 0.01;
  const n = Math.ceil(duration / dt) + 2;
  const cum = new Float64Array(n);
  for (let i = 1; i < n; i++) cum[i] = cum[i - 1] + (dt * (1 / factor((i - 1) * dt) + 1 / factor(i * dt))) / 2;
  return (t) => {
    const x = Math.min(Math.max(t / dt, 0), n - 1.000001);
    const i = Math.floor(x);
    return cum[i] + (x - i) * (cum[i + 1] - cum[i]);
  };
}

interface Synthetic {
  notes: PerformedNote[];
  beats: number[];
  downbeats: number[];
}

function synthesize(file: string, seed: number): Synthetic {
  const midi = new Midi(readFileSync(file));
  const raw = midi.tracks.flatMap((t) => t.notes);
  const lastTick = raw.reduce((m, n) => Math.max(m, n.ticks + n.durationTicks), 0);
  const ppq = midi.header.ppq;
  const rand = mulberry32(hash(file.split('/').pop() ?? file, seed));
  const warp = driftWarp(rand, midi.header.ticksToSeconds(lastTick + 4 * ppq) + 1);
  const beats: number[] = [];
  const downbeats: number[] = [];
  for (let k = 0; k * ppq <= lastTick + ppq; k++) {
    const t = warp(midi.header.ticksToSeconds(k * ppq));
    beats.push(t);
    if (k % 4 === 0) downbeats.push(t);
  }
  const notes = raw.map((n) => {
    const onset = Math.max(0, warp(n.time) + JITTER * gaussian(rand));
    return {
      onset,
      offset: Math.max(warp(n.time + n.duration), onset + MIN_DURATION),
      pitch: n.midi,
      velocity: Math.max(1, Math.round(n.velocity * 127)),
    };
  });
  return { notes, beats, downbeats };
}

function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  if (s.length === 0) return NaN;
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

function mean(xs: readonly number[]): number {
  return xs.reduce((s, x) => s + x, 0) / xs.length;
}

interface FileResult {
  file: string;
  beatF: number;
  downbeatF: number;
  refBpm: number;
  bpm: number;
  tempoError: number;
  ms: number;
}

function evaluateFile(file: string, seed: number): FileResult {
  const perf = synthesize(file, seed);
  const t0 = performance.now();
  const track = trackBeats(perf.notes);
  const ms = performance.now() - t0;
  const onsets = perf.notes.map((n) => n.onset);
  const lo = onsets.reduce((m, x) => Math.min(m, x), Infinity) - TOLERANCE;
  const hi = onsets.reduce((m, x) => Math.max(m, x), -Infinity) + TOLERANCE;
  const inSpan = (xs: readonly number[]) => xs.filter((x) => x >= lo && x <= hi);
  const ref = inSpan(perf.beats);
  const refBpm = 60 / median(ref.slice(1).map((b, i) => b - ref[i]));
  return {
    file: file.split('/').pop() ?? file,
    beatF: beatFMeasure(ref, inSpan(track.beats), TOLERANCE).f,
    downbeatF: beatFMeasure(inSpan(perf.downbeats), inSpan(track.downbeats), TOLERANCE).f,
    refBpm,
    bpm: track.bpm,
    tempoError: Math.abs(track.bpm - refBpm) / refBpm,
    ms,
  };
}

interface EmopiaSummary {
  clips: number;
  bpm: { min: number; p10: number; median: number; p90: number; max: number };
  /** Mean fraction of beats (inside the notes' span) with an onset within ±50 ms. */
  onBeatHits: number;
  /** The same for the points halfway between beats: lower means beats sit on onsets. */
  offBeatHits: number;
  msPerClip: number;
  totalMs: number;
}

function emopiaCheck(dir: string, limit: number): EmopiaSummary {
  const files = readdirSync(dir).filter((f) => f.endsWith('.mid')).sort().slice(0, limit);
  const bpms: number[] = [];
  const on: number[] = [];
  const off: number[] = [];
  let totalMs = 0;
  for (const f of files) {
    const midi = new Midi(readFileSync(join(dir, f)));
    const notes = midi.tracks.flatMap((t) =>
      t.notes.map((n) => ({
        onset: n.time,
        offset: n.time + n.duration,
        pitch: n.midi,
        velocity: Math.max(1, Math.round(n.velocity * 127)),
      })),
    );
    const t0 = performance.now();
    const track = trackBeats(notes);
    totalMs += performance.now() - t0;
    bpms.push(track.bpm);
    const onsets = notes.map((n) => n.onset).sort((a, b) => a - b);
    const hit = (t: number) => {
      let lo = 0;
      let hi = onsets.length;
      while (lo < hi) {
        const m = (lo + hi) >> 1;
        if (onsets[m] < t - 0.05) lo = m + 1;
        else hi = m;
      }
      return lo < onsets.length && onsets[lo] <= t + 0.05 ? 1 : 0;
    };
    const b = track.beats.filter((t) => t >= onsets[0] && t <= onsets[onsets.length - 1]);
    if (b.length < 2) continue;
    on.push(mean(b.map(hit)));
    off.push(mean(b.slice(1).map((t, i) => hit((t + b[i]) / 2))));
  }
  const s = [...bpms].sort((a, b) => a - b);
  const q = (p: number) => s[Math.round(p * (s.length - 1))];
  return {
    clips: files.length,
    bpm: { min: s[0], p10: q(0.1), median: q(0.5), p90: q(0.9), max: s[s.length - 1] },
    onBeatHits: mean(on),
    offBeatHits: mean(off),
    msPerClip: totalMs / files.length,
    totalMs,
  };
}

function main(): void {
  const args = parseArgs(process.argv.slice(2));
  const files = readdirSync(args.data)
    .filter((f) => f.endsWith('.mid'))
    .sort()
    .slice(0, args.limit)
    .map((f) => join(args.data, f));
  const results = files.map((f) => evaluateFile(f, args.seed));
  const summary = {
    files: results.length,
    beatF: mean(results.map((r) => r.beatF)),
    downbeatF: mean(results.map((r) => r.downbeatF)),
    medianTempoError: median(results.map((r) => r.tempoError)),
    tempoWithin4Percent: results.filter((r) => r.tempoError <= 0.04).length / results.length,
    totalMs: results.reduce((s, r) => s + r.ms, 0),
    msPerFile: mean(results.map((r) => r.ms)),
  };
  const emopia = args.emopia ? emopiaCheck(args.emopia, args.limit) : undefined;
  if (args.json) {
    console.log(JSON.stringify({ seed: args.seed, tolerance: TOLERANCE, summary, emopia, results }, null, 2));
    return;
  }
  if (args.verbose) {
    for (const r of results) {
      console.log(
        `${r.file.padEnd(24)} beatF ${r.beatF.toFixed(3)}  downbeatF ${r.downbeatF.toFixed(3)}  ` +
          `bpm ${r.bpm.toFixed(1).padStart(6)} (ref ${r.refBpm.toFixed(1).padStart(6)})  ${r.ms.toFixed(1)} ms`,
      );
    }
  }
  console.log(`grid-pop synthetic performances: ${summary.files} files, seed ${args.seed}, ±${TOLERANCE * 1000} ms`);
  console.log(`  mean beat F        ${summary.beatF.toFixed(3)}  (goal >= 0.9)`);
  console.log(`  mean downbeat F    ${summary.downbeatF.toFixed(3)}  (goal >= 0.7)`);
  console.log(`  median tempo error ${(summary.medianTempoError * 100).toFixed(1)} %` +
    `  (${(summary.tempoWithin4Percent * 100).toFixed(0)} % of files within 4 %)`);
  console.log(`  tracking time      ${summary.totalMs.toFixed(0)} ms total, ${summary.msPerFile.toFixed(2)} ms per file`);
  if (emopia) {
    const b = emopia.bpm;
    console.log(`EMOPIA real performances: ${emopia.clips} clips`);
    console.log(`  bpm min ${b.min.toFixed(0)}, p10 ${b.p10.toFixed(0)}, median ${b.median.toFixed(0)}, ` +
      `p90 ${b.p90.toFixed(0)}, max ${b.max.toFixed(0)}`);
    console.log(`  beats with an onset within 50 ms: ${(emopia.onBeatHits * 100).toFixed(1)} % ` +
      `(half-way points: ${(emopia.offBeatHits * 100).toFixed(1)} %)`);
    console.log(`  tracking time ${emopia.totalMs.toFixed(0)} ms total, ${emopia.msPerClip.toFixed(2)} ms per clip`);
  }
}

try {
  main();
} catch (e) {
  console.error(e instanceof Error ? e.message : String(e));
  process.exitCode = 2;
}
