// What a failure means to a client, decided once for calls and jobs alike: the user's
// input, models that cannot run here, or a bug (logged, since the client only sees a line).

import { InputError, messageOf, ModelUnavailable } from '../errors.js';
import { ArgError } from './validate.js';
import type { ApiError } from './wire.js';

export function toApiError(err: unknown, what: string): ApiError {
  if (err instanceof InputError || err instanceof ArgError) return { kind: 'input', message: err.message };
  if (err instanceof ModelUnavailable) return { kind: 'unavailable', message: err.message };
  console.error(`muser: ${what} failed:`, err);
  return { kind: 'internal', message: `${what} failed: ${messageOf(err)}` };
}
