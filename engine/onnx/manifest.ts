// models/manifest.json (written by models/training/ship.py): which ONNX files make up a
// model set, their checksums, and the shapes the engine needs to drive them.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { InputError } from '../errors.js';
import type { Quadrant } from '../tokens/quadrants.js';
import type { Vocab } from '../tokens/vocab.js';

export const MANIFEST_FORMAT = 'muser-models-1';

export const GRAPH_NAMES = ['encoder', 'dequantize', 'decoder_step', 'decoder_heads', 'prior_step', 'prior_heads', 'classifier'] as const;
export type GraphName = (typeof GRAPH_NAMES)[number];

export interface GraphFile {
  path: string;
  sha256: string;
  bytes: number;
}

/** Shape of a linear-attention state: [layers, batch, heads, head_dim, head_dim] and [layers, batch, heads, head_dim]. */
export interface StateShape {
  layers: number;
  heads: number;
  head_dim: number;
}

export interface Manifest {
  format: string;
  vocab: string;
  files: Record<GraphName, GraphFile>;
  latent: { elements: string[]; slice: number; dims: number; layout: Record<string, [number, number]> };
  /** order: the codebooks of one position in the order the prior chooses them (the type's first). */
  codebooks: { count: number; size: number; kind: string; order: number[] };
  decoder_state: StateShape;
  prior_state: StateShape;
  /**
   * guidance: the classifier-free guidance scale the prior was evaluated with (absent: 1, none);
   * quadrant_guidance: the app's scale per quadrant where one was chosen for these weights.
   */
  prior?: { guidance?: number; quadrant_guidance?: Partial<Record<Quadrant, number>> };
  training?: { config?: { crop?: number } };
  metrics?: Record<string, unknown>;
  /** The emotion judge (models/training/judge.py): its file and checksum. */
  judge?: { path: string; sha256: string };
}

export function manifestPath(dir: string): string {
  return join(dir, 'manifest.json');
}

/** Read and check a model folder's manifest against the engine's vocabulary. */
export function readManifest(dir: string, vocab: Vocab): Manifest {
  const file = manifestPath(dir);
  let raw: Manifest;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new InputError(file, code === 'ENOENT' ? 'no such file (is this a model folder? models are shipped by models/training/ship.py)' : `unreadable (${(err as Error).message})`);
  }
  if (raw?.format !== MANIFEST_FORMAT) throw new InputError(file, `format "${raw?.format}" is not "${MANIFEST_FORMAT}"`);
  // a model trained on another vocabulary would read our token indices as other symbols
  if (raw.vocab !== vocab.version) {
    throw new InputError(file, `the models were trained with vocabulary "${raw.vocab}", but this engine uses "${vocab.version}"; ship models made with this vocabulary`);
  }
  for (const g of GRAPH_NAMES) {
    const f = raw.files?.[g];
    if (!f || typeof f.path !== 'string' || !/^[0-9a-f]{64}$/.test(f.sha256)) throw new InputError(file, `no valid entry for graph "${g}" (path and sha256)`);
  }
  const { count, order } = raw.codebooks ?? {};
  if (!Array.isArray(order) || [...order].sort((x, y) => x - y).join() !== Array.from({ length: count }, (_, i) => i).join()) {
    throw new InputError(file, 'codebooks.order must list every codebook once (the prior\'s sampling order)');
  }
  const scales: [string, unknown][] = [['prior.guidance', raw.prior?.guidance], ...Object.entries(raw.prior?.quadrant_guidance ?? {}).map(([q, g]): [string, unknown] => [`prior.quadrant_guidance.${q}`, g])];
  for (const [name, scale] of scales) {
    const problem = scale === undefined ? null : guidanceProblem(scale, name);
    if (problem) throw new InputError(file, problem);
  }
  const elements = raw.latent?.elements;
  if (!Array.isArray(elements) || raw.latent.dims !== elements.length * raw.latent.slice) throw new InputError(file, 'latent layout is inconsistent (dims != elements x slice)');
  return raw;
}

/** The largest guidance scale the prior takes (0 is the emotion-free prior, 1 plain conditional sampling). */
export const MAX_GUIDANCE = 10;

/** Why `scale` is no guidance scale (`name`: what the caller calls it), or null when it is one. */
export function guidanceProblem(scale: unknown, name: string): string | null {
  return typeof scale === 'number' && scale >= 0 && scale <= MAX_GUIDANCE ? null : `${name} must be in [0, ${MAX_GUIDANCE}], got ${JSON.stringify(scale)}`;
}

/** The prior's default guidance scale for a quadrant: its own where one was chosen, else the scale it was evaluated with (1: plain conditional sampling). */
export function priorGuidance(manifest: Manifest, quadrant?: Quadrant): number {
  return (quadrant && manifest.prior?.quadrant_guidance?.[quadrant]) ?? manifest.prior?.guidance ?? 1;
}

/** How often the emotion judge was right on the test split, as the model card reports. */
export interface JudgeAccuracy {
  quadrant: number;
  valence: number;
  arousal: number;
}

/** The judge's test figures from the manifest, or null when it carries none. */
export function judgeAccuracy(manifest: Manifest): JudgeAccuracy | null {
  const judge = manifest.metrics?.judge as { test?: { accuracy?: Record<string, unknown> } } | undefined;
  const c = judge?.test?.accuracy;
  const fraction = (v: unknown) => typeof v === 'number' && v >= 0 && v <= 1;
  if (!c || !fraction(c.quadrant) || !fraction(c.valence) || !fraction(c.arousal)) return null;
  return { quadrant: c.quadrant as number, valence: c.valence as number, arousal: c.arousal as number };
}

/** The training crop: the model saw windows of at most this many tokens. */
export function trainingCrop(manifest: Manifest): number {
  return manifest.training?.config?.crop ?? 256;
}
