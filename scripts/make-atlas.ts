// Compute the latent atlas (assets/atlas.json) from the shipped model: every clip of the
// EMOPIA test split (read in place from ../shared/data/emopia) is encoded, summarized per
// element, and a PCA per element fixes the atlas axes. Rerun after shipping new weights:
//   npm run assets:atlas

import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { readEmopiaMeta } from '../engine/dataset/emopia.js';
import { writeFileAtomic } from '../engine/io/atomic-write.js';
import { readPiece } from '../engine/io/read-piece.js';
import { sharedDataPath } from '../engine/paths.js';
import { Engine } from '../engine/runner/engine.js';
import { ATLAS_PATH, pca2, project, signature, type Atlas } from '../engine/studio/atlas.js';
import { tokenize } from '../engine/tokens/tokenize.js';

const dir = sharedDataPath('emopia');
const meta = readEmopiaMeta(dir);
const engine = await Engine.open();
try {
  const clips: { name: string; quadrant: string; sig: number[][] }[] = [];
  for (const file of readdirSync(join(dir, 'midis')).sort()) {
    const name = file.replace(/\.midi?$/i, '');
    if (meta.splits.get(name) !== 'test') continue;
    // no emotion token, as for the user's pieces, so both sit on the same axes
    const { tokens } = tokenize(readPiece(join(dir, 'midis', file)), engine.vocab).sequence;
    clips.push({ name, quadrant: meta.labels.get(name)!, sig: signature(await engine.encode(tokens), engine.manifest) });
  }
  const elements = engine.manifest.latent.elements;
  const projections = elements.map((_e, k) => pca2(clips.map((c) => c.sig[k])));
  const r = (x: number) => Math.round(x * 1e4) / 1e4;
  const atlas: Atlas = {
    format: 'muser-atlas-1',
    encoder: engine.manifest.files.encoder.sha256,
    source: `EMOPIA test split (${clips.length} clips), CC BY-NC-SA 4.0`,
    elements,
    projections: projections.map((p) => ({ mean: p.mean.map(r), axes: [p.axes[0].map(r), p.axes[1].map(r)], explained: [r(p.explained[0]), r(p.explained[1])] })),
    reference: clips.map((c) => ({ name: c.name, quadrant: c.quadrant, xy: projections.map((p, k) => project(p, c.sig[k]).map(r) as [number, number]) })),
  };
  writeFileAtomic(ATLAS_PATH, `${JSON.stringify(atlas)}\n`);
  console.log(`${ATLAS_PATH}: ${clips.length} clips; explained variance per element: ${elements.map((e, k) => `${e} ${(100 * (projections[k].explained[0] + projections[k].explained[1])).toFixed(0)}%`).join(', ')}`);
} finally {
  await engine.close();
}
