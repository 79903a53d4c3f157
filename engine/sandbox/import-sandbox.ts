// The second wall around user files: MIDI bytes are parsed in worker threads with a time
// limit and a heap limit, off the thread that answers the app. The parser is bounded by
// construction (midi/read-smf.ts); this is for the bug nobody has found yet, which then
// costs one clear error for one file, while every other request is still answered.

import { Worker } from 'node:worker_threads';
import { availableParallelism } from 'node:os';
import { InputError } from '../errors.js';
import type { Piece } from '../piece/piece.js';
import { workerScript } from '../worker-script.js';

export interface SandboxLimits {
  /** Longest a file may take to read. */
  seconds: number;
  /** Heap a worker may grow to (V8's old generation). */
  heapMb: number;
  /** Files read at once. */
  workers: number;
}

/** Far above what any real file needs (a 5-minute three-track song: about 0.1 s and 60 MB). */
export const DEFAULT_LIMITS: SandboxLimits = { seconds: 30, heapMb: 768, workers: Math.min(2, availableParallelism()) };

export interface ReadRequest {
  id: number;
  bytes: Uint8Array;
  name: string;
}

export type ReadReply = { id: number; ok: true; piece: Piece } | { id: number; ok: false; input: boolean; problem: string };

/** What a reader thread posts: `ready` once its modules are loaded, then one reply per request. */
export type FromReader = ReadReply | { ready: true };

interface Task extends ReadRequest {
  /** The caller's copy, sent to the worker (transferred, not copied again). */
  bytes: Uint8Array<ArrayBuffer>;
  resolve(piece: Piece): void;
  reject(err: InputError): void;
}

export class ImportSandbox {
  private readonly starting = new Set<Worker>();
  private readonly idle: Worker[] = [];
  private readonly running = new Map<Worker, { task: Task; timer: NodeJS.Timeout }>();
  private readonly waiting: Task[] = [];
  private nextId = 1;
  private closed = false;

  constructor(readonly limits: SandboxLimits = DEFAULT_LIMITS) {}

  /** The Piece in a file, or an InputError naming `name` (bad file, too slow, too big). */
  read(bytes: Uint8Array, name: string): Promise<Piece> {
    if (this.closed) return Promise.reject(new InputError(name, 'the app is closing; the file was not read'));
    return new Promise((resolve, reject) => {
      // a copy: the caller keeps its bytes (to store them) whatever happens to the worker
      this.waiting.push({ id: this.nextId++, bytes: bytes.slice(), name, resolve, reject });
      this.pump();
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const t of this.waiting.splice(0)) t.reject(new InputError(t.name, 'the app is closing; the file was not read'));
    const all = [...this.starting, ...this.idle.splice(0), ...this.running.keys()];
    this.starting.clear();
    for (const [, r] of this.running) r.task.reject(new InputError(r.task.name, 'the app is closing; the file was not read'));
    this.running.clear();
    await Promise.all(all.map((w) => w.terminate()));
  }

  private pump(): void {
    while (this.waiting.length > 0 && this.idle.length > 0) {
      const worker = this.idle.pop()!;
      const task = this.waiting.shift()!;
      const timer = setTimeout(() => this.fail(worker, `reading it took over ${this.limits.seconds} s and was stopped; the file may be damaged`), this.limits.seconds * 1000);
      this.running.set(worker, { task, timer });
      worker.ref();
      const request: ReadRequest = { id: task.id, bytes: task.bytes, name: task.name };
      worker.postMessage(request, [task.bytes.buffer]);
    }
    // the clock of a read starts when a reader is ready, so a slow start costs no file its time
    while (this.starting.size < this.waiting.length && this.starting.size + this.idle.length + this.running.size < this.limits.workers) this.spawn();
  }

  private spawn(): void {
    const worker = new Worker(workerScript(import.meta.url, 'sandbox', 'import-worker.js'), {
      resourceLimits: { maxOldGenerationSizeMb: this.limits.heapMb },
    });
    this.starting.add(worker);
    worker.on('message', (m: FromReader) => ('ready' in m ? this.ready(worker) : this.done(worker, m)));
    worker.on('error', (err: Error & { code?: string }) => {
      this.fail(worker, err.code === 'ERR_WORKER_OUT_OF_MEMORY' ? `reading it needed over ${this.limits.heapMb} MB of memory and was stopped; the file may be damaged` : `reading it failed (${err.message})`);
    });
    worker.on('exit', () => this.fail(worker, 'reading it stopped the reader unexpectedly'));
  }

  private ready(worker: Worker): void {
    if (!this.starting.delete(worker)) return;
    worker.unref(); // an idle reader never keeps the process alive
    this.idle.push(worker);
    this.pump();
  }

  private done(worker: Worker, reply: ReadReply): void {
    const r = this.running.get(worker);
    if (!r || r.task.id !== reply.id) return;
    clearTimeout(r.timer);
    this.running.delete(worker);
    worker.unref(); // an idle reader never keeps the process alive
    this.idle.push(worker);
    if (reply.ok) r.task.resolve(reply.piece);
    else r.task.reject(new InputError(r.task.name, reply.input ? reply.problem : `could not be read (${reply.problem})`));
    this.pump();
  }

  /** Ends the worker's task with `problem` and replaces the worker. */
  private fail(worker: Worker, problem: string): void {
    const r = this.running.get(worker);
    const i = this.idle.indexOf(worker);
    if (i >= 0) this.idle.splice(i, 1);
    if (this.starting.delete(worker)) {
      // a reader that cannot start would leave every file waiting: the next one gets the error
      const task = this.waiting.shift();
      task?.reject(new InputError(task.name, `the file reader could not start (${problem})`));
      if (!this.closed) this.pump();
    }
    if (!r) return;
    clearTimeout(r.timer);
    this.running.delete(worker);
    worker.removeAllListeners();
    void worker.terminate();
    r.task.reject(new InputError(r.task.name, problem));
    if (!this.closed) this.pump();
  }
}
