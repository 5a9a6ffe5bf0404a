import type { PreloadApi } from '../../../shared/contract/bridgeApi';
import type { WindowRole } from '../../../shared/wall/roles';
import type { CoreBridge, Translate } from './bridge';
import { createIpcBridge } from './ipcBridge';
import { createWebSocketBridge } from './wsBridge';

declare global {
  interface Window {
    gridwall?: PreloadApi;
  }
}

/** Inside Electron the preload provides the API; in a browser the page's URL carries the token. */
export function connectBridge(role: WindowRole, translate: Translate): CoreBridge {
  if (window.gridwall) return createIpcBridge(window.gridwall, translate);
  const page = new URL(window.location.href);
  const token = page.searchParams.get('token') ?? '';
  const socketUrl = new URL('ws', page);
  socketUrl.protocol = page.protocol === 'https:' ? 'wss:' : 'ws:';
  for (const key of ['token', 'lang', 'operator']) {
    const value = page.searchParams.get(key);
    if (value) socketUrl.searchParams.set(key, value);
  }
  socketUrl.searchParams.set('role', role);
  const withToken = (path: string) => {
    const url = new URL(path, page);
    url.searchParams.set('token', token);
    return url.href;
  };
  return createWebSocketBridge({ socketUrl: socketUrl.href, tokenCheckUrl: withToken('token-check'), requestUrl: withToken('request'), translate });
}
