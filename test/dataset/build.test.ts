// The builder on a small EMOPIA-shaped folder: bad files are skipped with reasons, never fatal.

import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildDataset } from '../../engine/dataset/build.js';
import { InputError } from '../../engine/errors.js';
import { loadVocab } from '../../engine/tokens/vocab.js';
import { GRID_POP, skipWithoutData, tempDir } from '../helpers.js';

function fakeEmopia(): string {
  const dir = tempDir('fake-emopia-');
  mkdirSync(join(dir, 'midis'));
  mkdirSync(join(dir, 'split'));
  copyFileSync(join(GRID_POP, 'cp-linear_get_0.mid'), join(dir, 'midis', 'Q1_songA_0.mid'));
  copyFileSync(join(GRID_POP, 'cp-linear_get_1.mid'), join(dir, 'midis', 'Q3_songB_0.mid'));
  writeFileSync(join(dir, 'midis', 'Q2_songC_0.mid'), Buffer.from('MThd\x00\x00\x00\x06\x00\x01\x00\x02\x01\xe0MTrk\x00\x00\x10\x00', 'latin1'));
  writeFileSync(join(dir, 'midis', 'notes.txt'), 'not midi');
  copyFileSync(join(GRID_POP, 'cp-linear_get_2.mid'), join(dir, 'midis', 'Q4_songD_0.mid'));
  writeFileSync(join(dir, 'label.csv'), 'ID,4Q,annotator\nQ1_songA_0,1,x\nQ3_songB_0,3,x\nQ2_songC_0,2,x\n');
  writeFileSync(join(dir, 'split', 'train_clip.csv'), ',clip_name\n0,Q1_songA_0.mid\n1,Q2_songC_0.mid\n2,Q4_songD_0.mid\n');
  writeFileSync(join(dir, 'split', 'val_clip.csv'), ',clip_name\n');
  writeFileSync(join(dir, 'split', 'test_clip.csv'), ',clip_name\n0,Q3_songB_0.mid\n');
  return dir;
}

describe.skipIf(skipWithoutData)('dataset builder', () => {
  it('keeps going past bad files and says why each was skipped', () => {
    const out = tempDir();
    const index = buildDataset({ data: fakeEmopia(), out, vocab: loadVocab(), verify: true });
    expect(index.clips.map((c) => [c.name, c.split, c.quadrant])).toEqual([
      ['Q1_songA_0', 'train', 'Q1'],
      ['Q3_songB_0', 'test', 'Q3'],
    ]);
    const reasons = Object.fromEntries(index.skipped.map((s) => [s.file, s.reason]));
    expect(reasons['Q2_songC_0.mid']).toMatch(/Q2_songC_0\.mid: truncated/);
    expect(reasons['notes.txt']).toBe('not a .mid/.midi file');
    expect(reasons['Q4_songD_0.mid']).toBe('no quadrant in label.csv');
    expect(index.clips[1].offset).toBe(index.clips[0].length);
    const report = readFileSync(join(out, 'report.md'), 'utf8');
    expect(report).toContain('- notes.txt: not a .mid/.midi file');
    expect(index.roundTrip!.idempotent).toBe(2);
  });

  it('fails clearly when the folder is not EMOPIA', () => {
    expect(() => buildDataset({ data: tempDir(), out: tempDir(), vocab: loadVocab(), verify: false })).toThrow(InputError);
    expect(() => buildDataset({ data: tempDir(), out: tempDir(), vocab: loadVocab(), verify: false })).toThrow(/label\.csv: missing/);
  });
});
