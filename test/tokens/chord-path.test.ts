import { describe, expect, it } from 'vitest';
import { bestPath } from '../../engine/tokens/chord-path.js';

const rows = (xs: number[][]): Float64Array[] => xs.map((x) => Float64Array.from(x));

describe('bestPath (Viterbi with a cost per change)', () => {
  it('without a cost, each window takes its best state', () => {
    expect(bestPath(rows([[1, 0], [0, 1], [1, 0]]), 0)).toEqual([0, 1, 0]);
  });

  it('a lone window changes only when its evidence outweighs two changes', () => {
    const scores = rows([[1, 0], [0, 0.5], [1, 0]]);
    expect(bestPath(scores, 0.3)).toEqual([0, 0, 0]);
    expect(bestPath(scores, 0.2)).toEqual([0, 1, 0]);
  });

  it('a lasting change is taken', () => {
    expect(bestPath(rows([[1, 0], [0, 1], [0, 1], [0, 1]]), 0.5)).toEqual([0, 1, 1, 1]);
  });

  it('never picks an impossible state, and handles no windows', () => {
    expect(bestPath(rows([[-Infinity, -1], [5, -Infinity]]), 10)).toEqual([1, 0]);
    expect(bestPath([], 1)).toEqual([]);
  });
});
