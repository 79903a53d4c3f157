// Global beat period from the inter-onset-interval histogram: every pair of onset
// events up to MAX_LAG apart votes for its lag with the product of their weights
// (an autocorrelation of the event train that ignores silences). The quarter-note
// level is picked among the histogram's periodicities by a log-normal tempo prior
// plus support from the metrical levels above and below, which is what separates a
// quarter-note pulse from running 8ths or from the half-note pulse.

import type { OnsetEvent } from './onsets.js';

const BIN = 0.01; // seconds per histogram bin
const MAX_LAG = 4; // seconds
export const MIN_PERIOD = 0.25; // 240 BPM
export const MAX_PERIOD = 1.5; // 40 BPM

export interface TempoOptions {
  /** Centre of the log-normal tempo prior, BPM. */
  priorBpm: number;
  /** Width of the prior in octaves (standard deviation of log2 tempo). */
  priorOctaves: number;
}

export const DEFAULT_TEMPO: TempoOptions = { priorBpm: 110, priorOctaves: 0.9 };

/** Smoothed lag histogram, index = lag / BIN. */
export function ioiHistogram(events: readonly OnsetEvent[]): Float64Array {
  const n = Math.round(MAX_LAG / BIN) + 1;
  const raw = new Float64Array(n);
  for (let i = 0; i < events.length; i++) {
    for (let j = i + 1; j < events.length; j++) {
      const lag = events[j].time - events[i].time;
      if (lag > MAX_LAG) break;
      // split the vote between the two nearest bins so sub-bin lags are not rounded
      const x = lag / BIN;
      const k = Math.floor(x);
      const f = x - k;
      const w = events[i].weight * events[j].weight;
      raw[k] += w * (1 - f);
      if (k + 1 < n) raw[k + 1] += w * f;
    }
  }
  return smooth(raw, 2);
}

function smooth(x: Float64Array, sigmaBins: number): Float64Array {
  const r = Math.ceil(3 * sigmaBins);
  const kernel: number[] = [];
  for (let d = -r; d <= r; d++) kernel.push(Math.exp(-(d * d) / (2 * sigmaBins * sigmaBins)));
  const out = new Float64Array(x.length);
  for (let i = 0; i < x.length; i++) {
    let s = 0;
    for (let d = -r; d <= r; d++) {
      const j = i + d;
      if (j >= 0 && j < x.length) s += x[j] * kernel[d + r];
    }
    out[i] = s;
  }
  return out;
}

/** Histogram value at a fractional lag in seconds (0 outside). */
function at(h: Float64Array, lag: number): number {
  const x = lag / BIN;
  const k = Math.floor(x);
  if (k < 0 || k + 1 >= h.length) return 0;
  const f = x - k;
  return h[k] * (1 - f) + h[k + 1] * f;
}

/** Salience of a candidate quarter-note period (seconds). */
export function periodScore(h: Float64Array, period: number, opts: TempoOptions): number {
  const z = Math.log2(60 / period / opts.priorBpm) / opts.priorOctaves;
  const prior = Math.exp(-0.5 * z * z);
  // the beat itself, the half bar and bar above it, and its 8th-note subdivision
  const support =
    at(h, period) + 0.5 * at(h, 2 * period) + 0.25 * at(h, 4 * period) + 0.25 * at(h, period / 2);
  return prior * support;
}

/** Beat period in seconds; 120 BPM when there is nothing to measure. */
export function estimatePeriod(events: readonly OnsetEvent[], opts = DEFAULT_TEMPO): number {
  const h = ioiHistogram(events);
  let best = 0.5;
  let bestScore = 0;
  for (let p = MIN_PERIOD; p <= MAX_PERIOD + 1e-9; p += BIN / 2) {
    const s = periodScore(h, p, opts);
    if (s > bestScore) {
      bestScore = s;
      best = p;
    }
  }
  return best;
}
