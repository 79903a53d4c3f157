// The EMOPIA folder: clip labels (label.csv) and the authors' song-level split
// (split/{train,val,test}_clip.csv). Read in place; nothing here touches MIDI.

import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { InputError } from '../errors.js';
import type { Quadrant } from '../tokens/quadrants.js';

export const SPLITS = ['train', 'val', 'test'] as const;
export type Split = (typeof SPLITS)[number];

export interface EmopiaMeta {
  /** Quadrant per clip id (file name without extension). */
  labels: Map<string, Quadrant>;
  /** Split per clip id. */
  splits: Map<string, Split>;
}

function readCsv(path: string): string[][] {
  if (!existsSync(path)) throw new InputError(path, 'missing (is this an EMOPIA folder?)');
  return readFileSync(path, 'utf8')
    .split(/\r?\n/)
    .filter((l) => l.trim() !== '')
    .map((l) => l.split(','));
}

export function readEmopiaMeta(dir: string): EmopiaMeta {
  const labels = new Map<string, Quadrant>();
  const labelPath = join(dir, 'label.csv');
  const rows = readCsv(labelPath);
  const [id, q] = [rows[0].indexOf('ID'), rows[0].indexOf('4Q')];
  if (id < 0 || q < 0) throw new InputError(labelPath, 'needs the columns ID and 4Q');
  for (const r of rows.slice(1)) {
    if (!/^[1-4]$/.test(r[q])) throw new InputError(labelPath, `quadrant "${r[q]}" of ${r[id]} is not 1-4`);
    labels.set(r[id], `Q${r[q]}` as Quadrant);
  }
  const splits = new Map<string, Split>();
  for (const split of SPLITS) {
    const path = join(dir, 'split', `${split}_clip.csv`);
    const table = readCsv(path);
    const col = table[0].indexOf('clip_name');
    if (col < 0) throw new InputError(path, 'needs the column clip_name');
    for (const r of table.slice(1)) splits.set(r[col].replace(/\.midi?$/i, ''), split);
  }
  return { labels, splits };
}
