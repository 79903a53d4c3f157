// The decoding worker: tasks queue first in, first out, and cancelling stops the work.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { samplingOf } from '../../engine/inference/sampling.js';
import { DecodeQueue } from '../../engine/runner/decode-queue.js';
import { Engine } from '../../engine/runner/engine.js';
import { MODEL_DIR, noModels, smallPiece, suite } from './helpers.js';

const abortedAfter = (ms: number) => AbortSignal.timeout(ms);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const isAbort = (err: unknown) => err instanceof Error && err.name === 'AbortError';

describe.skipIf(noModels)(suite('decoding worker'), () => {
  let engine: Engine;
  beforeAll(async () => {
    engine = await Engine.open({ dir: MODEL_DIR });
    await engine.warmUp();
  });
  afterAll(() => engine.close());

  // a prior run of 100k positions takes far longer than the test: only cancelling ends it
  const endless = { quadrant: 'Q1' as const, tokens: 100_000 };

  it('stops a running task on abort, then takes the next one', async () => {
    const t0 = performance.now();
    const err = await engine.generate(endless, { signal: abortedAfter(100) }).catch((e) => e);
    expect(isAbort(err)).toBe(true);
    expect(performance.now() - t0).toBeLessThan(5000);
    const next = await engine.reconstruct(await engine.encode(smallPiece(2)), { seed: 1 });
    expect(next.sequences[0].length).toBeGreaterThan(1);
  });

  it('stops mid-decoding: no token arrives after the rejection', async () => {
    // through the queue itself, with EOS ruled out, so decoding surely outlasts the abort
    const queue = new DecodeQueue({ dir: engine.info.dir, provider: engine.info.provider });
    const a = await engine.encode(smallPiece(8));
    const controller = new AbortController();
    let steps = 0;
    const input = { latents: a.quantized, batch: 1, length: a.length, emotion: [a.emotion], sampling: samplingOf(), fullLength: true };
    const onStep = () => {
      steps++;
      controller.abort();
    };
    const err = await queue.run({ kind: 'decode', input, seed: 1 }, { onStep, signal: controller.signal }).catch((e) => e);
    expect(isAbort(err)).toBe(true);
    const atRejection = steps;
    expect(atRejection).toBeLessThan(a.length / 2);
    await sleep(100);
    expect(steps).toBe(atRejection);
    // the same worker takes the next task
    expect((await queue.run({ kind: 'decode', input: { ...input, length: 8 }, seed: 1 })).sequences).toHaveLength(1);
    await queue.close();
  });

  it('drops a queued task on abort without touching the one running', async () => {
    const running = new AbortController();
    const first = engine.generate(endless, { signal: running.signal }).catch((e) => e);
    const queued = new AbortController();
    const second = engine.reconstruct(await engine.encode(smallPiece(2)), { signal: queued.signal }).catch((e) => e);
    const third = engine.generate({ quadrant: 'Q2', tokens: 24 }, { seed: 7 });
    queued.abort();
    expect(isAbort(await second)).toBe(true);
    running.abort();
    expect(isAbort(await first)).toBe(true);
    expect((await third).sequences).toHaveLength(1);
  });

  it('rejects at once when the signal is already aborted', async () => {
    const err = await engine.generate({ quadrant: 'Q4', tokens: 24 }, { signal: AbortSignal.abort() }).catch((e) => e);
    expect(isAbort(err)).toBe(true);
  });

  it('runs tasks in the order they came', async () => {
    const order: number[] = [];
    const tasks = [1, 2, 3].map((k) => engine.generate({ quadrant: 'Q1', tokens: 16 }, { seed: k }).then(() => order.push(k)));
    await Promise.all(tasks);
    expect(order).toEqual([1, 2, 3]);
  });
});
