// Fuzz the MIDI import: mutated real files through import + tokenize, each under a time
// and heap limit. Crashed and hung inputs are saved with how to re-make them.
// usage: npm run fuzz -- [--inputs N] [--seed N] [--start N] [--jobs N] [--timeout-ms N]
//        [--heap-mb N] [--out DIR] [--corpus DIR]... (each --corpus adds a folder; default: the
//        shared EMOPIA, grid-pop and POP909 files)
// Input N of seed S is the same bytes on every run over the same corpus, so
// `--seed S --start N --inputs 1` replays it.

import { availableParallelism } from 'node:os';
import { parseArgs } from 'node:util';
import { projectPath } from '../engine/paths.js';
import { randomSeed } from '../engine/rng.js';
import { runCampaign } from './fuzz/campaign.js';
import { saveFailure } from './fuzz/failures.js';
import { defaultCorpus, loadSeeds, seedFiles } from './fuzz/seeds.js';

const { values } = parseArgs({
  options: {
    inputs: { type: 'string', default: '1000' },
    seed: { type: 'string' },
    start: { type: 'string', default: '0' },
    jobs: { type: 'string', default: String(availableParallelism()) },
    'timeout-ms': { type: 'string', default: '10000' },
    'heap-mb': { type: 'string', default: '512' },
    out: { type: 'string', default: projectPath('build', 'fuzz-failures') },
    corpus: { type: 'string', multiple: true },
  },
});
const int = (name: keyof typeof values) => {
  const v = Number(values[name]);
  if (!Number.isInteger(v) || v < 0) throw new Error(`--${name} must be a whole number, not ${values[name]}`);
  return v;
};

// end through process.exit, so the pool's exit handler stops the children
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => process.exit(130));

const seed = values.seed === undefined ? randomSeed() : int('seed');
const files = seedFiles(values.corpus ?? defaultCorpus());
const seeds = loadSeeds(files);
const count = int('inputs');
console.log(`seed ${seed}: inputs ${int('start')}..${int('start') + count - 1} from ${seeds.length} seed files, ${int('jobs')} processes, ${int('timeout-ms')} ms and ${int('heap-mb')} MB each`);

const t0 = performance.now();
const seconds = () => (performance.now() - t0) / 1000;
let shown = 0;
const tally = await runCampaign(
  { seeds, seed, start: int('start'), count, jobs: int('jobs'), timeoutMs: int('timeout-ms'), heapMb: int('heap-mb') },
  (input, outcome, t) => {
    if (outcome.kind === 'crashed' || outcome.kind === 'hung') {
      const path = saveFailure(values.out!, seed, input, outcome);
      process.stderr.write(`\n${outcome.kind}: ${path} (${input.mutations.join('; ')}): ${outcome.message?.split('\n')[0]}\n`);
    }
    // a line a second on a terminal, one every 10 s in a log
    const every = process.stderr.isTTY ? 1 : 10;
    if (seconds() - shown >= every || t.total === count) {
      shown = seconds();
      process.stderr.write(process.stderr.isTTY ? `\r${t.progress(count, seconds())}\x1b[K` : `${t.progress(count, seconds())}\n`);
    }
  },
);
console.log(`\n${tally.report(seconds())}`);
if (tally.counts.crashed + tally.counts.hung) console.log(`failures saved in ${values.out}`);
process.exitCode = tally.counts.crashed + tally.counts.hung ? 1 : 0;
