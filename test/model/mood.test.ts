// Re-mood and continue through the engine: what is kept is A's, what is drawn is the
// prior's for the quadrant, and a re-mood of nothing or of everything is what the
// existing flows make from the same seed.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { ELEMENTS } from '../../engine/inference/latent-transfer.js';
import { readPiece } from '../../engine/io/read-piece.js';
import { projectPath } from '../../engine/paths.js';
import { Engine } from '../../engine/runner/engine.js';
import { tokenSlots } from '../../engine/tokens/token-slots.js';
import { tokenize } from '../../engine/tokens/tokenize.js';
import { FIELDS } from '../../engine/tokens/vocab.js';
import { MODEL_DIR, noModels, smallPiece, suite, vocab } from './helpers.js';

const TYPE = FIELDS.indexOf('type');
const barsOf = (tokens: number[][]) => tokenSlots(tokens, vocab).reduce((m, s) => Math.max(m, s.bar + 1), 0);

const EXAMPLES = projectPath('assets', 'examples');

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

  it("re-mood of the token types keeps all of A: a drawn type code that says EOS does not cut A's later bars", async () => {
    // an example whose re-moods of type ended at 11 to 66 of its 117 tokens, 5 seeds in 8
    const tokens = tokenize(readPiece(join(EXAMPLES, 'Q1 happy.mid')), vocab, 'Q1').sequence.tokens;
    const a = await engine.encode(tokens);
    for (const elements of [['type'], ['type', 'bar-beat']] as const) {
      for (let seed = 0; seed < 8; seed++) {
        const [seq] = (await engine.remood(a, { quadrant: 'Q3', elements: [...elements] }, { seed })).sequences;
        expect(seq.length, `${elements.join('+')}, seed ${seed}`).toBe(a.length);
      }
    }
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
