// The bridge the preload puts on `window.muser`. The renderer declares the same type
// in renderer/src/api/bridge.ts; this copy is the shell's side of that contract (the
// renderer is built by Vite, outside this TypeScript project), and the tests check
// that the preload exposes exactly these methods and every one the renderer declares.

import type { ApiEvent } from '../engine/api/jobs.js';
import type { ApiReply } from '../engine/api/wire.js';

/** What the native menus ask the renderer to do; 'import-file' carries a FileData ({ fileName, base64 }) the shell read. */
export type MenuCommand = 'import-file' | 'export-midi' | 'export-wav' | 'undo' | 'redo' | 'zoom-in' | 'zoom-out' | 'zoom-reset';

export interface SaveResult {
  saved: boolean;
  path?: string;
  error?: string;
}

export interface MuserBridge {
  call(op: string, args: unknown): Promise<ApiReply<unknown>>;
  saveFile(fileName: string, base64: string): Promise<SaveResult>;
  startDrag(fileName: string, base64: string): void;
  onMenu(listener: (command: MenuCommand, payload?: unknown) => void): () => void;
  /** Job progress and results (web mode gets the same events over SSE at /api/events). */
  onEvent(listener: (event: ApiEvent) => void): () => void;
}

// spelled as a mapped object so that adding a method to MuserBridge fails to compile until it is listed
const methods: { [K in keyof MuserBridge]: K } = { call: 'call', saveFile: 'saveFile', startDrag: 'startDrag', onMenu: 'onMenu', onEvent: 'onEvent' };
export const BRIDGE_METHODS: readonly (keyof MuserBridge)[] = Object.values(methods);
