// The dataset builder: tokenize every EMOPIA clip with its quadrant, keep the authors'
// song-level split, and write int16 tensors plus an index that Python reads with
// numpy alone (format: docs/dataset-format.md). A bad clip is skipped and reported,
// never fatal.

import { mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, type Descriptors } from '../descriptors/describe.js';
import { messageOf } from '../errors.js';
import { writeFileAtomic } from '../io/atomic-write.js';
import { readPiece } from '../io/read-piece.js';
import { featureVector, JUDGE_FEATURES } from '../judge/features.js';
import type { Piece } from '../piece/piece.js';
import type { Quadrant } from '../tokens/quadrants.js';
import { checkRoundTrip, type RoundTripReport } from '../tokens/round-trip.js';
import { tokenize } from '../tokens/tokenize.js';
import { FIELDS, type Vocab } from '../tokens/vocab.js';
import { readEmopiaMeta, type Split } from './emopia.js';
import { groupedStats, type LengthStats } from './length-stats.js';

export const DATASET_FORMAT = 'muser-dataset-1';

export interface ClipEntry {
  name: string;
  split: Split;
  quadrant: Quadrant;
  /** First row of the clip in tokens.bin, and its number of rows. */
  offset: number;
  length: number;
  notes: number;
  timing: string;
  mergedDuplicates: number;
  /** The piece's musical descriptors, as the app computes them (descriptors/describe.ts). */
  descriptors: Descriptors;
  /** The emotion judge's inputs, in the order of the index's `judgeFeatures`. */
  judgeFeatures: number[];
}

export interface DatasetIndex {
  format: string;
  vocab: string;
  fields: string[];
  /** Names of each clip's `judgeFeatures` (judge/features.ts). */
  judgeFeatures: string[];
  dtype: 'int16';
  byteOrder: 'little';
  tokensFile: string;
  totalTokens: number;
  clips: ClipEntry[];
  skipped: { file: string; reason: string }[];
  stats: { bySplit: Record<string, LengthStats>; byQuadrant: Record<string, LengthStats>; bySplitQuadrant: Record<string, LengthStats> };
  roundTrip?: RoundTripTotals;
  seconds: { tokenize: number; verify: number };
}

export interface RoundTripTotals {
  clips: number;
  idempotent: number;
  notes: number;
  lost: number;
  mergedDuplicates: number;
  orderKept: number;
  maxOnsetErrorSteps: number;
}

export interface BuildOptions {
  data: string;
  out: string;
  vocab: Vocab;
  /** Check every clip's round trip (tokens -> MIDI -> tokens, note survival). */
  verify: boolean;
  limit?: number;
  progress?: (done: number, total: number, name: string) => void;
}

export function buildDataset(opts: BuildOptions): DatasetIndex {
  const meta = readEmopiaMeta(opts.data);
  const midiDir = join(opts.data, 'midis');
  let files = readdirSync(midiDir).sort();
  if (opts.limit !== undefined) files = files.slice(0, opts.limit);
  const clips: ClipEntry[] = [];
  const rows: number[][] = [];
  const skipped: { file: string; reason: string }[] = [];
  const checks: RoundTripReport[] = [];
  let tokenizeMs = 0;
  let verifyMs = 0;
  files.forEach((file, i) => {
    opts.progress?.(i + 1, files.length, file);
    const id = file.replace(/\.midi?$/i, '');
    if (id === file) return skipped.push({ file, reason: 'not a .mid/.midi file' });
    const quadrant = meta.labels.get(id);
    const split = meta.splits.get(id);
    if (!quadrant) return skipped.push({ file, reason: 'no quadrant in label.csv' });
    if (!split) return skipped.push({ file, reason: 'in no split (split/*_clip.csv)' });
    try {
      const t0 = performance.now();
      const piece = readPiece(join(midiDir, file));
      const { sequence, mergedDuplicates } = tokenize(piece, opts.vocab, quadrant);
      tokenizeMs += performance.now() - t0;
      clips.push({ name: id, split, quadrant, offset: rows.length, length: sequence.tokens.length, notes: piece.notes.length, timing: piece.timing, mergedDuplicates, ...describedFor(piece, opts.vocab) });
      rows.push(...sequence.tokens);
      if (opts.verify) {
        const t1 = performance.now();
        checks.push(checkRoundTrip(piece, opts.vocab, quadrant));
        verifyMs += performance.now() - t1;
      }
    } catch (err) {
      skipped.push({ file, reason: messageOf(err) });
    }
  });

  const tensor = new Int16Array(rows.length * FIELDS.length);
  rows.forEach((r, i) => tensor.set(r, i * FIELDS.length));
  const index: DatasetIndex = {
    format: DATASET_FORMAT,
    vocab: opts.vocab.version,
    fields: [...FIELDS],
    judgeFeatures: [...JUDGE_FEATURES],
    dtype: 'int16',
    byteOrder: 'little',
    tokensFile: 'tokens.bin',
    totalTokens: rows.length,
    clips,
    skipped,
    stats: {
      bySplit: groupedStats(clips, (c) => c.split, (c) => c.length),
      byQuadrant: groupedStats(clips, (c) => c.quadrant, (c) => c.length),
      bySplitQuadrant: groupedStats(clips, (c) => `${c.split}/${c.quadrant}`, (c) => c.length),
    },
    roundTrip: opts.verify ? totals(checks) : undefined,
    seconds: { tokenize: tokenizeMs / 1000, verify: verifyMs / 1000 },
  };
  mkdirSync(opts.out, { recursive: true });
  // Int16Array is little-endian on every platform Node runs on (x86, ARM).
  writeFileAtomic(join(opts.out, 'tokens.bin'), new Uint8Array(tensor.buffer));
  writeFileAtomic(join(opts.out, 'index.json'), JSON.stringify(index));
  writeFileAtomic(join(opts.out, 'report.md'), formatReport(index));
  return index;
}

function describedFor(piece: Piece, vocab: Vocab): { descriptors: Descriptors; judgeFeatures: number[] } {
  const descriptors = describe(piece, vocab);
  return { descriptors, judgeFeatures: featureVector(descriptors) };
}

function totals(checks: RoundTripReport[]): RoundTripTotals {
  return {
    clips: checks.length,
    idempotent: checks.filter((c) => c.idempotent).length,
    notes: checks.reduce((s, c) => s + c.notes, 0),
    lost: checks.reduce((s, c) => s + c.lost, 0),
    mergedDuplicates: checks.reduce((s, c) => s + c.mergedDuplicates, 0),
    orderKept: checks.filter((c) => c.orderKept).length,
    maxOnsetErrorSteps: checks.reduce((m, c) => Math.max(m, c.maxOnsetErrorSteps), 0),
  };
}

export function formatReport(ix: DatasetIndex): string {
  const table = (stats: Record<string, LengthStats>) => [
    '| group | clips | tokens | min | median | mean | p95 | max |',
    '|---|---|---|---|---|---|---|---|',
    ...Object.entries(stats).map(([k, s]) => `| ${k} | ${s.clips} | ${s.tokens} | ${s.min} | ${s.median} | ${s.mean.toFixed(1)} | ${s.p95} | ${s.max} |`),
  ];
  const rt = ix.roundTrip;
  return [
    `# Dataset report (${ix.format}, vocabulary ${ix.vocab})`,
    '',
    `${ix.clips.length} clips tokenized, ${ix.skipped.length} skipped, ${ix.totalTokens} tokens; tokenizing took ${ix.seconds.tokenize.toFixed(1)} s.`,
    '',
    '## Skipped files',
    ix.skipped.length ? ix.skipped.map((s) => `- ${s.file}: ${s.reason}`).join('\n') : 'none',
    '',
    ...(rt
      ? [
          '## Round trip (tokens -> MIDI -> tokens, note survival)',
          `- idempotent: ${rt.idempotent} of ${rt.clips} clips`,
          `- notes: ${rt.notes}; lost: ${rt.lost}; exact duplicates merged on the grid: ${rt.mergedDuplicates}`,
          `- onset order kept in ${rt.orderKept} of ${rt.clips} clips; largest onset move ${rt.maxOnsetErrorSteps.toFixed(3)} 16ths`,
          `- checking took ${ix.seconds.verify.toFixed(1)} s`,
          '',
        ]
      : []),
    '## Token lengths by split',
    ...table(ix.stats.bySplit),
    '',
    '## Token lengths by quadrant',
    ...table(ix.stats.byQuadrant),
    '',
    '## Token lengths by split and quadrant',
    ...table(ix.stats.bySplitQuadrant),
    '',
  ].join('\n');
}
