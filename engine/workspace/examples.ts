// The bundled example pieces (assets/examples): what a new workspace starts with.

import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { projectPath } from '../paths.js';

export const EXAMPLES_DIR = projectPath('assets', 'examples');

export function exampleFiles(dir = EXAMPLES_DIR): { fileName: string; bytes: Uint8Array }[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith('.mid'))
    .sort()
    .map((fileName) => ({ fileName, bytes: readFileSync(join(dir, fileName)) }));
}
