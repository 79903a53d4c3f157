// The seed corpus: real MIDI files, read in place from the shared data folder (never
// copied into the repository), in a fixed order so an input index names the same seed
// on every run over the same data.

import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { sharedDataPath } from '../../engine/paths.js';

export interface Seed {
  name: string;
  bytes: Uint8Array;
}

/** EMOPIA clips, grid-pop songs, and the POP909 songs (each NNN/NNN.mid, not its versions). */
export function defaultCorpus(): string[] {
  return [sharedDataPath('emopia', 'midis'), sharedDataPath('grid-pop'), sharedDataPath('pop909-dev')];
}

const isMidi = (f: string) => /\.midi?$/i.test(f);

/** MIDI files under each folder (one level of subfolders, as POP909 has), sorted. */
export function seedFiles(dirs: readonly string[]): string[] {
  const files: string[] = [];
  for (const dir of dirs) {
    if (!existsSync(dir)) throw new Error(`${dir}: no such folder`);
    for (const entry of readdirSync(dir).sort()) {
      const path = join(dir, entry);
      if (isMidi(entry)) files.push(path);
      else if (statSync(path).isDirectory()) {
        // POP909 keeps each song as NNN/NNN.mid beside its annotation files
        const song = join(path, `${entry}.mid`);
        if (existsSync(song)) files.push(song);
      }
    }
  }
  return files;
}

export function loadSeeds(files: readonly string[]): Seed[] {
  if (!files.length) throw new Error('no seed MIDI files');
  return files.map((path) => ({ name: basename(path), bytes: new Uint8Array(readFileSync(path)) }));
}
