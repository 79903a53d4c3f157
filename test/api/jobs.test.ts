import { describe, expect, it } from 'vitest';
import { Jobs, type JobEvent } from '../../engine/api/jobs.js';

const settle = () => new Promise((r) => setTimeout(r, 0));

describe('jobs', () => {
  it('tells a window that missed the events whether a job runs, and how it ended', async () => {
    const events: JobEvent<unknown>[] = [];
    const jobs = new Jobs((e) => events.push(e));
    let finish!: (v: string) => void;
    const { job } = jobs.start(() => new Promise<string>((r) => (finish = r)));
    expect(jobs.state(job)).toEqual({ state: 'running' });
    finish('made');
    await settle();
    expect(jobs.state(job)).toEqual({ state: 'ended', outcome: { kind: 'job.done', job, result: 'made' } });
    expect(events.at(-1)).toEqual({ kind: 'job.done', job, result: 'made' });

    const cancelled = jobs.start((_p, signal) => new Promise((_r, reject) => signal.addEventListener('abort', () => reject(new Error('stop')))));
    expect(jobs.cancel(cancelled.job)).toBe(true);
    await settle();
    expect(jobs.state(cancelled.job)).toMatchObject({ state: 'ended', outcome: { kind: 'job.failed', error: { kind: 'cancelled' } } });
    expect(jobs.cancel(cancelled.job)).toBe(false);
    expect(jobs.state('never-started')).toEqual({ state: 'unknown' });
  });

  it('keeps the last 64 outcomes, forgetting the oldest', async () => {
    const jobs = new Jobs(() => {});
    const ids = Array.from({ length: 70 }, (_, i) => jobs.start(async () => i).job);
    await settle();
    expect(ids.slice(0, 6).map((id) => jobs.state(id).state)).toEqual(Array(6).fill('unknown'));
    expect(ids.slice(6).every((id) => jobs.state(id).state === 'ended')).toBe(true);
  });
});
