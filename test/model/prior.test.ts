// The prior's code sampling, with and without classifier-free guidance.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sampleCodes } from '../../engine/inference/prior.js';
import { samplingOf } from '../../engine/inference/sampling.js';
import type { Graphs } from '../../engine/onnx/graphs.js';
import { loadGraphs } from '../../engine/onnx/load.js';
import { xorshift32 } from '../../engine/rng.js';
import { MODEL_DIR, noModels, suite, vocab } from './helpers.js';

const LENGTH = 12;
const plan = samplingOf({ temperature: 1.5, topP: 1 });
const rngs = (n: number) => Array.from({ length: n }, (_, b) => xorshift32(3, b));

describe.skipIf(noModels)(suite('prior sampling'), () => {
  let graphs: Graphs;
  const none = vocab.id('emotion', 'none');
  const [q1, q3] = [vocab.id('emotion', 'Q1'), vocab.id('emotion', 'Q3')];
  beforeAll(async () => {
    graphs = (await loadGraphs({ dir: MODEL_DIR, graphs: ['prior_step', 'prior_heads'] })).graphs;
  });
  afterAll(() => graphs.release());

  const codes = (emotion: number[], scale?: number) => sampleCodes(graphs, emotion, LENGTH, plan, rngs(emotion.length), {}, scale === undefined ? undefined : { scale, free: none });

  it('samples reproducibly, in the codebooks\' range, and the quadrant changes the codes', async () => {
    const a = await codes([q1, q3]);
    expect(await codes([q1, q3])).toEqual(a);
    const { count, size } = graphs.manifest.codebooks;
    expect(a).toHaveLength(2 * LENGTH * count);
    expect(a.every((c) => c >= 0 && c < size)).toBe(true);
    expect(a.slice(0, LENGTH * count)).not.toEqual(a.slice(LENGTH * count));
  });

  it('guidance 1 is plain conditional sampling; guidance 0 is the emotion-free prior whatever the quadrant', async () => {
    expect(await codes([q1, q3], 1)).toEqual(await codes([q1, q3]));
    const free = await codes([none, none]);
    expect(await codes([q1, q3], 0)).toEqual(free);
    // where the quadrant is "none" the conditional and free predictions agree, so any scale leaves them
    expect(await codes([none, none], 3)).toEqual(free);
  });

  it('guidance above 1 moves the codes away from plain conditional sampling', async () => {
    expect(await codes([q1, q3], 3)).not.toEqual(await codes([q1, q3]));
  });
});
