// The bundled example pieces (assets/examples): what a new workspace starts with.

import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { InputError } from '../errors.js';
import { projectPath } from '../paths.js';

export const EXAMPLES_DIR = projectPath('assets', 'examples');

export function exampleNames(dir = EXAMPLES_DIR): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith('.mid'))
    .sort();
}

/** One example's bytes; only a listed name is read, so no path reaches the file system. */
export function exampleFile(fileName: string, dir = EXAMPLES_DIR): { fileName: string; bytes: Uint8Array } {
  if (!exampleNames(dir).includes(fileName)) throw new InputError(fileName, 'no such bundled example');
  return { fileName, bytes: readFileSync(join(dir, fileName)) };
}

export function exampleFiles(dir = EXAMPLES_DIR): { fileName: string; bytes: Uint8Array }[] {
  return exampleNames(dir).map((f) => exampleFile(f, dir));
}
