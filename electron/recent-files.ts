// The File > Open Recent list: paths of MIDI files the shell itself read (Open Recent,
// the OS opening a file with the app), newest first, kept in a small JSON file. They
// are also the originals that an export must never overwrite.

import { mkdirSync, readFileSync } from 'node:fs';
import { basename, dirname } from 'node:path';
import { writeFileAtomic } from '../engine/io/atomic-write.js';

export const MAX_RECENT = 10;

export function readRecent(file: string): string[] {
  try {
    const list: unknown = JSON.parse(readFileSync(file, 'utf8'));
    return Array.isArray(list) ? list.filter((p): p is string => typeof p === 'string' && p !== '').slice(0, MAX_RECENT) : [];
  } catch {
    return [];
  }
}

export function writeRecent(file: string, list: readonly string[]): void {
  // the settings folder may not exist yet on a first run
  mkdirSync(dirname(file), { recursive: true });
  writeFileAtomic(file, JSON.stringify(list));
}

export function withRecent(list: readonly string[], path: string): string[] {
  return [path, ...list.filter((p) => p !== path)].slice(0, MAX_RECENT);
}

export function withoutRecent(list: readonly string[], path: string): string[] {
  return list.filter((p) => p !== path);
}

/** Menu labels: the file name, or the whole path where two entries share a name. */
export function recentLabels(list: readonly string[]): string[] {
  const names = list.map((p) => basename(p));
  return list.map((p, i) => (names.indexOf(names[i]) !== names.lastIndexOf(names[i]) ? p : names[i]));
}
