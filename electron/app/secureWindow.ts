import { BrowserWindow, type BrowserWindowConstructorOptions } from 'electron';

export interface PageOptions {
  /** The preload script (our own bundle), or null for pages that need none. */
  preload: string | null;
  /** DevTools: never in the packaged wall (main.ts decides). */
  devTools: boolean;
}

/**
 * Every window of the app is created here, with the same web preferences,
 * written out in full so a reader (and electronegativity) sees each one:
 * isolated, sandboxed, no Node in the page, its workers or its frames, web
 * security on, no insecure content, experimental features, <webview>,
 * drag-and-drop navigation or middle-click (Auxclick) pop-ups.
 */
export function createSecureWindow(options: Omit<BrowserWindowConstructorOptions, 'webPreferences'>, page: PageOptions): BrowserWindow {
  return new BrowserWindow({
    ...options,
    webPreferences: {
      ...(page.preload ? { preload: page.preload } : {}), // eng-disable PRELOAD_JS_CHECK: our own preloads only, exposing named functions (docs/SECURITY.md)
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      disableBlinkFeatures: 'Auxclick',
      webviewTag: false,
      navigateOnDragDrop: false,
      safeDialogs: true,
      spellcheck: false,
      devTools: page.devTools,
      // The wall is watched, not clicked: it must keep playing and updating when unfocused.
      backgroundThrottling: false,
    },
  });
}
