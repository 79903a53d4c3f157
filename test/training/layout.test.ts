// models/training is scripts that only run and modules they share: a script imports
// modules, never another script, and the modules import each other without a circle.

import { readdirSync, readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { projectPath } from '../../engine/paths.js';

const SCRIPTS = ['train', 'evaluate', 'export', 'guidance', 'judge', 'ship', 'from_onnx'];

const dir = projectPath('models', 'training');
const files = readdirSync(dir).filter((f) => f.endsWith('.py')).map((f) => f.slice(0, -3));

/** The files of models/training that `name` imports. */
function imports(name: string): string[] {
  const text = readFileSync(projectPath('models', 'training', `${name}.py`), 'utf8');
  const found = [...text.matchAll(/^(?:from\s+(\w+)\s+import|import\s+(\w+))/gm)].map((m) => m[1] ?? m[2]);
  return found.filter((m) => files.includes(m));
}

it('every script exists and runs as a script', () => {
  for (const s of SCRIPTS) expect(readFileSync(projectPath('models', 'training', `${s}.py`), 'utf8'), s).toMatch(/^if __name__ == "__main__":$/m);
});

it('no file imports a script', () => {
  const offenders = files.flatMap((f) => imports(f).filter((m) => SCRIPTS.includes(m)).map((m) => `${f}.py imports ${m}.py`));
  expect(offenders).toEqual([]);
});

it('the modules import each other without a circle', () => {
  const circles: string[] = [];
  const done = new Set<string>();
  const visit = (f: string, path: string[]) => {
    if (path.includes(f)) return void circles.push([...path.slice(path.indexOf(f)), f].join(' -> '));
    if (done.has(f)) return;
    for (const m of imports(f)) visit(m, [...path, f]);
    done.add(f);
  };
  for (const f of files) visit(f, []);
  expect(files.length).toBeGreaterThan(SCRIPTS.length);
  expect(circles).toEqual([]);
});
