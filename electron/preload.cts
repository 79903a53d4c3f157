// The window's preload (sandboxed, so CommonJS and only `electron` may be required):
// puts the bridge on window.muser. The page gets these five functions and nothing of
// ipcRenderer itself; every message it sends is checked again in the main process.

import electron = require('electron');
import type { MenuCommand, MuserBridge } from '../engine/api/bridge.js';
import type { ApiEvent } from '../engine/api/jobs.js';

const { contextBridge, ipcRenderer } = electron;

// the same names as CHANNELS in channels.ts (a sandboxed preload cannot import it)
const API = 'muser:api';
const SAVE_FILE = 'muser:save-file';
const START_DRAG = 'muser:start-drag';
const MENU = 'muser:menu';
const EVENT = 'muser:event';

const bridge: MuserBridge = {
  call: (op, args) => ipcRenderer.invoke(API, op, args),
  saveFile: (fileName, base64) => ipcRenderer.invoke(SAVE_FILE, fileName, base64),
  startDrag: (fileName, base64) => ipcRenderer.send(START_DRAG, fileName, base64),
  onMenu(listener) {
    // the page never sees the IPC event object (it carries the sender)
    const relay = (_event: unknown, command: MenuCommand, payload?: unknown) => listener(command, payload);
    ipcRenderer.on(MENU, relay);
    return () => void ipcRenderer.removeListener(MENU, relay);
  },
  onEvent(listener) {
    const relay = (_event: unknown, event: ApiEvent) => listener(event);
    ipcRenderer.on(EVENT, relay);
    return () => void ipcRenderer.removeListener(EVENT, relay);
  },
};

contextBridge.exposeInMainWorld('muser', bridge);
