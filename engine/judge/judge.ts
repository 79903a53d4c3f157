// The emotion judge: valence and arousal of a piece from its musical features
// (features.ts), two logistic regressions trained by models/training/judge.py and
// shipped as models/judge.json (its sha256 in the manifest). Every estimate says which
// features pushed it most, in words a musician uses.

import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Descriptors } from '../descriptors/describe.js';
import { InputError } from '../errors.js';
import { readManifest } from '../onnx/manifest.js';
import { projectPath } from '../paths.js';
import { pitchName } from '../piece/piece.js';
import { QUADRANTS, type Quadrant } from '../tokens/quadrants.js';
import { loadVocab } from '../tokens/vocab.js';
import { JUDGE_FEATURES, judgeFeatures, type JudgeFeature } from './features.js';

export const JUDGE_FORMAT = 'muser-judge-1';
/** Below this velocity spread a file carries no dynamics (a grid export at one velocity): loudness is not judged. */
const MIN_DYNAMICS = 2;
const VELOCITY: readonly JudgeFeature[] = ['velocity_variation', 'accent'];
/** Reasons named per estimate and dimension. */
const REASONS = 2;

interface Head {
  weights: number[];
  bias: number;
}

export interface JudgeModel {
  format: string;
  features: JudgeFeature[];
  mean: number[];
  std: number[];
  valence: Head;
  arousal: Head;
  metrics?: { test?: { accuracy?: Record<'quadrant' | 'valence' | 'arousal', number> } };
}

export type Dimension = 'valence' | 'arousal';

export interface Reason {
  feature: JudgeFeature;
  /** What the piece has, in words ("minor-leaning harmony", "6.1 notes per second"). */
  what: string;
  dimension: Dimension;
  /** Which way it pushed the estimate. */
  direction: 'up' | 'down';
  /** Its push on the log-odds. */
  weight: number;
}

export interface EmotionEstimate {
  probabilities: Record<Quadrant, number>;
  quadrant: Quadrant;
  /** P(high valence), 0..1. */
  valence: number;
  /** P(high arousal), 0..1. */
  arousal: number;
  /** What pushed valence and arousal most toward where they ended (high or low), strongest first. */
  reasons: Reason[];
  /** "minor-leaning harmony → valence down; 6.1 notes per second → arousal up". */
  explanation: string;
}

const opened = new Map<string, JudgeModel>();

/** The judge a model folder ships (read once per folder). */
export function openJudge(dir = projectPath('models')): JudgeModel {
  let model = opened.get(dir);
  if (!model) {
    const entry = readManifest(dir, loadVocab()).judge;
    if (!entry) throw new InputError(join(dir, 'manifest.json'), 'names no emotion judge (ship one with models/training/judge.py --ship)');
    opened.set(dir, (model = readJudge(dir, entry)));
  }
  return model;
}

/** Reads a judge file, checked against the sha256 the manifest gives. */
export function readJudge(dir: string, entry: { path: string; sha256: string }): JudgeModel {
  const path = join(dir, entry.path);
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch {
    throw new InputError(path, 'missing: the emotion judge named by the manifest is not there');
  }
  const sha = createHash('sha256').update(bytes).digest('hex');
  if (sha !== entry.sha256) throw new InputError(path, `corrupted or replaced: sha256 ${sha.slice(0, 12)}... differs from the manifest's ${entry.sha256.slice(0, 12)}...`);
  const model = JSON.parse(bytes.toString('utf8')) as JudgeModel;
  const unknown = model.features.filter((f) => !JUDGE_FEATURES.includes(f));
  if (model.format !== JUDGE_FORMAT || unknown.length > 0) {
    throw new InputError(path, `not a judge this app can run (format ${model.format}${unknown.length ? `, unknown features ${unknown.join(', ')}` : ''})`);
  }
  return model;
}

/** P(high valence) and P(high arousal) of raw feature values, with each feature's push on the log-odds. */
export function score(model: JudgeModel, raw: Record<JudgeFeature, number>, dynamics = true): Record<Dimension, { p: number; pushes: number[] }> {
  // standardised features; where the file has no dynamics its loudness counts as average
  const z = model.features.map((f, i) => (!dynamics && VELOCITY.includes(f) ? 0 : (raw[f] - model.mean[i]) / model.std[i]));
  const head = ({ weights, bias }: Head) => {
    const pushes = weights.map((w, i) => w * z[i]);
    return { p: 1 / (1 + Math.exp(-pushes.reduce((s, x) => s + x, bias))), pushes };
  };
  return { valence: head(model.valence), arousal: head(model.arousal) };
}

export function judge(model: JudgeModel, d: Descriptors): EmotionEstimate {
  const s = score(model, judgeFeatures(d), d.velocitySpread >= MIN_DYNAMICS);
  const reasons: Reason[] = [];
  for (const dimension of ['valence', 'arousal'] as const) {
    // name what pushed toward the side the estimate is on: why it is high (or low)
    const side = s[dimension].p >= 0.5 ? 1 : -1;
    const order = model.features
      .map((feature, i) => ({ feature, push: s[dimension].pushes[i] }))
      .filter((r) => Math.sign(r.push) === side)
      .sort((a, b) => Math.abs(b.push) - Math.abs(a.push));
    for (const r of order.slice(0, REASONS)) reasons.push({ feature: r.feature, what: describeFeature(r.feature, d), dimension, direction: r.push > 0 ? 'up' : 'down', weight: r.push });
  }
  const [v, a] = [s.valence.p, s.arousal.p];
  const p = [v * a, (1 - v) * a, (1 - v) * (1 - a), v * (1 - a)];
  return {
    probabilities: { Q1: p[0], Q2: p[1], Q3: p[2], Q4: p[3] },
    quadrant: QUADRANTS[p.indexOf(Math.max(...p))],
    valence: v,
    arousal: a,
    reasons,
    explanation: explain(reasons),
  };
}

/** The reasons as one line, a feature that pushed both dimensions named once: "detached (56 % of each beat sounds) → valence up, arousal up". */
export function explain(reasons: readonly Reason[]): string {
  const moves = new Map<string, string[]>();
  for (const r of reasons) moves.set(r.what, [...(moves.get(r.what) ?? []), `${r.dimension} ${r.direction}`]);
  return [...moves].map(([what, m]) => `${what} → ${m.join(', ')}`).join('; ');
}

const percent = (x: number) => `${Math.round(100 * x)} %`;
const leaning = (margin: number) => (margin >= 0 ? 'major' : 'minor');

/** A feature's value as a musician would say it. */
function describeFeature(f: JudgeFeature, d: Descriptors): string {
  switch (f) {
    case 'mode_margin':
      return `${d.key.label} (${leaning(d.key.modeMargin)}-leaning, margin ${Math.abs(d.key.modeMargin).toFixed(2)})`;
    case 'mode_margin_aarden':
      return `${leaning(d.modeMarginAarden)}-leaning scale degrees`;
    case 'major_bars':
      return `${percent(d.majorBars)} of bars in a major key`;
    case 'bar_mode_margin':
      return `bars leaning ${leaning(d.barModeMargin)}`;
    case 'key_clarity':
      return `key clarity ${d.key.clarity.toFixed(2)}`;
    case 'chords_major':
      return `${percent(d.chords.major)} major chords`;
    case 'chords_minor':
      return `${percent(d.chords.minor)} minor chords`;
    case 'chords_dominant':
      return `${percent(d.chords.dominant)} dominant sevenths`;
    case 'chords_diminished':
      return `${percent(d.chords.diminished)} diminished chords`;
    case 'chords_suspended':
      return `${percent(d.chords.suspended)} suspended chords`;
    case 'pitch_mean':
      return `register around ${pitchName(Math.round(d.pitchMean))}`;
    case 'pitch_range':
      return `a range of ${d.pitchRange} semitones`;
    case 'log_density':
      return `${d.density.toFixed(1)} notes per second`;
    case 'log_onset_rate':
      return `${d.onsetRate.toFixed(1)} onsets per second`;
    case 'log_tempo':
      return `${Math.round(d.tempo)} BPM`;
    case 'short_notes':
      return `${percent(d.shortNotes)} short notes`;
    case 'polyphony':
      return `${d.polyphony.toFixed(1)} notes per onset`;
    case 'rhythm_variation':
      return d.rhythmVariation >= 1 ? 'a varied rhythm' : 'an even pulse';
    case 'bass_share':
      return `${percent(d.bassShare)} of notes in the bass`;
    case 'articulation':
      return d.articulation >= 0.8 ? `legato (${percent(d.articulation)} of each beat sounds)` : `detached (${percent(d.articulation)} of each beat sounds)`;
    case 'velocity_variation':
      return `dynamic contrast ${percent(d.velocityVariation)}`;
    case 'accent':
      return d.accent >= 0 ? `beats accented ${percent(d.accent)}` : `off-beats accented ${percent(-d.accent)}`;
  }
}
