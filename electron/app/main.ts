import { app, BrowserWindow, dialog, Menu, powerSaveBlocker, screen, session as electronSession, type WebContents } from 'electron';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseLocale } from '../../shared/i18n/index';
import type { DisplayInfo } from '../../shared/wall/profile';
import { defaultDemoOptions, type Session } from '../core/core';
import { demoReferenceDir, readCameras } from '../core/demo/seed';
import type { SupervisedCoreLink } from '../core/runtime/supervisor';
import { createLogger, stderrSink, type Logger } from '../core/runtime/logger';
import { startSupervisedCore } from '../core/runtime/supervisor';
import { startDemoCameras } from '../host/media/demoCameras';
import { buildNetworkPolicy, cameraStreamUrls, readNetworkConfig, securityHeaders } from '../host/networkPolicy';
import { serveContract, serveShell } from './ipc';
import { openLogFile, teeSink } from './logFile';
import { createProfileStore } from './profileStore';
import { registerAppScheme, serveRenderer } from './protocol';
import { guardContents, lockDownSession } from './security';
import { createSetupWindows } from './setupWindow';
import { setupHandlers } from './setupHandlers';
import { createWallKeeper } from './wallKeeper';
import { electronWindowOpener } from './wallWindows';
import { readPlatformCredentials } from '../host/platformCredentials';

/**
 * The Electron shell: lifecycle, the room's displays and windows (the
 * keeper), security, recovery and the log. Everything else lives in the
 * core, which runs in a worker thread exactly as it does under the browser wall.
 */
const bundleDir = __dirname; // dist/electron, next to coreWorker.cjs and the preloads
const appRoot = app.getAppPath();
const resourcesDir = join(appRoot, 'resources');
const locale = parseLocale(app.commandLine.getSwitchValue('lang') || null);
// Started by the OS supervisor (systemd unit, Windows task): exiting is how the shell asks for a fresh start.
const supervised = app.commandLine.hasSwitch('supervised');
const devTools = !app.isPackaged && app.commandLine.hasSwitch('devtools');
const setupShortcut = { key: 'F12', control: true, shift: true };

// Another user-data folder (a second wall profile on one PC, the tests): set before anything, the single-instance lock included, uses it.
const userDataDir = app.commandLine.getSwitchValue('user-data-dir');
if (userDataDir) app.setPath('userData', userDataDir);
registerAppScheme();
// One wall per machine: a second start brings the running wall forward (or its setup view, with --setup-wall).
// Exit code 3 tells the OS supervisor not to start it again (packaging/linux/gridwall.service).
const primaryInstance = app.requestSingleInstanceLock();
if (!primaryInstance) app.exit(3);
Menu.setApplicationMenu(null);

function connectedDisplays(): DisplayInfo[] {
  const primaryId = screen.getPrimaryDisplay().id;
  return screen.getAllDisplays().map(({ id, bounds, workArea, label }) => ({ id, bounds, workArea, label: label ?? '', primary: id === primaryId }));
}

async function startCore(logger: Logger, log: (line: string) => void) {
  const dataDir = app.getPath('userData');
  const dbPath = app.commandLine.getSwitchValue('db') || join(dataDir, 'gridwall.db');
  const feedRate = Number(process.env.GRIDWALL_DEMO_RATE ?? defaultDemoOptions.feedRatePerMinute);
  const demo = app.commandLine.hasSwitch('no-demo') ? null : { ...defaultDemoOptions, feedRatePerMinute: Number.isFinite(feedRate) ? feedRate : 2 };
  const referenceDir = app.commandLine.getSwitchValue('reference') || null;
  const credentialsFile = app.commandLine.getSwitchValue('platform-credentials');
  // The district platform, when the room syncs with one (docs/SYNC.md); the embedded demo runs without.
  const platform = credentialsFile ? readPlatformCredentials(credentialsFile, app.commandLine.getSwitchValue('platform') || undefined) : null;
  // Read before anything starts: a bad network.json or camera list stops the start, naming the file and field.
  const networkConfig = readNetworkConfig(referenceDir);
  const cameraStreams = cameraStreamUrls(readCameras(referenceDir ?? demoReferenceDir(resourcesDir)));
  const cameras = demo ? await startDemoCameras(resourcesDir) : null;
  const policy = buildNetworkPolicy(networkConfig, cameraStreams, cameras?.origin ?? null);
  const store = createProfileStore(dataDir, logger);
  const { profile, firstStart } = store.load(connectedDisplays());
  const link = await startSupervisedCore({
    entry: pathToFileURL(join(bundleDir, 'coreWorker.cjs')),
    log,
    logger,
    core: {
      dbPath,
      resourcesDir,
      demo,
      videoWindows: profile.videoWindows,
      ...(cameras ? { cameraStreams: cameras.streams } : {}),
      ...(referenceDir ? { referenceDir } : {}),
      ...(platform ? { platform: { credentials: platform } } : {}),
      ...nativeBindingOption(),
    },
  });
  return { link, cameras, policy, store, profile, firstStart };
}

async function main(): Promise<void> {
  const dataDir = app.getPath('userData');
  mkdirSync(dataDir, { recursive: true });
  const logFile = openLogFile(dataDir);
  const log = teeSink(logFile.sink, stderrSink);
  const logger = createLogger(log);
  logger.info('shell.started', { version: app.getVersion(), electron: process.versions.electron, supervised, userData: dataDir });
  // A wall is looked at, not touched: its displays must never go to sleep.
  powerSaveBlocker.start('prevent-display-sleep');

  let started: Awaited<ReturnType<typeof startCore>>;
  try {
    started = await startCore(logger, log);
  } catch (error) {
    logger.error('core.failedToStart', { error: String(error) });
    dialog.showErrorBox('网格指挥墙无法启动 / GridWall could not start', String(error instanceof Error ? error.message : error));
    await logFile.close();
    app.exit(1);
    return;
  }
  const { link, cameras, policy, store } = started;
  lockDownSession(electronSession.defaultSession, policy, logger);
  // The room's basemap file lives in its reference folder (map.json names it).
  serveRenderer(join(appRoot, 'dist/renderer'), securityHeaders(policy), app.commandLine.getSwitchValue('reference') || null);
  app.on('web-contents-created', (_event, contents) => guardContents(contents, policy, logger));

  const sessions = new Map<WebContents, Session>();
  const answered = new Map<WebContents, () => void>();
  const iconPath = existsSync(join(resourcesDir, 'icons', 'icon.png')) ? join(resourcesDir, 'icons', 'icon.png') : null;
  serveContract(link, (contents) => sessions.get(contents), logger);
  const keeper = createWallKeeper({ logger, opener: electronWindowOpener({ link, locale, bundleDir, devTools, logger, sessions, answered, iconPath }) });
  const setup = createSetupWindows({ bundleDir, locale, devTools, iconPath });
  const openSetup = () => setup.open(connectedDisplays().find((display) => display.primary) ?? null);
  serveShell(
    setupHandlers({ link, locale, store, keeper, setup, logger, displays: connectedDisplays, answered, initial: started.profile, restart: () => restartShell(logger) }),
    logger,
  );
  keeper.start(started.profile, connectedDisplays());
  if (started.firstStart || app.commandLine.hasSwitch('setup-wall')) openSetup();

  const displaysChanged = () => {
    keeper.displaysChanged(connectedDisplays());
    setup.displaysChanged(connectedDisplays());
  };
  screen.on('display-added', displaysChanged);
  screen.on('display-removed', displaysChanged);
  screen.on('display-metrics-changed', displaysChanged);
  // A second start: the setup view if asked for, else the operator's console (the queue) comes forward.
  const focusConsole = () => {
    const windows = BrowserWindow.getAllWindows();
    (windows.find((window) => window.webContents.getURL().includes('/queue.html')) ?? windows[0])?.focus();
  };
  app.on('second-instance', (_event, argv) => (argv.includes('--setup-wall') ? openSetup() : focusConsole()));
  app.on('web-contents-created', (_event, contents) =>
    contents.on('before-input-event', (event, input) => {
      if (input.type === 'keyDown' && input.key === setupShortcut.key && input.control === setupShortcut.control && input.shift === setupShortcut.shift) {
        event.preventDefault();
        openSetup();
      }
    }),
  );
  watchCoreForGood(link, logger);
  app.on('before-quit', () => {
    keeper.stop();
    void link.close();
    void cameras?.server.close();
    void logFile.close();
  });
}

/**
 * Under an OS supervisor, a core that failed for good (the worker's own
 * restarts used up) is worth a fresh start of the whole shell: the windows
 * show why for half a minute, then the shell exits and the supervisor
 * starts it again, within its restart limits.
 */
function watchCoreForGood(link: SupervisedCoreLink, logger: Logger): void {
  if (!supervised) return;
  link.onStatus((status) => {
    if (status.state !== 'failed') return;
    logger.error('shell.exitForRestart', { reason: status.reason, inMs: 30_000 });
    setTimeout(() => app.exit(70), 30_000);
  });
}

/** A change the core must start with (the number of video windows): a fresh start of the shell. */
function restartShell(logger: Logger): void {
  logger.info('shell.restarting', { supervised });
  // The OS supervisor starts the wall again after any exit; otherwise the shell starts itself.
  if (!supervised) app.relaunch();
  app.exit(0);
}

/** In development the Electron build of better-sqlite3 sits in .native/ (see scripts/ensure-native.mjs). */
function nativeBindingOption(): { nativeBinding?: string } {
  const candidate = join(appRoot, '.native', `electron-${process.versions.electron}`, 'better_sqlite3.node');
  return existsSync(candidate) ? { nativeBinding: candidate } : {};
}

app.on('window-all-closed', () => app.quit());
if (primaryInstance) void app.whenReady().then(main);
