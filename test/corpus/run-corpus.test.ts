import { readFileSync, truncateSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { corpusFiles, inShard, parseShard } from '../../engine/corpus/corpus-files.js';
import { CSV_HEADER, csvFile, csvLine, jsonFile } from '../../engine/corpus/corpus-row.js';
import { runCorpus } from '../../engine/corpus/run-corpus.js';
import { projectPath } from '../../engine/paths.js';
import { simpleSmf } from '../fixtures/make-midi.js';
import { tempDir } from '../helpers.js';

const LIMITS = { seconds: 60, heapMb: 1024, workers: 2 };
const MODELS = projectPath('models');

/** A folder of small pieces (one in a subfolder, one named with a comma and a quote) and one bad file. */
function corpus(): { dir: string; good: string[]; bad: string } {
  const dir = tempDir();
  mkdirSync(join(dir, 'sub'));
  const good = [join(dir, 'a.mid'), join(dir, 'sub', 'b.mid'), join(dir, 'c, "live".mid')];
  good.forEach((f, k) => writeFileSync(f, simpleSmf([0, 1, 2, 3, 4, 5, 6, 7].map((i) => ({ pitch: 60 + k + (i % 4) * 3, start: i * 480, duration: 400 })))));
  const bad = join(dir, 'broken.mid');
  writeFileSync(bad, 'not a midi file');
  writeFileSync(join(dir, 'notes.txt'), 'not music');
  return { dir, good, bad };
}

const csvRows = (path: string) => readFileSync(path, 'utf8').trim().split('\n').slice(1);

describe('corpus analysis', () => {
  it('writes a row per file, the bad one with its error, and resumes after a crash without repeating a file', async () => {
    const { dir, good, bad } = corpus();
    const csv = join(dir, 'out.csv');
    const jsonl = join(dir, 'out.jsonl');
    const first = await runCorpus({ inputs: [dir], csv, jsonl, shard: parseShard('1/1'), limits: LIMITS, models: MODELS });
    expect(first).toMatchObject({ files: 4, skipped: 0, written: 4, failed: 1 });
    expect(readFileSync(csv, 'utf8').split('\n')[0]).toBe(CSV_HEADER);
    const rows = csvRows(csv);
    expect(rows.map(csvFile).sort()).toEqual([...good, bad].sort());
    expect(rows.find((r) => csvFile(r) === bad)).toContain('not a MIDI file');
    const lines = readFileSync(jsonl, 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    expect(lines.find((l) => l.file === good[0])).toMatchObject({ error: null, emotion: { quadrant: expect.stringMatching(/^Q[1-4]$/) }, descriptors: { notes: 8 } });

    // a crash in the middle of writing the last row of the CSV
    const text = readFileSync(csv, 'utf8');
    truncateSync(csv, text.length - 10);
    const second = await runCorpus({ inputs: [dir], csv, jsonl, shard: parseShard('1/1'), limits: LIMITS, models: MODELS });
    expect(second).toMatchObject({ files: 4, skipped: 3, written: 1 });
    expect(csvRows(csv).map(csvFile).sort()).toEqual([...good, bad].sort());
    expect(readFileSync(jsonl, 'utf8').trim().split('\n').map(jsonFile).sort()).toEqual([...good, bad].sort());

    const third = await runCorpus({ inputs: [dir], csv, shard: parseShard('1/1'), limits: LIMITS, models: MODELS });
    expect(third).toMatchObject({ skipped: 4, written: 0 });
  });

  it('shards split the files between machines, each file in exactly one', () => {
    const files = Array.from({ length: 200 }, (_, i) => `/data/set/${i}.mid`);
    const shards = [1, 2, 3].map((index) => files.filter((f) => inShard(f, { index, count: 3 })));
    expect(shards.flat().sort()).toEqual([...files].sort());
    for (const s of shards) expect(s.length).toBeGreaterThan(40);
    expect(() => parseShard('0/3')).toThrow(/K\/N/);
    expect(() => parseShard('4/3')).toThrow(/K\/N/);
    expect(() => parseShard('two')).toThrow(/K\/N/);
  });

  it('lists MIDI files under folders once, sorted, and names a missing input', () => {
    const { dir, good, bad } = corpus();
    expect(corpusFiles([dir, good[0]])).toEqual([...good, bad].sort());
    expect(() => corpusFiles([join(dir, 'nope')])).toThrow(/no such file or folder/);
  });

  it('quotes CSV fields that need it and reads the file back', () => {
    const line = csvLine({ file: 'x, "y".mid', error: 'bad, "very"', analysis: null });
    expect(line.startsWith('"x, ""y"".mid","bad, ""very"""')).toBe(true);
    expect(csvFile(line)).toBe('x, "y".mid');
  });
});
