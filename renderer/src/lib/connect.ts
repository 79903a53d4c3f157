// Picks the API door for this page: the Electron bridge when present, else HTTP.

import type { ApiClient } from '../../../engine/api/operations.js';
import { accessToken, bridgeTransport, createClient, httpTransport } from './api.js';
import { muserBridge } from './bridge.js';

export function connectApi(): ApiClient {
  const bridge = muserBridge();
  if (bridge) return createClient(bridgeTransport(bridge));
  const token = accessToken(location.search, sessionStorage);
  // the token stays in this tab's sessionStorage; keep it out of the address bar and history
  if (new URLSearchParams(location.search).has('token')) history.replaceState(null, '', location.pathname);
  return createClient(httpTransport(token));
}
