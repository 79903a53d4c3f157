// saveFile from the bridge: a native save dialog, then an atomic write of the chosen
// path. Nothing is written without the dialog, and never over a file the user
// imported (the dialog's own overwrite question covers every other existing file).

import { app, dialog, type BrowserWindow } from 'electron';
import { dirname, join } from 'node:path';
import type { SaveResult } from '../engine/api/bridge.js';
import { messageOf } from '../engine/errors.js';
import { writeFileAtomic } from '../engine/io/atomic-write.js';
import { exportedFile, saveFilters } from './exported-file.js';
import { isSameFile } from './same-file.js';

// the folder of the last save, offered again during this run
let lastFolder: string | null = null;

export async function saveFile(win: BrowserWindow, fileName: unknown, base64: unknown, originals: readonly string[]): Promise<SaveResult> {
  let file;
  try {
    file = exportedFile(fileName, base64);
  } catch (err) {
    return { saved: false, error: messageOf(err) };
  }
  const { canceled, filePath } = await dialog.showSaveDialog(win, {
    title: `Save ${file.fileName}`,
    defaultPath: join(lastFolder ?? app.getPath('documents'), file.fileName),
    filters: saveFilters(file.fileName),
    properties: ['createDirectory', 'showOverwriteConfirmation'],
  });
  if (canceled || !filePath) return { saved: false };
  if (originals.some((o) => isSameFile(o, filePath))) {
    return { saved: false, error: `${filePath} is a file you imported; MusER Studio does not overwrite originals. Save under another name.` };
  }
  try {
    writeFileAtomic(filePath, file.bytes);
  } catch (err) {
    return { saved: false, error: `could not save ${filePath}: ${messageOf(err)}` };
  }
  lastFolder = dirname(filePath);
  return { saved: true, path: filePath };
}
