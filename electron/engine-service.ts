// The engine's side of the utility process: it owns the API context (workspace,
// models, jobs), answers each call with dispatch(), the function `muser serve` routes
// HTTP requests through too, and forwards job events, as web mode streams them over SSE.

import { createContext } from '../engine/api/context.js';
import { dispatch } from '../engine/api/dispatch.js';
import type { ApiEvent } from '../engine/api/jobs.js';
import type { ApiContext } from '../engine/api/operations.js';
import type { ApiReply } from '../engine/api/wire.js';
import { messageOf } from '../engine/errors.js';

/** Main process to engine: open the workspace (sent first), then calls. */
export type ToEngine = { kind: 'open'; workspaceDir: string } | { kind: 'call'; id: number; op: string; args: unknown };

/** Engine to main process: one reply per call, matched by id, and job events as they happen. */
export type FromEngine = { kind: 'reply'; id: number; reply: ApiReply<unknown> } | { kind: 'event'; event: ApiEvent };

/** The engine's end of the channel (Electron's process.parentPort has this shape). */
export interface EnginePort {
  on(event: 'message', listener: (message: { data: unknown }) => void): unknown;
  postMessage(message: FromEngine): void;
}

export function serveEngine(port: EnginePort, context: (workspaceDir: string) => ReturnType<typeof createContext> = createContext): void {
  let ctx: ApiContext | null = null;
  let unavailable = 'the engine received a call before its workspace was opened';

  async function answer(id: number, op: string, args: unknown): Promise<void> {
    const reply: ApiReply<unknown> = ctx ? await dispatch(ctx, op, args) : { ok: false, error: { kind: 'internal', message: unavailable } };
    port.postMessage({ kind: 'reply', id, reply });
  }

  port.on('message', ({ data }) => {
    const message = data as ToEngine;
    if (message.kind === 'open') {
      try {
        const opened = context(message.workspaceDir);
        opened.events.subscribe((event) => port.postMessage({ kind: 'event', event }));
        ctx = opened;
      } catch (err) {
        // every call then says why, instead of the window failing silently
        unavailable = `the library in ${message.workspaceDir} cannot be opened: ${messageOf(err)}`;
        console.error(`muser engine: ${unavailable}`);
      }
    } else if (message.kind === 'call') {
      void answer(message.id, message.op, message.args);
    }
  });
}
