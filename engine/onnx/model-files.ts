// Read a graph file and check it against the manifest's sha256 before onnxruntime sees it:
// the bytes checked are the bytes loaded, so a file swapped in between cannot slip through.

import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { InputError } from '../errors.js';
import type { GraphName, Manifest } from './manifest.js';

export function readVerifiedGraph(dir: string, manifest: Manifest, graph: GraphName): Uint8Array {
  const entry = manifest.files[graph];
  const file = join(dir, entry.path);
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new InputError(file, code === 'ENOENT' ? `missing (the manifest lists it for graph "${graph}")` : `cannot read (${(err as Error).message})`);
  }
  const sha = createHash('sha256').update(bytes).digest('hex');
  if (sha !== entry.sha256) {
    throw new InputError(file, `corrupted or replaced: sha256 ${sha.slice(0, 12)}... differs from the manifest's ${entry.sha256.slice(0, 12)}... (${bytes.length} bytes, expected ${entry.bytes})`);
  }
  return bytes;
}
