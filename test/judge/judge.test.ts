import { readFileSync } from 'node:fs';
import { describe as group, expect, it } from 'vitest';
import { describe } from '../../engine/descriptors/describe.js';
import { JUDGE_FEATURES, type JudgeFeature } from '../../engine/judge/features.js';
import { explain, judge, openJudge, score } from '../../engine/judge/judge.js';
import { projectPath } from '../../engine/paths.js';
import { loadVocab } from '../../engine/tokens/vocab.js';
import { gridPiece, type BeatNote } from '../fixtures/pieces.js';

const vocab = loadVocab();
const model = openJudge();

/** Eight bars of a I-vi-IV-V pop progression with a running melody, transposed by `shift`. */
function song(shift = 0, velocity = (i: number) => 60 + (i % 5) * 8): BeatNote[] {
  const notes: BeatNote[] = [];
  const chords = [[48, 52, 55], [45, 48, 52], [41, 45, 48], [43, 47, 50]];
  for (let bar = 0; bar < 8; bar++) {
    for (const p of chords[bar % 4]) notes.push({ pitch: p + shift, at: bar * 4, length: 4, velocity: velocity(bar) });
    [72, 76, 79, 76, 74, 72, 71, 72].forEach((p, k) => notes.push({ pitch: p + shift, at: bar * 4 + k / 2, length: 0.5, velocity: velocity(bar * 8 + k) }));
  }
  return notes;
}

const estimate = (notes: BeatNote[], bpm = 100) => judge(model, describe(gridPiece(notes, [{ beat: 0, bpm }]), vocab));

group('the emotion judge', () => {
  it('gives the probabilities models/training/judge.py gives, on its own parity examples', () => {
    const file = JSON.parse(readFileSync(projectPath('models', 'judge.json'), 'utf8')) as { features: JudgeFeature[]; parity: { features: number[][]; valence: number[]; arousal: number[] } };
    expect(file.parity.features.length).toBeGreaterThan(5);
    file.parity.features.forEach((row, k) => {
      const raw = Object.fromEntries(JUDGE_FEATURES.map((f) => [f, 0])) as Record<JudgeFeature, number>;
      file.features.forEach((f, i) => (raw[f] = row[i]));
      const s = score(model, raw);
      expect(Math.abs(s.valence.p - file.parity.valence[k])).toBeLessThan(1e-9);
      expect(Math.abs(s.arousal.p - file.parity.arousal[k])).toBeLessThan(1e-9);
    });
  });

  it('carries calibrated test figures', () => {
    const test = (JSON.parse(readFileSync(projectPath('models', 'judge.json'), 'utf8')) as { metrics: { test: { ece: Record<string, number>; accuracy: Record<string, number> } } }).metrics.test;
    expect(test.ece.valence).toBeLessThan(0.15);
    expect(test.ece.arousal).toBeLessThan(0.15);
    expect(test.accuracy.arousal).toBeGreaterThan(0.5);
  });

  it('barely moves when a piece is transposed, and hears it faster as more aroused', () => {
    const home = estimate(song());
    for (const shift of [-3, -1, 2, 4]) {
      const moved = estimate(song(shift));
      expect(Math.abs(moved.valence - home.valence)).toBeLessThan(0.1);
      expect(Math.abs(moved.arousal - home.arousal)).toBeLessThan(0.1);
    }
    expect(estimate(song(), 200).arousal).toBeGreaterThan(home.arousal);
  });

  it('says what pushed it, and leaves loudness out of a file with no dynamics', () => {
    const e = estimate(song());
    expect(e.reasons.length).toBeGreaterThan(0);
    expect(e.explanation).toMatch(/→ (valence|arousal) (up|down)/);
    const flat = estimate(song(0, () => 100));
    expect(flat.reasons.some((r) => r.feature.startsWith('velocity'))).toBe(false);
  });

  it('names a feature that pushed both valence and arousal once', () => {
    const reason = (what: string, dimension: 'valence' | 'arousal', direction: 'up' | 'down') => ({ feature: 'articulation' as JudgeFeature, what, dimension, direction, weight: 1 });
    const reasons = [reason('detached', 'valence', 'up'), reason('minor chords 3 %', 'valence', 'up'), reason('detached', 'arousal', 'up'), reason('loud', 'arousal', 'down')];
    expect(explain(reasons)).toBe('detached → valence up, arousal up; minor chords 3 % → valence up; loud → arousal down');
  });

  it('one note, a chromatic cluster and no notes give an estimate, never NaN', () => {
    const cluster = Array.from({ length: 12 }, (_, i) => ({ pitch: 60 + i, at: 0, length: 4 }));
    for (const notes of [[{ pitch: 60, at: 0, length: 1 }], cluster, []]) {
      const e = estimate(notes);
      for (const v of [e.valence, e.arousal, ...Object.values(e.probabilities)]) expect(Number.isFinite(v)).toBe(true);
      expect(e.quadrant).toMatch(/^Q[1-4]$/);
    }
  });
});
