// Where the project's own files are, found from this module's location so the same
// code works from engine/ (tests) and from dist/engine/ (the built CLI).

import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

function findRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'models', 'vocab.json'))) {
    const up = dirname(dir);
    if (up === dir) throw new Error('cannot find the MusER Studio project root (models/vocab.json)');
    dir = up;
  }
  return dir;
}

export const PROJECT_ROOT = findRoot();

export function projectPath(...parts: string[]): string {
  return join(PROJECT_ROOT, ...parts);
}

/** The shared data folder beside the repository (read in place, never copied). */
export function sharedDataPath(...parts: string[]): string {
  return join(PROJECT_ROOT, '..', 'shared', 'data', ...parts);
}
