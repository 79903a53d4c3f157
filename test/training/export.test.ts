// ONNX export parity: a tiny MusER set is trained for a few steps with Debian's PyTorch,
// exported, and every graph is run through onnxruntime-node against PyTorch's outputs.
// The shipped models (models/*.onnx), when present, are checked the same way.

import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkOnnxParity, PARITY_TOLERANCE } from '../../engine/model/onnx-parity.js';
import { projectPath } from '../../engine/paths.js';
import { skipWithoutData, tempDir } from '../helpers.js';

const PYTHON = '/usr/bin/python3';

function hasTorch(): boolean {
  try {
    execFileSync(PYTHON, ['-c', 'import torch, onnx'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

// CI installs torch (.ci/run); elsewhere the test says why it skips
const skip = skipWithoutData || (!hasTorch() && !process.env.CI);

function python(script: string, args: string[]): string {
  return execFileSync(PYTHON, [projectPath('models', 'training', script), ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

describe.skipIf(skip)('tiny model: train, export, parity', () => {
  const work = tempDir('muser-tiny-');
  const data = join(work, 'dataset');
  const run = join(work, 'run');
  const out = join(work, 'export');

  it('trains a few steps and exports checked ONNX graphs', () => {
    execFileSync(process.execPath, [projectPath('bin', 'muser.js'), 'dataset', '--out', data, '--no-verify'], { stdio: 'ignore' });
    const log = python('train.py', ['--data', data, '--out', run, '--preset', 'tiny']);
    expect(log).toMatch(/vqvae step 30 val/);
    expect(log).toMatch(/done/);
    const exported = python('export.py', ['--run', run, '--data', data, '--out', out]);
    expect(exported).toMatch(/recurrent vs parallel decoder: max \|diff\| \S+/);
    for (const g of ['encoder', 'dequantize', 'decoder_step', 'decoder_heads', 'prior_step', 'classifier']) {
      expect(existsSync(join(out, `${g}.onnx`)), g).toBe(true);
    }
  });

  it('gives the same outputs in onnxruntime-node as in PyTorch (max |diff| <= 1e-4)', async () => {
    const results = await checkOnnxParity(out);
    expect(new Set(results.map((r) => r.graph)).size).toBe(6);
    for (const r of results) expect(r.maxAbsDiff, `${r.graph}[${r.case}].${r.output}`).toBeLessThanOrEqual(PARITY_TOLERANCE);
  });

  it('resumes an interrupted run from its checkpoint instead of starting over', () => {
    const again = python('train.py', ['--data', data, '--out', run, '--preset', 'tiny', '--vqvae-steps', '40']);
    expect(again).toMatch(/vqvae: resuming at step 30/);
    expect(again).toMatch(/vqvae step 40 val/);
  });

  it('refuses a dataset made with another vocabulary', () => {
    const vocab = join(work, 'other-vocab.json');
    execFileSync(PYTHON, ['-c', `import json; v=json.load(open(${JSON.stringify(projectPath('models', 'vocab.json'))})); v['version']='other'; json.dump(v, open(${JSON.stringify(vocab)}, 'w'))`]);
    expect(() => python('train.py', ['--data', data, '--out', join(work, 'run2'), '--preset', 'tiny', '--vocab', vocab])).toThrow(/vocabulary/);
  });
});

describe.skipIf(!existsSync(projectPath('models', 'parity.json')))('shipped models', () => {
  it('match PyTorch in onnxruntime-node', async () => {
    for (const r of await checkOnnxParity(projectPath('models'))) expect(r.maxAbsDiff, `${r.graph}.${r.output}`).toBeLessThanOrEqual(PARITY_TOLERANCE);
  });
});
