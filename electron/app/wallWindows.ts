import type { WebContents } from 'electron';
import { join } from 'node:path';
import type { Locale } from '../../shared/domain/names';
import type { WindowPlacement } from '../../shared/wall/placement';
import { shellChannels } from '../../shared/wall/shellApi';
import type { Session } from '../core/core';
import type { CoreLink } from '../core/runtime/link';
import type { Logger } from '../core/runtime/logger';
import { appPageOf, failurePageUrl, wallPageUrl } from './appUrl';
import { forwardCoreStatus, forwardEvents } from './ipc';
import { createSecureWindow } from './secureWindow';
import type { ShellWindow, WindowOpener } from './wallKeeper';

const wallBackground = '#0a0e13';

export interface WallWindowDeps {
  link: CoreLink;
  locale: Locale;
  bundleDir: string;
  devTools: boolean;
  logger: Logger;
  /** Every wall window's contents with its session, for the IPC wrapper. */
  sessions: Map<WebContents, Session>;
  /** Pings answered, by contents, for the keeper. */
  answered: Map<WebContents, () => void>;
  iconPath: string | null;
}

/** Opens wall windows as Electron BrowserWindows, for the keeper. */
export function electronWindowOpener(deps: WallWindowDeps): WindowOpener {
  return {
    open(spec, placement, hooks, failure) {
      const window = createSecureWindow(
        {
          ...placement.bounds,
          ...modeOptions(placement),
          backgroundColor: wallBackground,
          autoHideMenuBar: true,
          show: false,
          title: '网格指挥墙 GridWall',
          ...(deps.iconPath ? { icon: deps.iconPath } : {}),
        },
        { preload: join(deps.bundleDir, 'preload.cjs'), devTools: deps.devTools },
      );
      const contents = window.webContents;
      // All windows of the app are one console: an operator signs in once, at any of them.
      const session: Session = { connectionId: `window-${contents.id}`, consoleId: 'this-console', role: spec.role, audience: spec.audience, locale: deps.locale };
      deps.sessions.set(contents, session);
      deps.answered.set(contents, hooks.answered);
      const stopEvents = forwardEvents(deps.link, contents, session);
      const stopStatus = forwardCoreStatus(deps.link, contents);
      let closing = false;
      window.once('ready-to-show', () => window.show());
      window.on('closed', () => {
        stopEvents();
        stopStatus();
        void deps.link.forget(session.connectionId);
        deps.sessions.delete(contents);
        deps.answered.delete(contents);
      });
      contents.on('render-process-gone', (_event, details) => {
        if (!closing) hooks.gone(details.reason);
      });
      contents.on('unresponsive', () => hooks.unresponsive());
      contents.on('did-finish-load', () => hooks.loaded(appPageOf(contents.getURL())));
      contents.on('did-fail-load', (_event, code, description, url, isMainFrame) => {
        if (!isMainFrame || closing) return;
        deps.logger.error('window.loadFailed', { window: spec.key, code, description, url });
        hooks.gone('load-failed');
      });
      void window.loadURL(failure ? failurePageUrl(spec, deps.locale, failure) : wallPageUrl(spec, deps.locale)).catch(() => {
        // did-fail-load reports it.
      });

      const shellWindow: ShellWindow = {
        place(next) {
          if (window.isDestroyed()) return;
          // A window leaves kiosk or fullscreen before it moves: some window managers keep a fullscreen window on its display.
          window.setKiosk(false);
          window.setFullScreen(false);
          window.setBounds(next.bounds);
          if (next.mode === 'kiosk') window.setKiosk(true);
          else if (next.mode === 'fullscreen') window.setFullScreen(true);
        },
        ping() {
          if (!window.isDestroyed() && !contents.isDestroyed()) contents.send(shellChannels.ping);
        },
        close() {
          closing = true;
          // destroy(), not close(): a hung page cannot hold it up with beforeunload.
          if (!window.isDestroyed()) window.destroy();
        },
      };
      return shellWindow;
    },
  };
}

function modeOptions(placement: WindowPlacement) {
  if (placement.mode === 'kiosk') return { kiosk: true };
  if (placement.mode === 'fullscreen') return { fullscreen: true };
  return { fullscreen: false };
}
