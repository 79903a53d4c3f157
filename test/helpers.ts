// Shared test helpers: temporary folders and the shared data location.

import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sharedDataPath } from '../engine/paths.js';

export function tempDir(prefix = 'muser-test-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

export const EMOPIA = sharedDataPath('emopia');
export const GRID_POP = sharedDataPath('grid-pop');

/** Data tests skip on a machine without ../shared, but never in CI, where it must be there. */
export const hasSharedData = existsSync(EMOPIA) && existsSync(GRID_POP);
export const skipWithoutData = !hasSharedData && !process.env.CI;

export function captureIO() {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { out: (t: string) => void out.push(t), err: (t: string) => void err.push(t) }, out, err };
}
