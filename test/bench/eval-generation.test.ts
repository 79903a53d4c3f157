// The generation evaluation end to end on a few short samples (issue 15): its figures are
// computed for every quadrant, beside the clips of the asked split, and every goal is
// reported; their values are not asserted (a handful of samples says nothing).
// Runs the compiled bench (npm run build first, as test:all does).

import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { projectPath } from '../../engine/paths.js';
import { QUADRANTS } from '../../engine/tokens/quadrants.js';
import { skipWithoutData } from '../helpers.js';
import { MODEL_DIR, noModels, suite } from '../model/helpers.js';

describe.skipIf(noModels || skipWithoutData)(suite('eval-generation'), () => {
  it('computes every figure per quadrant beside the validation clips, and every goal', { timeout: 180_000 }, () => {
    const args = ['--models', MODEL_DIR!, '--split', 'val', '--per-quadrant', '1', '--bars', '4', '--seeds', '1', '--draw', 'codes=0.9/0.9', '--guidance', '1.5,2,2,2.5'];
    const out = execFileSync(process.execPath, [projectPath('dist', 'bench', 'eval-generation.js'), ...args], { encoding: 'utf8' });
    expect(out).toMatch(/## 4 bars: 1 samples per quadrant and seed, seeds 1, guidance 1\.5 \/ 2 \/ 2 \/ 2\.5, draw codes=0\.9\/0\.9/);
    const figure = / \d+\.\d\d ± \d+\.\d\d /;
    for (const q of QUADRANTS) {
      for (const who of ['samples', 'val clips']) {
        const row = out.split('\n').find((l) => l.startsWith(`| ${q} ${who}`));
        expect(row, `${q} ${who}`).toBeDefined();
        const cells = row!.split('|').slice(3, -1);
        expect(cells).toHaveLength(8);
        for (const c of cells) expect(c, `${q} ${who}`).toMatch(figure);
      }
    }
    for (const goal of ['judged in the asked quadrant', 'key clarity', 'pitch classes', 'polyphony', 'major share', 'notes/s', 'velocity']) {
      expect(out).toMatch(new RegExp(`^- ${goal}.* (met|MISSED)$`, 'm'));
    }
  });
});
