// The model folder the engine tests run against: $MUSER_TEST_MODELS (e.g. a tiny export
// in /tmp/tiny-models), else the shipped models/ when they are there; otherwise the tests
// skip and their suite name says why.

import { cpSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { projectPath } from '../../engine/paths.js';
import type { Quadrant } from '../../engine/tokens/quadrants.js';
import { tokenize } from '../../engine/tokens/tokenize.js';
import { loadVocab } from '../../engine/tokens/vocab.js';
import { gridPiece, type BeatNote } from '../fixtures/pieces.js';
import { tempDir } from '../helpers.js';

function modelDir(): string | undefined {
  const env = process.env.MUSER_TEST_MODELS;
  if (env) return env;
  return existsSync(projectPath('models', 'manifest.json')) ? projectPath('models') : undefined;
}

export const MODEL_DIR = modelDir();
export const noModels = !MODEL_DIR;

/** A suite name that says why it skips when there are no models. */
export function suite(name: string): string {
  return noModels ? `${name} [skipped: no models; set MUSER_TEST_MODELS to a model folder or ship models/manifest.json]` : name;
}

/** A copy of the model folder to break on purpose. */
export function modelCopy(): string {
  const dir = join(tempDir('muser-models-'), 'models');
  cpSync(MODEL_DIR!, dir, { recursive: true });
  return dir;
}

export const vocab = loadVocab();

/**
 * A few bars of chords and melody, as tokens. `shift` transposes and `velocity` changes
 * loudness without changing the rhythm, so variants have the same token count.
 */
export function smallPiece(bars = 3, opts: { shift?: number; velocity?: number; emotion?: Quadrant } = {}): number[][] {
  const notes: BeatNote[] = [];
  const shift = opts.shift ?? 0;
  for (let bar = 0; bar < bars; bar++) {
    const root = [60, 65, 67][bar % 3] + shift;
    for (const p of [root - 12, root, root + 4, root + 7]) notes.push({ pitch: p, at: bar * 4, length: 2, velocity: opts.velocity });
    for (let k = 0; k < 4; k++) notes.push({ pitch: root + 12 + k * 2, at: bar * 4 + 2 + k / 2, length: 0.5, velocity: opts.velocity });
  }
  return tokenize(gridPiece(notes), vocab, opts.emotion).sequence.tokens;
}
