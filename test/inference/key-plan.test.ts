import { describe, expect, it } from 'vitest';
import { keysOf, tokensTonic } from '../../engine/inference/key-plan.js';
import { smallPiece, vocab } from '../model/helpers.js';

describe('key plan', () => {
  it('finds the tonic of tokens, in every transposition', () => {
    expect(tokensTonic(smallPiece(3), vocab)).toBe(0);
    expect(tokensTonic(smallPiece(3, { shift: 2 }), vocab)).toBe(2);
    expect(tokensTonic(smallPiece(3, { shift: -3 }), vocab)).toBe(9);
  });

  it('gives each item the plan\'s tonic, or the one its music leans to', () => {
    expect(keysOf({ tonic: 4, mode: 'minor' }, 2)).toEqual([{ tonic: 4, mode: 'minor' }, { tonic: 4, mode: 'minor' }]);
    expect(keysOf({ tonic: null, mode: 'major' }, 2, [7, 1])).toEqual([{ tonic: 7, mode: 'major' }, { tonic: 1, mode: 'major' }]);
  });
});
