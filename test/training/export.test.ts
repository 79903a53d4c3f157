// ONNX export parity: a tiny MusER set is trained for a few steps with Debian's PyTorch,
// exported, and every graph is run through onnxruntime-node against PyTorch's outputs;
// from_onnx.py rebuilds the run's checkpoints from the export and must give its figures.
// The shipped models (models/*.onnx), when present, are checked the same way.

import { execFile, execFileSync } from 'node:child_process';
import { cpSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { GRAPH_NAMES } from '../../engine/onnx/manifest.js';
import { projectPath } from '../../engine/paths.js';
import { Engine } from '../../engine/runner/engine.js';
import { checkOnnxParity, PARITY_TOLERANCE } from '../../engine/tools/onnx-parity.js';
import { skipWithoutData, tempDir } from '../helpers.js';

const PYTHON = '/usr/bin/python3';
const TRAINING = { timeout: 600_000 }; // a few training steps take minutes on a loaded 2-core machine

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

/** What a command that should fail printed on stderr; null when it did not fail. */
function failure(run: () => unknown): string | null {
  try {
    run();
  } catch (e) {
    return String((e as { stderr?: string }).stderr);
  }
  return null;
}

describe.skipIf(skip)('tiny model: train, export, parity', () => {
  const work = tempDir('muser-tiny-');
  const data = join(work, 'dataset');
  const run = join(work, 'run');
  const out = join(work, 'export');

  it('trains a few steps and exports checked ONNX graphs', TRAINING, () => {
    execFileSync(process.execPath, [projectPath('bin', 'muser.js'), 'dataset', '--out', data, '--no-verify'], { stdio: 'ignore' });
    const log = python('train.py', ['--data', data, '--out', run, '--preset', 'tiny']);
    expect(log).toMatch(/vqvae step 30 val/);
    expect(log).toMatch(/done/);
    const exported = python('export.py', ['--run', run, '--data', data, '--out', out]);
    expect(exported).toMatch(/recurrent vs parallel decoder: max \|diff\| \S+/);
    for (const g of GRAPH_NAMES) {
      expect(existsSync(join(out, `${g}.onnx`)), g).toBe(true);
    }
  });

  it('gives the same outputs in onnxruntime-node as in PyTorch (max |diff| <= 1e-4)', async () => {
    const results = await checkOnnxParity(out);
    expect(new Set(results.map((r) => r.graph)).size).toBe(GRAPH_NAMES.length);
    for (const r of results) expect(r.maxAbsDiff, `${r.graph}[${r.case}].${r.output}`).toBeLessThanOrEqual(PARITY_TOLERANCE);
  });

  // before the next test trains `run` further: the export must still hold run's weights
  it('rebuilds the run from its ONNX graphs (from_onnx.py): the same outputs and the same test figures', TRAINING, () => {
    const rebuilt = join(work, 'run-from-onnx');
    const log = python('from_onnx.py', ['--models', out, '--out', rebuilt]);
    for (const g of GRAPH_NAMES) expect(log).toMatch(new RegExp(`^${g}: max \\|diff\\| \\S+ over 2 parity cases$`, 'm'));
    const figures = (r: string) => {
      const metrics = join(r, 'figures.json');
      python('evaluate.py', ['--run', r, '--data', data, '--card', join(r, 'card.md'), '--metrics', metrics, '--pairs', '4', '--length', '32', '--no-generation']);
      const { teacher_forced_accuracy, reconstruction_f1, transfer, classifier } = JSON.parse(readFileSync(metrics, 'utf8'));
      return { teacher_forced_accuracy, reconstruction_f1, transfer, classifier };
    };
    expect(figures(rebuilt)).toEqual(figures(run));
  });

  it('from_onnx.py refuses, in one line and writing nothing, when the rebuilt model misses the parity fixtures', () => {
    const tampered = join(work, 'export-tampered');
    cpSync(out, tampered, { recursive: true });
    const parity = JSON.parse(readFileSync(join(tampered, 'parity.json'), 'utf8'));
    parity.classifier[0].outputs.logits.data[0] += 1;
    writeFileSync(join(tampered, 'parity.json'), JSON.stringify(parity));
    const rebuilt = join(work, 'run-from-tampered');
    const stderr = failure(() => python('from_onnx.py', ['--models', tampered, '--out', rebuilt]));
    expect(stderr).toMatch(/^from_onnx: classifier: the rebuilt model differs from \S+parity\.json by \S+ \(> 0\.0001\); nothing written\n$/);
    expect(existsSync(rebuilt)).toBe(false);
  });

  it('resumes an interrupted run from its checkpoint instead of starting over', TRAINING, () => {
    const again = python('train.py', ['--data', data, '--out', run, '--preset', 'tiny', '--vqvae-steps', '40']);
    expect(again).toMatch(/vqvae: resuming at step 30/);
    expect(again).toMatch(/vqvae step 40 val/);
  });

  it('fine-tunes a variant whose main decoder reads only the structure slices, and exports it with parity', TRAINING, async () => {
    const variant = join(work, 'run-structure');
    const log = python('train.py', ['--data', data, '--out', variant, '--preset', 'tiny', '--decoder-latent', 'structure', '--init', join(run, 'vqvae.best.pt')]);
    expect(log).toMatch(/starting from \S+vqvae\.best\.pt: \d+ of \d+ tensors copied; fresh: not_applicable, type_in\.weight, type_probe\.bias, type_probe\.weight/);
    expect(log).toMatch(/type-probe \d/);
    const variantOut = join(work, 'export-structure');
    python('export.py', ['--run', variant, '--data', data, '--out', variantOut]);
    const results = await checkOnnxParity(variantOut);
    expect(results.length).toBeGreaterThan(0);
    for (const r of results) expect(r.maxAbsDiff, `${r.graph}[${r.case}].${r.output}`).toBeLessThanOrEqual(PARITY_TOLERANCE);
    // the shipped kind: its type probe and latent projection are the graph's unnamed MatMul weights
    expect(python('from_onnx.py', ['--models', variantOut, '--out', join(work, 'run-structure-from-onnx')])).toMatch(/wrote \S+run-structure-from-onnx/);
  });

  it('trains across two ranks with DistributedDataParallel (gloo) under torchrun', TRAINING, async () => {
    const ddpRun = join(work, 'run-ddp');
    // --redirects/--tee 1: Debian's torch 1.13 torchrun fails under Python 3.11 with its default 0
    const { stdout } = await promisify(execFile)(PYTHON, ['-m', 'torch.distributed.run', '--standalone', '--nproc_per_node', '2',
      '--redirects', '1', '--tee', '1', projectPath('models', 'training', 'train.py'), '--data', data, '--out', ddpRun, '--preset', 'tiny',
      '--stage', 'vqvae', '--vqvae-steps', '10', '--threads', '1']);
    expect(stdout).toMatch(/\[default1\]:/); // the second rank ran and printed
    const log = readFileSync(join(ddpRun, 'train.log'), 'utf8');
    expect(log).toMatch(/2 ranks \(DistributedDataParallel\)/);
    expect(log).toMatch(/vqvae step 10 val/);
    expect(existsSync(join(ddpRun, 'vqvae.best.pt'))).toBe(true);
  });

  it('evaluates with prior guidance and ships a manifest whose guidance the engine samples with by default', TRAINING, async () => {
    const card = join(work, 'card.md');
    const report = python('evaluate.py', ['--run', run, '--data', data, '--card', card, '--pairs', '2', '--length', '32', '--per-quadrant', '2', '--guidance', '2.5']);
    expect(report).toMatch(/guidance 2\.5\) that the classifier puts in the asked quadrant/);
    expect(readFileSync(card, 'utf8')).toContain('<!-- EVAL:BEGIN -->');
    const shipped = join(work, 'shipped');
    python('ship.py', ['--export', out, '--run', run, '--data', data, '--to', shipped]);
    expect(JSON.parse(readFileSync(join(shipped, 'manifest.json'), 'utf8')).prior).toEqual({ guidance: 2.5 });
    const engine = await Engine.open({ dir: shipped });
    try {
      const g = { quadrant: 'Q2' as const, tokens: 24, count: 2 };
      const byDefault = await engine.generate(g, { seed: 4 });
      expect(byDefault.sequences).toEqual((await engine.generate({ ...g, guidance: 2.5 }, { seed: 4 })).sequences);
      await expect(engine.generate({ ...g, guidance: -1 })).rejects.toThrow(/guidance must be in \[0, 10\]/);
    } finally {
      await engine.close();
    }
  });

  // re-mood and continue prime the prior with a piece's codes as the app encodes them: a
  // prior trained on other indices (unmerged duplicates, whole clips) reads them as codes it never saw
  it('trains the prior on the codes the app reads: its windows, near-duplicate codes merged', TRAINING, async () => {
    const script = [
      'import json, sys',
      `sys.path.insert(0, ${JSON.stringify(projectPath('models', 'training'))})`,
      'from pathlib import Path',
      'from checkpoints import load_vqvae',
      'from codes import clip_codes',
      'from data import Clips',
      'from vocab import VOCAB_JSON, Vocab',
      'vocab = Vocab(VOCAB_JSON)',
      "cfg, vqvae = load_vqvae(Path(sys.argv[1]) / 'vqvae.best.pt', vocab, merged=True)",
      "t = max((t for _, _, t in Clips(sys.argv[2], 'val', vocab).items), key=len)",
      "print(json.dumps({'crop': cfg.crop, 'tokens': t.tolist(), 'codes': clip_codes(vqvae, t, cfg.crop).flatten().tolist()}))",
    ].join('\n');
    // run-from-onnx holds the weights of `out`, which `shipped` serves
    const learnt = JSON.parse(execFileSync(PYTHON, ['-c', script, join(work, 'run-from-onnx'), data], { encoding: 'utf8' })) as { crop: number; tokens: number[][]; codes: number[] };
    expect(learnt.tokens.length).toBeGreaterThan(2 * learnt.crop); // several windows
    const engine = await Engine.open({ dir: join(work, 'shipped') });
    try {
      const read = (await engine.encode(learnt.tokens)).codes;
      expect(read.length).toBe(learnt.codes.length);
      const differing = learnt.codes.filter((c, i) => c !== read[i]).length;
      expect(differing / read.length).toBeLessThan(0.01); // float ties between two equally near codes, at most
    } finally {
      await engine.close();
    }
  });

  it('refuses to start a VQ-VAE from a checkpoint that is not one', () => {
    expect(() => python('train.py', ['--data', data, '--out', join(work, 'run-bad-init'), '--preset', 'tiny', '--init', join(run, 'prior.best.pt')]))
      .toThrow(/prior\.best\.pt: only \d+ of the VQ-VAE's \d+ tensors fit/);
  });

  it('export, evaluate and guidance name a missing checkpoint in one line, without a traceback', () => {
    const missing = join(work, 'no-run');
    for (const script of ['export.py', 'evaluate.py', 'guidance.py']) {
      const args = ['--run', missing, '--data', data, ...(script === 'export.py' ? ['--out', join(work, 'no-export')] : [])];
      const stderr = failure(() => python(script, args));
      expect(stderr, script).toMatch(new RegExp(`^${script.replace('.py', '')}: \\S+no-run/vqvae\\.best\\.pt: not a readable checkpoint`));
      expect(stderr, script).not.toContain('Traceback');
    }
    expect(existsSync(join(work, 'no-export'))).toBe(false);
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

  it.skipIf(!hasTorch())('rebuild into PyTorch checkpoints that give the parity fixtures\' outputs (npm run models:measure)', TRAINING, () => {
    const rebuilt = join(tempDir('muser-shipped-'), 'run');
    const log = python('from_onnx.py', ['--models', projectPath('models'), '--out', rebuilt]);
    expect(log).toMatch(/wrote /);
    for (const f of ['vqvae', 'prior', 'classifier']) expect(existsSync(join(rebuilt, `${f}.best.pt`)), f).toBe(true);
  });
});
