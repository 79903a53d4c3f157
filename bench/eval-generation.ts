// The prior's music beside real music of the same quadrant (issue 15's measures): per
// quadrant, the share of samples the emotion judge puts in the asked quadrant; key clarity
// and the major share; notes per second and mean velocity; pitch classes, pitch range and
// polyphony per 256 tokens; and bar repetition — each as mean ± sd over samples, beside
// EMOPIA's clips of that quadrant (test, or validation when choosing settings). Samples
// are made as the app makes them (its sampling defaults, the model's guidance, tokens
// budgeted per bar, cut at the bar count), at 8 and 16 bars, 25 per quadrant, with two
// seeds, in the app's key choice ('auto'; --key free lets the prior write any pitch); the
// sampling flags override the app's defaults, for sweeps (bench/sweep-generation.sh).
// usage: npm run eval:generation [-- --per-quadrant N] [--bars 8,16] [--seeds 7,8] [--split val|test]
//   [--guidance G | G1,G2,G3,G4 (per quadrant)] [--key auto|free|"D minor"] [--temperature T] [--top-p P]
//   [--draw VALUE=T/P ...] (one value's temperature and top-p: codes=0.8/0.9, velocity=1/0.9) [--data DIR] [--models DIR]

import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { measureMusic, type MusicMeasures } from '../engine/analysis/music-measures.js';
import { readEmopiaMeta } from '../engine/dataset/emopia.js';
import { readPiece } from '../engine/io/read-piece.js';
import { openJudge } from '../engine/judge/judge.js';
import { generate } from '../engine/flows/generate.js';
import { parseKeyChoice } from '../engine/flows/key-choice.js';
import { PAPER_SAMPLING, type Draw, type SampledValue, type SamplingRequest } from '../engine/inference/sampling.js';
import { guidanceProblem } from '../engine/onnx/manifest.js';
import { sharedDataPath } from '../engine/paths.js';
import { Engine } from '../engine/runner/engine.js';
import { QUADRANTS, type Quadrant } from '../engine/tokens/quadrants.js';
import { tokenize } from '../engine/tokens/tokenize.js';

const text = { type: 'string' } as const;
const { values } = parseArgs({
  options: {
    'per-quadrant': text, bars: text, seeds: text, split: text, data: text, models: text, guidance: text, key: text,
    temperature: text, 'top-p': text,
    draw: { type: 'string', multiple: true },
  },
});
const perQuadrant = Number(values['per-quadrant'] ?? 25);
const lengths = (values.bars ?? '8,16').split(',').map(Number);
const seeds = (values.seeds ?? '7,8').split(',').map(Number);
const data = values.data ?? sharedDataPath('emopia');
const split = values.split ?? 'test';
if (split !== 'val' && split !== 'test') throw new Error(`--split takes val or test, got ${split}`);
const clips = split === 'test' ? 'test clips' : 'val clips';
const key = parseKeyChoice(values.key ?? 'auto');
const optional = (name: keyof typeof values) => (values[name] === undefined ? undefined : Number(values[name]));
const sampling: SamplingRequest = {
  temperature: optional('temperature'),
  topP: optional('top-p'),
  values: Object.fromEntries((values.draw ?? []).map(drawOf)),
};
const asked = Object.entries(values).filter(([k]) => k.includes('temperature') || k.includes('top-p') || k === 'draw');
const samplingName = asked.length ? asked.map(([k, v]) => `${k} ${v}`).join(', ') : "the app's sampling";

/** "velocity=1/0.9" -> ['velocity', {temperature: 1, topP: 0.9}] */
function drawOf(flag: string): [SampledValue, Draw] {
  const m = /^([a-z-]+)=([\d.]+)\/([\d.]+)$/.exec(flag);
  if (!m || !(m[1] in PAPER_SAMPLING)) throw new Error(`--draw takes VALUE=T/P with VALUE one of ${Object.keys(PAPER_SAMPLING).join(', ')}, got ${flag}`);
  return [m[1] as SampledValue, { temperature: Number(m[2]), topP: Number(m[3]) }];
}

const engine = await Engine.open({ dir: values.models });
const model = openJudge(engine.info.dir);
// without --guidance, the app's
const guidances = values.guidance?.split(',').map(Number) ?? [];
if (guidances.length > 1 && guidances.length !== QUADRANTS.length) throw new Error('--guidance takes one scale or one per quadrant');
for (const g of guidances) {
  const problem = guidanceProblem(g, '--guidance');
  if (problem) throw new Error(problem);
}
const guidanceOf = (k: number): number | undefined => guidances[guidances.length === 1 ? 0 : k];

const meta = readEmopiaMeta(data);
const real: Record<Quadrant, MusicMeasures[]> = { Q1: [], Q2: [], Q3: [], Q4: [] };
for (const file of readdirSync(join(data, 'midis'))) {
  const id = file.replace(/\.midi?$/i, '');
  const q = meta.labels.get(id);
  if (!q || meta.splits.get(id) !== split) continue;
  const piece = readPiece(join(data, 'midis', file));
  real[q].push(measureMusic(piece, tokenize(piece, engine.vocab, q).sequence.tokens, engine.vocab, model));
}

type Figure = (m: MusicMeasures) => number;
const FIGURES: [string, Figure][] = [
  ['key clarity', (m) => m.keyClarity],
  ['major', (m) => Number(m.major)],
  ['notes/s', (m) => m.notesPerSecond],
  ['velocity', (m) => m.velocity],
  ['pitch classes', (m) => m.pitchClasses],
  ['pitch range', (m) => m.pitchSpan],
  ['polyphony', (m) => m.polyphony],
  ['repetition', (m) => m.repetition],
];
const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / Math.max(xs.length, 1);
const sd = (xs: number[]) => Math.sqrt(mean(xs.map((x) => (x - mean(xs)) ** 2)));
const show = (xs: number[]) => `${mean(xs).toFixed(2)} ± ${sd(xs).toFixed(2)}`;
const hit = (ms: MusicMeasures[], q: Quadrant) => mean(ms.map((m) => Number(m.quadrant === q)));

const started = performance.now();
for (const bars of lengths) {
  const made: Record<Quadrant, MusicMeasures[][]> = { Q1: [], Q2: [], Q3: [], Q4: [] };
  const used: Record<Quadrant, number> = { Q1: 1, Q2: 1, Q3: 1, Q4: 1 };
  for (const seed of seeds) {
    for (const [k, quadrant] of QUADRANTS.entries()) {
      const { pieces, guidance } = await generate(engine, { quadrant, bars, count: perQuadrant, guidance: guidanceOf(k), sampling, seed: seed * 10 + k, key });
      used[quadrant] = guidance;
      made[quadrant].push(pieces.map((p) => measureMusic(p.piece, p.sequence.tokens, engine.vocab, model)));
    }
  }
  console.log(`\n## ${bars} bars: ${perQuadrant} samples per quadrant and seed, seeds ${seeds.join(', ')}, guidance ${[...new Set(Object.values(used))].length === 1 ? used.Q1 : QUADRANTS.map((q) => used[q]).join(' / ')}, ${samplingName}, key ${key}\n`);
  console.log(`| quadrant | judged in it (per seed) | ${FIGURES.map(([n]) => n).join(' | ')} |`);
  console.log(`|---|---|${FIGURES.map(() => '---').join('|')}|`);
  for (const q of QUADRANTS) {
    const all = made[q].flat();
    const perSeed = made[q].map((ms) => hit(ms, q).toFixed(2)).join(' / ');
    console.log(`| ${q} samples | **${hit(all, q).toFixed(2)}** (${perSeed}) | ${FIGURES.map(([, f]) => show(all.map(f))).join(' | ')} |`);
    console.log(`| ${q} ${clips} (${real[q].length}) | ${hit(real[q], q).toFixed(2)} | ${FIGURES.map(([, f]) => show(real[q].map(f))).join(' | ')} |`);
  }
  report(made);
}
await engine.close();
console.log(`\n(${((performance.now() - started) / 1000).toFixed(0)} s)`);

/** The goals, each figure beside its target. */
function report(made: Record<Quadrant, MusicMeasures[][]>): void {
  const gen = (q: Quadrant, f: Figure) => mean(made[q].flat().map(f));
  const dat = (q: Quadrant, f: Figure) => mean(real[q].map(f));
  const pair = (qs: Quadrant[], of: (q: Quadrant, f: Figure) => number, f: Figure) => mean(qs.map((q) => of(q, f)));
  const lines: string[] = [];
  const worst = Math.min(...QUADRANTS.map((q) => hit(made[q].flat(), q)));
  lines.push(`- judged in the asked quadrant, worst quadrant: ${worst.toFixed(2)} (goal >= 0.75 in every quadrant) ${worst >= 0.75 ? 'met' : 'MISSED'}`);
  for (const [name, f] of FIGURES.filter(([n]) => ['pitch classes', 'key clarity', 'polyphony'].includes(n))) {
    const off = Math.max(...QUADRANTS.map((q) => Math.abs(gen(q, f) - dat(q, f)) / Math.abs(dat(q, f))));
    lines.push(`- ${name}: largest gap to the quadrant's ${clips} ${(100 * off).toFixed(0)} % (goal within 10 %) ${off <= 0.1 ? 'met' : 'MISSED'}`);
  }
  const major: Figure = (m) => Number(m.major);
  const majorGen = pair(['Q1', 'Q4'], gen, major) - pair(['Q2', 'Q3'], gen, major);
  const majorDat = pair(['Q1', 'Q4'], dat, major) - pair(['Q2', 'Q3'], dat, major);
  lines.push(`- major share Q1/Q4 minus Q2/Q3: samples ${majorGen.toFixed(2)}, ${clips} ${majorDat.toFixed(2)} (goal: at least the clips' margin) ${majorGen >= majorDat ? 'met' : 'MISSED'}`);
  for (const [name, f] of FIGURES.filter(([n]) => ['notes/s', 'velocity'].includes(n))) {
    const g = pair(['Q1', 'Q2'], gen, f) - pair(['Q3', 'Q4'], gen, f);
    const d = pair(['Q1', 'Q2'], dat, f) - pair(['Q3', 'Q4'], dat, f);
    lines.push(`- ${name} Q1/Q2 minus Q3/Q4: samples ${g.toFixed(2)}, ${clips} ${d.toFixed(2)} (goal: at least half the clips' margin) ${g >= d / 2 ? 'met' : 'MISSED'}`);
  }
  console.log(`\n${lines.join('\n')}`);
}
