// Make the bundled example pieces (assets/examples): one 8-bar piece per emotion
// quadrant, sampled from the shipped prior, so they derive from the shipped weights and
// can be remade whenever the model changes:  npm run assets:examples
//
// The prior's samples vary, and many are denser than real piano music (the model card's
// objective metrics), which makes a poor first impression. So this is curation, not
// evaluation: of CANDIDATES samples per quadrant, keep one that fills at least 4 bars with
// polyphony closest to the test data's, a sample the classifier puts in the asked quadrant
// counting as 1 note per onset closer. The choice and its figures are printed; seeds are fixed.

import { join } from 'node:path';
import { noteStats } from '../engine/analysis/note-stats.js';
import { writeMusic } from '../engine/cli/music-output.js';
import { generate } from '../engine/flows/generate.js';
import { decodedMusic } from '../engine/flows/made.js';
import { projectPath } from '../engine/paths.js';
import { Engine } from '../engine/runner/engine.js';
import { MOODS, QUADRANTS } from '../engine/tokens/quadrants.js';
import { tokenSlots } from '../engine/tokens/token-slots.js';

const BARS = 8;
const CANDIDATES = 16;
/** Mean notes per onset in the EMOPIA test split (model card, objective metrics). */
const TEST_POLYPHONY = 2.15;

const engine = await Engine.open();
try {
  for (const quadrant of QUADRANTS) {
    const { pieces, seed } = await generate(engine, { quadrant, bars: BARS, count: CANDIDATES, seed: 1000 + Number(quadrant[1]) });
    const scored = [];
    for (const [k, { sequence }] of pieces.entries()) {
      const { tokens } = sequence;
      const stats = noteStats(tokens, engine.vocab);
      const bars = new Set(tokenSlots(tokens, engine.vocab).map((s) => s.bar).filter((b) => b >= 0)).size;
      const emotion = await engine.estimateEmotion(tokens);
      scored.push({ k, tokens, stats, bars, emotion, score: (bars >= 4 ? 0 : 100) + Math.abs(stats.polyphony - TEST_POLYPHONY) + (emotion.quadrant === quadrant ? 0 : 1) });
    }
    const best = scored.sort((a, b) => a.score - b.score)[0];
    const name = `${quadrant} ${MOODS[quadrant]}`;
    const file = join(projectPath('assets', 'examples'), `${name}.mid`);
    writeMusic(file, decodedMusic(engine.vocab, best.tokens, name, undefined, BARS), []);
    console.log(
      `${file}: seed ${seed} variation ${best.k + 1} of ${CANDIDATES}; ${best.stats.notes} notes in ${best.bars} bars, polyphony ${best.stats.polyphony.toFixed(2)}; classifier ${best.emotion.quadrant} (P = ${best.emotion.probabilities[quadrant].toFixed(2)})`,
    );
  }
} finally {
  await engine.close();
}
