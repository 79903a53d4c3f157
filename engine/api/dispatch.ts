// Run one API call from untrusted input: check the name and the arguments, run the
// operation, and turn any failure into an ApiReply a client can show.

import { toApiError } from './api-error.js';
import { operations, type ApiContext, type OpName } from './operations.js';
import type { ApiReply } from './wire.js';

export function isOpName(name: string): name is OpName {
  return Object.hasOwn(operations, name);
}

export async function dispatch(ctx: ApiContext, name: string, rawArgs: unknown): Promise<ApiReply<unknown>> {
  if (!isOpName(name)) return { ok: false, error: { kind: 'input', message: `unknown operation ${JSON.stringify(name)}` } };
  const operation = operations[name] as { args: (v: unknown, where: string) => unknown; run(ctx: ApiContext, a: unknown): unknown };
  try {
    const args = operation.args(rawArgs ?? {}, name);
    return { ok: true, value: await operation.run(ctx, args) };
  } catch (err) {
    return { ok: false, error: toApiError(err, name) };
  }
}
