// What differs between the Electron window and a browser tab, besides the API door.

import type { SaveResult } from '../../../engine/api/bridge.js';
import { muserBridge } from '../api/bridge.js';
import { bytesToBase64 } from './base64.js';

/** Electron: the native save dialog. Browser: a download with the given name. */
export async function saveFile(fileName: string, bytes: Uint8Array, type: string): Promise<Omit<SaveResult, 'error'>> {
  const bridge = muserBridge();
  if (bridge) {
    const r = await bridge.saveFile(fileName, bytesToBase64(bytes));
    if (r.error) throw new Error(r.error);
    return { saved: r.saved, path: r.path };
  }
  const url = URL.createObjectURL(new Blob([bytes as Uint8Array<ArrayBuffer>], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.append(a);
  a.click();
  a.remove();
  // the download has taken the blob by now; keep the URL briefly for slow browsers
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
  return { saved: true };
}

/** Electron can drag files out of the window; a browser tab cannot. */
export const canDragOut = (): boolean => muserBridge() !== undefined;

// A file dragged out and dropped back on our own window is not a new import.
let ownDrag: { fileName: string; until: number } | null = null;
const OWN_DRAG_MS = 60_000;

/** Electron: starts the OS drag of a file (to the desktop or a DAW). */
export function dragOut(fileName: string, base64: string): void {
  const bridge = muserBridge();
  if (!bridge) return;
  ownDrag = { fileName, until: Date.now() + OWN_DRAG_MS };
  bridge.startDrag(fileName, base64);
}

export function isOwnDrop(file: { name: string }, now = Date.now()): boolean {
  return ownDrag !== null && now < ownDrag.until && file.name === ownDrag.fileName;
}
