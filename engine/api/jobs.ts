// Long operations (transferring, generating) run as jobs: the call returns a job id at
// once, progress and the result arrive as events through the door's event channel
// (IPC messages in Electron, server-sent events in web mode), and a job can be cancelled.
// The last outcomes are kept, so a window whose event stream dropped can ask for them.

import { randomBytes } from 'node:crypto';
import type { Progress } from '../flows/progress.js';
import { toApiError } from './api-error.js';
import type { ApiError } from './wire.js';

export type ApiEvent =
  | ({ kind: 'job.progress'; job: string } & Progress)
  | { kind: 'job.done'; job: string; result: unknown }
  | { kind: 'job.failed'; job: string; error: ApiError };

export type Emit = (event: ApiEvent) => void;

/** What a window that missed events can learn of a job. */
export type JobStateReply = { state: 'running' } | { state: 'ended'; outcome: ApiEvent } | { state: 'unknown' };

/** Outcomes kept for windows that missed them; older ones are forgotten. */
const KEEP_OUTCOMES = 64;

export type JobBody<R> = (progress: (p: Progress) => void, signal: AbortSignal) => Promise<R>;

export class Jobs {
  private readonly running = new Map<string, AbortController>();
  private readonly outcomes = new Map<string, ApiEvent>();

  constructor(private readonly emit: Emit) {}

  start<R>(body: JobBody<R>): { job: string } {
    const job = randomBytes(6).toString('hex');
    const abort = new AbortController();
    this.running.set(job, abort);
    body((p) => this.emit({ kind: 'job.progress', job, ...p }), abort.signal)
      .then((result) => this.end({ kind: 'job.done', job, result }))
      .catch((err) => {
        const error: ApiError = abort.signal.aborted ? { kind: 'cancelled', message: 'cancelled' } : toApiError(err, `job ${job}`);
        this.end({ kind: 'job.failed', job, error });
      });
    return { job };
  }

  state(job: string): JobStateReply {
    if (this.running.has(job)) return { state: 'running' };
    const outcome = this.outcomes.get(job);
    return outcome ? { state: 'ended', outcome } : { state: 'unknown' };
  }

  private end(outcome: ApiEvent): void {
    this.running.delete(outcome.job);
    this.outcomes.set(outcome.job, outcome);
    if (this.outcomes.size > KEEP_OUTCOMES) this.outcomes.delete(this.outcomes.keys().next().value!);
    this.emit(outcome);
  }

  /** True when the job was running (it ends with a job.failed 'cancelled' event). */
  cancel(job: string): boolean {
    const abort = this.running.get(job);
    abort?.abort();
    return abort !== undefined;
  }
}
