// A worker thread of a corpus run: paths in, one row each out. The models open once per
// worker, on its first file.

import { workerData } from 'node:worker_threads';
import { analyzeFile } from '../analysis/analysis.js';
import { messageOf } from '../errors.js';
import { Engine } from '../model/engine.js';
import { serveRequests } from '../sandbox/serve-requests.js';
import type { CorpusRow } from './corpus-row.js';

const { models } = workerData as { models?: string };

serveRequests<string, CorpusRow>(async (file) => {
  try {
    const engine = await Engine.open({ dir: models });
    return { file, error: null, analysis: await analyzeFile(file, engine) };
  } catch (err) {
    return { file, error: messageOf(err), analysis: null };
  }
});
