// The latent heatmap of an encoded piece: per token, per element, the element's 16
// dims; and the same averaged over each bar. As JSON (what `muser encode` writes and the
// app draws) and as long-format CSV (one row per token or bar and element).

import type { Manifest } from '../onnx/manifest.js';
import type { Encoding } from './encoding.js';

export interface BarHeat {
  bar: number;
  /** Token indices [first, last] of the bar. */
  tokens: [number, number];
  /** Mean latent per element: [elements][slice]. */
  mean: number[][];
}

export interface LatentReport {
  format: 'muser-latents-1';
  source: string;
  vocab: string;
  elements: string[];
  slice: number;
  tokens: number[][];
  /** Bar of each token (-1 outside bars). */
  tokenBars: number[];
  /** Continuous latents [tokens][elements][slice]. */
  latents: number[][][];
  /** Code indices [tokens][codebooks]. */
  codes: number[][];
  bars: BarHeat[];
}

const round = (x: number) => Math.round(x * 1e5) / 1e5;

export function latentReport(enc: Encoding, manifest: Manifest, source: string): LatentReport {
  const { elements, slice, dims } = manifest.latent;
  const books = manifest.codebooks.count;
  const latents = Array.from({ length: enc.length }, (_, t) =>
    elements.map((_e, k) => Array.from(enc.latents.subarray(t * dims + k * slice, t * dims + (k + 1) * slice), round)),
  );
  const bars: BarHeat[] = [];
  enc.slots.forEach((s, t) => {
    if (s.bar < 0) return;
    let bar = bars[bars.length - 1];
    if (!bar || bar.bar !== s.bar) bars.push((bar = { bar: s.bar, tokens: [t, t], mean: elements.map(() => new Array(slice).fill(0)) }));
    bar.tokens[1] = t;
    for (let k = 0; k < elements.length; k++) for (let d = 0; d < slice; d++) bar.mean[k][d] += enc.latents[t * dims + k * slice + d];
  });
  for (const b of bars) {
    const n = b.tokens[1] - b.tokens[0] + 1;
    b.mean = b.mean.map((row) => row.map((v) => round(v / n)));
  }
  return {
    format: 'muser-latents-1',
    source,
    vocab: manifest.vocab,
    elements,
    slice,
    tokens: enc.tokens,
    tokenBars: enc.slots.map((s) => s.bar),
    latents,
    codes: Array.from({ length: enc.length }, (_, t) => Array.from(enc.codes.subarray(t * books, (t + 1) * books))),
    bars,
  };
}

export function latentCsv(r: LatentReport): string {
  const header = ['scope', 'index', 'bar', 'element', ...Array.from({ length: r.slice }, (_, d) => `d${d}`)].join(',');
  const rows = [header];
  r.latents.forEach((perElement, t) => perElement.forEach((v, k) => rows.push(['token', t, r.tokenBars[t], r.elements[k], ...v].join(','))));
  r.bars.forEach((b) => b.mean.forEach((v, k) => rows.push(['bar', b.bar, b.bar, r.elements[k], ...v].join(','))));
  return `${rows.join('\n')}\n`;
}
