// A worker thread of a corpus run: paths in, one row each out. The judge opens once per
// worker, on its first file.

import { workerData } from 'node:worker_threads';
import { analyzeFile } from '../analysis/analysis.js';
import { messageOf } from '../errors.js';
import { openJudge } from '../judge/judge.js';
import { serveRequests } from '../sandbox/serve-requests.js';
import { loadVocab } from '../tokens/vocab.js';
import type { CorpusRow } from './corpus-row.js';

const { models } = workerData as { models: string };

serveRequests<string, CorpusRow>((file) => {
  try {
    return { file, error: null, analysis: analyzeFile(file, loadVocab(), openJudge(models)) };
  } catch (err) {
    return { file, error: messageOf(err), analysis: null };
  }
});
