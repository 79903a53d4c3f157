// The best label sequence over a row of windows when changing label costs a fixed
// amount: a Viterbi pass over an HMM whose transitions are "stay" (free) or "move to
// any other state" (switchCost). Chords in pop last one to four beats, so a lone beat
// whose notes lean elsewhere (a passing tone, a melody note) keeps its neighbours' chord
// unless its own evidence outweighs two changes.

/** Index of the best state per window, maximizing sum of scores - switchCost x changes. */
export function bestPath(scores: readonly Float64Array[], switchCost: number): number[] {
  if (scores.length === 0) return [];
  const states = scores[0].length;
  let total = Float64Array.from(scores[0]);
  const from: Int32Array[] = [];
  for (let t = 1; t < scores.length; t++) {
    // the best state to switch from is the same for every target: one pass finds it
    const leader = argmax(total);
    const next = new Float64Array(states);
    const back = new Int32Array(states);
    for (let s = 0; s < states; s++) {
      const stay = total[s];
      const move = total[leader] - switchCost;
      next[s] = Math.max(stay, move) + scores[t][s];
      back[s] = stay >= move ? s : leader;
    }
    from.push(back);
    total = next;
  }
  const path = new Array<number>(scores.length);
  path[scores.length - 1] = argmax(total);
  for (let t = scores.length - 1; t > 0; t--) path[t - 1] = from[t - 1][path[t]];
  return path;
}

function argmax(xs: Float64Array): number {
  let best = 0;
  for (let i = 1; i < xs.length; i++) if (xs[i] > xs[best]) best = i;
  return best;
}
