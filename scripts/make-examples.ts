// Make the bundled example pieces (assets/examples): one 8-bar piece per emotion
// quadrant, sampled from the shipped prior with fixed seeds, so the examples are
// derived from the shipped weights and can be remade whenever the model changes:
//   npm run assets:examples

import { join } from 'node:path';
import { writeMusic } from '../engine/cli/music-output.js';
import { Engine } from '../engine/model/engine.js';
import { projectPath } from '../engine/paths.js';
import type { Quadrant } from '../engine/tokens/tokenize.js';

const EXAMPLES: { quadrant: Quadrant; mood: string; seed: number }[] = [
  { quadrant: 'Q1', mood: 'happy', seed: 101 },
  { quadrant: 'Q2', mood: 'tense', seed: 202 },
  { quadrant: 'Q3', mood: 'sad', seed: 303 },
  { quadrant: 'Q4', mood: 'calm', seed: 404 },
];
const BARS = 8;

const engine = await Engine.open();
try {
  for (const ex of EXAMPLES) {
    const { sequences } = await engine.generate({ quadrant: ex.quadrant, tokens: 2 + BARS * 48, maxBars: BARS }, { seed: ex.seed });
    const name = `${ex.quadrant} ${ex.mood}`;
    const file = join(projectPath('assets', 'examples'), `${name}.mid`);
    const notes = writeMusic(file, sequences[0], engine.vocab, [], { name });
    const emotion = await engine.estimateEmotion(sequences[0]);
    console.log(`${file}: ${notes} notes; classifier: ${emotion.quadrant}`);
  }
} finally {
  await engine.close();
}
