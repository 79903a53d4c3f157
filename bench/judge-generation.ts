// The prior's music judged by the emotion judge (issue 12, item 6: what the old
// classifier measured, measured again): per quadrant, the share of generated samples the
// judge puts in the asked quadrant, beside the judge's own recall on EMOPIA's test clips
// of that quadrant (how often it finds real music's quadrant). Protocol as evaluate.py's:
// 25 samples per quadrant, 256 tokens, temperature 1 and top-p 0.9 everywhere, the
// manifest's guidance, seed 7.
// usage: npm run eval:generation [-- --per-quadrant N] [--seed N] [--data DIR]

import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { estimateTokens } from '../engine/analysis/analysis.js';
import { readEmopiaMeta } from '../engine/dataset/emopia.js';
import { describe } from '../engine/descriptors/describe.js';
import { samplingOf } from '../engine/inference/sampling.js';
import { readPiece } from '../engine/io/read-piece.js';
import { judge, openJudge } from '../engine/judge/judge.js';
import { priorGuidance } from '../engine/onnx/manifest.js';
import { sharedDataPath } from '../engine/paths.js';
import { Engine } from '../engine/runner/engine.js';
import { QUADRANTS, type Quadrant } from '../engine/tokens/quadrants.js';
import { FIELDS } from '../engine/tokens/vocab.js';

const { values } = parseArgs({ options: { 'per-quadrant': { type: 'string' }, seed: { type: 'string' }, data: { type: 'string' } } });
const perQuadrant = Number(values['per-quadrant'] ?? 25);
const seed = Number(values.seed ?? 7);
const data = values.data ?? sharedDataPath('emopia');

const engine = await Engine.open();
const model = openJudge(engine.info.dir);
const guidance = priorGuidance(engine.manifest);
const share = (xs: boolean[]) => xs.filter(Boolean).length / Math.max(xs.length, 1);

const meta = readEmopiaMeta(data);
const recall: Record<Quadrant, boolean[]> = { Q1: [], Q2: [], Q3: [], Q4: [] };
for (const file of readdirSync(join(data, 'midis'))) {
  const id = file.replace(/\.midi?$/i, '');
  const q = meta.labels.get(id);
  if (!q || meta.splits.get(id) !== 'test') continue;
  recall[q].push(judge(model, describe(readPiece(join(data, 'midis', file)), engine.vocab)).quadrant === q);
}

const rows: string[] = [];
const hits: boolean[] = [];
const started = performance.now();
for (const [k, quadrant] of QUADRANTS.entries()) {
  const { sequences } = await engine.generate({ quadrant, tokens: 256, count: perQuadrant, guidance }, { seed: seed + k, sampling: samplingOf({ temperature: 1, topP: 0.9 }) });
  const judged = sequences.map((tokens) => estimateTokens({ vocab: engine.vocab.version, fields: [...FIELDS], tokens }, engine.vocab, model));
  const inQuadrant = judged.map((e) => e.quadrant === quadrant);
  hits.push(...inQuadrant);
  const spread = QUADRANTS.map((q) => `${q} ${judged.filter((e) => e.quadrant === q).length}`).join(', ');
  rows.push(`| ${quadrant} | ${share(inQuadrant).toFixed(2)} | ${spread} | ${share(recall[quadrant]).toFixed(2)} (${recall[quadrant].length} clips) |`);
}
await engine.close();
console.log(`The prior's samples judged by the emotion judge: ${perQuadrant} per quadrant, 256 tokens, guidance ${guidance}, seed ${seed} (${((performance.now() - started) / 1000).toFixed(0)} s)\n`);
console.log('| asked | in the asked quadrant | judged as | judge on real test clips of the quadrant |');
console.log('|---|---|---|---|');
for (const r of rows) console.log(r);
console.log(`\nmean: ${share(hits).toFixed(2)} of ${hits.length} samples`);
