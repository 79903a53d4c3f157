// The generate flow at a length past the prior's training crop (issue 15): a 32-bar piece
// stays within its bar count, and the generation evaluation's key measures come out of it.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { measureMusic } from '../../engine/analysis/music-measures.js';
import { generate, TOKENS_PER_BAR } from '../../engine/flows/generate.js';
import { openJudge } from '../../engine/judge/judge.js';
import { trainingCrop } from '../../engine/onnx/manifest.js';
import { barCount } from '../../engine/piece/piece.js';
import { Engine } from '../../engine/runner/engine.js';
import { tokenSlots } from '../../engine/tokens/token-slots.js';
import { MODEL_DIR, noModels, suite, vocab } from '../model/helpers.js';

describe.skipIf(noModels)(suite('generate: 32 bars'), () => {
  let engine: Engine;
  beforeAll(async () => {
    engine = await Engine.open({ dir: MODEL_DIR });
  });
  afterAll(() => engine.close());

  it('stays within its bar count past the training crop, and its key measures are computed', { timeout: 120_000 }, async () => {
    const bars = 32;
    const { pieces, tokens } = await generate(engine, { quadrant: 'Q3', bars, seed: 3 });
    expect(tokens).toBe(2 + bars * TOKENS_PER_BAR);
    expect(tokens).toBeGreaterThan(trainingCrop(engine.manifest)); // the prior is windowed
    const [made] = pieces;
    const tokenBars = tokenSlots(made.sequence.tokens, vocab).reduce((m, s) => Math.max(m, s.bar + 1), 0);
    expect(tokenBars).toBeLessThanOrEqual(bars);
    expect(barCount(made.piece)).toBeLessThanOrEqual(bars);
    const m = measureMusic(made.piece, made.sequence.tokens, vocab, openJudge(engine.info.dir));
    expect(m.bars).toBeLessThanOrEqual(bars);
    expect(m.keyClarity).toBeGreaterThanOrEqual(-1);
    expect(m.keyClarity).toBeLessThanOrEqual(1);
    expect(typeof m.major).toBe('boolean');
    for (const x of [m.pitchClasses, m.polyphony, m.repetition, m.notesPerSecond]) expect(Number.isFinite(x)).toBe(true);
  });
});
