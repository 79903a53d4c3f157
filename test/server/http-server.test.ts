import { request } from 'node:http';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toBase64 } from '../../engine/api/wire.js';
import { startServer, MAX_BODY_BYTES, type RunningServer } from '../../engine/server/http-server.js';
import { createContext } from '../../engine/api/context.js';
import { denseSmf, simpleSmf, smf, trackChunk, varInt } from '../fixtures/make-midi.js';
import { tempDir } from '../helpers.js';

const TOKEN = 'test-token-123';
let srv: RunningServer;
let root: string;

beforeAll(async () => {
  const base = tempDir();
  root = join(base, 'renderer');
  mkdirSync(join(root, 'assets'), { recursive: true });
  writeFileSync(join(root, 'index.html'), '<h1>app</h1>');
  writeFileSync(join(root, 'assets', 'app.js'), 'console.log(1)');
  writeFileSync(join(base, 'secret.txt'), 'secret');
  const ctx = createContext(join(base, 'ws'));
  srv = await startServer({ ctx, events: ctx.events, root, token: TOKEN, port: 0 });
});
afterAll(() => srv.close());

interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

// raw requests, so paths reach the server unnormalized and Host can be forged
function send(method: string, path: string, opts: { headers?: Record<string, string>; body?: string } = {}): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: srv.port, method, path, headers: { host: `127.0.0.1:${srv.port}`, ...opts.headers } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString() }));
    });
    req.on('error', reject);
    req.end(opts.body);
  });
}

const api = (op: string, args: unknown) => send('POST', `/api/${op}`, { headers: { 'x-muser-token': TOKEN, 'content-type': 'application/json' }, body: JSON.stringify(args) });

describe('muser serve HTTP door', () => {
  it('prints a loopback URL carrying the token', () => {
    expect(srv.url).toBe(`http://127.0.0.1:${srv.port}/?token=${TOKEN}`);
  });

  it('refuses every request without the token', async () => {
    expect((await send('GET', '/')).status).toBe(403);
    expect((await send('GET', '/?token=wrong')).status).toBe(403);
    expect((await send('POST', '/api/library.list', { body: '{}' })).status).toBe(403);
  });

  it('serves the page on the token URL and sets a cookie for its assets', async () => {
    const page = await send('GET', `/?token=${TOKEN}`);
    expect(page.status).toBe(200);
    expect(page.body).toBe('<h1>app</h1>');
    expect(page.headers['content-security-policy']).toMatch(/default-src 'self'/);
    const cookie = String(page.headers['set-cookie']).split(';')[0];
    const asset = await send('GET', '/assets/app.js', { headers: { cookie } });
    expect(asset.status).toBe(200);
    expect(asset.headers['content-type']).toMatch(/javascript/);
  });

  it('never serves a file outside the renderer folder', async () => {
    const h = { 'x-muser-token': TOKEN };
    for (const path of ['/../secret.txt', '/%2e%2e/secret.txt', '/assets/..%2f..%2fsecret.txt', '/%00', '/assets']) {
      const r = await send('GET', path, { headers: h });
      expect([r.status, path]).toEqual([404, path]);
    }
  });

  it('refuses a forged Host (DNS rebinding)', async () => {
    expect((await send('GET', `/?token=${TOKEN}`, { headers: { host: `evil.example:${srv.port}` } })).status).toBe(403);
  });

  it('runs API calls and answers errors as ApiReply', async () => {
    const bytes = simpleSmf([{ pitch: 60, start: 0, duration: 480 }]);
    const imported = JSON.parse((await api('library.import', { fileName: 'one.mid', base64: toBase64(bytes) })).body);
    expect(imported).toMatchObject({ ok: true, value: { item: { name: 'one' } } });
    const bad = JSON.parse((await api('library.import', { fileName: 'bad.mid', base64: toBase64(new Uint8Array(10)) })).body);
    expect(bad).toMatchObject({ ok: false, error: { kind: 'input', message: /^bad\.mid: / } });
  });

  it('refuses a file that used to hang the import, naming it', async () => {
    // a text event claiming 256 MB: the old parser built that string byte by byte, past 4 GB
    const liar = smf([trackChunk([{ tick: 0, kind: 'raw', bytes: [0xff, 0x01, ...varInt(0x0fffffff)] }, { tick: 0, kind: 'on', pitch: 60, velocity: 80 }])]);
    const reply = JSON.parse((await api('library.import', { fileName: 'liar.mid', base64: toBase64(liar) })).body);
    expect(reply).toMatchObject({ ok: false, error: { kind: 'input', message: /^liar\.mid: track 1: a meta event at byte \d+ declares 268435455 bytes/ } });
  });

  it('answers other requests while a file is being read', async () => {
    const order: string[] = [];
    const slow = api('library.import', { fileName: 'dense.mid', base64: toBase64(denseSmf(60_000)) }).then((r) => order.push(`import ${JSON.parse(r.body).ok}`));
    // give the upload a head start, so the read is under way when the list is asked for
    await new Promise((resolve) => setTimeout(resolve, 300));
    const list = api('library.list', {}).then((r) => order.push(`list ${JSON.parse(r.body).ok}`));
    await Promise.all([slow, list]);
    expect(order).toEqual(['list true', 'import true']);
  });

  it('limits bodies and methods', async () => {
    const h = { 'x-muser-token': TOKEN };
    expect((await send('POST', '/api/library.list', { headers: h, body: 'x'.repeat(MAX_BODY_BYTES + 1) })).status).toBe(413);
    expect((await send('POST', '/api/library.list', { headers: h, body: '{oops' })).status).toBe(400);
    expect((await send('GET', '/api/library.list', { headers: h })).status).toBe(405);
    expect((await send('DELETE', '/', { headers: h })).status).toBe(405);
  });
});
