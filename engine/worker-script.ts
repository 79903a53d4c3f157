// Where a worker thread's script is. Built code has it beside the module that starts it;
// run from the TypeScript sources (vitest), Node 20 cannot start a .ts worker, so the
// build's copy is used and must be current.

import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { projectPath } from './paths.js';

/** `folder` is the script's folder under engine/ (e.g. 'runner'), `file` its built name. */
export function workerScript(starter: string, folder: string, file: string): URL {
  const here = new URL(`./${file}`, starter);
  if (existsSync(fileURLToPath(here))) return here;
  const built = projectPath('dist', 'engine', folder, file);
  if (!existsSync(built)) throw new Error(`${built}: missing; run \`npm run build\` (worker threads run compiled code)`);
  const sources = projectPath('engine', folder);
  const newest = Math.max(...readdirSync(sources).map((f) => statSync(join(sources, f)).mtimeMs));
  if (statSync(built).mtimeMs < newest) throw new Error(`${built}: older than engine/${folder}/; run \`npm run build\``);
  return pathToFileURL(built);
}
