// The main process's side of the engine: starts the utility process, sends each call
// with an id and resolves the reply with that id, and passes job events on. Calls never
// reject: if the engine dies, pending calls get an 'internal' reply, its running jobs a
// job.failed event, and the next call starts a new engine.

import type { ApiEvent } from '../engine/api/jobs.js';
import type { ApiReply } from '../engine/api/wire.js';
import type { FromEngine, ToEngine } from './engine-service.js';

/** What the client needs of a child process (Electron's UtilityProcess has this shape). */
export interface EngineProcess {
  postMessage(message: ToEngine): void;
  on(event: 'message', listener: (message: unknown) => void): unknown;
  on(event: 'exit', listener: (code: number) => void): unknown;
  kill(): boolean;
}

const internal = (message: string) => ({ kind: 'internal' as const, message });

/** The job id in a reply that started a job ({ job: '…' }), if it is one. */
function startedJob(reply: ApiReply<unknown>): string | null {
  if (!reply.ok || typeof reply.value !== 'object' || reply.value === null) return null;
  const job = (reply.value as { job?: unknown }).job;
  return typeof job === 'string' ? job : null;
}

export class EngineClient {
  private child: EngineProcess | null = null;
  private readonly pending = new Map<number, (reply: ApiReply<unknown>) => void>();
  /** Jobs started and not yet ended, to fail them if the engine dies. */
  private readonly jobs = new Set<string>();
  /** Jobs that ended before the reply that started them arrived (a job can fail at once). */
  private readonly endedEarly = new Set<string>();
  private nextId = 1;

  constructor(
    private readonly fork: () => EngineProcess,
    private readonly workspaceDir: string,
    private readonly onEvent: (event: ApiEvent) => void,
  ) {}

  /** Starts the engine now (it also starts on the first call), so the window's first call finds it ready. */
  start(): EngineProcess {
    if (this.child) return this.child;
    const child = this.fork();
    child.on('message', (m) => this.receive(m as FromEngine));
    child.on('exit', (code) => {
      if (this.child === child) this.child = null;
      const why = `the engine stopped (exit code ${code}); it starts again with the next action`;
      for (const resolve of this.pending.values()) resolve({ ok: false, error: internal(why) });
      this.pending.clear();
      for (const job of this.jobs) this.onEvent({ kind: 'job.failed', job, error: internal(why) });
      this.jobs.clear();
      this.endedEarly.clear();
    });
    child.postMessage({ kind: 'open', workspaceDir: this.workspaceDir });
    this.child = child;
    return child;
  }

  call(op: string, args: unknown): Promise<ApiReply<unknown>> {
    return new Promise((resolve) => {
      const id = this.nextId++;
      try {
        const child = this.start();
        this.pending.set(id, resolve);
        child.postMessage({ kind: 'call', id, op, args });
      } catch (err) {
        this.pending.delete(id);
        resolve({ ok: false, error: internal(`${op} could not reach the engine: ${err instanceof Error ? err.message : String(err)}`) });
      }
    });
  }

  stop(): void {
    const child = this.child;
    this.child = null;
    child?.kill();
  }

  private receive(m: FromEngine): void {
    if (m.kind === 'event') {
      const { kind, job } = m.event;
      if (kind !== 'job.progress' && !this.jobs.delete(job)) this.endedEarly.add(job);
      this.onEvent(m.event);
      return;
    }
    const job = startedJob(m.reply);
    if (job && !this.endedEarly.delete(job)) this.jobs.add(job);
    this.pending.get(m.id)?.(m.reply);
    this.pending.delete(m.id);
  }
}
