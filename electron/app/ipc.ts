import { ipcMain, type IpcMainEvent, type IpcMainInvokeEvent, type WebContents } from 'electron';
import { ipcChannelFor, ipcEventChannel, ipcStatusChannel } from '../../shared/contract/bridgeApi';
import { requestNames } from '../../shared/contract/contract';
import type { EventMessage, ResponseMessage } from '../../shared/contract/messages';
import { nestsDeeperThan } from '../../shared/contract/shape';
import { shellChannels, type WallSetupSaveResult, type WallSetupSnapshot } from '../../shared/wall/shellApi';
import type { Session } from '../core/core';
import type { CoreLink } from '../core/runtime/link';
import type { Logger } from '../core/runtime/logger';
import { isAppUrl } from './appUrl';

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

/** What the shell does for its own channels (the liveness ping and the wall setup view). */
export interface ShellHandlers {
  /** A wall window's page answered the ping. */
  answered(contents: WebContents): void;
  /** Whether these contents are the setup window the shell opened. */
  isSetupWindow(contents: WebContents): boolean;
  setupLoad(): Promise<WallSetupSnapshot>;
  setupSave(profile: unknown): Promise<WallSetupSaveResult>;
  setupIdentify(on: boolean): void;
  setupClose(): void;
}

/**
 * The shell's own channels, with the same sender check as the contract's:
 * the main frame of one of our windows, on app://. The setup calls are
 * served to the setup window only (its preload is the only one exposing
 * them); the profile it sends is validated before it is used.
 */
export function serveShell(handlers: ShellHandlers, logger: Logger): void {
  const fromOurPage = (event: IpcMainEvent | IpcMainInvokeEvent) => {
    const frame = event.senderFrame;
    return Boolean(frame) && frame === event.sender.mainFrame && isAppUrl(frame!.url);
  };
  const fromSetup = (event: IpcMainEvent | IpcMainInvokeEvent) => fromOurPage(event) && handlers.isSetupWindow(event.sender);
  const refused = (channel: string, event: IpcMainEvent | IpcMainInvokeEvent) => logger.warn('ipc.refused', { channel, url: event.senderFrame?.url ?? 'unknown' });

  ipcMain.on(shellChannels.pong, (event) => {
    if (fromOurPage(event)) handlers.answered(event.sender);
  });
  ipcMain.handle(shellChannels.setupLoad, (event) => {
    if (!fromSetup(event)) return void refused(shellChannels.setupLoad, event);
    return handlers.setupLoad();
  });
  ipcMain.handle(shellChannels.setupSave, (event, profile: unknown): Promise<WallSetupSaveResult> | WallSetupSaveResult => {
    if (!fromSetup(event)) {
      refused(shellChannels.setupSave, event);
      return { ok: false, message: '拒绝来自未知页面的请求。/ Request from an unknown page refused.' };
    }
    return handlers.setupSave(profile);
  });
  ipcMain.on(shellChannels.setupIdentify, (event, on: unknown) => {
    if (fromSetup(event)) handlers.setupIdentify(on === true);
    else refused(shellChannels.setupIdentify, event);
  });
  ipcMain.on(shellChannels.setupClose, (event) => {
    if (fromSetup(event)) handlers.setupClose();
    else refused(shellChannels.setupClose, event);
  });
}
