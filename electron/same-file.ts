// Whether a save would land on one of the files the user imported: compared by device
// and inode when both exist, so case-insensitive file systems and links cannot hide it.

import { statSync } from 'node:fs';
import { resolve } from 'node:path';

export function isSameFile(a: string, b: string): boolean {
  if (resolve(a) === resolve(b)) return true;
  try {
    const x = statSync(a, { bigint: true });
    const y = statSync(b, { bigint: true });
    // some file systems (FAT) report inode 0 for every file: no evidence either way
    return x.ino !== 0n && x.dev === y.dev && x.ino === y.ino;
  } catch {
    // one of them does not exist, so saving cannot overwrite the other
    return false;
  }
}
