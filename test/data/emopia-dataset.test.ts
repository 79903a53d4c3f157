// The whole of EMOPIA: every clip tokenizes, round-trips, and Python reads the result.

import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildDataset } from '../../engine/dataset/build.js';
import { projectPath } from '../../engine/paths.js';
import { loadVocab } from '../../engine/tokens/vocab.js';
import { EMOPIA, skipWithoutData, tempDir } from '../helpers.js';

describe.skipIf(skipWithoutData)('EMOPIA dataset build', () => {
  const out = tempDir();
  const index = buildDataset({ data: EMOPIA, out, vocab: loadVocab(), verify: true });

  it('tokenizes every clip, skipping none', () => {
    expect(index.skipped).toEqual([]);
    expect(index.clips.length).toBe(1078);
    expect(index.stats.bySplit.train.clips).toBe(876);
    expect(index.stats.bySplit.val.clips).toBe(114);
    expect(index.stats.bySplit.test.clips).toBe(88);
    expect(index.stats.byQuadrant.Q4.clips).toBe(310);
  });

  it('round-trips every clip: idempotent, no note lost, onsets within a 16th, order kept', () => {
    const rt = index.roundTrip!;
    expect(rt.clips).toBe(1078);
    expect(rt.idempotent).toBe(1078);
    expect(rt.lost).toBe(0);
    expect(rt.orderKept).toBe(1078);
    expect(rt.maxOnsetErrorSteps).toBeLessThanOrEqual(1);
    // duplicates merged on the grid are few (counted, reported)
    expect(rt.mergedDuplicates / rt.notes).toBeLessThan(0.02);
  });

  it('writes int16 tensors that match the index', () => {
    const bin = readFileSync(join(out, 'tokens.bin'));
    expect(bin.length).toBe(index.totalTokens * 8 * 2);
    const first = index.clips[0];
    const row0 = [...new Int16Array(bin.buffer, bin.byteOffset + first.offset * 16, 8)];
    const vocab = loadVocab();
    expect(vocab.values.type[row0[3]]).toBe('Emotion');
    expect(vocab.values.emotion[row0[7]]).toBe(first.quadrant);
    expect(readFileSync(join(out, 'report.md'), 'utf8')).toContain('## Token lengths by split and quadrant');
  });

  it.skipIf(!existsSync('/usr/bin/python3'))('is read by the Python reader without any MIDI library', () => {
    const text = execFileSync('/usr/bin/python3', [projectPath('models', 'training', 'tokens_dataset.py'), out, projectPath('models', 'vocab.json'), 'test'], { encoding: 'utf8' });
    const summary = JSON.parse(text);
    expect(summary.clips).toBe(88);
    expect(summary.tokens).toBe(index.stats.bySplit.test.tokens);
  });
});
