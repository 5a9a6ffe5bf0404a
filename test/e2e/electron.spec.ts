import { _electron as electron, expect, test } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

/**
 * The real Electron shell, on machines that have Electron's binary. Electron
 * ≥ 45 downloads it on first start, which needs the internet: where it is
 * missing these tests are reported as skipped, with the reason, and the
 * browser wall tests (same core, same renderer) stand in for them.
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

test.describe('the Electron wall', () => {
  test.skip(!binary, "Electron's binary is not installed on this machine (it is downloaded on first start, which needs the internet)");

  test('npm start opens one window per role on the embedded demo', async () => {
    execFileSync(process.execPath, ['scripts/build-electron.mjs'], { stdio: 'inherit' });
    execFileSync(process.execPath, ['scripts/ensure-native.mjs', 'electron'], { stdio: 'inherit' });
    const dir = mkdtempSync(join(tmpdir(), 'gridwall-electron-'));
    const app = await electron.launch({
      executablePath: binary!,
      args: ['.', `--db=${join(dir, 'wall.db')}`],
      env: { ...process.env, GRIDWALL_DEMO_RATE: '0' },
    });
    try {
      await expect.poll(() => app.windows().length, { timeout: 30_000 }).toBe(3);
      const titles = await Promise.all(app.windows().map((window) => window.title()));
      expect(titles.sort()).toEqual(['派遣队列 · 网格指挥墙', '网格地图 · 网格指挥墙', '视频矩阵 · 网格指挥墙'].sort());
      const queue = app.windows().find((window) => window.url().includes('queue.html'))!;
      await expect(queue.getByTestId('link-state')).toHaveClass(/link-open/);
      await expect(queue.getByTestId('case-list').getByRole('option').first()).toBeVisible();
    } finally {
      await app.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
