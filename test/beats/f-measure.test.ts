import { expect, it } from 'vitest';
import { beatFMeasure } from '../../engine/beats/f-measure.js';

it('scores a perfect estimate 1 and an empty one 0', () => {
  expect(beatFMeasure([1, 2, 3], [1, 2, 3]).f).toBe(1);
  expect(beatFMeasure([1, 2, 3], []).f).toBe(0);
});

it('matches within the tolerance only', () => {
  const r = beatFMeasure([1, 2, 3, 4], [1.06, 2.08, 3, 4], 0.07);
  expect(r.matched).toBe(3);
  expect(r.precision).toBeCloseTo(0.75);
  expect(r.recall).toBeCloseTo(0.75);
});

it('matches each beat at most once', () => {
  // two estimates near one reference: one is a false positive
  const r = beatFMeasure([1, 2], [0.98, 1.02, 2], 0.07);
  expect(r.matched).toBe(2);
  expect(r.precision).toBeCloseTo(2 / 3);
  expect(r.recall).toBe(1);
  expect(r.f).toBeCloseTo(0.8);
});
