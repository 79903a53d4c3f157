// How long tokenizing all of EMOPIA takes (import, beat tracking, quantization,
// chords, tokens), without the round-trip check. Goal on the 2-core dev machine: <= 20 s.
// usage: npm run bench:tokenize [-- --data DIR]

import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { readPiece } from '../engine/io/read-piece.js';
import { sharedDataPath } from '../engine/paths.js';
import { tokenize } from '../engine/tokens/tokenize.js';
import { loadVocab } from '../engine/tokens/vocab.js';

const { values } = parseArgs({ options: { data: { type: 'string' } } });
const dir = join(values.data ?? sharedDataPath('emopia'), 'midis');
const vocab = loadVocab();
const files = readdirSync(dir).filter((f) => /\.midi?$/i.test(f));
const t0 = performance.now();
let tokens = 0;
let importMs = 0;
for (const f of files) {
  const t = performance.now();
  const piece = readPiece(join(dir, f));
  importMs += performance.now() - t;
  tokens += tokenize(piece, vocab).sequence.tokens.length;
}
const seconds = (performance.now() - t0) / 1000;
console.log(`tokenized ${files.length} clips (${tokens} tokens) in ${seconds.toFixed(2)} s: ${((seconds * 1000) / files.length).toFixed(1)} ms per clip, ${(importMs / 1000).toFixed(2)} s of it in import + beat tracking (goal: <= 20 s)`);
