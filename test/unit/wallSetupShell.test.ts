import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ResponseMessage } from '../../shared/contract/messages';
import type { CoreLink } from '../../electron/core/runtime/link';
import { createLogger, silentLogger } from '../../electron/core/runtime/logger';
import type { DisplayInfo } from '../../shared/wall/profile';
import { proposeProfile } from '../../shared/wall/profile';
import { setPresentation, setVideoWindows } from '../../shared/wall/setup';
import { shellChannels } from '../../shared/wall/shellApi';
import { tempDir } from '../support/testCore';

/**
 * The shell side of the wall setup view: the stored profile, what saving
 * does, and who may call the setup channels — with Electron replaced by a
 * stand-in, as in ipc.test.ts.
 */
type Listener = (event: unknown, ...args: unknown[]) => unknown;
const handled = new Map<string, Listener>();
const listened = new Map<string, Listener>();
vi.mock('electron', () => ({
  ipcMain: {
    handle: (channel: string, listener: Listener) => handled.set(channel, listener),
    on: (channel: string, listener: Listener) => listened.set(channel, listener),
  },
}));
const { serveShell } = await import('../../electron/app/ipc');
const { createProfileStore, profileFileName } = await import('../../electron/app/profileStore');
const { setupHandlers } = await import('../../electron/app/setupHandlers');

const display = (id: number, x: number, primary = false): DisplayInfo => ({
  id,
  bounds: { x, y: 0, width: 1920, height: 1080 },
  workArea: { x, y: 0, width: 1920, height: 1040 },
  label: `Monitor ${id}`,
  ...(primary ? { primary } : {}),
});
const wall = [display(1, 0), display(2, 1920), display(3, 3840, true)];

const cleanups: (() => unknown)[] = [];
afterEach(() => {
  for (const cleanup of cleanups.splice(0).reverse()) cleanup();
  vi.useRealTimers();
});
beforeEach(() => {
  handled.clear();
  listened.clear();
});

function folder(): string {
  const dir = tempDir();
  cleanups.push(() => dir.remove());
  return dir.path;
}

describe('the stored wall profile', () => {
  it('is a proposal on the first start, and what was saved afterwards, kept per display id', () => {
    const dir = folder();
    const store = createProfileStore(dir, silentLogger);
    const first = store.load(wall);
    expect(first.firstStart).toBe(true);
    const arranged = setPresentation(first.profile, true, wall);
    store.save(arranged);
    expect(store.load(wall)).toEqual({ profile: arranged, firstStart: false });
    expect(JSON.parse(readFileSync(join(dir, profileFileName), 'utf8')).assignments.map.id).toBe(2);
    // Nothing half-written is left beside it.
    expect(readdirSync(dir)).toEqual([profileFileName]);
  });

  it('an unreadable profile is kept aside and logged, and the wall starts on a proposal rather than not at all', () => {
    const dir = folder();
    writeFileSync(join(dir, profileFileName), '{"version":1,"videoWindows":');
    const log: string[] = [];
    const loaded = createProfileStore(dir, createLogger((line) => log.push(line))).load(wall);
    expect(loaded.firstStart).toBe(true);
    expect(loaded.profile).toEqual(proposeProfile(wall));
    expect(existsSync(join(dir, profileFileName))).toBe(false);
    expect(readdirSync(dir).some((name) => name.startsWith(`${profileFileName}.unreadable-`))).toBe(true);
    expect(log.join()).toContain('profile.unreadable');
  });
});

function setUpHandlers() {
  const dir = folder();
  const store = createProfileStore(dir, silentLogger);
  const initial = store.load(wall).profile;
  const applied: unknown[] = [];
  const restart = vi.fn();
  const identify = vi.fn();
  const setupContents = { id: 'setup', mainFrame: { url: 'app://wall/setup.html?lang=zh-CN' } };
  const link = {
    request: async (): Promise<ResponseMessage> => ({ id: 0, ok: true, value: { presentation: false, module: 'timeSlot', layout: 16, screens: {} } }),
  } as unknown as CoreLink;
  const handlers = setupHandlers({
    link,
    locale: 'zh-CN',
    store,
    keeper: { applyProfile: (profile: unknown) => applied.push(profile) } as never,
    setup: { identify, close: vi.fn(), isSetupWindow: (contents) => contents === (setupContents as never) },
    logger: silentLogger,
    displays: () => wall,
    answered: new Map(),
    initial,
    restart,
  });
  serveShell(handlers, silentLogger);
  const fromSetup = { sender: setupContents, senderFrame: setupContents.mainFrame };
  return { store, initial, applied, restart, identify, fromSetup, setupContents };
}

describe('the setup view\'s calls', () => {
  it('loads the displays, the profile, the proposal and how many screens each video window has', async () => {
    const { fromSetup } = setUpHandlers();
    const snapshot = await handled.get(shellChannels.setupLoad)!(fromSetup);
    expect(snapshot).toMatchObject({ displays: wall, firstStart: true, tilesPerVideoWindow: 16 });
  });

  it('saving moves the windows at once; a new number of video windows restarts the wall instead', async () => {
    vi.useFakeTimers();
    const { initial, applied, restart, fromSetup, store } = setUpHandlers();
    const withVisitors = setPresentation(initial, true, wall);
    expect(await handled.get(shellChannels.setupSave)!(fromSetup, withVisitors)).toEqual({ ok: true, restarting: false });
    expect(applied).toEqual([withVisitors]);
    const twoVideo = setVideoWindows(withVisitors, 2, wall);
    expect(await handled.get(shellChannels.setupSave)!(fromSetup, twoVideo)).toEqual({ ok: true, restarting: true });
    await vi.advanceTimersByTimeAsync(2_000);
    expect(restart).toHaveBeenCalledOnce();
    expect(applied).toHaveLength(1);
    expect(store.load(wall).profile).toEqual(twoVideo);
  });

  it('refuses a profile that does not fit, in both languages, and keeps the one in use', async () => {
    const { initial, applied, fromSetup, store } = setUpHandlers();
    const answer = await handled.get(shellChannels.setupSave)!(fromSetup, { ...initial, videoWindows: 12 });
    expect(answer).toMatchObject({ ok: false, message: expect.stringMatching(/布局无效.*The arrangement is not valid/) });
    const { map: _map, ...assignments } = initial.assignments;
    expect(await handled.get(shellChannels.setupSave)!(fromSetup, { ...initial, assignments })).toMatchObject({ ok: false, message: expect.stringContaining('Every window needs a display') });
    expect(applied).toEqual([]);
    expect(store.load(wall).firstStart).toBe(true);
  });

  it('serves the setup channels to the setup window\'s main frame only', async () => {
    const { initial, applied, identify, setupContents } = setUpHandlers();
    const wallWindow = { id: 'queue', mainFrame: { url: 'app://wall/queue.html' } };
    const foreign = { id: 'setup', mainFrame: { url: 'https://evil.example/' } };
    const subFrame = { url: 'app://wall/setup.html' };
    for (const event of [
      { sender: wallWindow, senderFrame: wallWindow.mainFrame },
      { sender: setupContents, senderFrame: subFrame },
      { sender: { ...setupContents, mainFrame: foreign.mainFrame }, senderFrame: foreign.mainFrame },
    ]) {
      expect(await handled.get(shellChannels.setupSave)!(event, setPresentation(initial, true, wall))).toMatchObject({ ok: false });
      expect(await handled.get(shellChannels.setupLoad)!(event)).toBeUndefined();
      listened.get(shellChannels.setupIdentify)!(event, true);
    }
    expect(applied).toEqual([]);
    expect(identify).not.toHaveBeenCalled();
  });
});
