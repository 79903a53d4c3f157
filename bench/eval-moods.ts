// Emotion moves, measured (issue 14, item 4), on EMOPIA's test clips (validation with --split val).
//
// Transfer: pairs across valence (A of Q1/Q4 with B of Q2/Q3, and the reverse) and
// across arousal (A of Q1/Q2 with B of Q3/Q4, and the reverse), N of each chosen from a
// seed; for every element, B's element goes into A ('type' alignment, B's bars repeated
// over A where B is shorter: the engine's defaults). Re-mood: each clip A toward the
// quadrant across the axis that keeps its other side (valence: Q1<->Q2, Q4<->Q3; arousal:
// Q1<->Q4, Q2<->Q3), pitch alone and with chord (so that the drawn pitch is not held to
// A's harmony) for valence, duration and velocity together and alone for arousal, decoded
// under A's emotion (the default) and under the target's. Continue: each clip A continued
// by N bars (--continue-bars, 4; 0 skips) toward the quadrant across each axis; the new
// bars are measured against the same clip continued in its own quadrant with the same
// seed (what the target did) and against A's last N bars.
//
// A result moves toward the target when its measure moves toward the target's side of the
// axis (B's side for transfer); a shift is signed so that + is toward it. It is measured
// against A's reconstruction with the same seed, which leaves only what the element did
// (the model's own reconstruction error cancels), and against A itself (what a user hears
// change). Measures: the emotion judge (engine/judge) and judge-free ones a skeptic can
// recompute: Krumhansl-Kessler major-minor margin for valence, notes per second and mean
// velocity for arousal. How much of A stays: every untouched element's histogram nearer
// A's than B's (evaluate.py's "kept"), and the share of A's note onsets the result keeps.
//
// Decoding draws as the app does, temperature 1 and top-p 0.9 (--sampling plain), unless --sampling paper;
// the prior re-moods at the manifest's guidance for the target quadrant unless --guidance W, and drawn pitches keep
// to the app's key choice ('auto': A's tonic in the target quadrant's mode) unless --key.
//
// --split val measures the validation clips instead, for choosing the app's settings;
// --models DIR measures another model folder (a candidate) than the shipped one.
//
// usage: npm run eval:moods [-- --pairs N] [--clips N] [--seed N] [--data DIR] [--elements pitch,duration] [--sampling plain|paper] [--guidance W] [--key auto|free] [--continue-bars N] [--split val|test] [--models DIR]

import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { readEmopiaMeta } from '../engine/dataset/emopia.js';
import { describe } from '../engine/descriptors/describe.js';
import { continuePiece } from '../engine/flows/continue.js';
import { parseKeyChoice } from '../engine/flows/key-choice.js';
import { remood } from '../engine/flows/re-mood.js';
import type { EncodedPiece } from '../engine/flows/encoded-piece.js';
import { readPiece } from '../engine/io/read-piece.js';
import { judge, openJudge } from '../engine/judge/judge.js';
import { nearerA, onsetsKept } from '../engine/analysis/transfer-fidelity.js';
import type { Encoding } from '../engine/inference/encoding.js';
import { ELEMENTS, type Element } from '../engine/inference/latent-transfer.js';
import { PAPER_SAMPLING } from '../engine/inference/sampling.js';
import { priorGuidance } from '../engine/onnx/manifest.js';
import type { Piece } from '../engine/piece/piece.js';
import { mulberry32 } from '../engine/rng.js';
import { Engine, type EmotionChoice } from '../engine/runner/engine.js';
import { sharedDataPath } from '../engine/paths.js';
import { detokenize } from '../engine/tokens/detokenize.js';
import type { TokenSequence } from '../engine/tokens/token-file.js';
import { QUADRANTS, type Quadrant } from '../engine/tokens/quadrants.js';
import { tokenize } from '../engine/tokens/tokenize.js';

const { values } = parseArgs({ options: { pairs: { type: 'string' }, clips: { type: 'string' }, seed: { type: 'string' }, data: { type: 'string' }, elements: { type: 'string' }, sampling: { type: 'string' }, guidance: { type: 'string' }, key: { type: 'string' }, 'continue-bars': { type: 'string' }, split: { type: 'string' }, models: { type: 'string' } } });
const split = values.split ?? 'test';
if (split !== 'val' && split !== 'test') throw new RangeError(`--split: "${split}" is not val or test`);
const pairsPerDirection = Number(values.pairs ?? 30);
const continueBars = Number(values['continue-bars'] ?? 4);
const key = parseKeyChoice(values.key ?? 'auto');
const seed = Number(values.seed ?? 7);
const data = values.data ?? sharedDataPath('emopia');
const elements = (values.elements?.split(',') ?? [...ELEMENTS]).map((name) => {
  const e = ELEMENTS.find((x) => x === name);
  if (!e) throw new RangeError(`--elements: "${name}" is not one of ${ELEMENTS.join(', ')}`);
  return e;
});

// 'plain', the app's default (and evaluate.py's generation protocol): temperature 1, top-p
// 0.9 for the prior's codes and every decoded element. 'paper': the paper's per-element
// draws (velocity at temperature 5, top-p 1), which double a reconstruction's velocity spread.
const SAMPLINGS = { plain: {}, paper: { values: PAPER_SAMPLING } } as const;
const samplingName = values.sampling ?? 'plain';
if (samplingName !== 'plain' && samplingName !== 'paper') throw new RangeError(`--sampling: "${samplingName}" is not plain or paper`);
const sampling = SAMPLINGS[samplingName];

type Axis = 'valence' | 'arousal';
type Measure = 'valence' | 'arousal' | 'mode' | 'density' | 'velocity' | 'spread';
const AXES: Record<Axis, { high: Quadrant[]; measures: Measure[] }> = {
  valence: { high: ['Q1', 'Q4'], measures: ['valence', 'mode'] },
  arousal: { high: ['Q1', 'Q2'], measures: ['arousal', 'density', 'velocity'] },
};
const MEASURE_NAMES: Record<Measure, string> = { valence: 'judged valence', arousal: 'judged arousal', mode: 'key mode margin', density: 'notes per second', velocity: 'mean velocity', spread: 'velocity spread' };
/** The quadrant across the axis on the same side of the other axis. */
const ACROSS: Record<Axis, Record<Quadrant, Quadrant>> = {
  valence: { Q1: 'Q2', Q2: 'Q1', Q3: 'Q4', Q4: 'Q3' },
  arousal: { Q1: 'Q4', Q4: 'Q1', Q2: 'Q3', Q3: 'Q2' },
};
const REMOODS: { axis: Axis; elements: Element[] }[] = [
  { axis: 'valence', elements: ['pitch'] },
  { axis: 'valence', elements: ['pitch', 'chord'] },
  { axis: 'arousal', elements: ['duration', 'velocity'] },
  { axis: 'arousal', elements: ['duration'] },
  { axis: 'arousal', elements: ['velocity'] },
];
const GOAL_MOVES = 0.8;
const GOAL_KEPT = 0.9;

const engine = await Engine.open({ dir: values.models });
const vocab = engine.vocab;
const model = openJudge(engine.info.dir);
/** As asked, else each target quadrant's default (the manifest's, per quadrant where it chose one). */
const guidance = values.guidance === undefined ? undefined : Number(values.guidance);
const guidanceName = guidance ?? QUADRANTS.map((q) => `${q} ${priorGuidance(engine.manifest, q)}`).join(', ');

interface Clip {
  id: string;
  quadrant: Quadrant;
  sequence: TokenSequence;
}
const meta = readEmopiaMeta(data);
const clips: Clip[] = [];
for (const file of readdirSync(join(data, 'midis')).sort()) {
  const id = file.replace(/\.midi?$/i, '');
  const quadrant = meta.labels.get(id);
  if (!quadrant || meta.splits.get(id) !== split) continue;
  clips.push({ id, quadrant, sequence: tokenize(readPiece(join(data, 'midis', file)), vocab, quadrant).sequence });
}
const clipCount = Math.min(Number(values.clips ?? clips.length), clips.length);

type Measures = Record<Measure, number>;
/** Tokens with A's meter map, judged and described as a piece. */
function measure(a: Clip, tokens: number[][]): Measures {
  return measurePiece(detokenize({ ...a.sequence, tokens }, vocab));
}

function measurePiece(piece: Piece): Measures {
  const d = describe(piece, vocab);
  const e = judge(model, d);
  return { valence: e.valence, arousal: e.arousal, mode: d.key.modeMargin, density: d.density, velocity: d.velocityMean, spread: d.velocitySpread };
}

const REFERENCES = ['reconstruction', 'A'] as const;
type Reference = (typeof REFERENCES)[number];

/** +1 when the target is the axis's high side, -1 when low. */
type Side = 1 | -1;

/** One table row's results: signed shifts toward the target per measure and reference, and what of A stayed. */
class Row {
  readonly shifts = new Map<string, { side: Side; x: number }[]>();
  readonly kept: boolean[] = [];
  readonly onsets: number[] = [];
  add(axis: Axis, side: Side, refs: Record<Reference, Measures>, out: Measures): void {
    for (const m of AXES[axis].measures) for (const r of REFERENCES) this.list(m, r).push({ side, x: side * (out[m] - refs[r][m]) });
  }
  private list(m: Measure, r: Reference): { side: Side; x: number }[] {
    let xs = this.shifts.get(`${m} ${r}`);
    if (!xs) this.shifts.set(`${m} ${r}`, (xs = []));
    return xs;
  }
  /** The shifts toward the target, of every piece or only of those whose target is on one side. */
  private of(m: Measure, r: Reference, side?: Side): number[] {
    return this.list(m, r).flatMap((s) => (side === undefined || s.side === side ? [s.x] : []));
  }
  moved(m: Measure, r: Reference, side?: Side): number {
    return share(this.of(m, r, side).map((x) => x > 0));
  }
  cell(m: Measure, r: Reference, side?: Side): string {
    const digits = m === 'velocity' ? 1 : m === 'density' ? 2 : 3;
    const xs = this.of(m, r, side);
    return xs.length === 0 ? '—' : `${this.moved(m, r, side).toFixed(2)} (${signed(mean(xs), digits)})`;
  }
}
const share = (xs: boolean[]) => xs.filter(Boolean).length / Math.max(xs.length, 1);
const mean = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / Math.max(xs.length, 1);
const signed = (x: number, digits: number) => `${x >= 0 ? '+' : '−'}${Math.abs(x).toFixed(digits)}`;
const isHigh = (axis: Axis, q: Quadrant) => AXES[axis].high.includes(q);
const seconds = (t0: number) => `${((performance.now() - t0) / 1000).toFixed(0)} s`;
const first = (sequences: number[][][]) => sequences[0];

/** The first n of a seeded shuffle (Fisher-Yates). */
function draw<T>(xs: readonly T[], n: number, drawSeed: number): T[] {
  const all = [...xs];
  const rng = mulberry32(drawSeed);
  for (let i = all.length - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    [all[i], all[j]] = [all[j], all[i]];
  }
  return all.slice(0, n);
}

// ---- transfer across each axis
const transfers: Record<Axis, Map<Element, Row>> = { valence: new Map(), arousal: new Map() };
const keptAll: boolean[] = [];
const started = performance.now();
let pairSeed = seed;
for (const [k, axis] of (['valence', 'arousal'] as const).entries()) {
  const t0 = performance.now();
  for (const highA of [true, false]) {
    const as = clips.filter((c) => isHigh(axis, c.quadrant) === highA);
    const bs = clips.filter((c) => isHigh(axis, c.quadrant) !== highA);
    const side: Side = highA ? -1 : 1;
    const pairs = as.flatMap((a) => bs.map((b): [Clip, Clip] => [a, b]));
    for (const [A, B] of draw(pairs, pairsPerDirection, seed + 2 * k + Number(highA))) {
      const [a, b] = [await engine.encode(A.sequence.tokens), await engine.encode(B.sequence.tokens)];
      const options = { seed: pairSeed++, sampling };
      const refs = { reconstruction: measure(A, first((await engine.reconstruct(a, options)).sequences)), A: measure(A, A.sequence.tokens) };
      for (const e of elements) {
        const out = first((await engine.transfer(a, b, { elements: [e] }, options)).sequences);
        const row = transfers[axis].get(e) ?? new Row();
        transfers[axis].set(e, row);
        row.add(axis, side, refs, measure(A, out));
        const kept = ELEMENTS.filter((f) => f !== e).every((f) => nearerA(out, A.sequence.tokens, B.sequence.tokens, f, vocab));
        row.kept.push(kept);
        keptAll.push(kept);
        row.onsets.push(onsetsKept(A.sequence.tokens, out, vocab));
      }
    }
  }
  console.error(`transfer across ${axis}: ${seconds(t0)}`);
}
const transferTime = seconds(started);

// ---- re-mood toward the quadrant across each axis
const DECODED_UNDER = ["A's", "the target's"] as const;
const remoods = REMOODS.filter((r) => r.elements.every((e) => elements.includes(e))).flatMap((r) => DECODED_UNDER.map((under) => ({ ...r, under, row: new Row() })));
const t1 = performance.now();
const chosen = draw(clips, clipCount, seed + 4);
const rebuilt: Record<Reference, Measures>[] = [];
const encodings: Encoding[] = []; // each chosen clip's, for continue too
for (const [k, A] of chosen.entries()) {
  const a = await engine.encode(A.sequence.tokens);
  encodings.push(a);
  // seeds of their own, so runs with other pairs or another guidance re-mood each clip alike
  const options = { seed: seed + 100_000 + k, sampling };
  const refs = { reconstruction: measure(A, first((await engine.reconstruct(a, options)).sequences)), A: measure(A, A.sequence.tokens) };
  rebuilt.push(refs);
  for (const r of remoods) {
    const target = ACROSS[r.axis][A.quadrant];
    const emotion: EmotionChoice = r.under === "A's" ? 'A' : target;
    const out = (await remood(engine, { sequence: A.sequence, encoding: a, name: A.id }, { to: target, elements: r.elements, emotion, guidance, key, ...options })).sequence.tokens;
    r.row.add(r.axis, isHigh(r.axis, target) ? 1 : -1, refs, measure(A, out));
    r.row.onsets.push(onsetsKept(A.sequence.tokens, out, vocab));
  }
}
const remoodTime = seconds(t1);

// ---- continue toward the quadrant across each axis, beside continuing in A's own
/** The notes of bars [from, to) (0-based, as piece.downbeats), as a piece. */
function bars(piece: Piece, from: number, to: number): Piece {
  const [start, end] = [piece.downbeats[from] ?? Infinity, piece.downbeats[to] ?? Infinity];
  return { ...piece, notes: piece.notes.filter((n) => n.onset >= start && n.onset < end) };
}
const continued: Record<Axis, Row> = { valence: new Row(), arousal: new Row() };
const t2 = performance.now();
for (const [k, A] of (continueBars > 0 ? chosen : []).entries()) {
  const a: EncodedPiece = { sequence: A.sequence, encoding: encodings[k], name: A.id };
  const request = { bars: continueBars, guidance, sampling, seed: seed + 200_000 + k, key };
  const { pieces, ownBars } = await continuePiece(engine, a, { ...request, quadrant: A.quadrant });
  const own = pieces[0].piece;
  const refs = { reconstruction: measurePiece(bars(own, ownBars, ownBars + continueBars)), A: measurePiece(bars(own, Math.max(0, ownBars - continueBars), ownBars)) };
  for (const axis of ['valence', 'arousal'] as const) {
    const target = ACROSS[axis][A.quadrant];
    const out = (await continuePiece(engine, a, { ...request, quadrant: target })).pieces[0].piece;
    continued[axis].add(axis, isHigh(axis, target) ? 1 : -1, refs, measurePiece(bars(out, ownBars, ownBars + continueBars)));
  }
}
const continueTime = seconds(t2);
await engine.close();

// ---- tables
const ofBoth = (ms: Measure[]) => ms.flatMap((m) => REFERENCES.map((r) => `${MEASURE_NAMES[m]} vs ${r === 'A' ? 'A' : 'recon.'}`));
const goal = (what: string, x: number, threshold: number) => `${what}: ${x.toFixed(2)} (goal ≥ ${threshold.toFixed(2)}: ${x >= threshold ? 'met' : 'missed'})`;
const date = new Date().toISOString().slice(0, 10);
console.log(`Emotion moves, measured: EMOPIA ${split} split (${clips.length} clips), seed ${seed}, ${samplingName} sampling, key ${key}, ${date}. Cells: share of pieces moving toward the target side (mean signed shift, + toward it); "vs recon." against A's reconstruction with the same seed (the element's own effect), "vs A" against A's tokens.\n`);
for (const axis of ['valence', 'arousal'] as const) {
  const ms = AXES[axis].measures;
  const n = transfers[axis].get(elements[0])?.kept.length ?? 0;
  if (n === 0) continue;
  console.log(`### Transfer across ${axis}: ${n} pairs (${n / 2} high → low, ${n / 2} low → high), 'type' alignment\n`);
  console.log(`| element | ${ofBoth(ms).join(' | ')} | untouched elements nearer A | A's onsets kept |`);
  console.log(`|---|${ms.map(() => '---|---|').join('')}---|---|`);
  for (const [e, row] of transfers[axis]) console.log(`| ${e} | ${ms.flatMap((m) => REFERENCES.map((r) => row.cell(m, r))).join(' | ')} | ${share(row.kept).toFixed(2)} | ${mean(row.onsets).toFixed(2)} |`);
  console.log('');
}
if (keptAll.length > 0) console.log(`Transfer time: ${transferTime}.\n`);

for (const axis of ['valence', 'arousal'] as const) {
  const ms = AXES[axis].measures;
  const rows = remoods.filter((r) => r.axis === axis);
  if (rows.length === 0) continue;
  console.log(`### Re-mood across ${axis}: ${chosen.length} clips, each toward the quadrant across ${axis} (guidance ${guidanceName})\n`);
  console.log(`| elements | decoded under | ${ofBoth(ms).join(' | ')} | A's onsets kept |`);
  console.log(`|---|---|${ms.map(() => '---|---|').join('')}---|`);
  for (const r of rows) console.log(`| ${r.elements.join(' + ')} | ${r.under} emotion | ${ms.flatMap((m) => REFERENCES.map((ref) => r.row.cell(m, ref))).join(' | ')} | ${mean(r.row.onsets).toFixed(2)} |`);
  console.log('');
}
if (remoods.length > 0) console.log(`Re-mood time: ${remoodTime}.\n`);

for (const axis of continueBars > 0 ? (['valence', 'arousal'] as const) : []) {
  const ms = AXES[axis].measures;
  console.log(`### Continue across ${axis}: ${chosen.length} clips, each continued by ${continueBars} bars toward the quadrant across ${axis} (guidance ${guidanceName})\n`);
  console.log(`| the new bars | ${ms.flatMap((m) => [`${MEASURE_NAMES[m]} vs continued in A's quadrant`, `${MEASURE_NAMES[m]} vs A's last ${continueBars} bars`]).join(' | ')} | toward high / low vs A's quadrant |`);
  console.log(`|---|${ms.map(() => '---|---|').join('')}---|`);
  const row = continued[axis];
  console.log(`| toward the target | ${ms.flatMap((m) => REFERENCES.map((ref) => row.cell(m, ref))).join(' | ')} | ${row.cell(axis, 'reconstruction', 1)} / ${row.cell(axis, 'reconstruction', -1)} |`);
  console.log('');
}
if (continueBars > 0) console.log(`Continue time: ${continueTime}.\n`);

// the decoding draw itself can move a measure: A beside its reconstruction, over the re-mooded clips
const means = (r: Reference) => (['valence', 'arousal', 'spread'] as const).map((m) => `${MEASURE_NAMES[m]} ${mean(rebuilt.map((x) => x[r][m])).toFixed(2)}`).join(', ');
if (rebuilt.length > 0) console.log(`Means over the ${rebuilt.length} re-mooded clips: A ${means('A')}; A's reconstruction ${means('reconstruction')}.\n`);

// where a share is low, whether one direction fails (a side the judge or the model cannot reach)
const sides = (row: Row, axis: Axis) => ([1, -1] as const).map((side) => row.cell(axis, 'reconstruction', side)).join(' | ');
for (const axis of ['valence', 'arousal'] as const) {
  if (transfers[axis].size === 0 && !remoods.some((r) => r.axis === axis)) continue;
  console.log(`### By direction: judged ${axis} vs A's reconstruction\n`);
  console.log(`| rearrangement | toward high ${axis} | toward low ${axis} |`);
  console.log('|---|---|---|');
  for (const [e, row] of transfers[axis]) console.log(`| ${e} from B | ${sides(row, axis)} |`);
  for (const r of remoods.filter((x) => x.axis === axis)) console.log(`| re-mood ${r.elements.join(' + ')}, ${r.under} emotion | ${sides(r.row, axis)} |`);
  console.log('');
}

console.log('Goals (issue 14):');
for (const [axis, e] of [['valence', 'pitch'], ['arousal', 'duration'], ['arousal', 'velocity']] as const) {
  const row = transfers[axis].get(e);
  if (row) for (const r of REFERENCES) console.log(`- ${goal(`${e} transfer moves judged ${axis} toward B, vs ${r}`, row.moved(axis, r), GOAL_MOVES)}`);
}
for (const r of remoods) {
  for (const ref of REFERENCES) console.log(`- ${goal(`${r.elements.join(' + ')} re-mood under ${r.under} emotion moves judged ${r.axis} toward the target, vs ${ref}`, r.row.moved(r.axis, ref), GOAL_MOVES)}`);
}
if (keptAll.length > 0) console.log(`- ${goal('untouched elements stay nearer A than B, over every transfer', share(keptAll), GOAL_KEPT)}`);
