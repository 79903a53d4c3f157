// Bar lines over a beat grid, by Viterbi over the position in the bar. A pop song
// keeps one meter but often slips in a short bar where a phrase ends early (a 2/4 bar
// in 4/4), which moves every later bar line: one global phase gets the rest of the
// song wrong. A bar start earns its beat's downbeat salience; a bar shorter than the
// meter costs SHORT_BAR_COST, so one is taken only where the bars after it line up
// clearly better. Longer bars are not modelled: in pop they are rarer than short ones.

/** Cost of a short bar, in units of mean downbeat salience: a few bars' worth of evidence. */
const SHORT_BAR_COST = 3;
/** Shortest bar: two beats. */
const MIN_BAR = 2;

/** Indices of the bar starts in a grid of `salience.length` beats, `perBar` beats a bar. */
export function trackBars(salience: readonly number[], perBar: number): number[] {
  const n = salience.length;
  if (n === 0) return [];
  // score[i * perBar + p]: best path with beat i at position p of its bar
  const score = new Float64Array(n * perBar).fill(-Infinity);
  const back = new Int16Array(n * perBar); // position of beat i - 1 on that path
  const gain = (i: number) => salience[i] - 1; // salience is normalised to mean 1
  // the grid may start anywhere in a bar (a pickup)
  for (let p = 0; p < perBar; p++) score[p] = p === 0 ? gain(0) : 0;
  for (let i = 1; i < n; i++) {
    const prev = (i - 1) * perBar;
    const row = i * perBar;
    for (let p = 1; p < perBar; p++) {
      score[row + p] = score[prev + p - 1];
      back[row + p] = p - 1;
    }
    let best = score[prev + perBar - 1];
    let from = perBar - 1;
    for (let q = MIN_BAR - 1; q < perBar - 1; q++) {
      const s = score[prev + q] - SHORT_BAR_COST;
      if (s > best) (best = s), (from = q);
    }
    score[row] = best + gain(i);
    back[row] = from;
  }
  let p = 0;
  for (let q = 1; q < perBar; q++) if (score[(n - 1) * perBar + q] > score[(n - 1) * perBar + p]) p = q;
  const starts: number[] = [];
  for (let i = n - 1; i >= 0; i--) {
    if (p === 0) starts.push(i);
    p = back[i * perBar + p];
  }
  return starts.reverse();
}
