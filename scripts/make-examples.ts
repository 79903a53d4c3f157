// Make the bundled example pieces (assets/examples): one 8-bar piece per emotion
// quadrant, sampled from the shipped prior, so they derive from the shipped weights and
// can be remade whenever the model changes:  npm run assets:examples
//
// The prior's samples vary, and many are denser than real piano music (the model card's
// objective metrics), which makes a poor first impression. So this is curation, not
// evaluation: of CANDIDATES samples per quadrant, keep one that fills at least 4 bars,
// that the judge puts in the asked quadrant (the app shows the judge's estimate under the
// example, which should not contradict its name), and whose polyphony is closest to the
// test data's. The choice and its figures are printed; seeds are fixed.

import { join } from 'node:path';
import { measureMusic } from '../engine/analysis/music-measures.js';
import { writeMusic } from '../engine/cli/music-output.js';
import { generate } from '../engine/flows/generate.js';
import { decodedMusic } from '../engine/flows/made.js';
import { describe } from '../engine/descriptors/describe.js';
import { judge, openJudge } from '../engine/judge/judge.js';
import { projectPath } from '../engine/paths.js';
import { Engine } from '../engine/runner/engine.js';
import { MOODS, QUADRANTS } from '../engine/tokens/quadrants.js';

const BARS = 8;
const CANDIDATES = 16;
/** Mean notes per onset in the EMOPIA test split (model card, objective metrics). */
const TEST_POLYPHONY = 2.15;

const engine = await Engine.open();
const model = openJudge(engine.info.dir);
try {
  for (const quadrant of QUADRANTS) {
    const { pieces, seed } = await generate(engine, { quadrant, bars: BARS, count: CANDIDATES, seed: 1000 + Number(quadrant[1]) });
    const scored = pieces.map((made, k) => {
      const m = measureMusic(made.piece, made.sequence.tokens, engine.vocab, model);
      return { k, made, m, score: (m.bars >= 4 ? 0 : 100) + (m.quadrant === quadrant ? 0 : 10) + Math.abs(m.polyphony - TEST_POLYPHONY) };
    });
    const best = scored.sort((a, b) => a.score - b.score)[0];
    const name = `${quadrant} ${MOODS[quadrant]}`;
    const file = join(projectPath('assets', 'examples'), `${name}.mid`);
    const music = decodedMusic(engine.vocab, best.made.sequence.tokens, name, undefined, BARS);
    writeMusic(file, music, []);
    const e = judge(model, describe(music.piece, engine.vocab));
    console.log(
      `${file}: seed ${seed} variation ${best.k + 1} of ${CANDIDATES}; ${best.m.bars} bars with notes, polyphony ${best.m.polyphony.toFixed(2)}, key clarity ${best.m.keyClarity.toFixed(2)}; judged ${e.quadrant} (P = ${e.probabilities[quadrant].toFixed(2)}: ${e.explanation}); ${scored.filter((c) => c.m.quadrant === quadrant).length} of ${CANDIDATES} judged ${quadrant}`,
    );
  }
} finally {
  await engine.close();
}
