import { ipcMain, type IpcMainInvokeEvent, type WebContents } from 'electron';
import { ipcChannelFor, ipcEventChannel, ipcStatusChannel } from '../../shared/contract/bridgeApi';
import { requestNames } from '../../shared/contract/contract';
import type { EventMessage, ResponseMessage } from '../../shared/contract/messages';
import { nestsDeeperThan } from '../../shared/contract/shape';
import type { Session } from '../core/core';
import type { CoreLink } from '../core/runtime/link';
import type { Logger } from '../core/runtime/logger';
import { isAppUrl } from './protocol';

/**
 * The one place that touches ipcMain. A call is served only when it comes
 * from the main frame of a window this shell opened, loaded from app://;
 * its session (role, audience, language) is the window's, never the
 * message's. The payload itself is validated by the core, like every
 * message from a browser.
 */
export function serveContract(link: CoreLink, sessionOf: (contents: WebContents) => Session | undefined, logger: Logger): void {
  for (const name of requestNames) {
    ipcMain.handle(ipcChannelFor(name), async (event: IpcMainInvokeEvent, args: unknown, input: unknown, requestId: unknown): Promise<ResponseMessage> => {
      const session = trustedSession(event, sessionOf);
      if (!session) {
        logger.warn('ipc.refused', { name, url: event.senderFrame?.url ?? 'unknown' });
        return { id: 0, ok: false, error: { code: 'badMessage', message: '拒绝来自未知页面的请求。/ Request from an unknown page refused.' } };
      }
      // Checked here, before it is cloned for the core's worker (a deeply nested value overflows the stack).
      if (nestsDeeperThan(args)) return { id: 0, ok: false, error: { code: 'tooComplex', message: '消息嵌套层级过深，已拒绝。/ The message nests too deeply and was refused.' } };
      return link.request(session, { id: 0, name, args, input, ...(requestId === undefined ? {} : { requestId }) });
    });
  }
}

/** Pushes the core's events to one window, projected for its audience; returns the unsubscribe. */
export function forwardEvents(link: CoreLink, contents: WebContents, session: Session): () => void {
  return link.subscribe(session, (message: EventMessage) => {
    if (!contents.isDestroyed()) contents.send(ipcEventChannel, message);
  });
}

/** Tells one window whether the core is serving (down while its worker restarts); returns the unsubscribe. */
export function forwardCoreStatus(link: CoreLink, contents: WebContents): () => void {
  contents.send(ipcStatusChannel, link.status());
  return link.onStatus((status) => {
    if (!contents.isDestroyed()) contents.send(ipcStatusChannel, status);
  });
}

function trustedSession(event: IpcMainInvokeEvent, sessionOf: (contents: WebContents) => Session | undefined): Session | undefined {
  const frame = event.senderFrame;
  if (!frame || frame !== event.sender.mainFrame) return undefined;
  if (!isAppUrl(frame.url)) return undefined;
  return sessionOf(event.sender);
}
