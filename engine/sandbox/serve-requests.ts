// The worker side of a WorkerPool: answer each request with `handle`, after saying ready.

import { parentPort } from 'node:worker_threads';
import type { FromPoolWorker, ToPoolWorker } from './worker-pool.js';

export function serveRequests<Q, R>(handle: (request: Q) => R | Promise<R>): void {
  const port = parentPort!;
  port.on('message', async ({ id, request }: ToPoolWorker<Q>) => {
    port.postMessage({ id, reply: await handle(request) } satisfies FromPoolWorker<R>);
  });
  port.postMessage({ ready: true } satisfies FromPoolWorker<R>);
}
