// Re-mood and continue through the engine: what is kept is A's, what is drawn is the
// prior's for the quadrant, and a re-mood of nothing or of everything is what the
// existing flows make from the same seed.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ELEMENTS } from '../../engine/inference/latent-transfer.js';
import { Engine } from '../../engine/runner/engine.js';
import { tokenSlots } from '../../engine/tokens/token-slots.js';
import { FIELDS } from '../../engine/tokens/vocab.js';
import { MODEL_DIR, noModels, smallPiece, suite, vocab } from './helpers.js';

const TYPE = FIELDS.indexOf('type');
const barsOf = (tokens: number[][]) => tokenSlots(tokens, vocab).reduce((m, s) => Math.max(m, s.bar + 1), 0);

describe.skipIf(noModels)(suite('re-mood and continue'), () => {
  let engine: Engine;
  beforeAll(async () => {
    engine = await Engine.open({ dir: MODEL_DIR });
  });
  afterAll(() => engine.close());

  it('re-mood of no element is A\'s reconstruction', async () => {
    const a = await engine.encode(smallPiece(4));
    const remood = await engine.remood(a, { quadrant: 'Q3', elements: [] }, { seed: 5 });
    expect(remood.sequences).toEqual((await engine.reconstruct(a, { seed: 5 })).sequences);
  });

  it('re-mood of every element, decoded under the quadrant, is a generation of A\'s length', async () => {
    const a = await engine.encode(smallPiece(3));
    const remood = await engine.remood(a, { quadrant: 'Q2', elements: [...ELEMENTS], emotion: 'Q2', guidance: 2 }, { seed: 9 });
    const generated = await engine.generate({ quadrant: 'Q2', tokens: a.length, guidance: 2 }, { seed: 9 });
    expect(remood.sequences).toEqual(generated.sequences);
  });

  it('re-mood of a passage leaves the tokens before it as A\'s reconstruction makes them', async () => {
    const a = await engine.encode(smallPiece(6));
    const slots = tokenSlots(a.tokens, vocab);
    const only = slots.map((s) => s.bar >= 3);
    const start = only.indexOf(true);
    const remood = (await engine.remood(a, { quadrant: 'Q3', elements: ['pitch'], only }, { seed: 2 })).sequences[0];
    const rebuilt = (await engine.reconstruct(a, { seed: 2 })).sequences[0];
    expect(remood.slice(0, start)).toEqual(rebuilt.slice(0, start));
  });

  it('continue keeps A\'s tokens and adds at most the asked bars, as a batch of variations', async () => {
    const tokens = smallPiece(3, { emotion: 'Q1' });
    const a = await engine.encode(tokens);
    const own = tokens.slice(0, -1); // without EOS
    const out = await engine.continue(a, { quadrant: 'Q4', tokens: 2 * 48, maxBars: barsOf(tokens) + 2, count: 2 }, { seed: 4 });
    expect(out.sequences).toHaveLength(2);
    for (const seq of out.sequences) {
      expect(seq.slice(1, own.length)).toEqual(own.slice(1));
      expect(seq[0][TYPE]).toBe(vocab.id('type', 'Emotion'));
      expect(seq.length).toBeGreaterThan(own.length);
      expect(barsOf(seq)).toBeLessThanOrEqual(barsOf(tokens) + 2);
    }
    expect(out.sequences[0]).not.toEqual(out.sequences[1]);
  });

  it('refuses a quadrant that is not Q1-Q4', async () => {
    const a = await engine.encode(smallPiece(2));
    // @ts-expect-error: a quadrant from outside the type, as an API caller might send
    await expect(engine.remood(a, { quadrant: 'Q5', elements: ['pitch'] })).rejects.toThrow(/quadrant must be one of Q1, Q2, Q3, Q4, got Q5/);
  });
});
