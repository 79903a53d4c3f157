// The decoding thread: it opens its own sessions (sessions cannot cross threads) and runs
// one task at a time, so the main thread (Electron's main process, the server) never
// blocks on the token-by-token loop. See decode-queue.ts for the other end.

import { parentPort, workerData } from 'node:worker_threads';
import { loadGraphs } from '../onnx/load.js';
import type { Provider } from '../onnx/providers.js';
import { loadVocab } from '../tokens/vocab.js';
import type { FromWorker, ToWorker } from './tasks.js';
import { runTask } from './tasks.js';

const port = parentPort!;
const post = (m: FromWorker) => port.postMessage(m);
const { dir, provider } = workerData as { dir: string; provider: Provider };
/** Latent positions per progress message while the prior samples. */
const LATENT_EVERY = 16;

let cancelled = -1;
let chain = Promise.resolve();

try {
  const vocab = loadVocab();
  const loaded = await loadGraphs({ dir, providers: [provider], graphs: ['dequantize', 'decoder_step', 'decoder_heads', 'prior_step', 'prior_heads'] });
  port.on('message', (m: ToWorker) => {
    if (m.kind === 'cancel') {
      cancelled = m.id;
      return;
    }
    // session.run yields to the event loop between steps, so a cancel message is seen mid-task
    chain = chain.then(async () => {
      try {
        const result = await runTask(loaded.graphs, vocab, m.task, {
          cancelled: () => cancelled === m.id,
          onStep: (s) => post({ kind: 'step', id: m.id, ...s }),
          // one message per 16 positions is progress enough
          onLatent: (index) => index % LATENT_EVERY === LATENT_EVERY - 1 && post({ kind: 'latent', id: m.id, index }),
        });
        post({ kind: 'done', id: m.id, ...result });
      } catch (err) {
        post((err as Error).name === 'AbortError' ? { kind: 'aborted', id: m.id } : { kind: 'error', id: m.id, message: (err as Error).message });
      }
    });
  });
  post({ kind: 'ready', provider: loaded.provider, fallbacks: loaded.fallbacks });
} catch (err) {
  post({ kind: 'failed', message: (err as Error).message });
}
