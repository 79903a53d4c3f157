// Transfer fidelity measures, no models needed: element histograms, nearer A or B, onsets kept.

import { describe, expect, it } from 'vitest';
import { elementHistogram, histogramDistance, nearerA, onsetsKept } from '../../engine/analysis/transfer-fidelity.js';
import { FIELDS } from '../../engine/tokens/vocab.js';
import { smallPiece, vocab } from '../model/helpers.js';

const PITCH = FIELDS.indexOf('pitch');

describe('transfer fidelity', () => {
  const a = smallPiece(2);
  const b = smallPiece(2, { shift: 3, velocity: 100 });
  // A's tokens with B's pitches: same rhythm and loudness as A, B's notes
  const withBsPitch = a.map((t, i) => t.map((v, f) => (f === PITCH ? b[i][PITCH] : v)));

  it('histograms share out the values of the tokens that carry the element, <conti> left out', () => {
    const pitch = elementHistogram(a, 'pitch', vocab);
    expect([...pitch.values()].reduce((s, x) => s + x, 0)).toBeCloseTo(1, 12);
    expect(pitch.get(vocab.id('pitch', '60'))).toBeCloseTo(1 / 16, 12); // one C4 among 16 notes
    expect(elementHistogram(a, 'tempo', vocab).has(vocab.id('tempo', '<conti>'))).toBe(false);
  });

  it('measures L1 distance: 0 for the same histogram, 2 for disjoint ones', () => {
    expect(histogramDistance(elementHistogram(a, 'pitch', vocab), elementHistogram(a, 'pitch', vocab))).toBe(0);
    expect(histogramDistance(new Map([[1, 1]]), new Map([[2, 0.5], [3, 0.5]]))).toBe(2);
  });

  it('puts the transferred element nearer B and the untouched ones nearer A (a tie counts for A)', () => {
    expect(nearerA(withBsPitch, a, b, 'pitch', vocab)).toBe(false);
    expect(nearerA(withBsPitch, a, b, 'velocity', vocab)).toBe(true);
    expect(nearerA(withBsPitch, a, b, 'duration', vocab)).toBe(true); // A and B share every duration
    expect(nearerA(b, a, b, 'velocity', vocab)).toBe(false);
  });

  it("counts the share of A's onsets the result still strikes", () => {
    expect(onsetsKept(a, withBsPitch, vocab)).toBe(1);
    expect(onsetsKept(a, smallPiece(1), vocab)).toBe(0.5); // the first of A's two bars
    expect(onsetsKept(smallPiece(0), a, vocab)).toBe(1);
  });
});
