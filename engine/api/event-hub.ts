// Fan-out of API events to whoever listens: the SSE clients of web mode, or the
// Electron engine host forwarding to the window.

import type { ApiEvent } from './jobs.js';

export class EventHub {
  private readonly listeners = new Set<(e: ApiEvent) => void>();

  subscribe(listener: (e: ApiEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  readonly emit = (event: ApiEvent): void => {
    for (const l of this.listeners) l(event);
  };
}
