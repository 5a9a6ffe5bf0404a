import { EventEmitter } from 'node:events';
import { describe, expect, it, vi } from 'vitest';
import { silentLogger } from '../../electron/core/runtime/logger';
import { buildNetworkPolicy } from '../../electron/host/networkPolicy';

/**
 * The thin Electron files, with Electron replaced by stand-ins: every window
 * is created with the locked-down preferences, and the security handlers
 * are wired to the rules (securityRules.ts, tested on their own).
 */
const created: { options: Record<string, unknown> }[] = [];
const openExternal = vi.fn(async () => {});
vi.mock('electron', () => ({
  BrowserWindow: class {
    constructor(options: Record<string, unknown>) {
      created.push({ options });
    }
  },
  shell: { openExternal },
  app: { isPackaged: true },
}));
const { createSecureWindow } = await import('../../electron/app/secureWindow');
const { guardContents, lockDownSession } = await import('../../electron/app/security');

const policy = buildNetworkPolicy({ cameraGateways: ['https://gw.room.local'], platform: null, openExternal: ['https://platform.district.gov.cn'] }, []);

/** A web contents that records its handlers and lets the test fire its events. */
class FakeContents extends EventEmitter {
  windowOpenHandler: ((details: { url: string }) => { action: string }) | null = null;
  devToolsClosed = 0;
  setWindowOpenHandler(handler: (details: { url: string }) => { action: string }) {
    this.windowOpenHandler = handler;
  }
  closeDevTools() {
    this.devToolsClosed += 1;
  }
  /** Fires `name` with an event whose preventDefault is recorded. */
  fire(name: string, ...args: unknown[]): boolean {
    let prevented = false;
    this.emit(name, { preventDefault: () => (prevented = true) }, ...args);
    return prevented;
  }
}

describe('every window of the app', () => {
  it('is isolated, sandboxed, without Node, webviews, insecure content or middle-click pop-ups, and without DevTools when asked', () => {
    createSecureWindow({ width: 800, height: 600, show: false }, { preload: '/app/dist/electron/preload.cjs', devTools: false });
    createSecureWindow({ width: 400, height: 300 }, { preload: null, devTools: false });
    const [wall, overlay] = created.map((entry) => entry.options);
    const locked = {
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      devTools: false,
      disableBlinkFeatures: 'Auxclick',
    };
    expect(wall).toMatchObject({ width: 800, show: false, webPreferences: { ...locked, preload: '/app/dist/electron/preload.cjs' } });
    expect(overlay!.webPreferences).toMatchObject(locked);
    expect(overlay!.webPreferences).not.toHaveProperty('preload');
    expect(overlay!.webPreferences).not.toHaveProperty('enableBlinkFeatures');
  });
});

describe('the security handlers', () => {
  it('refuses navigation and redirects away from app://wall/, every <webview>, and closes DevTools in the wall build', () => {
    const contents = new FakeContents();
    guardContents(contents as never, policy, silentLogger);
    expect(contents.fire('will-navigate', 'https://evil.example/')).toBe(true);
    expect(contents.fire('will-navigate', 'app://wall/map.html?lang=en')).toBe(false);
    expect(contents.fire('will-redirect', 'https://evil.example/')).toBe(true);
    expect(contents.fire('will-redirect', 'app://wall/queue.html')).toBe(false);
    expect(contents.fire('will-attach-webview', {}, {})).toBe(true);
    contents.emit('devtools-opened');
    expect(contents.devToolsClosed).toBe(1);
  });

  it('denies every new window, handing only allowed links to the system browser', () => {
    const contents = new FakeContents();
    guardContents(contents as never, policy, silentLogger);
    expect(contents.windowOpenHandler!({ url: 'https://platform.district.gov.cn/case/1' })).toEqual({ action: 'deny' });
    expect(contents.windowOpenHandler!({ url: 'https://platform.district.gov.cn.evil.cn/' })).toEqual({ action: 'deny' });
    expect(contents.windowOpenHandler!({ url: 'app://wall/queue.html' })).toEqual({ action: 'deny' });
    expect(openExternal.mock.calls).toEqual([['https://platform.district.gov.cn/case/1']]);
  });

  it('answers permission requests and checks alike: media for a camera gateway only, nothing else', () => {
    let requestHandler: ((contents: unknown, permission: string, grant: (allowed: boolean) => void, details: Record<string, unknown>) => void) | null = null;
    let checkHandler: ((contents: unknown, permission: string, origin: string, details: Record<string, unknown>) => boolean) | null = null;
    lockDownSession(
      {
        setPermissionRequestHandler: (handler: typeof requestHandler) => (requestHandler = handler),
        setPermissionCheckHandler: (handler: typeof checkHandler) => (checkHandler = handler),
      } as never,
      policy,
      silentLogger,
    );
    const request = (permission: string, details: Record<string, unknown>) => {
      let answer: boolean | null = null;
      requestHandler!(null, permission, (allowed) => (answer = allowed), details);
      return answer;
    };
    expect(request('media', { requestingUrl: 'https://gw.room.local/player', mediaTypes: ['video'] })).toBe(true);
    expect(request('media', { requestingUrl: 'https://gw.room.local/player', mediaTypes: ['audio', 'video'] })).toBe(false);
    expect(request('media', { requestingUrl: 'app://wall/video.html', mediaTypes: ['video'] })).toBe(false);
    expect(request('notifications', { requestingUrl: 'app://wall/queue.html' })).toBe(false);
    expect(checkHandler!(null, 'media', 'https://gw.room.local', { mediaType: 'video' })).toBe(true);
    expect(checkHandler!(null, 'media', 'https://other.example', { mediaType: 'video' })).toBe(false);
    expect(checkHandler!(null, 'clipboard-read', 'app://wall', {})).toBe(false);
  });
});
