// engine/ is plain Node: it must never import Electron or lean on the DOM, so the same
// code serves the Electron main process, the HTTP server and the CLI.

import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { expect, it } from 'vitest';
import { projectPath } from '../engine/paths.js';

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sources(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : [],
  );
}

it('engine/ imports no Electron and uses no DOM globals', () => {
  const offenders: string[] = [];
  for (const file of sources(projectPath('engine'))) {
    // comments may talk about windows; code may not touch one
    const text = readFileSync(file, 'utf8').replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, '');
    if (/from\s+['"]electron['"]|require\(['"]electron['"]\)/.test(text)) offenders.push(`${relative(projectPath(), file)}: imports electron`);
    if (/\b(window|document|localStorage|navigator)\./.test(text)) offenders.push(`${relative(projectPath(), file)}: uses the DOM`);
  }
  expect(offenders).toEqual([]);
});
