// Paths the shell resolves: the renderer file an app:// URL names (never outside the
// build folder), and where the packaged app keeps the files that must be real files.

import { resolveStatic } from '../engine/server/static-files.js';
import { isAppUrl } from './origin.js';

/**
 * The file under `root` that an app:// URL names, or null: another origin, a path that
 * escapes the root (`..`, encoded or not), a folder or a missing file. Containment is
 * web mode's own check, so both doors serve exactly the same files.
 */
export function appFilePath(root: string, url: string): string | null {
  if (!isAppUrl(url)) return null;
  return resolveStatic(root, new URL(url).pathname);
}

/**
 * The same path outside the asar archive. The packaged engine runs from
 * app.asar.unpacked: its decoding worker, onnxruntime's native library and the model
 * files must be plain files, and resolving every engine path there keeps them together.
 */
export function unpackedPath(path: string): string {
  return path.replace(/([\\/])app\.asar(?=[\\/]|$)/, '$1app.asar.unpacked');
}
