// Who may talk to the shell: the app's own pages live at app://muser/…, and nothing
// else (another scheme, another host, a frame that navigated away) is trusted.

export const APP_SCHEME = 'app';
const APP_HOST = 'muser';
export const APP_START_URL = `${APP_SCHEME}://${APP_HOST}/index.html`;

function parse(url: string): URL | null {
  try {
    return new URL(url);
  } catch {
    return null;
  }
}

/** True for a URL of the app's own origin (compared by parts: Node gives custom schemes an opaque origin). */
export function isAppUrl(url: string): boolean {
  const u = parse(url);
  return u !== null && u.protocol === `${APP_SCHEME}:` && u.host === APP_HOST && u.username === '' && u.password === '';
}

/**
 * A link that may be handed to the OS browser: plain http(s) to a named host, with no
 * credentials in it. Anything else (file:, javascript:, custom schemes) stays closed.
 */
export function isSafeExternalUrl(url: string): boolean {
  const u = parse(url);
  return u !== null && (u.protocol === 'https:' || u.protocol === 'http:') && u.hostname !== '' && u.username === '' && u.password === '';
}

/** The frame an IPC message came from: trusted only while it is the top frame showing an app page. */
export function isAppFrame(frame: { url: string; parent: unknown } | null): boolean {
  return frame !== null && frame.parent === null && isAppUrl(frame.url);
}
