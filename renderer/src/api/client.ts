// The renderer's one API client. Electron: through the preload bridge (IPC). Web mode:
// POST /api/<op> on the page's own origin with the access token. Both doors answer the
// same ApiReply; a failed reply becomes an ApiCallError the UI can show inline.

import type { MuserBridge } from '../../../engine/api/bridge.js';
import type { ApiClient, ArgsOf, OpName, ResultOf } from '../../../engine/api/operations.js';
import type { ApiError, ApiReply } from '../../../engine/api/wire.js';

export class ApiCallError extends Error {
  constructor(
    readonly kind: ApiError['kind'],
    message: string,
  ) {
    super(message);
    this.name = 'ApiCallError';
  }
}

export type Transport = (op: string, args: unknown) => Promise<ApiReply<unknown>>;

export function createClient(send: Transport): ApiClient {
  return {
    async call<K extends OpName>(op: K, args: ArgsOf<K>): Promise<ResultOf<K>> {
      const reply = await send(op, args);
      if (!reply.ok) throw new ApiCallError(reply.error.kind, reply.error.message);
      return reply.value as ResultOf<K>;
    },
  };
}

export function bridgeTransport(bridge: MuserBridge): Transport {
  return (op, args) => bridge.call(op, args);
}

export function httpTransport(token: string | null, fetchImpl: typeof fetch = fetch): Transport {
  return async (op, args) => {
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (token) headers['x-muser-token'] = token;
    let res: Response;
    try {
      res = await fetchImpl(`/api/${op}`, { method: 'POST', headers, body: JSON.stringify(args) });
    } catch (err) {
      return failed(`cannot reach the MusER engine (${err instanceof Error ? err.message : String(err)}); is \`muser serve\` still running?`);
    }
    // the API answers 200 with an ApiReply; anything else is the server refusing the request
    if (!res.ok) return failed(`${op}: HTTP ${res.status} ${(await res.text()).trim()}`);
    return (await res.json()) as ApiReply<unknown>;
  };
}

function failed(message: string): ApiReply<unknown> {
  return { ok: false, error: { kind: 'internal', message } };
}

const TOKEN_KEY = 'muser-token';

/**
 * Web mode's access token: from the page URL's ?token= on first load, kept in
 * sessionStorage so a reload without the query still works.
 */
export function accessToken(search: string, storage: Pick<Storage, 'getItem' | 'setItem'>): string | null {
  const fromUrl = new URLSearchParams(search).get('token');
  if (fromUrl) {
    storage.setItem(TOKEN_KEY, fromUrl);
    return fromUrl;
  }
  return storage.getItem(TOKEN_KEY);
}
