// Web mode's door onto the one API: POST /api/<operation> with JSON arguments, answered
// with the same ApiReply the Electron IPC handler returns, plus the built renderer's files.
// Bound to the loopback address, every request needs the access token; bodies are
// size-limited; clients upload bytes and never name paths on this machine.

import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { dispatch } from '../api/dispatch.js';
import type { EventHub } from '../api/event-hub.js';
import type { ApiContext } from '../api/operations.js';
import { readStatic, resolveStatic } from './static-files.js';
import { tokenCookie, tokenSource } from './access-token.js';

/** Largest request body: a 4 MB MIDI file as base64 plus JSON around it. */
export const MAX_BODY_BYTES = 8 * 1024 * 1024;

export const CONTENT_SECURITY_POLICY =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; media-src 'self' blob: data:; connect-src 'self'; worker-src 'self' blob:; object-src 'none'; base-uri 'none'; frame-ancestors 'none'";

export interface ServeOptions {
  ctx: ApiContext;
  /** Job progress and results, streamed to the page as server-sent events. */
  events: EventHub;
  /** Folder of the built renderer. */
  root: string;
  token: string;
  host?: string;
  /** 0 picks a free port. */
  port?: number;
}

export interface RunningServer {
  url: string;
  port: number;
  server: Server;
  close(): Promise<void>;
}

class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

function send(res: ServerResponse, status: number, type: string, body: string | Buffer, extra: Record<string, string> = {}): void {
  res.writeHead(status, {
    'content-type': type,
    'content-length': Buffer.byteLength(body),
    'content-security-policy': CONTENT_SECURITY_POLICY,
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    'cache-control': 'no-store',
    ...extra,
  });
  res.end(body);
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > MAX_BODY_BYTES) throw new HttpError(413, `request body over ${MAX_BODY_BYTES / 1048576} MB`);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw new HttpError(413, `request body over ${MAX_BODY_BYTES / 1048576} MB`);
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

async function handleApi(req: IncomingMessage, res: ServerResponse, ctx: ApiContext, op: string): Promise<void> {
  if (req.method !== 'POST') throw new HttpError(405, 'API calls are POST requests');
  const body = await readBody(req);
  let args: unknown;
  try {
    args = body.length ? JSON.parse(body.toString('utf8')) : {};
  } catch {
    throw new HttpError(400, 'the request body is not JSON');
  }
  send(res, 200, 'application/json', JSON.stringify(await dispatch(ctx, op, args)));
}

/** GET /api/events: one server-sent event per API event, until the page goes away. */
function handleEvents(req: IncomingMessage, res: ServerResponse, events: EventHub): void {
  if (req.method !== 'GET') throw new HttpError(405, 'the event stream is a GET request');
  res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' });
  res.write(': connected\n\n');
  const off = events.subscribe((e) => res.write(`data: ${JSON.stringify(e)}\n\n`));
  req.on('close', off);
}

function handleStatic(req: IncomingMessage, res: ServerResponse, root: string, path: string, setCookie: string | null): void {
  if (req.method !== 'GET' && req.method !== 'HEAD') throw new HttpError(405, 'only GET here');
  const file = resolveStatic(root, path);
  if (!file) throw new HttpError(404, 'not found');
  const { body, type } = readStatic(file);
  send(res, 200, type, req.method === 'HEAD' ? '' : body, setCookie ? { 'set-cookie': setCookie } : {});
}

export function startServer(opts: ServeOptions): Promise<RunningServer> {
  const host = opts.host ?? '127.0.0.1';
  let port = opts.port ?? 0;
  const server = createServer(async (req, res) => {
    try {
      const url = new URL(req.url ?? '/', 'http://localhost');
      // a page on another site must not reach us through a DNS name pointing at 127.0.0.1
      const hostHeader = req.headers.host ?? '';
      if (hostHeader !== `${host}:${port}` && hostHeader !== `localhost:${port}`) throw new HttpError(403, 'wrong Host header');
      const via = tokenSource(req, url, opts.token);
      if (!via) throw new HttpError(403, 'missing or wrong access token: open the URL that `muser serve` printed');
      if (url.pathname === '/api/events') handleEvents(req, res, opts.events);
      else if (url.pathname.startsWith('/api/')) await handleApi(req, res, opts.ctx, url.pathname.slice('/api/'.length));
      else handleStatic(req, res, opts.root, url.pathname, via === 'query' ? tokenCookie(opts.token) : null);
    } catch (err) {
      const status = err instanceof HttpError ? err.status : 500;
      if (status === 500) console.error('muser serve:', err);
      if (!res.headersSent) send(res, status, 'text/plain; charset=utf-8', err instanceof HttpError ? err.message : 'internal error');
      else res.destroy();
    }
  });
  return new Promise((resolvePromise, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      port = (server.address() as AddressInfo).port;
      resolvePromise({
        url: `http://${host}:${port}/?token=${opts.token}`,
        port,
        server,
        close: () =>
          new Promise((r) => {
            server.closeAllConnections();
            server.close(() => r());
          }),
      });
    });
  });
}
