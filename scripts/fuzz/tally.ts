// The campaign's figures: outcomes by kind, refusal messages grouped, the slowest inputs.

import type { FuzzInput } from './mutate.js';
import { KINDS, type Kind, type Outcome } from './outcome.js';

export interface Slow {
  index: number;
  kind: Kind;
  ms: number;
  seedFile: string;
  mutations: string[];
}

/** Slowest inputs kept. */
const SLOWEST = 10;
/** Refusal patterns shown. */
const TOP_REFUSALS = 15;

/** A refusal message with its numbers replaced, so one problem at many offsets is one line. */
export function refusalPattern(problem: string): string {
  return problem.replace(/\d+(\.\d+)?/g, 'N');
}

export class Tally {
  readonly counts: Record<Kind, number> = { ok: 0, refused: 0, crashed: 0, hung: 0 };
  readonly refusals = new Map<string, number>();
  readonly slowest: Slow[] = [];
  total = 0;

  add(input: FuzzInput, outcome: Outcome): void {
    this.total++;
    this.counts[outcome.kind]++;
    if (outcome.kind === 'refused') {
      const p = refusalPattern(outcome.message ?? '');
      this.refusals.set(p, (this.refusals.get(p) ?? 0) + 1);
    }
    if (this.slowest.length < SLOWEST || outcome.ms > this.slowest[this.slowest.length - 1].ms) {
      this.slowest.push({ index: input.index, kind: outcome.kind, ms: outcome.ms, seedFile: input.seedFile, mutations: input.mutations });
      this.slowest.sort((a, b) => b.ms - a.ms);
      this.slowest.length = Math.min(this.slowest.length, SLOWEST);
    }
  }

  progress(planned: number, seconds: number): string {
    const rate = this.total / seconds;
    const left = rate > 0 ? (planned - this.total) / rate : NaN;
    const kinds = KINDS.map((k) => `${k} ${this.counts[k]}`).join(', ');
    return `${this.total}/${planned} (${kinds}) ${rate.toFixed(1)} inputs/s, ${formatSeconds(left)} left`;
  }

  report(seconds: number): string {
    const pct = (n: number) => `${((100 * n) / Math.max(1, this.total)).toFixed(2)}%`;
    const lines = [
      `${this.total} inputs in ${formatSeconds(seconds)}: ${(this.total / seconds).toFixed(1)} inputs/s`,
      ...KINDS.map((k) => `  ${k.padEnd(8)} ${String(this.counts[k]).padStart(7)}  ${pct(this.counts[k])}`),
      `refusals (top ${TOP_REFUSALS} of ${this.refusals.size} kinds, numbers as N):`,
      ...[...this.refusals].sort((a, b) => b[1] - a[1]).slice(0, TOP_REFUSALS).map(([p, n]) => `  ${String(n).padStart(7)}  ${p}`),
      'slowest inputs:',
      ...this.slowest.map((s) => `  ${s.ms.toFixed(0).padStart(7)} ms  #${s.index} ${s.kind}, ${s.seedFile}: ${s.mutations.join('; ')}`),
    ];
    return lines.join('\n');
  }
}

function formatSeconds(s: number): string {
  if (!Number.isFinite(s)) return '?';
  return s < 90 ? `${s.toFixed(0)} s` : `${Math.floor(s / 60)} min ${Math.round(s % 60)} s`;
}
