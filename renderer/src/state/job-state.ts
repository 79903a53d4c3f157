// A running job as the UI sees it, folded from its events: progress and the notes
// decoded so far for each batch item (variation), then the result or the error.

import type { JobEvent, JobResult } from '../../../engine/api/jobs.js';
import type { ApiError } from '../../../engine/api/wire.js';
import { compareNotes, type Note } from '../../../engine/piece/piece.js';

export interface JobItem {
  /** Tokens decoded, of `total` budgeted. */
  done: number;
  total: number;
  /** Sorted by onset, then pitch, as a piece's notes are. */
  notes: Note[];
}

export type JobStatus = 'running' | 'done' | 'failed';

/** `R`: what the job makes (the API's jobs make a JobResult). */
export interface JobState<R = JobResult> {
  id: string;
  status: JobStatus;
  items: JobItem[];
  /** A generation's latent positions sampled by the prior, before any note decodes. */
  latents?: { done: number; total: number };
  result?: R;
  error?: ApiError;
}

export function newJob<R = JobResult>(id: string): JobState<R> {
  return { id, status: 'running', items: [] };
}

const EMPTY_ITEM: JobItem = { done: 0, total: 0, notes: [] };

/** The job after one of its events; a finished job stays as it finished. */
export function applyEvent<R>(job: JobState<R>, event: JobEvent<R>): JobState<R> {
  if (job.status !== 'running' || event.job !== job.id) return job;
  switch (event.kind) {
    case 'job.progress': {
      if (event.phase === 'latents') return { ...job, latents: { done: event.done, total: event.total } };
      const items = [...job.items];
      for (let i = items.length; i < event.item; i++) items[i] = EMPTY_ITEM;
      const had = items[event.item] ?? EMPTY_ITEM;
      items[event.item] = { done: event.done, total: event.total, notes: mergeNotes(had.notes, event.notes) };
      return { ...job, items };
    }
    case 'job.done':
      return { ...job, status: 'done', result: event.result };
    case 'job.failed':
      return { ...job, status: 'failed', error: event.error };
  }
}

/** Adds freshly decoded notes; they usually come after the others, but the model may step back in time. */
export function mergeNotes(have: readonly Note[], fresh: readonly Note[]): Note[] {
  if (fresh.length === 0) return have as Note[];
  const sorted = [...fresh].sort(compareNotes);
  if (have.length === 0 || compareNotes(have[have.length - 1], sorted[0]) <= 0) return [...have, ...sorted];
  const out: Note[] = [];
  let i = 0;
  let j = 0;
  while (i < have.length || j < sorted.length) {
    if (j >= sorted.length || (i < have.length && compareNotes(have[i], sorted[j]) <= 0)) out.push(have[i++]);
    else out.push(sorted[j++]);
  }
  return out;
}

/** Tokens done and budgeted over all items. */
export function jobProgress(job: JobState<unknown>): { done: number; total: number } {
  let done = 0;
  let total = 0;
  for (const it of job.items) {
    done += it.done;
    total += it.total;
  }
  return { done, total };
}
