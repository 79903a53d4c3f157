// Element transfer on the latents: piece A's latent sequence with the slices of the
// chosen elements taken from piece B. The output keeps A's length (one token per latent).
//  - 'position' (the paper's): B's latent at the same token index; past B's end A's stays.
//  - 'bar': B's latent at the same place in the music (same bar, position and rank
//    among the tokens there, see tokens/token-slots.ts); where B has nothing there A's stays.
//  - 'type': A's n-th note takes B's n-th note, A's n-th metrical token (bar or beat)
//    B's n-th; so a note never receives a bar line's slices. Past B's last, A's stays.
//    The model card measures transfer with 'position' and 'type'.
// `only` limits it to some of A's tokens (a passage, see tokens/bar-range.ts); the rest keep A's.
// Cover: with 'span' only as much of A as B covers changes; with 'repeat' B's bars are
// taken in turn over A's bars (B's bar i mod n for A's bar i) and aligned as above within
// each bar, so a short B reaches every bar of a whole song. 'repeat' is the default when B
// has fewer bars than A.

import type { Manifest } from '../onnx/manifest.js';
import { tokenBarCount, type TokenSlot } from '../tokens/token-slots.js';

export const ELEMENTS = ['tempo', 'chord', 'bar-beat', 'type', 'pitch', 'duration', 'velocity'] as const;
export type Element = (typeof ELEMENTS)[number];
export const ALIGNMENTS = ['position', 'bar', 'type'] as const;
export type Alignment = (typeof ALIGNMENTS)[number];

export const COVERS = ['repeat', 'span'] as const;
export type Cover = (typeof COVERS)[number];

/** Of the two the model card measures, the one that transfers every element better. */
export const DEFAULT_ALIGNMENT: Alignment = 'type';

/** The token types 'type' alignment pairs; the others (emotion, EOS) keep A's. */
const PAIRED_TYPES = ['Metrical', 'Note'];

export interface LatentSequence {
  /** [length, dims], quantized. */
  quantized: Float32Array;
  length: number;
  slots: TokenSlot[];
}

/** Index of B's token that A's token i takes its slices from, or -1 to keep A's. */
export function alignTokens(a: LatentSequence, b: LatentSequence, align: Alignment): number[] {
  if (align === 'position') return Array.from({ length: a.length }, (_, i) => (i < b.length ? i : -1));
  if (align === 'type') {
    const ofType = new Map(PAIRED_TYPES.map((t) => [t, [] as number[]]));
    b.slots.forEach((s, i) => ofType.get(s.type)?.push(i));
    const taken = new Map(PAIRED_TYPES.map((t) => [t, 0]));
    return a.slots.map((s) => {
      const n = taken.get(s.type);
      if (n === undefined) return -1;
      taken.set(s.type, n + 1);
      return ofType.get(s.type)![n] ?? -1;
    });
  }
  const where = new Map<string, number>();
  // the first token at a place wins (generated tokens may step back to a place twice)
  b.slots.forEach((s, i) => s.key && !where.has(s.key) && where.set(s.key, i));
  return a.slots.map((s) => (s.key ? where.get(s.key) ?? -1 : -1));
}

/** 'repeat' where B is the shorter, else 'span' (which then covers all of A). */
export function defaultCover(a: LatentSequence, b: LatentSequence): Cover {
  return tokenBarCount(b.slots) < tokenBarCount(a.slots) ? 'repeat' : 'span';
}

/** alignTokens under a cover: over the whole pieces ('span'), or bar by bar with B's bars in turn ('repeat'). */
export function alignCovering(a: LatentSequence, b: LatentSequence, align: Alignment, cover: Cover): number[] {
  if (cover === 'span') return alignTokens(a, b, align);
  const aBars = tokensByBar(a.slots);
  const bBars = tokensByBar(b.slots);
  const out = new Array<number>(a.length).fill(-1);
  if (bBars.length === 0) return out;
  aBars.forEach((aIdx, bar) => {
    const bIdx = bBars[bar % bBars.length];
    // one bar of each, its bar number made the same so 'bar' alignment's keys meet
    const inBar = (seq: LatentSequence, idx: number[]) => ({ quantized: seq.quantized, length: idx.length, slots: idx.map((i) => ({ ...seq.slots[i], key: seq.slots[i].key.replace(/^(\w+) \d+/, '$1') })) });
    alignTokens(inBar(a, aIdx), inBar(b, bIdx), align).forEach((j, k) => (out[aIdx[k]] = j < 0 ? -1 : bIdx[j]));
  });
  return out;
}

/** Token indices of each bar, bar 0 first (a bar with no tokens gets none). */
function tokensByBar(slots: readonly TokenSlot[]): number[][] {
  const bars = Array.from({ length: tokenBarCount(slots) }, () => [] as number[]);
  slots.forEach((s, i) => s.bar >= 0 && bars[s.bar].push(i));
  return bars;
}

/** Which of A's tokens take something of B under an alignment (and a passage). */
export function changedTokens(alignment: readonly number[], only?: readonly boolean[]): boolean[] {
  return alignment.map((j, i) => j >= 0 && (!only || only[i]));
}

export function transferLatents(a: LatentSequence, b: LatentSequence, elements: readonly Element[], alignment: readonly number[], manifest: Manifest, only?: readonly boolean[]): Float32Array {
  const dims = manifest.latent.dims;
  const out = a.quantized.slice(0, a.length * dims);
  if (elements.length === 0) return out;
  const ranges = elements.map((e) => manifest.latent.layout[e]);
  alignment.forEach((j, i) => {
    if (j < 0 || (only && !only[i])) return;
    for (const [lo, hi] of ranges) out.set(b.quantized.subarray(j * dims + lo, j * dims + hi), i * dims + lo);
  });
  return out;
}
