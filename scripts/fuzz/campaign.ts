// A campaign: inputs start..start+count-1 of one seed, made on demand as a process
// frees up, run under the pool's watchdog, tallied. The script and the CI test share it.

import type { Seed } from './seeds.js';
import { makeInput, type FuzzInput } from './mutate.js';
import type { Outcome } from './outcome.js';
import { runPool, type PoolOptions } from './pool.js';
import { Tally } from './tally.js';

export interface CampaignOptions extends PoolOptions {
  seeds: readonly Seed[];
  seed: number;
  start: number;
  count: number;
  /** Stop handing out inputs once this is true (a test need not wait out every hang). */
  until?: (tally: Tally) => boolean;
}

export async function runCampaign(options: CampaignOptions, heard: (input: FuzzInput, outcome: Outcome, tally: Tally) => void = () => {}): Promise<Tally> {
  const tally = new Tally();
  const inFlight = new Map<number, FuzzInput>();
  let index = options.start;
  const next = () => {
    if (index >= options.start + options.count || options.until?.(tally)) return undefined;
    const input = makeInput(options.seeds, options.seed, index++);
    inFlight.set(input.index, input);
    return { id: input.index, name: `${input.seedFile}#${input.index}`, bytes: input.bytes };
  };
  await runPool(next, options, (task, outcome) => {
    const input = inFlight.get(task.id)!;
    inFlight.delete(task.id);
    tally.add(input, outcome);
    heard(input, outcome, tally);
  });
  return tally;
}
