// Which files a corpus run reads: every MIDI file under the folders given (and the files
// named), and of those the ones in this machine's shard. A file's shard follows from its
// path alone, so machines given the same arguments split the corpus between them with
// no coordination (GNU parallel, Slurm array jobs, a Kubernetes indexed Job).

import { createHash } from 'node:crypto';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { InputError } from '../errors.js';

const MIDI = /\.(mid|midi|kar|smf)$/i;

export interface Shard {
  /** 1-based, as schedulers number tasks. */
  index: number;
  count: number;
}

/** "K/N" with 1 <= K <= N. */
export function parseShard(text: string): Shard {
  const m = /^(\d+)\/(\d+)$/.exec(text.trim());
  const index = m ? Number(m[1]) : NaN;
  const count = m ? Number(m[2]) : NaN;
  if (!(index >= 1 && count >= 1 && index <= count)) throw new Error(`--shard takes K/N with 1 <= K <= N (e.g. 2/8), got "${text}"`);
  return { index, count };
}

/** Files named, and MIDI files found under folders named (recursively), sorted, each once. */
export function corpusFiles(inputs: readonly string[]): string[] {
  const found = new Set<string>();
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.isFile() && MIDI.test(entry.name)) found.add(path);
    }
  };
  for (const input of inputs) {
    let isDir: boolean;
    try {
      isDir = statSync(input).isDirectory();
    } catch {
      throw new InputError(input, 'no such file or folder');
    }
    if (isDir) walk(input);
    else found.add(input);
  }
  return [...found].sort();
}

export function inShard(file: string, shard: Shard): boolean {
  if (shard.count === 1) return true;
  const h = createHash('sha1').update(file).digest();
  return h.readUInt32BE(0) % shard.count === shard.index - 1;
}
