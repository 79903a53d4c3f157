// The engine's pure parts, no models needed: PRNG, sampling, alignment, slots, heatmap, statistics.

import { describe, expect, it } from 'vitest';
import { noteStats } from '../../engine/analysis/note-stats.js';
import type { Encoding } from '../../engine/inference/encoding.js';
import { latentCsv, latentReport } from '../../engine/inference/latent-report.js';
import { alignCovering, alignTokens, changedTokens, defaultCover, ELEMENTS, transferLatents } from '../../engine/inference/latent-transfer.js';
import { drawFor, PAPER_SAMPLING, sampleIndex, samplingOf } from '../../engine/inference/sampling.js';
import { tokenWindows, windowSlot } from '../../engine/inference/windows.js';
import type { Manifest } from '../../engine/onnx/manifest.js';
import { xorshift32 } from '../../engine/rng.js';
import { tokenSlots } from '../../engine/tokens/token-slots.js';
import { smallPiece, vocab } from './helpers.js';

const SLICE = 16;
const manifest = {
  vocab: vocab.version,
  latent: { elements: [...ELEMENTS], slice: SLICE, dims: 7 * SLICE, layout: Object.fromEntries(ELEMENTS.map((e, i) => [e, [i * SLICE, (i + 1) * SLICE]])) },
  codebooks: { count: 7, size: 16, kind: 'per-element', order: [3, 0, 1, 2, 4, 5, 6] },
} as unknown as Manifest;

/** Latents whose every value names its token: value = base + token index. */
function fake(tokens: number[][], base: number) {
  const dims = manifest.latent.dims;
  const q = new Float32Array(tokens.length * dims).map((_, i) => base + Math.floor(i / dims));
  return { quantized: q, latents: q, codes: new Int32Array(tokens.length * 7), length: tokens.length, slots: tokenSlots(tokens, vocab), tokens, emotion: 1 } as Encoding;
}

describe('seeded PRNG', () => {
  it('repeats for a seed, differs across seeds and streams, stays in [0, 1)', () => {
    const draw = (seed: number, stream = 0) => Array.from({ length: 5 }, xorshift32(seed, stream));
    expect(draw(1)).toEqual(draw(1));
    expect(draw(1)).not.toEqual(draw(2));
    expect(draw(1, 0)).not.toEqual(draw(1, 1));
    const r = xorshift32(0);
    for (let i = 0; i < 10_000; i++) {
      const x = r();
      expect(x >= 0 && x < 1).toBe(true);
    }
  });
});

describe('sampling', () => {
  const logits = Float32Array.from([5, 1, 4.5, 0, -1]);
  it('greedy takes the largest logit that is not banned', () => {
    expect(sampleIndex(logits, 0, 5, [], drawFor(samplingOf({ greedy: true }), 'pitch'), Math.random)).toBe(0);
    expect(sampleIndex(logits, 0, 5, [0], drawFor(samplingOf({ greedy: true }), 'pitch'), Math.random)).toBe(2);
    expect(sampleIndex(logits, 1, 3, [], drawFor(samplingOf({ temperature: 0 }), 'pitch'), Math.random)).toBe(1); // offset: the row [1, 4.5, 0]
  });

  it('top-p keeps only the nucleus, and never a banned value', () => {
    const rng = xorshift32(3);
    const seen = new Set<number>();
    for (let i = 0; i < 2000; i++) seen.add(sampleIndex(logits, 0, 5, [], drawFor(samplingOf({ topP: 0.9 }), 'pitch'), rng));
    expect([...seen].sort()).toEqual([0, 2]); // p(0) ~ 0.61, p(2) ~ 0.37: together past 0.9
    for (let i = 0; i < 500; i++) expect(sampleIndex(logits, 0, 5, [0, 2], drawFor(samplingOf({ topP: 1 }), 'pitch'), rng)).not.toBeOneOf([0, 2]);
  });

  it('draws every value at temperature 1, top-p 0.9 by default (the latent decides each element)', () => {
    for (const value of Object.keys(PAPER_SAMPLING) as (keyof typeof PAPER_SAMPLING)[]) {
      expect(drawFor(samplingOf(), value)).toEqual({ temperature: 1, topP: 0.9, greedy: false });
    }
  });

  it("draws the paper's way when asked: each value's own draw, over a setting for every value", () => {
    const paper = samplingOf({ temperature: 0.7, values: PAPER_SAMPLING });
    expect(drawFor(paper, 'velocity')).toEqual({ ...PAPER_SAMPLING.velocity, greedy: false });
    expect(drawFor(paper, 'duration').temperature).toBe(2);
    expect(drawFor(samplingOf({ temperature: 0 }), 'tempo').greedy).toBe(true);
  });

  it("sets one value's own draw over the setting for every value, over the app's defaults", () => {
    const plan = samplingOf({ temperature: 0.7, values: { codes: { temperature: 0.8, topP: 0.85 }, pitch: { topP: 0.5 } } });
    expect(drawFor(plan, 'codes')).toEqual({ temperature: 0.8, topP: 0.85, greedy: false });
    expect(drawFor(plan, 'pitch')).toEqual({ temperature: 0.7, topP: 0.5, greedy: false });
    expect(drawFor(plan, 'velocity')).toEqual({ temperature: 0.7, topP: 0.9, greedy: false });
    expect(drawFor(samplingOf({ topP: 0.95 }), 'codes')).toEqual({ temperature: 1, topP: 0.95, greedy: false });
    expect(drawFor(samplingOf({ values: { codes: { temperature: 0 } } }), 'codes').greedy).toBe(true);
    expect(drawFor(samplingOf({ values: { codes: { temperature: 0 } } }), 'pitch').greedy).toBe(false);
  });

  it('refuses out-of-range settings', () => {
    expect(() => samplingOf({ topP: 0 })).toThrow(/top-p/);
    expect(() => samplingOf({ temperature: -1 })).toThrow(/temperature/);
    expect(() => samplingOf({ values: { codes: { topP: 1.5 } } })).toThrow(/top-p/);
  });
});

describe('token slots and alignment', () => {
  it('places tokens by bar, position and rank', () => {
    const slots = tokenSlots(smallPiece(1), vocab);
    expect(slots[0].key).toBe('Emotion');
    expect(slots[1]).toEqual({ type: 'Metrical', bar: 0, position: -1, key: 'bar 0' });
    expect(slots[2]).toEqual({ type: 'Metrical', bar: 0, position: 0, key: 'metrical 0 0' });
    expect(slots[3].type).toBe('Note');
    expect(slots.slice(3, 7).map((s) => s.key)).toEqual(['note 0 0 0', 'note 0 0 1', 'note 0 0 2', 'note 0 0 3']);
    expect(slots[slots.length - 1].key).toBe('EOS');
  });

  it("position mode takes B's token at the same index, keeping A's past B's end", () => {
    const a = fake(smallPiece(2), 0);
    const b = fake(smallPiece(1), 1000);
    expect(alignTokens(a, b, 'position')).toEqual(a.tokens.map((_, i) => (i < b.length ? i : -1)));
    const mixed = transferLatents(a, b, ['pitch'], alignTokens(a, b, 'position'), manifest);
    const [lo, hi] = manifest.latent.layout.pitch;
    const dims = manifest.latent.dims;
    expect(mixed[3 * dims + lo]).toBe(1003);
    expect(mixed[3 * dims + hi]).toBe(3); // the next element stays A's
    expect(mixed[(a.length - 1) * dims + lo]).toBe(a.length - 1);
  });

  it("bar mode takes B's token at the same place in the music, else keeps A's", () => {
    const a = fake(smallPiece(2), 0);
    const b = fake(smallPiece(1), 0);
    const map = alignTokens(a, b, 'bar');
    a.slots.forEach((s, i) => {
      if (s.bar === 0) expect(map[i], s.key).toBe(i); // same bar 0 in both
      if (s.bar === 1) expect(map[i], s.key).toBe(-1); // B has no bar 1
    });
    expect(map[a.length - 1]).toBe(b.length - 1); // EOS to EOS
    // an extra note in B at bar 0, position 0: A's four notes there take B's first four
    const t = smallPiece(1);
    const dense = fake([...t.slice(0, 7), t[3], ...t.slice(7)], 0);
    expect(alignTokens(b, dense, 'bar').slice(3, 8)).toEqual([3, 4, 5, 6, 8]);
  });
});

describe('covering a long A with a short B', () => {
  /** The token bars (from 0) holding a token that takes something of B. */
  const changedBars = (a: Encoding, map: number[], only?: boolean[]) => [...new Set(changedTokens(map, only).flatMap((c, i) => (c && a.slots[i].bar >= 0 ? [a.slots[i].bar] : [])))].sort((x, y) => x - y);

  it("repeats B's bars in turn over every bar of A, aligned within each bar", () => {
    const a = fake(smallPiece(5), 0);
    const b = fake(smallPiece(2), 1000);
    expect(defaultCover(a, b)).toBe('repeat');
    expect(defaultCover(b, a)).toBe('span');
    for (const align of ['position', 'bar', 'type'] as const) {
      const map = alignCovering(a, b, align, 'repeat');
      expect(changedBars(a, map), align).toEqual([0, 1, 2, 3, 4]);
      a.slots.forEach((s, i) => {
        if (map[i] < 0) return;
        expect(b.slots[map[i]].bar, `${align} token ${i}`).toBe(s.bar % 2);
        expect(b.slots[map[i]].type).toBe(s.type);
      });
      // the emotion token and EOS keep A's
      expect([map[0], map[a.length - 1]]).toEqual([-1, -1]);
    }
    // smallPiece's bars have the same shape, so bar 2 of A takes B's bar 0 token for token
    const map = alignCovering(a, b, 'type', 'repeat');
    const barOf = (seq: typeof a, bar: number) => seq.slots.flatMap((s, i) => (s.bar === bar ? [i] : []));
    expect(barOf(a, 2).map((i) => map[i])).toEqual(barOf(b, 0));
  });

  it("with 'span' only the bars B covers change, and a passage limits the bars", () => {
    const a = fake(smallPiece(5), 0);
    const b = fake(smallPiece(2), 1000);
    expect(changedBars(a, alignCovering(a, b, 'bar', 'span'))).toEqual([0, 1]);
    const only = a.slots.map((s) => s.bar === 3);
    expect(changedBars(a, alignCovering(a, b, 'type', 'repeat'), only)).toEqual([3]);
  });
});

describe('type alignment', () => {
  it("gives A's n-th note B's n-th note and its n-th bar or beat B's n-th; the rest keeps A's", () => {
    const t = smallPiece(1);
    const a = fake(t, 0);
    // B: an extra note in the first chord, so every later token sits one index further on
    const b = fake([...t.slice(0, 7), t[3], ...t.slice(7)], 0);
    const map = alignTokens(a, b, 'type');
    a.slots.forEach((s, i) => {
      if (map[i] >= 0) expect(b.slots[map[i]].type, `token ${i}`).toBe(s.type);
    });
    expect(a.slots[7].type).toBe('Metrical');
    expect(map[7]).toBe(8); // A's third metrical token takes B's third, not B's extra note at index 7
    expect(map[8]).toBe(7); // A's fifth note takes B's fifth note, the extra one
    expect(map[0]).toBe(-1); // the emotion token keeps A's
    expect(map[a.length - 1]).toBe(-1); // and so does EOS
    // B shorter: A's notes past B's last keep A's
    expect(alignTokens(fake(smallPiece(2), 0), a, 'type').filter((j) => j >= 0).length).toBeLessThan(smallPiece(2).length);
  });
});

describe('heatmap', () => {
  it('averages each bar per element and dim, and writes one CSV row per token and bar element', () => {
    const tokens = smallPiece(2);
    const enc = fake(tokens, 0);
    const r = latentReport(enc, manifest, 'x.mid');
    expect(r.latents).toHaveLength(tokens.length);
    expect(r.latents[0]).toHaveLength(7);
    expect(r.latents[0][0]).toHaveLength(SLICE);
    expect(r.bars.map((b) => b.bar)).toEqual([0, 1]);
    const [first, last] = r.bars[0].tokens;
    expect(r.bars[0].mean[4][7]).toBeCloseTo((first + last) / 2, 5); // values = token index
    const rows = latentCsv(r).trim().split('\n');
    expect(rows[0]).toMatch(/^scope,index,bar,element,d0,.*,d15$/);
    expect(rows).toHaveLength(1 + 7 * (tokens.length + r.bars.length));
  });
});

describe('note statistics and classifier windows', () => {
  it('counts pitch range, pitch classes and notes per onset', () => {
    const s = noteStats(smallPiece(1), vocab);
    // C3 C4 E4 G4 at 0, then C5 D5 E5 F#5 one after another
    expect(s.notes).toBe(8);
    expect(s.pitchRange).toEqual([48, 78]);
    expect(s.pitchClasses).toBe(5);
    expect(s.polyphony).toBeCloseTo(8 / 5, 9);
  });

  it('cuts windows of at most crop tokens, each led by the emotion token, covering every token', () => {
    const tokens = Array.from({ length: 11 }, (_, i) => [i]);
    expect(tokenWindows(tokens, 4)).toEqual([[[0], [1], [2], [3]], [[0], [4], [5], [6]], [[0], [7], [8], [9]], [[0], [10]]]);
    expect(tokenWindows(tokens.slice(0, 2), 4)).toEqual([[[0], [1]]]);
    expect(tokenWindows(tokens.slice(0, 1), 4)).toEqual([[[0]]]);
    for (let p = 0; p < tokens.length; p++) {
      const [w, i] = windowSlot(p, 4);
      expect(tokenWindows(tokens, 4)[w][i]).toEqual([p]);
    }
  });
});
