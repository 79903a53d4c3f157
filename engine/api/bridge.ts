// What the Electron preload puts on the page's `window.muser` (contextBridge): the one
// declaration of the contract between the shell (electron/preload.cts, main.ts, menu.ts)
// and the page (renderer/src/api/). Types only, so both sides import it: the shell in
// Node, the renderer in the browser bundle. Web mode has no bridge.

import type { ApiEvent } from './jobs.js';
import type { ApiReply } from './wire.js';

/** What the native menus ask the page to do; 'import-file' carries a FileData ({ fileName, base64 }) the shell read. */
export type MenuCommand = 'import-file' | 'export-midi' | 'export-wav' | 'undo' | 'redo' | 'zoom-in' | 'zoom-out' | 'zoom-reset';

export interface SaveResult {
  saved: boolean;
  path?: string;
  error?: string;
}

export interface MuserBridge {
  /** One API operation through IPC; resolves to the same reply `muser serve` sends. */
  call(op: string, args: unknown): Promise<ApiReply<unknown>>;
  /** Native save dialog, then an atomic write by the main process. */
  saveFile(fileName: string, base64: string): Promise<SaveResult>;
  /** Starts dragging a file out of the window (to the desktop or a DAW). */
  startDrag(fileName: string, base64: string): void;
  /** Listens to menu commands; returns the unsubscribe. */
  onMenu(listener: (command: MenuCommand, payload?: unknown) => void): () => void;
  /** Listens to job progress and results (web mode gets the same events over SSE at /api/events); returns the unsubscribe. */
  onEvent(listener: (event: ApiEvent) => void): () => void;
}

// spelled as a mapped object so that adding a method to MuserBridge fails to compile until it is listed
const methods: { [K in keyof MuserBridge]: K } = { call: 'call', saveFile: 'saveFile', startDrag: 'startDrag', onMenu: 'onMenu', onEvent: 'onEvent' };
/** The bridge's methods: test/electron checks that the preload exposes exactly these. */
export const BRIDGE_METHODS: readonly (keyof MuserBridge)[] = Object.values(methods);
