// What the Electron preload exposes as `window.muser` (contextBridge). The browser
// (web mode) has no bridge; every caller checks `muserBridge()` first.

import type { ApiEvent } from '../../../engine/api/jobs.js';
import type { ApiReply } from '../../../engine/api/wire.js';

/** Commands of the application menu, sent to the page. */
export type MenuCommand = 'import-file' | 'export-midi' | 'export-wav' | 'undo' | 'redo' | 'zoom-in' | 'zoom-out' | 'zoom-reset';

export interface MuserBridge {
  /** One API operation through IPC; resolves to the same reply `muser serve` sends. */
  call(op: string, args: unknown): Promise<ApiReply<unknown>>;
  /** Native save dialog, then an atomic write by the main process. */
  saveFile(fileName: string, base64: string): Promise<{ saved: boolean; path?: string; error?: string }>;
  /** Starts dragging a file out of the window (to the desktop or a DAW). */
  startDrag(fileName: string, base64: string): void;
  /** Listens to menu commands ('import-file' carries { fileName, base64 }); returns the unsubscribe. */
  onMenu(listener: (command: MenuCommand, payload?: unknown) => void): () => void;
  /** Listens to job progress and results (web mode gets them over SSE); returns the unsubscribe. */
  onEvent(listener: (event: ApiEvent) => void): () => void;
}

declare global {
  interface Window {
    muser?: MuserBridge;
  }
}

export function muserBridge(): MuserBridge | undefined {
  return typeof window === 'undefined' ? undefined : window.muser;
}
