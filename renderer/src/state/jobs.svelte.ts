// The engine's jobs as events report them: progress, streamed notes, the outcome.
// Events can outrun the reply that names a job, so any job id seen gets a state; the
// jobs this window started keep theirs until it is done with them, the others only
// their outcome (without the notes) once ended. Where events were missed (the event
// stream dropped, a cancel came too late), the engine is asked for the outcome.

import type { ApiEvent, JobOp } from '../../../engine/api/jobs.js';
import type { ApiClient, ArgsOf } from '../../../engine/api/operations.js';
import { connectEvents } from '../api/connect.js';
import { applyEvent, newJob, type JobState } from './job-state.js';

export class Jobs {
  /** Raw: replaced per event, never mutated (thousands of notes need no deep proxy). */
  states = $state.raw<Record<string, JobState>>({});
  readonly #api: ApiClient;
  readonly #ours = new Set<string>();
  readonly #waiting = new Map<string, ((job: JobState) => void)[]>();

  constructor(api: ApiClient) {
    this.#api = api;
  }

  /** Subscribes to the engine's events; returns the unsubscribe. */
  listen(): () => void {
    return connectEvents(
      (e) => this.apply(e),
      () => void this.catchUp(),
    );
  }

  /** Asks the engine how each job still running here ended, if it has. */
  async catchUp(): Promise<void> {
    const running = Object.values(this.states).filter((j) => j.status === 'running');
    // one that cannot be asked now (the engine still away) stays running until the next time
    await Promise.allSettled(running.map((j) => this.ask(j.id)));
  }

  apply(event: ApiEvent): void {
    const job = applyEvent(this.states[event.job] ?? newJob(event.job), event);
    const ended = job.status !== 'running';
    this.states = { ...this.states, [job.id]: ended && !this.#ours.has(job.id) ? { ...job, items: [] } : job };
    if (!ended) return;
    for (const resolve of this.#waiting.get(job.id) ?? []) resolve(job);
    this.#waiting.delete(job.id);
  }

  async start<K extends JobOp>(op: K, args: ArgsOf<K>): Promise<string> {
    const { job } = await this.#api.call(op, args);
    this.#ours.add(job);
    this.states = { ...this.states, [job]: this.states[job] ?? newJob(job) };
    return job;
  }

  /** Resolves when the job has ended (done or failed). */
  finished(id: string): Promise<JobState> {
    const job = this.states[id];
    if (job && job.status !== 'running') return Promise.resolve(job);
    return new Promise((resolve) => this.#waiting.set(id, [...(this.#waiting.get(id) ?? []), resolve]));
  }

  async cancel(id: string): Promise<void> {
    const { cancelled } = await this.#api.call('job.cancel', { job: id });
    // else it had already ended: its outcome is on the way, or was missed while the event stream was down
    if (!cancelled) await this.ask(id);
  }

  private async ask(id: string): Promise<void> {
    const reply = await this.#api.call('job.state', { job: id });
    if (reply.state === 'ended') this.apply(reply.outcome);
    else if (reply.state === 'unknown') this.apply({ kind: 'job.failed', job: id, error: { kind: 'internal', message: 'the job ended, but its outcome never reached this window' } });
  }

  /** Drops a job's state (its streamed notes) once its outcome has been taken. */
  forget(id: string): void {
    this.#ours.delete(id);
    const rest = { ...this.states };
    delete rest[id];
    this.states = rest;
  }
}
