// The app:// scheme's responses: files of the renderer build, each with the app's
// Content-Security-Policy, so no page of ours can load or run anything from elsewhere.

import { readStatic } from '../engine/server/static-files.js';
import { appFilePath } from './app-path.js';

export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "media-src 'self' blob: data:",
  "connect-src 'self'",
  "worker-src 'self' blob:",
].join('; ');

const SECURITY_HEADERS = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
};

/** The response to one app:// request under `root` (the renderer build). */
export function appResponse(root: string, url: string): Response {
  const path = appFilePath(root, url);
  if (path === null) {
    return new Response('not found', { status: 404, headers: { ...SECURITY_HEADERS, 'Content-Type': 'text/plain; charset=utf-8' } });
  }
  const { body, type } = readStatic(path);
  // a plain Uint8Array copy: Response's types take no Buffer
  return new Response(new Uint8Array(body), { status: 200, headers: { ...SECURITY_HEADERS, 'Content-Type': type } });
}
