// The Electron preload's `window.muser` (declared in engine/api/bridge.ts, which the
// shell implements). The browser (web mode) has no bridge; every caller checks
// `muserBridge()` first.

import type { MuserBridge } from '../../../engine/api/bridge.js';

declare global {
  interface Window {
    muser?: MuserBridge;
  }
}

export function muserBridge(): MuserBridge | undefined {
  return typeof window === 'undefined' ? undefined : window.muser;
}
