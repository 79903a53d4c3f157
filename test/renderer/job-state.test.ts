import { describe, expect, it } from 'vitest';
import type { JobEvent } from '../../engine/api/jobs.js';
import type { Note } from '../../engine/piece/piece.js';
import { applyEvent, jobProgress, mergeNotes, newJob, type JobState } from '../../renderer/src/state/job-state.js';

const note = (pitch: number, onset: number): Note => ({ pitch, velocity: 80, onset, offset: onset + 0.25, onsetBeat: onset * 2, offsetBeat: onset * 2 + 0.5 });
const progress = (item: number, done: number, total: number, notes: Note[], job = 'j'): JobEvent<unknown> => ({ kind: 'job.progress', job, phase: 'notes', item, done, total, notes });
const fold = (events: JobEvent<unknown>[], job: JobState<unknown> = newJob('j')) => events.reduce(applyEvent, job);

describe('a job folded from its events', () => {
  it('collects progress and the streamed notes per item', () => {
    const job = fold([progress(0, 8, 40, [note(60, 0)]), progress(1, 8, 40, []), progress(0, 16, 40, [note(64, 0.5), note(62, 0.5)])]);
    expect(job.status).toBe('running');
    expect(job.items.map((i) => [i.done, i.total, i.notes.map((n) => n.pitch)])).toEqual([
      [16, 40, [60, 62, 64]],
      [8, 40, []],
    ]);
    expect(jobProgress(job)).toEqual({ done: 24, total: 80 });
  });

  it('keeps the prior\'s sampling apart from the decoding progress', () => {
    const latents: JobEvent<unknown> = { kind: 'job.progress', job: 'j', phase: 'latents', item: 0, done: 32, total: 98, notes: [] };
    const job = fold([latents]);
    expect(job.latents).toEqual({ done: 32, total: 98 });
    expect(jobProgress(job)).toEqual({ done: 0, total: 0 });
  });

  it('fills items it has not heard of yet', () => {
    const job = fold([progress(2, 8, 40, [note(60, 0)])]);
    expect(job.items.map((i) => i.done)).toEqual([0, 0, 8]);
    expect(jobProgress(job)).toEqual({ done: 8, total: 40 });
  });

  it('ends done with the result, or failed with the error, and stays so', () => {
    const done = fold([progress(0, 8, 40, []), { kind: 'job.done', job: 'j', result: { seed: 3 } }]);
    expect(done).toMatchObject({ status: 'done', result: { seed: 3 } });
    expect(applyEvent(done, progress(0, 16, 40, [note(1, 1)]))).toBe(done);
    const failed = fold([{ kind: 'job.failed', job: 'j', error: { kind: 'cancelled', message: 'cancelled' } }]);
    expect(failed).toMatchObject({ status: 'failed', error: { kind: 'cancelled' } });
    expect(applyEvent(failed, { kind: 'job.done', job: 'j', result: 1 })).toBe(failed);
  });

  it('ignores another job\'s events', () => {
    const job = newJob('j');
    expect(applyEvent(job, progress(0, 8, 40, [note(60, 0)], 'other'))).toBe(job);
  });
});

describe('merging streamed notes', () => {
  it('appends notes that come later, keeping the order by onset then pitch', () => {
    const have = [note(60, 0), note(64, 0.5)];
    expect(mergeNotes(have, [note(67, 1), note(65, 1)]).map((n) => n.pitch)).toEqual([60, 64, 65, 67]);
    expect(mergeNotes(have, [])).toBe(have);
    expect(mergeNotes([], [note(62, 1), note(60, 0)]).map((n) => n.onset)).toEqual([0, 1]);
  });

  it('puts a note the model wrote back in time where it belongs', () => {
    const merged = mergeNotes([note(60, 0), note(64, 1), note(67, 2)], [note(62, 0.5), note(70, 3)]);
    expect(merged.map((n) => [n.onset, n.pitch])).toEqual([
      [0, 60],
      [0.5, 62],
      [1, 64],
      [2, 67],
      [3, 70],
    ]);
  });
});
