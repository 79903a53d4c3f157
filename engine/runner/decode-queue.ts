// The main thread's side of the decoding worker: one worker, tasks run first in,
// first out. Cancelling a queued task drops it; cancelling the running one asks the
// worker to stop, and the promise rejects with an AbortError once the worker has
// stopped, so a rejection means no work is left running and the next task can start.

import { Worker } from 'node:worker_threads';
import { abortError, type DecodeStep } from '../inference/decode.js';
import type { Fallback, Provider } from '../onnx/providers.js';
import { workerScript } from '../worker-script.js';
import type { FromWorker, Task, TaskResult, ToWorker } from './tasks.js';

export interface TaskHooks {
  onStep?(step: DecodeStep): void;
  onLatent?(index: number): void;
  signal?: AbortSignal;
}

interface Pending {
  id: number;
  task: Task;
  hooks: TaskHooks;
  resolve(result: TaskResult): void;
  reject(err: unknown): void;
  detach(): void;
}

export interface WorkerInfo {
  provider: Provider;
  fallbacks: Fallback[];
}

export class DecodeQueue {
  private worker?: Worker;
  private ready?: Promise<WorkerInfo>;
  private readonly waiting: Pending[] = [];
  private current?: Pending;
  private nextId = 1;

  constructor(private readonly init: { dir: string; provider: Provider }) {}

  /** Start the worker (done on the first task anyway); resolves when its sessions are open. */
  start(): Promise<WorkerInfo> {
    this.ready ??= new Promise<WorkerInfo>((resolve, reject) => {
      const worker = new Worker(workerScript(import.meta.url, 'runner', 'decode-worker.js'), { workerData: this.init });
      this.worker = worker;
      worker.on('message', (m: FromWorker) => {
        if (m.kind === 'ready') resolve({ provider: m.provider, fallbacks: m.fallbacks });
        else if (m.kind === 'failed') reject(new Error(`decoding worker: ${m.message}`));
        else this.onMessage(m);
      });
      worker.on('error', (err) => this.crashed(worker, err, reject));
      worker.on('exit', (code) => this.crashed(worker, new Error(`decoding worker exited (code ${code})`), reject));
    });
    return this.ready;
  }

  run(task: Task, hooks: TaskHooks = {}): Promise<TaskResult> {
    return new Promise((resolve, reject) => {
      if (hooks.signal?.aborted) return reject(abortError());
      const id = this.nextId++;
      const onAbort = () => {
        if (this.current?.id === id) this.post({ kind: 'cancel', id });
        else this.settle(id, () => reject(abortError()));
      };
      hooks.signal?.addEventListener('abort', onAbort, { once: true });
      const detach = () => hooks.signal?.removeEventListener('abort', onAbort);
      this.waiting.push({ id, task, hooks, resolve, reject, detach });
      this.pump();
    });
  }

  /** Stop the worker; tasks still queued or running are rejected. */
  async close(): Promise<void> {
    const worker = this.worker;
    this.failAll(new Error('the engine was closed'));
    this.worker = undefined;
    this.ready = undefined;
    await worker?.terminate();
  }

  private pump(): void {
    if (this.current || this.waiting.length === 0) {
      if (!this.current) this.worker?.unref(); // an idle worker does not keep the process alive
      return;
    }
    const next = this.waiting.shift()!;
    this.current = next;
    this.start().then(
      () => {
        if (this.current !== next) return;
        this.worker!.ref();
        this.post({ kind: 'task', id: next.id, task: next.task });
      },
      (err) => this.failAll(err),
    );
  }

  private post(m: ToWorker): void {
    this.worker?.postMessage(m);
  }

  private onMessage(m: Exclude<FromWorker, { kind: 'ready' | 'failed' }>): void {
    const task = this.current;
    if (!task || task.id !== m.id) return;
    if (m.kind === 'step') {
      task.hooks.onStep?.({ index: m.index, tokens: m.tokens });
      return;
    }
    if (m.kind === 'latent') {
      task.hooks.onLatent?.(m.index);
      return;
    }
    this.current = undefined;
    task.detach();
    if (m.kind === 'done') task.resolve({ sequences: m.sequences, keys: m.keys });
    else task.reject(m.kind === 'aborted' ? abortError() : new Error(m.message));
    this.pump();
  }

  /** Settle a queued (not running) task. */
  private settle(id: number, how: () => void): void {
    const i = this.waiting.findIndex((p) => p.id === id);
    if (i < 0) return;
    this.waiting[i].detach();
    this.waiting.splice(i, 1);
    how();
  }

  private failAll(err: unknown): void {
    for (const p of [this.current, ...this.waiting.splice(0)]) {
      p?.detach();
      p?.reject(err);
    }
    this.current = undefined;
  }

  private crashed(worker: Worker, err: Error, rejectStart: (err: unknown) => void): void {
    if (this.worker !== worker) return; // closed on purpose, or an old worker
    rejectStart(err);
    this.worker = undefined;
    this.ready = undefined; // the next task starts a fresh worker
    this.failAll(err);
  }
}
