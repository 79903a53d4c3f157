import { describe, expect, it } from 'vitest';
import type { EmotionEstimate, Reason } from '../../engine/judge/judge.js';
import type { BarEmotion } from '../../engine/judge/over-time.js';
import { BAR_MOVE, barMoves, emotionMove, PIECE_MOVE } from '../../renderer/src/music/emotion-change.js';

const reason = (feature: Reason['feature'], what: string, dimension: Reason['dimension'], direction: Reason['direction']): Reason => ({ feature, what, dimension, direction, weight: direction === 'up' ? 1 : -1 });

/** An estimate with these figures and reasons (the probabilities do not matter here). */
const estimate = (valence: number, arousal: number, reasons: Reason[]): EmotionEstimate => ({
  probabilities: { Q1: 0.25, Q2: 0.25, Q3: 0.25, Q4: 0.25 },
  quadrant: 'Q1',
  valence,
  arousal,
  reasons,
  explanation: '',
});

describe('what moved from A to a result', () => {
  const major = reason('mode_margin', 'C major (major-leaning, margin 0.30)', 'valence', 'up');
  const minor = reason('mode_margin', 'A minor (minor-leaning, margin 0.12)', 'valence', 'down');
  const chords = reason('chords_minor', '40 % minor chords', 'valence', 'down');
  const dense = reason('log_density', '6.1 notes per second', 'arousal', 'up');

  it('says the larger move first, with the result\'s reasons after A\'s on the same feature', () => {
    const a = estimate(0.71, 0.6, [major, dense]);
    const result = estimate(0.38, 0.62, [minor, chords, dense]);
    expect(emotionMove(a, result)).toBe('valence 0.71 → 0.38: C major (major-leaning, margin 0.30) → A minor (minor-leaning, margin 0.12), 40 % minor chords; arousal 0.60 → 0.62');
  });

  it('explains a move only with reasons that push the way it went', () => {
    // valence fell but stayed high: the result's valence reasons push up, they explain nothing
    const a = estimate(0.9, 0.3, [major]);
    const result = estimate(0.6, 0.3, [{ ...major, what: 'G major (major-leaning, margin 0.10)' }]);
    expect(emotionMove(a, result)).toBe('valence 0.90 → 0.60; arousal 0.30 → 0.30');
    // arousal rose by enough, with a reason pushing it up that A's estimate did not name
    expect(emotionMove(estimate(0.5, 0.4, []), estimate(0.5, 0.7, [dense]))).toBe('arousal 0.40 → 0.70: 6.1 notes per second; valence 0.50 → 0.50');
  });

  it('gives only the figures for a move too small to explain', () => {
    const small = PIECE_MOVE / 2;
    expect(emotionMove(estimate(0.3, 0.5, []), estimate(0.3 - small, 0.5, [minor]))).toBe(`valence 0.30 → ${(0.3 - small).toFixed(2)}; arousal 0.50 → 0.50`);
  });
});

describe('where in the piece it moved', () => {
  const bar = (n: number, valence: number, arousal: number): BarEmotion => ({ bar: n, start: n - 1, end: n, valence, arousal, explanation: '' });
  const a = [bar(1, 0.7, 0.5), bar(2, 0.7, 0.5), bar(3, 0.7, 0.5)];

  it('marks the result\'s bars whose valence or arousal moved at least BAR_MOVE from A\'s same bar', () => {
    const result = [bar(1, 0.7, 0.5), bar(2, 0.3, 0.55), bar(3, 0.7, 0.5 + BAR_MOVE + 0.02), bar(4, 0.1, 0.9)];
    const moves = barMoves(a, result);
    expect(moves.map((m) => m.bar)).toEqual([2, 3]); // bar 4 is new: A has none to compare with
    expect(moves[0]).toMatchObject({ start: 1, end: 2, valence: [0.7, 0.3], arousal: [0.5, 0.55] });
    expect(moves[0].size).toBeCloseTo(0.4);
    expect(moves[1].size).toBeCloseTo(BAR_MOVE + 0.02);
  });

  it('marks nothing where nothing moved enough, or A has no lane', () => {
    expect(barMoves(a, [bar(1, 0.75, 0.45), bar(2, 0.7, 0.5 - BAR_MOVE + 0.02)])).toEqual([]);
    expect(barMoves([], a)).toEqual([]);
  });
});
