// Picks the API door for this page: the Electron bridge when present, else HTTP (and
// server-sent events for the engine's events).

import type { ApiEvent } from '../../../engine/api/jobs.js';
import type { ApiClient } from '../../../engine/api/operations.js';
import { muserBridge } from './bridge.js';
import { accessToken, bridgeTransport, createClient, httpTransport } from './client.js';
import { keepOpen, type OpenStream } from './event-source.js';
import { asApiEvent, parseEvent } from './events.js';

export function connectApi(): ApiClient {
  const bridge = muserBridge();
  if (bridge) return createClient(bridgeTransport(bridge));
  const token = accessToken(location.search, sessionStorage);
  // the token stays in this tab's sessionStorage; keep it out of the address bar and history
  if (new URLSearchParams(location.search).has('token')) history.replaceState(null, '', location.pathname);
  return createClient(httpTransport(token));
}

/**
 * Engine events through the same door; returns the unsubscribe. `missed` is called when
 * events may have been lost (the event stream dropped and is back).
 */
export function connectEvents(listener: (event: ApiEvent) => void, missed?: () => void): () => void {
  const deliver = (event: ApiEvent | null) => event && listener(event);
  const bridge = muserBridge();
  if (bridge) return bridge.onEvent((e) => deliver(asApiEvent(e)));
  return keepOpen(openEventSource, { onData: (data) => deliver(parseEvent(data)), onReopen: missed });
}

/** Same origin: the cookie the page load set authenticates the stream. */
const openEventSource: OpenStream = (handlers) => {
  const source = new EventSource('/api/events');
  source.onopen = () => handlers.onOpen();
  source.onmessage = (e: MessageEvent<string>) => handlers.onData(e.data);
  source.onerror = () => handlers.onError();
  return () => source.close();
};
