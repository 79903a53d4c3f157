// Worker threads that each run one request at a time within a time limit and a heap
// limit. A worker that runs over either, or dies, is replaced and its request fails
// with a PoolFailure saying why; the requests after it go on. The clock of a request
// starts when a worker is ready (its modules loaded), so a slow start costs no request.

import { Worker } from 'node:worker_threads';
import type { Transferable } from 'node:worker_threads';

export interface PoolLimits {
  /** Longest one request may take. */
  seconds: number;
  /** Heap a worker may grow to (V8's old generation). */
  heapMb: number;
  /** Requests run at once. */
  workers: number;
}

/** What a pool worker posts (serve-requests.ts): `ready` once, then one reply per request. */
export type FromPoolWorker<R> = { ready: true } | { id: number; reply: R };
export interface ToPoolWorker<Q> {
  id: number;
  request: Q;
}

/** A request ended by the pool (too slow, too big, a crash): `problem` says which. */
export class PoolFailure extends Error {
  constructor(readonly problem: string) {
    super(problem);
  }
}

interface Task<Q, R> {
  id: number;
  request: Q;
  transfer: Transferable[];
  resolve(reply: R): void;
  reject(err: PoolFailure): void;
}

export class WorkerPool<Q, R> {
  private readonly starting = new Set<Worker>();
  private readonly idle: Worker[] = [];
  private readonly running = new Map<Worker, { task: Task<Q, R>; timer: NodeJS.Timeout }>();
  private readonly waiting: Task<Q, R>[] = [];
  private nextId = 1;
  private closed = false;

  constructor(
    private readonly script: URL,
    readonly limits: PoolLimits,
    private readonly workerData?: unknown,
  ) {}

  run(request: Q, transfer: Transferable[] = []): Promise<R> {
    if (this.closed) return Promise.reject(new PoolFailure('the pool is closed'));
    return new Promise((resolve, reject) => {
      this.waiting.push({ id: this.nextId++, request, transfer, resolve, reject });
      this.pump();
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    const stopped = new PoolFailure('the pool was closed before the request ran');
    for (const t of this.waiting.splice(0)) t.reject(stopped);
    for (const [, r] of this.running) {
      clearTimeout(r.timer);
      r.task.reject(stopped);
    }
    const all = [...this.starting, ...this.idle.splice(0), ...this.running.keys()];
    this.starting.clear();
    this.running.clear();
    await Promise.all(all.map((w) => w.terminate()));
  }

  private pump(): void {
    while (this.waiting.length > 0 && this.idle.length > 0) {
      const worker = this.idle.pop()!;
      const task = this.waiting.shift()!;
      const timer = setTimeout(() => this.fail(worker, `it took over ${this.limits.seconds} s and was stopped`), this.limits.seconds * 1000);
      this.running.set(worker, { task, timer });
      worker.ref();
      worker.postMessage({ id: task.id, request: task.request } satisfies ToPoolWorker<Q>, task.transfer);
    }
    while (this.starting.size < this.waiting.length && this.starting.size + this.idle.length + this.running.size < this.limits.workers) this.spawn();
  }

  private spawn(): void {
    const worker = new Worker(this.script, { workerData: this.workerData, resourceLimits: { maxOldGenerationSizeMb: this.limits.heapMb } });
    this.starting.add(worker);
    worker.on('message', (m: FromPoolWorker<R>) => ('ready' in m ? this.ready(worker) : this.done(worker, m.id, m.reply)));
    worker.on('error', (err: Error & { code?: string }) => {
      this.fail(worker, err.code === 'ERR_WORKER_OUT_OF_MEMORY' ? `it needed over ${this.limits.heapMb} MB of memory and was stopped` : `it failed (${err.message})`);
    });
    worker.on('exit', () => this.fail(worker, 'its worker stopped unexpectedly'));
  }

  private ready(worker: Worker): void {
    if (!this.starting.delete(worker)) return;
    worker.unref(); // an idle worker never keeps the process alive
    this.idle.push(worker);
    this.pump();
  }

  private done(worker: Worker, id: number, reply: R): void {
    const r = this.running.get(worker);
    if (!r || r.task.id !== id) return;
    clearTimeout(r.timer);
    this.running.delete(worker);
    worker.unref();
    this.idle.push(worker);
    r.task.resolve(reply);
    this.pump();
  }

  /** Ends the worker's request with `problem` and replaces the worker. */
  private fail(worker: Worker, problem: string): void {
    worker.removeAllListeners();
    void worker.terminate();
    const i = this.idle.indexOf(worker);
    if (i >= 0) this.idle.splice(i, 1);
    if (this.starting.delete(worker)) {
      // a worker that cannot start would leave every request waiting: the next one gets the error
      this.waiting.shift()?.reject(new PoolFailure(`its worker could not start (${problem})`));
    }
    const r = this.running.get(worker);
    if (r) {
      clearTimeout(r.timer);
      this.running.delete(worker);
      r.task.reject(new PoolFailure(problem));
    }
    if (!this.closed) this.pump();
  }
}
