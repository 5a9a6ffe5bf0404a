import type { BrowserWindow, WebContents } from 'electron';
import { join } from 'node:path';
import type { Locale } from '../../shared/domain/names';
import { orderDisplays, type DisplayInfo } from '../../shared/wall/profile';
import { shellChannels } from '../../shared/wall/shellApi';
import { appOrigin } from './appUrl';
import { createSecureWindow } from './secureWindow';

export interface SetupWindowDeps {
  bundleDir: string;
  locale: Locale;
  devTools: boolean;
  iconPath: string | null;
}

/**
 * The wall setup view's window (a normal window on the desk display, above
 * the wall) and, while it is open, each display's number in big type on
 * the display itself, so the director can tell which monitor is "3".
 */
export function createSetupWindows(deps: SetupWindowDeps) {
  let setup: BrowserWindow | null = null;
  let overlays: BrowserWindow[] = [];

  function closeOverlays(): void {
    for (const overlay of overlays) if (!overlay.isDestroyed()) overlay.destroy();
    overlays = [];
  }

  function showNumbers(displays: readonly DisplayInfo[]): void {
    closeOverlays();
    overlays = orderDisplays(displays).map((display, index) => {
      const width = Math.min(480, display.bounds.width);
      const height = Math.min(360, display.bounds.height);
      const overlay = createSecureWindow(
        {
          x: Math.round(display.bounds.x + (display.bounds.width - width) / 2),
          y: Math.round(display.bounds.y + (display.bounds.height - height) / 2),
          width,
          height,
          frame: false,
          resizable: false,
          movable: false,
          focusable: false,
          skipTaskbar: true,
          alwaysOnTop: true,
          backgroundColor: '#0a0e13',
        },
        { preload: null, devTools: false },
      );
      // Above kiosk and fullscreen wall windows.
      overlay.setAlwaysOnTop(true, 'screen-saver');
      const query = new URLSearchParams({ lang: deps.locale, n: String(index + 1), size: `${display.bounds.width}×${display.bounds.height}` });
      void overlay.loadURL(`${appOrigin}/identify.html?${query}`);
      return overlay;
    });
  }

  return {
    /** Opens the setup view on `display` (or brings it forward). */
    open(display: DisplayInfo | null): void {
      if (setup && !setup.isDestroyed()) {
        setup.show();
        setup.focus();
        return;
      }
      const area = display?.workArea ?? { x: 0, y: 0, width: 1280, height: 800 };
      const width = Math.min(1280, area.width);
      const height = Math.min(860, area.height);
      setup = createSecureWindow(
        {
          x: Math.round(area.x + (area.width - width) / 2),
          y: Math.round(area.y + (area.height - height) / 2),
          width,
          height,
          minWidth: 900,
          minHeight: 600,
          alwaysOnTop: true,
          autoHideMenuBar: true,
          backgroundColor: '#0a0e13',
          title: '安排显示器 · 网格指挥墙 / Wall setup · GridWall',
          ...(deps.iconPath ? { icon: deps.iconPath } : {}),
        },
        { preload: join(deps.bundleDir, 'setupPreload.cjs'), devTools: deps.devTools },
      );
      setup.setAlwaysOnTop(true, 'screen-saver');
      setup.on('closed', () => {
        setup = null;
        closeOverlays();
      });
      void setup.loadURL(`${appOrigin}/setup.html?lang=${deps.locale}`);
    },
    isSetupWindow(contents: WebContents): boolean {
      return setup !== null && !setup.isDestroyed() && setup.webContents === contents;
    },
    identify(on: boolean, displays: readonly DisplayInfo[]): void {
      if (on) showNumbers(displays);
      else closeOverlays();
    },
    /** The displays changed while the view is open: it redraws them, and the numbers move with them. */
    displaysChanged(displays: readonly DisplayInfo[]): void {
      if (!setup || setup.isDestroyed()) return;
      setup.webContents.send(shellChannels.setupDisplays, displays);
      if (overlays.length > 0) showNumbers(displays);
    },
    close(): void {
      closeOverlays();
      if (setup && !setup.isDestroyed()) setup.destroy();
      setup = null;
    },
  };
}
export type SetupWindows = ReturnType<typeof createSetupWindows>;
