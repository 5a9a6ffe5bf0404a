import { app, BrowserWindow, screen, shell, session as electronSession, type WebContents } from 'electron';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseLocale } from '../../shared/i18n/index';
import { defaultWallProfile, planWindows, type WindowPlacement } from '../../shared/wall/placement';
import { defaultDemoOptions, type Session } from '../core/core';
import type { CoreLink } from '../core/runtime/link';
import { createLogger, stderrSink } from '../core/runtime/logger';
import { startSupervisedCore } from '../core/runtime/supervisor';
import { startDemoCameras } from '../host/media/demoCameras';
import { readPlatformCredentials } from '../host/platformCredentials';
import { forwardCoreStatus, forwardEvents, serveContract } from './ipc';
import { appOrigin, isAppUrl, registerAppScheme, serveRenderer } from './protocol';

/**
 * The Electron shell: lifecycle, one window per role placed on the room's
 * displays, and the IPC wrapper. Everything else lives in the core, which
 * runs in a worker thread exactly as it does under the browser wall.
 */
const logger = createLogger(stderrSink);
const bundleDir = __dirname; // dist/electron, next to coreWorker.cjs and preload.cjs
const appRoot = app.getAppPath();
const locale = parseLocale(app.commandLine.getSwitchValue('lang') || null);
const sessions = new Map<WebContents, Session>();

registerAppScheme();
// One wall per machine: a second start only brings the running wall forward.
if (!app.requestSingleInstanceLock()) {
  app.exit(0);
}

app.on('second-instance', () => BrowserWindow.getAllWindows()[0]?.focus());
app.on('window-all-closed', () => app.quit());

app.on('web-contents-created', (_event, contents) => {
  // A wall window never navigates away or opens pop-ups; links go to the system browser.
  contents.setWindowOpenHandler(({ url }) => {
    if (url.startsWith('https://')) void shell.openExternal(url);
    return { action: 'deny' };
  });
  contents.on('will-navigate', (event, url) => {
    if (!isAppUrl(url)) event.preventDefault();
  });
});

void app.whenReady().then(async () => {
  electronSession.defaultSession.setPermissionRequestHandler((_contents, _permission, grant) => grant(false));
  serveRenderer(join(appRoot, 'dist/renderer'));

  const dataDir = app.getPath('userData');
  mkdirSync(dataDir, { recursive: true });
  const dbPath = app.commandLine.getSwitchValue('db') || join(dataDir, 'gridwall.db');
  const feedRate = Number(process.env.GRIDWALL_DEMO_RATE ?? defaultDemoOptions.feedRatePerMinute);
  const demo = app.commandLine.hasSwitch('no-demo') ? null : { ...defaultDemoOptions, feedRatePerMinute: feedRate };
  const referenceDir = app.commandLine.getSwitchValue('reference');
  const credentialsFile = app.commandLine.getSwitchValue('platform-credentials');

  let link: CoreLink;
  let cameras: Awaited<ReturnType<typeof startDemoCameras>> | null = null;
  try {
    const platform = credentialsFile ? readPlatformCredentials(credentialsFile, app.commandLine.getSwitchValue('platform') || undefined) : null;
    cameras = demo ? await startDemoCameras(join(appRoot, 'resources')) : null;
    link = await startSupervisedCore({
      entry: pathToFileURL(join(bundleDir, 'coreWorker.cjs')),
      log: stderrSink,
      logger,
      core: {
        dbPath,
        resourcesDir: join(appRoot, 'resources'),
        demo,
        ...(cameras ? { cameraStreams: cameras.streams } : {}),
        ...(referenceDir ? { referenceDir } : {}),
        ...(platform ? { platform: { credentials: platform } } : {}),
        ...nativeBindingOption(),
      },
    });
  } catch (error) {
    logger.error('core.failedToStart', { error: String(error) });
    const { dialog } = await import('electron');
    dialog.showErrorBox('网格指挥墙无法启动 / GridWall could not start', String(error instanceof Error ? error.message : error));
    app.exit(1);
    return;
  }
  serveContract(link, (contents) => sessions.get(contents), logger);

  const displays = screen.getAllDisplays().map(({ id, bounds, workArea }) => ({ id, bounds, workArea }));
  for (const placement of planWindows(displays, defaultWallProfile)) openWindow(placement, link);

  app.on('before-quit', () => {
    void link.close();
    void cameras?.server.close();
  });
});

function openWindow(placement: WindowPlacement, link: CoreLink): void {
  const window = new BrowserWindow({
    ...placement.bounds,
    fullscreen: placement.fullscreen,
    backgroundColor: '#0a0e13',
    autoHideMenuBar: true,
    show: false,
    webPreferences: {
      preload: join(bundleDir, 'preload.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      // The wall is watched, not clicked: it must keep playing and updating when unfocused.
      backgroundThrottling: false,
    },
  });
  const contents = window.webContents;
  // All windows of the app are one console: an operator signs in once, at any of them.
  const session: Session = { connectionId: `window-${contents.id}`, consoleId: 'this-console', role: placement.role, audience: 'operator', locale };
  sessions.set(contents, session);
  const stopEvents = forwardEvents(link, contents, session);
  const stopStatus = forwardCoreStatus(link, contents);
  window.once('ready-to-show', () => window.show());
  window.on('closed', () => {
    stopEvents();
    stopStatus();
    void link.forget(session.connectionId);
    sessions.delete(contents);
  });
  // A crashed page comes back by itself: the room may be unattended.
  contents.on('render-process-gone', (_event, details) => {
    logger.error('window.crashed', { role: placement.role, reason: details.reason });
    setTimeout(() => !window.isDestroyed() && window.reload(), 2_000);
  });
  void window.loadURL(`${appOrigin}/${placement.role}.html?lang=${locale}`);
}

/** In development the Electron build of better-sqlite3 sits in .native/ (see scripts/ensure-native.mjs). */
function nativeBindingOption(): { nativeBinding?: string } {
  const candidate = join(appRoot, '.native', `electron-${process.versions.electron}`, 'better_sqlite3.node');
  return existsSync(candidate) ? { nativeBinding: candidate } : {};
}
