// Engine events (job progress and outcomes) as they reach the page, over SSE or IPC.
// They are checked before use: a malformed one is dropped, never allowed to break a view.

import type { ApiEvent } from '../../../engine/api/jobs.js';

const ERROR_KINDS = ['input', 'cancelled', 'unavailable', 'internal'];

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;
const isCount = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v >= 0;

/** The event in `value`, or null when it is not one. */
export function asApiEvent(value: unknown): ApiEvent | null {
  if (!isObject(value) || typeof value.job !== 'string' || value.job === '') return null;
  switch (value.kind) {
    case 'job.progress':
      return (value.phase === 'latents' || value.phase === 'notes') && isCount(value.item) && isCount(value.done) && isCount(value.total) && Array.isArray(value.notes) ? (value as ApiEvent) : null;
    case 'job.done':
      return 'result' in value ? (value as ApiEvent) : null;
    case 'job.failed': {
      const error = value.error;
      return isObject(error) && ERROR_KINDS.includes(error.kind as string) && typeof error.message === 'string' ? (value as ApiEvent) : null;
    }
    default:
      return null;
  }
}

/** One server-sent event's data. */
export function parseEvent(data: string): ApiEvent | null {
  try {
    return asApiEvent(JSON.parse(data));
  } catch {
    return null;
  }
}
