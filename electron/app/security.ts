import { app, shell, type Session, type WebContents } from 'electron';
import type { Logger } from '../core/runtime/logger';
import type { NetworkPolicy } from '../host/networkPolicy';
import { externalUrl, navigationAllowed, permissionAllowed } from './securityRules';

/**
 * Electron's security checklist, applied to the session and every web
 * contents the app creates. The decisions are securityRules.ts; this file
 * only connects them to Electron's handlers.
 */
export function lockDownSession(session: Session, policy: NetworkPolicy, logger: Logger): void {
  session.setPermissionRequestHandler((_contents, permission, grant, details) => {
    const mediaTypes = 'mediaTypes' in details ? (details.mediaTypes ?? []) : [];
    const allowed = permissionAllowed(permission, details.requestingUrl ?? '', policy, mediaTypes);
    if (!allowed) logger.warn('security.permissionRefused', { permission, url: details.requestingUrl });
    grant(allowed);
  });
  session.setPermissionCheckHandler((_contents, permission, requestingOrigin, details) => {
    const mediaType = 'mediaType' in details && details.mediaType ? [details.mediaType] : [];
    return permissionAllowed(permission, requestingOrigin, policy, mediaType);
  });
}

/** For every web contents: no pop-ups (links to allowed sites open in the system browser), no navigation or redirect away, no <webview>. */
export function guardContents(contents: WebContents, policy: NetworkPolicy, logger: Logger): void {
  contents.setWindowOpenHandler(({ url }) => {
    const external = externalUrl(url, policy);
    if (external) {
      logger.info('security.openedExternally', { url: external });
      void shell.openExternal(external); /* eng-disable OPEN_EXTERNAL_JS_CHECK: externalUrl() passes only http(s) URLs of an origin in the room's allow-list (docs/SECURITY.md) */
    } else {
      logger.warn('security.windowRefused', { url });
    }
    return { action: 'deny' };
  });
  contents.on('will-navigate', (event, url) => {
    if (navigationAllowed(url)) return;
    event.preventDefault();
    logger.warn('security.navigationRefused', { url });
  });
  contents.on('will-redirect', (event, url) => {
    if (navigationAllowed(url)) return;
    event.preventDefault();
    logger.warn('security.redirectRefused', { url });
  });
  contents.on('will-attach-webview', (event) => {
    event.preventDefault();
    logger.warn('security.webviewRefused', {});
  });
  // The wall build has no DevTools; should anything open them, they close again.
  contents.on('devtools-opened', () => {
    if (app.isPackaged) contents.closeDevTools();
  });
}
