// engine/ is plain Node: it must never import Electron or lean on the DOM, so the same
// code serves the Electron main process, the HTTP server and the CLI. The renderer may
// share its pure modules (types, names, helpers), never one that reaches Node.

import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { expect, it } from 'vitest';
import { projectPath } from '../engine/paths.js';

function sources(dir: string, endings = ['.ts']): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sources(join(dir, e.name), endings) : endings.some((x) => e.name.endsWith(x)) ? [join(dir, e.name)] : [],
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

/** Relative modules `file` imports as values (type-only imports vanish from the bundle). */
function valueImports(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  return [...text.matchAll(/^\s*(?:import|export)\s+(?!type\b)[^'";]*?from\s+['"]([^'"]+)['"]/gm)].map((m) => m[1]);
}

it('the renderer reaches no Node built-in through the engine modules it imports', () => {
  const offenders: string[] = [];
  const seen = new Set<string>();
  const visit = (file: string, from: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    for (const spec of valueImports(file)) {
      if (spec.startsWith('node:') || spec === 'onnxruntime-node') offenders.push(`${relative(projectPath(), file)} imports ${spec} (reached from ${from})`);
      const target = join(dirname(file), spec).replace(/\.js$/, '.ts');
      if (spec.startsWith('.') && target.startsWith(projectPath('engine'))) visit(target, from);
    }
  };
  for (const file of sources(projectPath('renderer', 'src'), ['.ts', '.svelte'])) visit(file, relative(projectPath(), file));
  expect(seen.size).toBeGreaterThan(50);
  expect(offenders).toEqual([]);
});
