import { _electron as electron, expect, test, type ElectronApplication, type Page } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

/**
 * The real Electron shell, on machines that have Electron's binary. Electron
 * ≥ 45 downloads it on first start, which needs the internet: where it is
 * missing these tests are reported as skipped, with the reason, and the
 * browser wall tests (same core, same renderer) and the shell's unit tests
 * (window keeper, security rules, setup, packaging) stand in for them.
 */
function installedElectron(): string | null {
  const require = createRequire(import.meta.url);
  const packageDir = dirname(require.resolve('electron/package.json'));
  const pathFile = join(packageDir, 'path.txt');
  if (!existsSync(pathFile)) return null;
  const binary = join(packageDir, 'dist', readFileSync(pathFile, 'utf8').trim());
  return existsSync(binary) ? binary : null;
}

const binary = installedElectron();
const wallPage = /\/(video|map|queue)\.html/;

interface Launched {
  app: ElectronApplication;
  userData: string;
  /** The live wall window showing `page` (e.g. 'map.html'), once there is exactly one. */
  wallWindow(page: string): Promise<Page>;
  close(): Promise<void>;
}

async function launch(): Promise<Launched> {
  const dir = mkdtempSync(join(tmpdir(), 'gridwall-electron-'));
  const userData = join(dir, 'user-data');
  const app = await electron.launch({
    executablePath: binary!,
    args: ['.', `--db=${join(dir, 'wall.db')}`, `--user-data-dir=${userData}`],
    env: { ...process.env, GRIDWALL_DEMO_RATE: '0' },
  });
  const live = () => app.windows().filter((window) => !window.isClosed());
  return {
    app,
    userData,
    async wallWindow(page) {
      await expect.poll(() => live().filter((window) => window.url().includes(page)).length, { timeout: 30_000 }).toBe(1);
      const window = live().find((candidate) => candidate.url().includes(page))!;
      await expect(window.getByTestId('link-state')).toHaveClass(/link-open/);
      return window;
    },
    async close() {
      await app.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The window's bounds as the shell placed it. */
const boundsOf = (app: ElectronApplication, page: string) =>
  app.evaluate(({ BrowserWindow }, wanted) => BrowserWindow.getAllWindows().find((window) => window.webContents.getURL().includes(wanted))?.getBounds() ?? null, page);

test.describe('the Electron wall', () => {
  test.skip(!binary, "Electron's binary is not installed on this machine (it is downloaded on first start, which needs the internet)");
  test.beforeAll(() => {
    execFileSync(process.execPath, ['scripts/build-electron.mjs'], { stdio: 'inherit' });
    execFileSync(process.execPath, ['scripts/ensure-native.mjs', 'electron'], { stdio: 'inherit' });
  });

  test('the first start opens one window per role on the embedded demo, and the wall setup view', async () => {
    const wall = await launch();
    try {
      for (const page of ['video.html', 'map.html', 'queue.html']) await wall.wallWindow(page);
      const queue = await wall.wallWindow('queue.html');
      await expect(queue.getByTestId('case-list').getByRole('option').first()).toBeVisible();
      const setup = wall.app.windows().find((window) => window.url().includes('setup.html'))!;
      await expect(setup.getByTestId('wall-setup')).toBeVisible();
      expect(wall.app.windows().filter((window) => wallPage.test(window.url()))).toHaveLength(3);
    } finally {
      await wall.close();
    }
  });

  test('a crashed window is back on its display, in its role, within 5 s, and the log says why', async () => {
    const wall = await launch();
    try {
      await wall.wallWindow('map.html');
      const before = await boundsOf(wall.app, 'map.html');
      const crashedAt = Date.now();
      await wall.app.evaluate(({ webContents }) => webContents.getAllWebContents().find((contents) => contents.getURL().includes('map.html'))!.forcefullyCrashRenderer());
      await wall.wallWindow('map.html');
      expect(Date.now() - crashedAt).toBeLessThan(5_000);
      expect(await boundsOf(wall.app, 'map.html')).toEqual(before);
      await expect.poll(() => readFileSync(join(wall.userData, 'logs', 'gridwall.log'), 'utf8')).toMatch(/"event":"window\.failed".*"window":"map".*"reason":"(crashed|killed)"/);
    } finally {
      await wall.close();
    }
  });

  test('a hung window is back within 5 s of its last answer', async () => {
    const wall = await launch();
    try {
      const video = await wall.wallWindow('video.html');
      const hungAt = Date.now();
      await video.evaluate(() => {
        setTimeout(() => {
          for (;;) {
            // A page stuck in a loop: it no longer answers the shell's ping.
          }
        }, 0);
      });
      await wall.wallWindow('video.html');
      expect(Date.now() - hungAt).toBeLessThan(5_000 + 500);
    } finally {
      await wall.close();
    }
  });

  test('no menu, no pop-ups, no navigation away, no permissions', async () => {
    const wall = await launch();
    try {
      const queue = await wall.wallWindow('queue.html');
      expect(await wall.app.evaluate(({ Menu }) => Menu.getApplicationMenu())).toBeNull();
      expect(await queue.evaluate(() => window.open('https://example.com/') === null)).toBe(true);
      expect(await queue.evaluate(async () => (await navigator.permissions.query({ name: 'geolocation' })).state)).toBe('denied');
      await queue.evaluate(() => (window.location.href = 'https://example.com/'));
      await expect(queue).toHaveURL(/^app:\/\/wall\/queue\.html/);
      // The page cannot reach Node: no require, no process.
      expect(await queue.evaluate(() => typeof (globalThis as { require?: unknown }).require + typeof (globalThis as { process?: unknown }).process)).toBe('undefinedundefined');
    } finally {
      await wall.close();
    }
  });
});
