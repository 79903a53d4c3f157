// What the window may reach: its own app:// pages and nothing else. No navigation
// away, no new windows, no webviews, no permissions, no network; a safe http(s) link
// opens in the OS browser instead.

import { shell, type Session, type WebContents } from 'electron';
import { isAppUrl, isSafeExternalUrl } from './origin.js';

function openOutside(url: string): void {
  if (isSafeExternalUrl(url)) void shell.openExternal(url);
}

/** For every web contents the app creates (the window, and any devtools). */
export function lockDownContents(contents: WebContents): void {
  const stayHome = (event: Electron.Event<{ url: string }>) => {
    if (isAppUrl(event.url)) return;
    event.preventDefault();
    openOutside(event.url);
  };
  contents.on('will-navigate', stayHome);
  contents.on('will-redirect', stayHome);
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    openOutside(url);
    return { action: 'deny' };
  });
}

export function lockDownSession(ses: Session): void {
  ses.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  ses.setPermissionCheckHandler(() => false);
  ses.setDevicePermissionHandler(() => false);
  // the CSP already forbids it; this also covers anything the CSP does not govern
  ses.webRequest.onBeforeRequest({ urls: ['http://*/*', 'https://*/*', 'ws://*/*', 'wss://*/*', 'ftp://*/*'] }, (_details, callback) => callback({ cancel: true }));
}
