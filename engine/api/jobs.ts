// Long operations (transferring, re-mooding, continuing, generating) run as jobs: the call returns a job id at
// once, progress and the result arrive as events through the door's event channel
// (IPC messages in Electron, server-sent events in web mode), and a job can be cancelled.
// The last outcomes are kept, so a window whose event stream dropped can ask for them.

import { randomBytes } from 'node:crypto';
import type { Progress } from '../flows/progress.js';
import type { ChangedPiece, MadePiece } from '../studio/model-service.js';
import { toApiError } from './api-error.js';
import type { ApiError } from './wire.js';

/**
 * What each job ends with, named by the operation that started it: a client narrows a
 * result by the operation's name (`result.op === 'generate.start'`), no cast needed.
 */
export type JobResult =
  | ({ op: 'transfer.start' } & ChangedPiece)
  | ({ op: 'remood.start' } & ChangedPiece)
  | { op: 'continue.start'; pieces: MadePiece[] }
  | { op: 'generate.start'; pieces: MadePiece[] };
export type JobOp = JobResult['op'];

/** A job's events, whatever it makes (`R`). */
export type JobEvent<R> =
  | ({ kind: 'job.progress'; job: string } & Progress)
  | { kind: 'job.done'; job: string; result: R }
  | { kind: 'job.failed'; job: string; error: ApiError };

/** The events the API sends. */
export type ApiEvent = JobEvent<JobResult>;

/** What a window that missed events can learn of a job. */
export type JobStateReply<R = JobResult> = { state: 'running' } | { state: 'ended'; outcome: JobEvent<R> } | { state: 'unknown' };

/** Outcomes kept for windows that missed them; older ones are forgotten. */
const KEEP_OUTCOMES = 64;

export type JobBody<R> = (progress: (p: Progress) => void, signal: AbortSignal) => Promise<R>;

/** The jobs of one door; `R` is what they make (the API's: JobResult). */
export class Jobs<R = unknown> {
  private readonly running = new Map<string, AbortController>();
  private readonly outcomes = new Map<string, JobEvent<R>>();

  constructor(private readonly emit: (event: JobEvent<R>) => void) {}

  start(body: JobBody<R>): { job: string } {
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

  state(job: string): JobStateReply<R> {
    if (this.running.has(job)) return { state: 'running' };
    const outcome = this.outcomes.get(job);
    return outcome ? { state: 'ended', outcome } : { state: 'unknown' };
  }

  private end(outcome: JobEvent<R>): void {
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
