// The native menus, as a template (no Electron calls here, so it can be checked in
// Node). Commands that act on the music go to the renderer, which runs them through
// the API like its own buttons; the shell itself only opens files and shows About.

import type { MenuItemConstructorOptions } from 'electron';
import type { MenuCommand } from '../engine/api/bridge.js';
import { recentLabels } from './recent-files.js';

export interface MenuOptions {
  appName: string;
  isMac: boolean;
  /** Reload and developer tools appear only when running from the sources. */
  isDev: boolean;
  recent: readonly string[];
}

export interface MenuActions {
  send(command: MenuCommand): void;
  /** The native open dialog; chosen files are read by the shell, so they join Open Recent. */
  open(): void;
  openRecent(path: string): void;
  clearRecent(): void;
  about(): void;
}

// '&' marks a keyboard mnemonic (Alt+F) in Windows and Linux menus: kept out of macOS
// labels, and doubled in a file name, where it is a plain character
const literal = (label: string, isMac: boolean) => (isMac ? label : label.replace(/&/g, '&&'));
const mnemonic = (label: string, isMac: boolean) => (isMac ? label.replace('&', '') : label);

export function menuTemplate(o: MenuOptions, a: MenuActions): MenuItemConstructorOptions[] {
  const sep: MenuItemConstructorOptions = { type: 'separator' };
  const labels = recentLabels(o.recent);
  const recentItems: MenuItemConstructorOptions[] = o.recent.length
    ? [...o.recent.map((path, i) => ({ label: literal(labels[i], o.isMac), click: () => a.openRecent(path) })), sep, { label: 'Clear Menu', click: () => a.clearRecent() }]
    : [{ label: 'No Recent Files', enabled: false }];

  const about: MenuItemConstructorOptions = { label: `About ${o.appName}`, click: () => a.about() };

  const appMenu: MenuItemConstructorOptions = {
    label: o.appName,
    submenu: [about, sep, { role: 'services' }, sep, { role: 'hide' }, { role: 'hideOthers' }, { role: 'unhide' }, sep, { role: 'quit' }],
  };

  const file: MenuItemConstructorOptions = {
    label: mnemonic('&File', o.isMac),
    submenu: [
      { label: 'Open…', accelerator: 'CmdOrCtrl+O', click: () => a.open() },
      { label: 'Open Recent', submenu: recentItems },
      sep,
      { label: 'Export MIDI…', accelerator: 'CmdOrCtrl+E', click: () => a.send('export-midi') },
      { label: 'Export WAV…', accelerator: 'CmdOrCtrl+Shift+E', click: () => a.send('export-wav') },
      sep,
      o.isMac ? { role: 'close' } : { role: 'quit' },
    ],
  };

  const edit: MenuItemConstructorOptions = {
    label: mnemonic('&Edit', o.isMac),
    submenu: [
      { label: 'Undo', accelerator: 'CmdOrCtrl+Z', click: () => a.send('undo') },
      { label: 'Redo', accelerator: o.isMac ? 'Shift+CmdOrCtrl+Z' : 'CmdOrCtrl+Y', click: () => a.send('redo') },
      sep,
      { role: 'cut' },
      { role: 'copy' },
      { role: 'paste' },
      { role: 'selectAll' },
    ],
  };

  const view: MenuItemConstructorOptions = {
    label: mnemonic('&View', o.isMac),
    submenu: [
      { label: 'Zoom In', accelerator: 'CmdOrCtrl+=', click: () => a.send('zoom-in') },
      { label: 'Zoom Out', accelerator: 'CmdOrCtrl+-', click: () => a.send('zoom-out') },
      { label: 'Actual Size', accelerator: 'CmdOrCtrl+0', click: () => a.send('zoom-reset') },
      sep,
      { role: 'togglefullscreen' },
      ...(o.isDev ? [sep, { role: 'reload' } as const, { role: 'forceReload' } as const, { role: 'toggleDevTools' } as const] : []),
    ],
  };

  if (o.isMac) return [appMenu, file, edit, view, { role: 'windowMenu' }];
  return [file, edit, view, { label: '&Help', submenu: [about] }];
}
