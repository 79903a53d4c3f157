// Beat tracking by dynamic programming over (frame, period) states, after Ellis
// (2007) but with the period as part of the state so it can drift: a beat at frame t
// with period p follows the beat at t - p, whose own period differed by at most two
// frames. Each beat earns the onset strength at its frame; period changes and
// periods far from the global estimate cost. The first beat must fall within one
// period of the start and the last within one period of the end, so the path
// covers the whole span without gaps.

export interface DpOptions {
  /** Cost per beat of a period change, per squared log-ratio. */
  changeCost: number;
  /** Cost per beat of straying from the global period, per squared log-ratio. */
  priorCost: number;
  /** Subtracted from the normalised envelope, so beats must earn their place. */
  baseline: number;
  /** Periods allowed, as a ratio either side of the global period. */
  range: number;
}

export const DEFAULT_DP: DpOptions = {
  changeCost: 2000,
  priorCost: 10,
  baseline: 1,
  range: 1.3,
};

/** Score rows are padded by this many unreachable periods each side, so the unrolled
 *  five-way maximum below (steps -2..2) needs no bounds checks: it is the hot loop. */
const PAD = 2;
const UNREACHABLE = -1e300;

/** Frames of the beats, increasing. `period` is the global estimate in frames. */
export function trackFrames(env: Float64Array, period: number, opts = DEFAULT_DP): number[] {
  const T = env.length;
  if (T === 0) return [];
  const pMin = Math.max(2, Math.floor(period / opts.range));
  const pMax = Math.max(pMin, Math.ceil(period * opts.range));
  const P = pMax - pMin + 1;
  const Q = P + 2 * PAD; // padded row length
  let mean = 0;
  for (let t = 0; t < T; t++) mean += env[t];
  mean = mean / T || 1;

  const prior = new Float64Array(P);
  for (let j = 0; j < P; j++) prior[j] = opts.priorCost * Math.log((pMin + j) / period) ** 2;
  // change[j*5 + d + 2]: cost of period index j after period index j + d
  const change = new Float64Array(P * 5);
  for (let j = 0; j < P; j++) {
    for (let d = -2; d <= 2; d++) {
      const from = pMin + j + d;
      change[j * 5 + d + 2] = from >= pMin && from <= pMax ? opts.changeCost * Math.log((pMin + j) / from) ** 2 : 0;
    }
  }

  const score = new Float64Array(T * Q).fill(UNREACHABLE);
  const back = new Int8Array(T * P); // step d to the previous beat's period index
  for (let t = 0; t < T; t++) {
    const gain = env[t] / mean - opts.baseline;
    const row = t * Q + PAD;
    for (let j = 0; j < P; j++) {
      const prev = t - pMin - j;
      if (prev < 0) {
        score[row + j] = gain - prior[j];
        continue;
      }
      const b = prev * Q + PAD + j;
      const c = j * 5;
      let best = score[b - 2] - change[c];
      let step = -2;
      let s = score[b - 1] - change[c + 1];
      if (s > best) (best = s), (step = -1);
      s = score[b] - change[c + 2];
      if (s > best) (best = s), (step = 0);
      s = score[b + 1] - change[c + 3];
      if (s > best) (best = s), (step = 1);
      s = score[b + 2] - change[c + 4];
      if (s > best) (best = s), (step = 2);
      score[row + j] = gain + best - prior[j];
      back[t * P + j] = step;
    }
  }

  // best final state whose next beat would fall past the end
  let bt = T - 1;
  let bj = 0;
  let bestEnd = -Infinity;
  for (let j = 0; j < P; j++) {
    for (let t = Math.max(0, T - (pMin + j)); t < T; t++) {
      const s = score[t * Q + PAD + j];
      if (s > bestEnd) (bestEnd = s), (bt = t), (bj = j);
    }
  }
  const frames: number[] = [];
  for (let t = bt, j = bj; ; ) {
    frames.push(t);
    const prev = t - (pMin + j);
    if (prev < 0) break;
    j += back[t * P + j];
    t = prev;
  }
  return frames.reverse();
}
