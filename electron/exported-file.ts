// A file the renderer hands over to save or drag out (a MIDI export, a rendered WAV):
// checked here because the page is not trusted with paths. Only the name's last part
// is used, cleaned for every file system, and the bytes are bounded.

import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { extname, join } from 'node:path';
import { safeFileName } from '../engine/workspace/file-names.js';

/**
 * About 25 minutes of 16-bit stereo 44.1 kHz WAV; its base64 text (4/3 larger) stays
 * well under V8's longest string (2^29 characters), which bounds what can cross IPC.
 */
export const MAX_EXPORT_BYTES = 256 * 1024 * 1024;

export interface ExportedFile {
  fileName: string;
  bytes: Buffer;
}

/** The renderer's (fileName, base64), or an Error saying what is wrong with them. */
export function exportedFile(fileName: unknown, base64: unknown, maxBytes = MAX_EXPORT_BYTES): ExportedFile {
  if (typeof fileName !== 'string' || typeof base64 !== 'string') throw new Error('a file name and base64 bytes (strings) are needed');
  if (base64.length > Math.ceil(maxBytes / 3) * 4) throw new Error(`${fileName} is over ${(maxBytes / 1048576).toFixed(0)} MB`);
  const bytes = Buffer.from(base64, 'base64');
  if (bytes.length === 0) throw new Error(`${fileName} is empty`);
  const last = fileName.split(/[\\/]/).pop() ?? '';
  const ext = extname(last);
  const cleanExt = /^\.[A-Za-z0-9]{1,8}$/.test(ext) ? ext.toLowerCase() : '';
  return { fileName: safeFileName(cleanExt ? last.slice(0, -ext.length) : last, cleanExt), bytes };
}

/** Save dialog filters for the file's type (all files for a type we do not know). */
export function saveFilters(fileName: string): { name: string; extensions: string[] }[] {
  const ext = extname(fileName).slice(1).toLowerCase();
  if (ext === 'mid' || ext === 'midi') return [{ name: 'MIDI file', extensions: ['mid', 'midi'] }];
  if (ext === 'wav') return [{ name: 'WAV audio', extensions: ['wav'] }];
  return [{ name: 'All files', extensions: ['*'] }];
}

/**
 * Writes a dragged file as `<root>/drag-XXXX/<fileName>`: a folder of its own keeps the
 * name the user sees when it lands on the desktop or in a DAW, with no clash between drags.
 */
export function writeDragFile(root: string, file: ExportedFile): string {
  mkdirSync(root, { recursive: true });
  const path = join(mkdtempSync(join(root, 'drag-')), file.fileName);
  writeFileSync(path, file.bytes);
  return path;
}

/**
 * Deletes drag folders older than `maxAgeMs`. Not at once after the drop: a DAW may
 * still be reading the file, or keep referring to it until its project is saved.
 */
export function sweepDragFiles(root: string, maxAgeMs: number, now = Date.now()): void {
  if (!existsSync(root)) return;
  for (const entry of readdirSync(root, { withFileTypes: true })) {
    const dir = join(root, entry.name);
    if (entry.isDirectory() && entry.name.startsWith('drag-') && now - statSync(dir).mtimeMs > maxAgeMs) rmSync(dir, { recursive: true, force: true });
  }
}
