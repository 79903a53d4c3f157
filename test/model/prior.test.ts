// The prior's code sampling, with and without classifier-free guidance, some codes given, past the crop.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sampleCodes } from '../../engine/inference/prior.js';
import { samplingOf } from '../../engine/inference/sampling.js';
import type { Graphs } from '../../engine/onnx/graphs.js';
import { loadGraphs } from '../../engine/onnx/load.js';
import { trainingCrop } from '../../engine/onnx/manifest.js';
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

  it('reads given codes as they are and draws only the others, each item the same given codes', async () => {
    const books = graphs.manifest.codebooks.count;
    const given = { codes: (await codes([q3])).map((c) => (c + 1) % graphs.manifest.codebooks.size), keep: new Uint8Array(LENGTH * books) };
    for (let t = 0; t < LENGTH; t++) for (const k of [0, 4, 6]) given.keep[t * books + k] = 1;
    const out = await sampleCodes(graphs, [q1, q1], LENGTH, plan, rngs(2), {}, { scale: 2, free: none }, given);
    for (let b = 0; b < 2; b++)
      for (let i = 0; i < LENGTH * books; i++) if (given.keep[i]) expect(out[b * LENGTH * books + i]).toBe(given.codes[i]);
    // all given: nothing is drawn; none given: plain sampling
    expect(await sampleCodes(graphs, [q1], LENGTH, plan, rngs(1), {}, undefined, { codes: given.codes, keep: new Uint8Array(LENGTH * books).fill(1) })).toEqual(given.codes);
    expect(await sampleCodes(graphs, [q1], LENGTH, plan, rngs(1), {}, undefined, { codes: given.codes, keep: new Uint8Array(LENGTH * books) })).toEqual(await codes([q1]));
  });

  it('past the training crop goes on in fresh windows without changing the first', async () => {
    const crop = trainingCrop(graphs.manifest);
    const books = graphs.manifest.codebooks.count;
    const long = await sampleCodes(graphs, [q3], crop + 40, plan, rngs(1), {});
    expect(long).toHaveLength((crop + 40) * books);
    expect(long.slice(0, crop * books)).toEqual(await sampleCodes(graphs, [q3], crop, plan, rngs(1), {}));
    expect(long.every((c) => c >= 0 && c < graphs.manifest.codebooks.size)).toBe(true);
  });
});
