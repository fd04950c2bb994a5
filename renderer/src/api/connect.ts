import { type KaariApi, apiGlobalName } from '../../../shared/contract';
import type { ApiHandle } from './api-context';
import { createWsApi } from './ws-api';

/** Electron's preload exposes the API on window; otherwise we are in the browser host. */
export function connectApi(): ApiHandle {
  const fromPreload = (window as unknown as Record<string, KaariApi | undefined>)[apiGlobalName];
  if (fromPreload) return { api: fromPreload, onHostChange: () => () => undefined };
  const token = new URLSearchParams(location.hash.slice(1)).get('token') ?? sessionStorage.getItem('kaari.token') ?? '';
  // Keep the token for reloads, but out of the address bar and history.
  sessionStorage.setItem('kaari.token', token);
  history.replaceState(null, '', location.pathname);
  const url = `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/api?token=${encodeURIComponent(token)}`;
  return createWsApi(url);
}
