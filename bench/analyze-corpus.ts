// Corpus analysis speed: `muser analyze` over all of EMOPIA's clips on worker threads
// (import, tokens, descriptors, the emotion judge), written to a fresh CSV, as a
// musicologist's run would. Goal on the 2-core dev machine: >= 50 files per second.
// usage: npm run bench:analyze [-- --data DIR] [--jobs N]

import { mkdtempSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { runCorpus } from '../engine/corpus/run-corpus.js';
import { projectPath, sharedDataPath } from '../engine/paths.js';

const { values } = parseArgs({ options: { data: { type: 'string' }, jobs: { type: 'string' } } });
const dir = join(values.data ?? sharedDataPath('emopia'), 'midis');
const workers = values.jobs ? Number(values.jobs) : availableParallelism();
const result = await runCorpus({ inputs: [dir], csv: join(mkdtempSync(join(tmpdir(), 'muser-bench-')), 'emopia.csv'), shard: { index: 1, count: 1 }, limits: { seconds: 60, heapMb: 1024, workers }, models: projectPath('models') });
const rate = result.written / result.seconds;
console.log(`analyzed ${result.written} files (${result.failed} with an error) in ${result.seconds.toFixed(1)} s on ${workers} worker(s): ${rate.toFixed(1)} files/s (goal: >= 50), worker start included`);
