// The latent atlas: each piece summarized per element by the mean of its continuous
// latents over its tokens (16 dims), projected to 2-D by a PCA fitted on a reference
// set (the EMOPIA test split, computed by scripts/make-atlas.ts into assets/atlas.json).
// The user's pieces are placed on the same axes — the paper's latent-space figure.

import { existsSync, readFileSync } from 'node:fs';
import type { Encoding } from '../inference/encoding.js';
import type { Manifest } from '../onnx/manifest.js';
import { projectPath } from '../paths.js';

export interface Projection {
  mean: number[];
  /** Two unit axes, by decreasing variance. */
  axes: [number[], number[]];
  /** Share of the variance each axis explains. */
  explained: [number, number];
}

export interface AtlasPoint {
  name: string;
  quadrant: string;
  /** One [x, y] per element. */
  xy: [number, number][];
}

export interface Atlas {
  format: 'muser-atlas-1';
  /** sha256 of the encoder the atlas was computed with: another model's atlas is stale. */
  encoder: string;
  source: string;
  elements: string[];
  projections: Projection[];
  reference: AtlasPoint[];
}

export const ATLAS_PATH = projectPath('assets', 'atlas.json');

/** Mean latent per element over all tokens: [elements][slice]. */
export function signature(enc: Encoding, manifest: Manifest): number[][] {
  const { elements, slice, dims } = manifest.latent;
  return elements.map((_e, k) => {
    const m = new Array(slice).fill(0);
    for (let t = 0; t < enc.length; t++) for (let d = 0; d < slice; d++) m[d] += enc.latents[t * dims + k * slice + d] / enc.length;
    return m;
  });
}

const dot = (a: number[], b: number[]) => a.reduce((s, x, i) => s + x * b[i], 0);

export function project(p: Projection, v: number[]): [number, number] {
  const c = v.map((x, i) => x - p.mean[i]);
  return [dot(c, p.axes[0]), dot(c, p.axes[1])];
}

/** Top-2 principal axes by power iteration with deflation (the covariance is only 16 x 16). */
export function pca2(vectors: number[][]): Projection {
  const n = vectors.length;
  const d = vectors[0].length;
  const mean = Array.from({ length: d }, (_, i) => vectors.reduce((s, v) => s + v[i], 0) / n);
  const cov = Array.from({ length: d }, (_, i) => Array.from({ length: d }, (_, j) => vectors.reduce((s, v) => s + (v[i] - mean[i]) * (v[j] - mean[j]), 0) / Math.max(1, n - 1)));
  const total = cov.reduce((s, row, i) => s + row[i], 0);
  const axes: number[][] = [];
  const variances: number[] = [];
  for (let k = 0; k < 2; k++) {
    // a fixed, non-degenerate start keeps the atlas reproducible
    let v = Array.from({ length: d }, (_, i) => 1 + i / d);
    let lambda = 0;
    for (let it = 0; it < 500; it++) {
      const w = cov.map((row) => dot(row, v));
      lambda = Math.hypot(...w);
      if (lambda === 0) break;
      v = w.map((x) => x / lambda);
    }
    // a sign convention, so re-running gives the same picture
    if (v.reduce((s, x) => s + x, 0) < 0) v = v.map((x) => -x);
    axes.push(v);
    variances.push(lambda);
    for (let i = 0; i < d; i++) for (let j = 0; j < d; j++) cov[i][j] -= lambda * v[i] * v[j];
  }
  return { mean, axes: [axes[0], axes[1]], explained: [variances[0] / (total || 1), variances[1] / (total || 1)] };
}

export function readAtlas(path = ATLAS_PATH): Atlas | null {
  if (!existsSync(path)) return null;
  return JSON.parse(readFileSync(path, 'utf8')) as Atlas;
}
