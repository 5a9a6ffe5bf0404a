import type { PreloadApi } from '../../../shared/contract/bridgeApi';
import type { WindowRole } from '../../../shared/wall/roles';
import type { CoreBridge } from './bridge';
import { createIpcBridge } from './ipcBridge';
import { createWebSocketBridge } from './wsBridge';

declare global {
  interface Window {
    gridwall?: PreloadApi;
  }
}

/** Inside Electron the preload provides the API; in a browser the page's URL carries the token. */
export function connectBridge(role: WindowRole): CoreBridge {
  if (window.gridwall) return createIpcBridge(window.gridwall);
  const page = new URL(window.location.href);
  const socketUrl = new URL('ws', page);
  socketUrl.protocol = page.protocol === 'https:' ? 'wss:' : 'ws:';
  for (const key of ['token', 'lang', 'operator']) {
    const value = page.searchParams.get(key);
    if (value) socketUrl.searchParams.set(key, value);
  }
  socketUrl.searchParams.set('role', role);
  const tokenCheck = new URL('token-check', page);
  tokenCheck.searchParams.set('token', page.searchParams.get('token') ?? '');
  return createWebSocketBridge(socketUrl.href, tokenCheck.href);
}
