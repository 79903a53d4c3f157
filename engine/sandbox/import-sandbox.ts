// The second wall around user files: MIDI bytes are parsed in worker threads with a time
// limit and a heap limit, off the thread that answers the app. The parser is bounded by
// construction (midi/read-smf.ts); this is for the bug nobody has found yet, which then
// costs one clear error for one file, while every other request is still answered.

import { availableParallelism } from 'node:os';
import { InputError } from '../errors.js';
import type { Piece } from '../piece/piece.js';
import { workerScript } from '../worker-script.js';
import { PoolFailure, WorkerPool, type PoolLimits } from './worker-pool.js';

/** Far above what any real file needs (a 5-minute three-track song: about 0.1 s and 60 MB). */
export const DEFAULT_LIMITS: PoolLimits = { seconds: 30, heapMb: 768, workers: Math.min(2, availableParallelism()) };

export interface ReadRequest {
  bytes: Uint8Array;
  name: string;
}

export type ReadReply = { ok: true; piece: Piece } | { ok: false; input: boolean; problem: string };

export class ImportSandbox {
  private readonly pool: WorkerPool<ReadRequest, ReadReply>;

  constructor(limits: PoolLimits = DEFAULT_LIMITS) {
    this.pool = new WorkerPool(workerScript(import.meta.url, 'sandbox', 'import-worker.js'), limits);
  }

  /** The Piece in a file, or an InputError naming `name` (bad file, too slow, too big). */
  async read(bytes: Uint8Array, name: string): Promise<Piece> {
    // a copy, transferred: the caller keeps its bytes (to store them) whatever happens to the worker
    const copy = bytes.slice();
    let reply: ReadReply;
    try {
      reply = await this.pool.run({ bytes: copy, name }, [copy.buffer]);
    } catch (err) {
      if (err instanceof PoolFailure) throw new InputError(name, `reading ${err.problem}; the file may be damaged`);
      throw err;
    }
    if (reply.ok) return reply.piece;
    throw new InputError(name, reply.input ? reply.problem : `could not be read (${reply.problem})`);
  }

  close(): Promise<void> {
    return this.pool.close();
  }
}
