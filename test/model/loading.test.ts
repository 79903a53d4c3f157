// Loading a model folder: checksums, vocabulary, providers, one engine per folder.

import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { InputError } from '../../engine/errors.js';
import { loadGraphs } from '../../engine/onnx/load.js';
import { priorGuidance } from '../../engine/onnx/manifest.js';
import { preferredProviders } from '../../engine/onnx/providers.js';
import { Engine } from '../../engine/runner/engine.js';
import { QUADRANTS } from '../../engine/tokens/quadrants.js';
import { MODEL_DIR, modelCopy, noModels, suite } from './helpers.js';

describe('provider preference', () => {
  it('puts the platform accelerator first and the CPU last', () => {
    expect(preferredProviders('linux')).toEqual(['cuda', 'cpu']);
    expect(preferredProviders('win32')).toEqual(['cuda', 'dml', 'cpu']);
    expect(preferredProviders('darwin')).toEqual(['coreml', 'cpu']);
  });
});

describe.skipIf(noModels)(suite('model loading'), () => {
  afterAll(async () => (await Engine.open({ dir: MODEL_DIR })).close());

  it('opens once per folder and reports the provider it runs on', async () => {
    const a = await Engine.open({ dir: MODEL_DIR });
    const b = await Engine.open({ dir: MODEL_DIR });
    expect(b).toBe(a);
    expect(['cuda', 'dml', 'coreml', 'cpu']).toContain(a.info.provider);
    expect(a.info.loadMs).toBeGreaterThan(0);
  });

  it('falls back to the CPU when the asked provider is unavailable, and says why', async () => {
    // no CUDA libraries here (and dml / coreml are not in a Linux build)
    const { provider, fallbacks, graphs } = await loadGraphs({ dir: MODEL_DIR, providers: [process.platform === 'linux' ? 'dml' : 'cuda'], graphs: ['dequantize'] });
    expect(provider).toBe('cpu');
    expect(fallbacks).toHaveLength(1);
    expect(fallbacks[0].reason).toMatch(/\w/);
    await graphs.release();
  });

  it('names a missing graph file', async () => {
    const dir = modelCopy();
    rmSync(join(dir, 'decoder_heads.onnx'));
    const err = await Engine.open({ dir }).catch((e) => e);
    expect(err).toBeInstanceOf(InputError);
    expect(err.message).toContain(join(dir, 'decoder_heads.onnx'));
    expect(err.message).toMatch(/missing/);
  });

  it('refuses a corrupted graph file (sha256 mismatch), naming it', async () => {
    const dir = modelCopy();
    const file = join(dir, 'encoder.onnx');
    const bytes = readFileSync(file);
    bytes[bytes.length >> 1] ^= 0xff;
    writeFileSync(file, bytes);
    await expect(Engine.open({ dir })).rejects.toThrow(new RegExp(`${file}: corrupted or replaced: sha256`));
  });

  it('refuses a manifest made for another vocabulary', async () => {
    const dir = modelCopy();
    const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8'));
    writeFileSync(join(dir, 'manifest.json'), JSON.stringify({ ...manifest, vocab: 'muser-cp-0' }));
    await expect(Engine.open({ dir })).rejects.toThrow(/trained with vocabulary "muser-cp-0", but this engine uses "muser-cp-1"/);
  });

  it('refuses a manifest whose prior sampling order misses a codebook', async () => {
    const dir = modelCopy();
    const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8'));
    manifest.codebooks.order = manifest.codebooks.order.slice(1);
    writeFileSync(join(dir, 'manifest.json'), JSON.stringify(manifest));
    await expect(Engine.open({ dir })).rejects.toThrow(/codebooks\.order must list every codebook once/);
  });

  it('samples each quadrant at its own guidance where the manifest gives one, and refuses one out of range', async () => {
    const dir = modelCopy();
    const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8'));
    writeFileSync(join(dir, 'manifest.json'), JSON.stringify({ ...manifest, prior: { guidance: 1.5, quadrant_guidance: { Q3: 2 } } }));
    const engine = await Engine.open({ dir });
    try {
      expect(QUADRANTS.map((q) => priorGuidance(engine.manifest, q))).toEqual([1.5, 1.5, 2, 1.5]);
      // the default is the quadrant's: the same draws as asking for it
      const [byDefault, asked] = [await engine.generate({ quadrant: 'Q3', tokens: 12 }, { seed: 4 }), await engine.generate({ quadrant: 'Q3', tokens: 12, guidance: 2 }, { seed: 4 })];
      expect(byDefault.sequences).toEqual(asked.sequences);
    } finally {
      await engine.close();
    }
    const bad = modelCopy();
    writeFileSync(join(bad, 'manifest.json'), JSON.stringify({ ...manifest, prior: { guidance: 1.5, quadrant_guidance: { Q3: 12 } } }));
    await expect(Engine.open({ dir: bad })).rejects.toThrow(/prior\.quadrant_guidance\.Q3 must be in \[0, 10\], got 12/);
  });

  it('names a folder without a manifest', async () => {
    const dir = modelCopy();
    rmSync(join(dir, 'manifest.json'));
    await expect(Engine.open({ dir })).rejects.toThrow(/manifest\.json: no such file/);
  });
});
