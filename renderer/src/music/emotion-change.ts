// What moved between a piece (A) and a result made from it, as the emotion judge sees
// both: the whole piece's valence and arousal with what the judge says drove the move
// ("valence 0.71 → 0.38: C major (…) → A minor (…)"), and, bar by bar, where it moved.

import type { Dimension, EmotionEstimate } from '../../../engine/judge/judge.js';
import type { BarEmotion } from '../../../engine/judge/over-time.js';

/** A move of the whole piece's P(high) smaller than this is not explained: the judge's reasons would be noise. */
export const PIECE_MOVE = 0.05;
/** A bar is marked when its valence or arousal moved at least this much (a bar's window holds few notes, so more than the piece's). */
export const BAR_MOVE = 0.1;

const DIMENSIONS: readonly Dimension[] = ['valence', 'arousal'];

/**
 * One clause per dimension, the larger move first: its figures, and, where it moved
 * notably, the result's reasons pushing the way it moved, each after A's reason on the
 * same feature when A's estimate named it ("C major (…) → A minor (…)").
 */
export function emotionMove(a: EmotionEstimate, result: EmotionEstimate): string {
  const moved = (d: Dimension) => result[d] - a[d];
  return [...DIMENSIONS]
    .sort((x, y) => Math.abs(moved(y)) - Math.abs(moved(x)))
    .map((d) => {
      const figures = `${d} ${a[d].toFixed(2)} → ${result[d].toFixed(2)}`;
      if (Math.abs(moved(d)) < PIECE_MOVE) return figures;
      const way = moved(d) > 0 ? 'up' : 'down';
      const why = result.reasons
        .filter((r) => r.dimension === d && r.direction === way)
        .map((r) => {
          const before = a.reasons.find((x) => x.dimension === d && x.feature === r.feature);
          return before && before.what !== r.what ? `${before.what} → ${r.what}` : r.what;
        });
      return why.length ? `${figures}: ${why.join(', ')}` : figures;
    })
    .join('; ');
}

export interface BarMove {
  /** 1-based, as the roll numbers bars. */
  bar: number;
  /** Seconds of the result's bar. */
  start: number;
  end: number;
  /** A's figure, then the result's. */
  valence: [number, number];
  arousal: [number, number];
  /** The larger of the two moves. */
  size: number;
}

/** The result's bars whose valence or arousal moved at least BAR_MOVE from A's same bar; bars A lacks are not compared. */
export function barMoves(a: readonly BarEmotion[], result: readonly BarEmotion[]): BarMove[] {
  const before = new Map(a.map((b) => [b.bar, b]));
  const moves: BarMove[] = [];
  for (const r of result) {
    const x = before.get(r.bar);
    if (!x) continue;
    const size = Math.max(Math.abs(r.valence - x.valence), Math.abs(r.arousal - x.arousal));
    if (size >= BAR_MOVE) moves.push({ bar: r.bar, start: r.start, end: r.end, valence: [x.valence, r.valence], arousal: [x.arousal, r.arousal], size });
  }
  return moves;
}
