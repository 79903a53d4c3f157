// The engine computes what PyTorch computed: every graph against parity.json, and
// Engine.encode against the encoder's PyTorch outputs for the same tokens.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { GRAPH_NAMES } from '../../engine/onnx/manifest.js';
import { Engine } from '../../engine/runner/engine.js';
import { checkOnnxParity, PARITY_TOLERANCE } from '../../engine/tools/onnx-parity.js';
import { MODEL_DIR, noModels, suite } from './helpers.js';

interface JsonTensor {
  dims: number[];
  data: (number | boolean)[];
}

describe.skipIf(noModels)(suite('parity with PyTorch'), () => {
  afterAll(async () => (await Engine.open({ dir: MODEL_DIR })).close());

  it('every graph matches parity.json in onnxruntime-node', async () => {
    const results = await checkOnnxParity(MODEL_DIR!);
    expect(new Set(results.map((r) => r.graph)).size).toBe(GRAPH_NAMES.length);
    for (const r of results) expect(r.maxAbsDiff, `${r.graph}[${r.case}].${r.output}`).toBeLessThanOrEqual(PARITY_TOLERANCE);
  });

  it("Engine.encode gives the encoder's PyTorch latents, quantized latents and codes", async () => {
    const engine = await Engine.open({ dir: MODEL_DIR });
    const dims = engine.manifest.latent.dims;
    const books = engine.manifest.codebooks.count;
    const cases: { inputs: Record<string, JsonTensor>; outputs: Record<string, JsonTensor> }[] = JSON.parse(readFileSync(join(MODEL_DIR!, 'parity.json'), 'utf8')).encoder;
    let checked = 0;
    for (const c of cases) {
      const [B, L] = c.inputs.tokens.dims;
      for (let b = 0; b < B; b++) {
        // the batch item without its padding, as the engine sees a piece
        const n = c.inputs.mask.data.slice(b * L, (b + 1) * L).filter(Boolean).length;
        const tokens = Array.from({ length: n }, (_, t) => (c.inputs.tokens.data.slice((b * L + t) * 8, (b * L + t + 1) * 8) as number[]));
        const enc = await engine.encode(tokens);
        for (const [name, got, width] of [['latents', enc.latents, dims], ['quantized', enc.quantized, dims], ['codes', enc.codes, books]] as const) {
          const want = c.outputs[name].data.slice(b * L * width, (b * L + n) * width) as number[];
          let diff = 0;
          want.forEach((w, i) => (diff = Math.max(diff, Math.abs(w - got[i]))));
          expect(diff, `${name}, item ${b} of a batch of ${B}`).toBeLessThanOrEqual(PARITY_TOLERANCE);
          checked++;
        }
      }
    }
    expect(checked).toBeGreaterThanOrEqual(6);
  });
});
