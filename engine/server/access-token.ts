// Web mode's access token: a random secret printed in the URL. Any page or program on
// this machine can reach 127.0.0.1, so every request must prove it came from that URL:
// by the ?token= query (first page load), the x-muser-token header (API calls) or the
// cookie the first load sets (assets the page loads).

import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

export const TOKEN_COOKIE = 'muser_token';
export const TOKEN_HEADER = 'x-muser-token';

export function newToken(): string {
  return randomBytes(24).toString('base64url');
}

function same(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

function cookieValue(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const [k, ...v] = part.trim().split('=');
    if (k === name) return v.join('=');
  }
  return undefined;
}

/** How the request carried a valid token, or null when it did not. */
export function tokenSource(req: IncomingMessage, url: URL, token: string): 'query' | 'header' | 'cookie' | null {
  const q = url.searchParams.get('token');
  if (q !== null && same(q, token)) return 'query';
  const h = req.headers[TOKEN_HEADER];
  if (typeof h === 'string' && same(h, token)) return 'header';
  const c = cookieValue(req.headers.cookie, TOKEN_COOKIE);
  if (c !== undefined && same(c, token)) return 'cookie';
  return null;
}

export function tokenCookie(token: string): string {
  return `${TOKEN_COOKIE}=${token}; Path=/; HttpOnly; SameSite=Strict`;
}
