// A corpus run: analyze every file of this machine's shard on worker threads, writing a
// row per file as it finishes. Resumable: the rows already in the output files are kept
// and their files skipped (a row cut short by a crash is dropped and redone). A bad
// file, or one that takes too long, is a row with its error, never the end of the run.

import { appendFileSync, existsSync, readFileSync } from 'node:fs';
import { writeFileAtomic } from '../io/atomic-write.js';
import { PoolFailure, WorkerPool, type PoolLimits } from '../sandbox/worker-pool.js';
import { workerScript } from '../worker-script.js';
import { corpusFiles, inShard, type Shard } from './corpus-files.js';
import { CSV_HEADER, csvFile, csvLine, jsonFile, jsonLine, type CorpusRow } from './corpus-row.js';

export interface CorpusOptions {
  inputs: string[];
  csv?: string;
  jsonl?: string;
  shard: Shard;
  /** `workers` analyses at once, each within the time and heap limits. */
  limits: PoolLimits;
  /** Model folder with the emotion judge. */
  models: string;
  progress?(p: CorpusProgress): void;
}

export interface CorpusProgress {
  done: number;
  total: number;
  failed: number;
  /** Files per second so far in this run. */
  rate: number;
  secondsLeft: number;
}

export interface CorpusResult {
  /** Files in this shard. */
  files: number;
  /** Already in the outputs from an earlier run. */
  skipped: number;
  written: number;
  failed: number;
  seconds: number;
}

interface Output {
  path: string;
  header: string | null;
  line(row: CorpusRow): string;
  fileOf(line: string): string | null;
}

export async function runCorpus(opts: CorpusOptions): Promise<CorpusResult> {
  const outputs: Output[] = [];
  if (opts.csv) outputs.push({ path: opts.csv, header: CSV_HEADER, line: csvLine, fileOf: csvFile });
  if (opts.jsonl) outputs.push({ path: opts.jsonl, header: null, line: jsonLine, fileOf: jsonFile });
  if (outputs.length === 0) throw new Error('a corpus run needs --csv or --jsonl');
  const files = corpusFiles(opts.inputs).filter((f) => inShard(f, opts.shard));
  const done = resume(outputs);
  const todo = files.filter((f) => !done.has(f));

  const started = performance.now();
  const pool = new WorkerPool<string, CorpusRow>(workerScript(import.meta.url, 'corpus', 'corpus-worker.js'), opts.limits, { models: opts.models });
  let written = 0;
  let failed = 0;
  try {
    await Promise.all(
      todo.map(async (file) => {
        let row: CorpusRow;
        try {
          row = await pool.run(file);
        } catch (err) {
          if (!(err instanceof PoolFailure)) throw err;
          row = { file, error: `analysis: ${err.problem}`, analysis: null };
        }
        for (const o of outputs) appendFileSync(o.path, `${o.line(row)}\n`);
        written++;
        if (row.error) failed++;
        const seconds = (performance.now() - started) / 1000;
        const rate = written / Math.max(seconds, 1e-3);
        opts.progress?.({ done: written, total: todo.length, failed, rate, secondsLeft: (todo.length - written) / rate });
      }),
    );
  } finally {
    await pool.close();
  }
  return { files: files.length, skipped: files.length - todo.length, written, failed, seconds: (performance.now() - started) / 1000 };
}

/**
 * The files every output already has a row for. Each output is rewritten to hold just
 * those rows (a line cut short by a crash, or a row only one output got, is dropped),
 * or started with its header.
 */
function resume(outputs: Output[]): Set<string> {
  const rows = outputs.map((o) => {
    const lines = existsSync(o.path) ? readFileSync(o.path, 'utf8').split('\n') : [];
    lines.pop(); // after the last newline: empty, or a row cut short
    const byFile = new Map<string, string>();
    for (const line of lines) {
      const f = o.fileOf(line);
      if (f !== null) byFile.set(f, line);
    }
    return byFile;
  });
  const done = new Set([...rows[0].keys()].filter((f) => rows.every((r) => r.has(f))));
  outputs.forEach((o, i) => {
    const kept = [...rows[i]].filter(([f]) => done.has(f)).map(([, line]) => line);
    writeFileAtomic(o.path, [...(o.header ? [o.header] : []), ...kept].map((l) => `${l}\n`).join(''));
  });
  return done;
}
