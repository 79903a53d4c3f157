// Token bars. A bar token holds at most 16 positions (16ths). Meters that fit (4/4,
// 3/4, 6/8, 7/8, 2/4 ...) keep one token bar per bar; longer bars (5/4, 7/4, 12/8,
// 9/8 ...) are split into near-equal token bars on beat boundaries (5/4 -> 12 + 8,
// 12/8 -> 12 + 12). Positions are counted in 16ths from the piece's start, so
// timing is never lost; the source meter map travels with the tokens to restore bars.

import type { MeterEvent } from '../piece/piece.js';

export interface TokenBar {
  /** First step (16th) of the bar, from the piece's start. */
  start: number;
  /** Steps in the bar, 1..maxBarSteps. */
  length: number;
}

export function splitBar(length: number, maxSteps: number): number[] {
  if (length <= maxSteps) return [length];
  const parts = Math.ceil(length / maxSteps);
  const unit = length % 4 === 0 ? 4 : length % 2 === 0 ? 2 : 1;
  const size = Math.ceil(length / parts / unit) * unit;
  const out: number[] = [];
  for (let left = length; left > 0; left -= size) out.push(Math.min(size, left));
  return out;
}

/** Token bars from a meter map, from step 0 on, without end. */
export function* tokenBars(meters: readonly MeterEvent[], stepsPerBeat: number, maxSteps: number): Generator<TokenBar> {
  let step = 0;
  for (let i = 0; ; ) {
    while (i + 1 < meters.length && Math.round(meters[i + 1].beat * stepsPerBeat) <= step) i++;
    const m = meters[i];
    // a meter change cuts the bar in progress
    const next = i + 1 < meters.length ? Math.round(meters[i + 1].beat * stepsPerBeat) : Infinity;
    const length = Math.min(Math.max(1, Math.round((m.numerator * 4 * stepsPerBeat) / m.denominator)), next - step);
    for (const part of splitBar(length, maxSteps)) {
      yield { start: step, length: part };
      step += part;
    }
  }
}
