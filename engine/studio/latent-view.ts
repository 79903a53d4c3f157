// The latent heatmap as the app draws it: the engine's latent report plus, for every
// token and bar, where it sounds (seconds on the piece's beat grid) and what it is.

import type { LatentReport } from '../inference/latent-report.js';

export interface TokenPlace {
  /** Seconds: from this token's onset to the next later onset (tokens at one onset share it). */
  start: number;
  end: number;
  bar: number;
  label: string;
}

export interface BarPlace {
  bar: number;
  start: number;
  end: number;
  /** Mean latent per element: [elements][slice]. */
  mean: number[][];
}

export interface LatentView {
  elements: string[];
  slice: number;
  /** Continuous latents [tokens][elements][slice]. */
  latents: number[][][];
  tokens: TokenPlace[];
  bars: BarPlace[];
  /** Largest |value|, for a colour scale symmetric around 0. */
  range: number;
}

/** `seconds[t]` is token t's onset; `end` closes the last token (the piece's end). */
export function latentView(report: LatentReport, seconds: number[], labels: string[], end: number): LatentView {
  const T = seconds.length;
  const nextLater: number[] = new Array(T);
  for (let t = T - 1; t >= 0; t--) {
    const after = t + 1 < T ? (seconds[t + 1] > seconds[t] ? seconds[t + 1] : nextLater[t + 1]) : Math.max(end, seconds[t]);
    nextLater[t] = after;
  }
  let range = 0;
  for (const row of report.latents) for (const slice of row) for (const v of slice) range = Math.max(range, Math.abs(v));
  return {
    elements: report.elements,
    slice: report.slice,
    latents: report.latents,
    tokens: seconds.map((s, t) => ({ start: s, end: nextLater[t], bar: report.tokenBars[t], label: labels[t] })),
    bars: report.bars.map((b) => ({ bar: b.bar, start: seconds[b.tokens[0]], end: nextLater[b.tokens[1]], mean: b.mean })),
    range,
  };
}
