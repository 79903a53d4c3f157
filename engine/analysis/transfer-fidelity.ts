// Where a rearrangement's tokens sit between piece A and piece B, measured as
// evaluate.py's transfer(): per element the histogram of its values over the tokens that
// carry it, nearer A or nearer B by L1 distance; and how many of A's note onsets the
// result still strikes.

import { FIELDS, type Vocab } from '../tokens/vocab.js';
import { tokenNotes } from './note-stats.js';
import type { Element } from '../inference/latent-transfer.js';

/** Share of the element's values over the tokens that carry it (not <pad>, not <conti>). */
export function elementHistogram(tokens: readonly (readonly number[])[], element: Element, vocab: Vocab): Map<number, number> {
  const field = FIELDS.indexOf(element);
  const names = vocab.values[element];
  const counts = new Map<number, number>();
  let total = 0;
  for (const t of tokens) {
    const v = t[field];
    if (names[v] === '<pad>' || names[v] === '<conti>') continue;
    counts.set(v, (counts.get(v) ?? 0) + 1);
    total++;
  }
  for (const [v, n] of counts) counts.set(v, n / total);
  return counts;
}

/** L1 distance between two histograms (0 to 2). */
export function histogramDistance(x: ReadonlyMap<number, number>, y: ReadonlyMap<number, number>): number {
  let d = 0;
  for (const v of new Set([...x.keys(), ...y.keys()])) d += Math.abs((x.get(v) ?? 0) - (y.get(v) ?? 0));
  return d;
}

/** Whether the result's histogram of the element is nearer A's than B's; a tie counts for A (evaluate.py's "kept"). */
export function nearerA(result: number[][], a: number[][], b: number[][], element: Element, vocab: Vocab): boolean {
  const h = elementHistogram(result, element, vocab);
  return histogramDistance(h, elementHistogram(a, element, vocab)) <= histogramDistance(h, elementHistogram(b, element, vocab));
}

/** Share of A's note onsets (bar and position) at which the result strikes a note too; 1 when A has none. */
export function onsetsKept(a: number[][], result: number[][], vocab: Vocab): number {
  const own = new Set(tokenNotes(a, vocab).map((n) => n.onset));
  if (own.size === 0) return 1;
  const there = new Set(tokenNotes(result, vocab).map((n) => n.onset));
  let kept = 0;
  for (const o of own) if (there.has(o)) kept++;
  return kept / own.size;
}
