import { statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { analyzeFile, type Analysis } from '../../analysis/analysis.js';
import { parseShard } from '../../corpus/corpus-files.js';
import { runCorpus, type CorpusProgress } from '../../corpus/run-corpus.js';
import { UsageError, type CliIO, type Command, type ParsedArgs } from '../command.js';
import { descriptorLines } from '../descriptor-lines.js';
import { openJudge } from '../../judge/judge.js';
import { projectPath } from '../../paths.js';
import { loadVocab } from '../../tokens/vocab.js';
import { MODEL_HELP, MODEL_OPTIONS, wholeNumber } from '../model-args.js';

/** Per-file limits of a corpus run: far above a real file's needs (about 20 ms, 100 MB). */
const CORPUS_SECONDS = 60;
const CORPUS_HEAP_MB = 1024;

export const analyzeCommand: Command = {
  name: 'analyze',
  summary: 'emotion estimate (quadrant, valence, arousal), musical descriptors and note statistics of a piece or a corpus',
  usage: 'muser analyze IN.mid [--per-bar] [--json] | muser analyze DIR_OR_FILES... --csv OUT.csv [--jsonl OUT.jsonl] [--shard K/N] [--jobs N]',
  optionHelp: [
    ...MODEL_HELP,
    ['--per-bar', 'also valence and arousal around each bar (its notes and those of the bar before and two after)'],
    ['--csv OUT.csv', 'corpus mode: one row per file (estimate, descriptors, or the error); a rerun skips files already written'],
    ['--jsonl OUT.jsonl', 'corpus mode: the same as JSON lines (with --csv or instead of it)'],
    ['--shard K/N', 'analyze only the K-th of N shards (a file\'s shard follows from its path: give every machine the same arguments)'],
    ['--jobs N', `files analyzed at once (default: one per core, here ${availableParallelism()})`],
  ],
  options: { ...MODEL_OPTIONS, 'per-bar': { type: 'boolean' }, csv: { type: 'string' }, jsonl: { type: 'string' }, shard: { type: 'string' }, jobs: { type: 'string' } },
  positionals: [1, Infinity],
  async run(args, io) {
    const { csv, jsonl } = args.values;
    if (typeof csv === 'string' || typeof jsonl === 'string') return corpus(args, io);
    const [input] = args.positionals;
    if (args.positionals.length > 1 || statSync(input, { throwIfNoEntry: false })?.isDirectory()) {
      throw new UsageError('several files or a folder make a corpus: give --csv OUT.csv or --jsonl OUT.jsonl');
    }
    const analysis = analyzeFile(input, loadVocab(), openJudge(modelDir(args)), Boolean(args.values['per-bar']));
    io.out(args.values.json ? JSON.stringify(analysis, null, 2) : formatAnalysis(analysis));
    return 0;
  },
};

function modelDir(args: ParsedArgs): string {
  return typeof args.values.models === 'string' ? args.values.models : projectPath('models');
}

async function corpus(args: ParsedArgs, io: CliIO): Promise<number> {
  let shard;
  try {
    shard = parseShard(typeof args.values.shard === 'string' ? args.values.shard : '1/1');
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
  const workers = wholeNumber(args, 'jobs', 1) ?? availableParallelism();
  const result = await runCorpus({
    inputs: args.positionals,
    csv: args.values.csv as string | undefined,
    jsonl: args.values.jsonl as string | undefined,
    shard,
    limits: { seconds: CORPUS_SECONDS, heapMb: CORPUS_HEAP_MB, workers },
    models: modelDir(args),
    progress: (p) => io.status?.(progressLine(p)),
  });
  if (io.status) io.err('');
  io.out(
    `analyze: ${result.written} file(s) analyzed in ${result.seconds.toFixed(1)} s (${(result.written / Math.max(result.seconds, 1e-3)).toFixed(1)} files/s), ` +
      `${result.failed} with an error (a row each), ${result.skipped} already written, of ${result.files} in shard ${shard.index}/${shard.count}`,
  );
  return 0;
}

function progressLine(p: CorpusProgress): string {
  const width = 24;
  const filled = Math.round((width * p.done) / Math.max(p.total, 1));
  const left = Number.isFinite(p.secondsLeft) ? `${Math.ceil(p.secondsLeft)} s left` : '';
  return `[${'#'.repeat(filled)}${' '.repeat(width - filled)}] ${p.done}/${p.total}  ${p.rate.toFixed(1)} files/s  ${left}${p.failed ? `  ${p.failed} failed` : ''}`;
}

function formatAnalysis(a: Analysis): string {
  const p = a.emotion.probabilities;
  const d = a.descriptors;
  return [
    a.file,
    `  emotion:   ${a.emotion.quadrant}  (Q1 ${p.Q1.toFixed(2)}, Q2 ${p.Q2.toFixed(2)}, Q3 ${p.Q3.toFixed(2)}, Q4 ${p.Q4.toFixed(2)})`,
    `  valence:   ${a.emotion.valence.toFixed(2)}   arousal: ${a.emotion.arousal.toFixed(2)}   (probability of high)`,
    `  because:   ${a.emotion.explanation}`,
    `  notes:     ${a.stats.notes}, pitch ${a.stats.pitchRange ? `${a.stats.pitchRange.join('-')} (range ${a.stats.pitchSpan})` : '-'}`,
    `  pitch classes: ${a.stats.pitchClasses}   polyphony: ${a.stats.polyphony.toFixed(2)} notes per onset`,
    ...descriptorLines(d),
    ...(a.perBar
      ? ['  per bar:   bar  start s  valence  arousal  because', ...a.perBar.map((b) => `    ${String(b.bar).padStart(7)} ${b.start.toFixed(1).padStart(8)} ${b.valence.toFixed(2).padStart(8)} ${b.arousal.toFixed(2).padStart(8)}  ${b.explanation}`)]
      : []),
  ].join('\n');
}
