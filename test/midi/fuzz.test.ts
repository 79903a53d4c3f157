// The import under fuzzing (harness in scripts/fuzz/; `npm run fuzz` runs long campaigns):
// mutated real files, and the inputs earlier campaigns caught, must each end as a Piece
// or an InputError within the time and heap limits. The children run the compiled engine
// (dist/), which `npm test` builds first.

import { readdirSync, readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { projectPath } from '../../engine/paths.js';
import { runCampaign } from '../../scripts/fuzz/campaign.js';
import type { Outcome } from '../../scripts/fuzz/outcome.js';
import { runPool } from '../../scripts/fuzz/pool.js';
import { loadSeeds, seedFiles } from '../../scripts/fuzz/seeds.js';
import { EMOPIA, skipWithoutData } from '../helpers.js';

// 30 s, not the campaign's 10: a hang never ends, while an input of 20,000 notes (under 4 s
// alone) has run past 10 s on 2 busy cores
const POOL = { jobs: availableParallelism(), timeoutMs: 30_000, heapMb: 512 };
const FIXTURES = projectPath('test', 'fixtures', 'fuzz');
const failed = (o: Outcome) => o.kind === 'crashed' || o.kind === 'hung';

describe.skipIf(skipWithoutData)('a seeded campaign', () => {
  // EMOPIA's short clips only (2 KB on average; POP909's whole songs, 12 KB), to keep
  // the run short on CI's 2 cores
  it('2,000 mutated EMOPIA clips each end as ok or refused', async () => {
    const seeds = loadSeeds(seedFiles([join(EMOPIA, 'midis')]));
    const failures: string[] = [];
    // five failures say enough, and each hang costs the watchdog's 30 s
    const until = () => failures.length >= 5;
    const tally = await runCampaign({ seeds, seed: 13, start: 0, count: 2000, until, ...POOL }, (input, outcome) => {
      if (failed(outcome)) failures.push(`#${input.index} ${outcome.kind}, ${input.seedFile}: ${input.mutations.join('; ')}: ${outcome.message?.split('\n')[0]}`);
    });
    expect(failures).toEqual([]);
    expect(tally.total).toBe(2000);
  }, 900_000);
});

describe('inputs earlier campaigns caught (test/fixtures/fuzz/, why each in its README)', () => {
  // large ones are stored gzipped
  const files = readdirSync(FIXTURES).filter((f) => /\.mid(\.gz)?$/.test(f)).sort();
  it('each ends as ok or refused', async () => {
    const tasks = files.map((name, id) => {
      const raw = readFileSync(join(FIXTURES, name));
      return { id, name, bytes: new Uint8Array(name.endsWith('.gz') ? gunzipSync(raw) : raw) };
    });
    const ends = new Map<string, string>();
    let next = 0;
    await runPool(() => tasks[next++], POOL, (task, outcome) => ends.set(task.name, failed(outcome) ? `${outcome.kind}: ${outcome.message?.split('\n')[0]}` : 'ok or refused'));
    expect(files.length).toBeGreaterThan(0);
    expect(Object.fromEntries(ends)).toEqual(Object.fromEntries(files.map((f) => [f, 'ok or refused'])));
  }, 300_000);
});
