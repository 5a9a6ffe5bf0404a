import type { Page } from '@playwright/test';
import { proposeProfile, type DisplayInfo, type WallProfile } from '../../shared/wall/profile';
import type { WallSetupSnapshot } from '../../shared/wall/shellApi';
import { expect, test } from './wallFixture';

/**
 * The Electron shell's own pages, in Chromium: the wall setup view (its
 * preload replaced by a stand-in at the same boundary, since Electron cannot
 * start here; electron.spec.ts drives the real one), the page of a window
 * that keeps failing, the idle pointer on wall displays, and the narrowed
 * Content-Security-Policy the browser wall serves them with.
 */
const display = (id: number, x: number, y = 0, primary = false): DisplayInfo => ({
  id,
  bounds: { x, y, width: 1920, height: 1080 },
  workArea: { x, y, width: 1920, height: 1040 },
  label: `HDMI-${id}`,
  ...(primary ? { primary } : {}),
});
// Three wall monitors in a row and the director's desk monitor under the middle one.
const displays = [display(21, 0), display(22, 1920), display(23, 3840), display(9, 1920, 1080, true)];

/** Opens setup.html with a stand-in for the setup window's preload that records what is saved. */
async function openSetup(page: Page, base: string, lang = 'zh-CN'): Promise<void> {
  const snapshot: WallSetupSnapshot = { displays, profile: proposeProfile(displays), proposal: proposeProfile(displays), firstStart: true, tilesPerVideoWindow: 9 };
  await page.addInitScript((loaded: WallSetupSnapshot) => {
    const calls: { saved: unknown[]; identify: boolean[]; closed: number } = { saved: [], identify: [], closed: 0 };
    Object.assign(window, {
      setupCalls: calls,
      gridwallSetup: {
        load: async () => loaded,
        save: async (profile: unknown) => {
          calls.saved.push(profile);
          return { ok: true, restarting: (profile as { videoWindows: number }).videoWindows !== loaded.profile.videoWindows };
        },
        identify: (on: boolean) => calls.identify.push(on),
        close: () => (calls.closed += 1),
        onDisplaysChanged: () => () => {},
      },
    });
  }, snapshot);
  await page.goto(`${base}/setup.html?lang=${lang}`);
  await expect(page.getByTestId('wall-setup')).toBeVisible();
}

const saved = (page: Page) => page.evaluate(() => (window as unknown as { setupCalls: { saved: WallProfile[] } }).setupCalls.saved);

test.describe('the wall setup view', () => {
  test('shows each display with its number and proposes a wall; windows move by keyboard and by drag, and save', async ({ wall, page }) => {
    const base = `http://127.0.0.1:${wall.port}`;
    await openSetup(page, base);
    // Numbered as the room sees them: left to right, then top to bottom (the desk monitor under the middle one is 3).
    await expect(page.getByRole('region', { name: '显示器 1' })).toHaveAttribute('data-testid', 'display-1');
    await expect(page.getByTestId('display-3').locator('.display-number')).toHaveText('3');
    await expect(page.getByTestId('display-3')).toContainText('主显示器');
    await expect(page.getByTestId('display-3').getByTestId('window-queue')).toBeVisible();
    await expect(page.getByTestId('display-2').getByTestId('window-video-2')).toHaveText('视频 2 · 屏 10–18');
    await expect(page.getByTestId('display-1').getByTestId('window-video-1')).toHaveText('视频 1 · 屏 1–9');
    await expect(page.getByTestId('display-4').getByTestId('window-map')).toBeVisible();

    // Keyboard: Tab to the map, press 3 to put it on display 3; → moves it on to display 4.
    await page.getByTestId('window-map').focus();
    await page.keyboard.press('3');
    await expect(page.getByTestId('display-3').getByTestId('window-map')).toBeVisible();
    await page.getByTestId('window-map').focus();
    await page.keyboard.press('ArrowRight');
    await expect(page.getByTestId('display-4').getByTestId('window-map')).toBeVisible();

    // Mouse: a third video window (it starts on the quietest display, the leftmost), dragged onto display 2.
    await page.getByRole('button', { name: '增加视频窗口' }).click();
    await expect(page.getByTestId('video-windows')).toHaveText('3');
    await expect(page.getByTestId('display-1').getByTestId('window-video-3')).toBeVisible();
    await page.getByTestId('window-video-3').dragTo(page.getByTestId('display-2'));
    await expect(page.getByTestId('display-2').getByTestId('window-video-3')).toHaveText('视频 3 · 屏 19–27');
    await expect(page.getByTestId('row-video-3')).toContainText('与其他窗口分屏');

    await page.getByLabel('展示屏（参观者用，不显示个人信息）').check();
    await page.getByLabel('展示屏（参观者） · 显示器').selectOption({ label: '显示器 4' });
    await page.getByRole('button', { name: '保存并应用' }).click();
    await expect(page.getByTestId('setup-notice')).toContainText('需要重新启动');
    const [profile] = await saved(page);
    expect(profile!.videoWindows).toBe(3);
    expect(profile!.presentation).toBe(true);
    expect(Object.fromEntries(Object.entries(profile!.assignments).map(([key, ref]) => [key, ref!.id]))).toEqual({
      'video-1': 21,
      'video-2': 22,
      'video-3': 22,
      map: 23,
      queue: 9,
      presentation: 23,
    });
    await page.screenshot({ path: 'test-results/wall-setup.png' });
  });

  test('click a window, then a display; Esc lets go; the page reads in English too', async ({ wall, page }) => {
    await openSetup(page, `http://127.0.0.1:${wall.port}`, 'en');
    await expect(page.getByRole('heading', { name: 'Wall setup' })).toBeVisible();
    await page.getByTestId('window-queue').click();
    const picked = page.getByText('"Dispatch queue" picked');
    await expect(picked).toBeVisible();
    await page.getByTestId('display-1').click();
    await expect(page.getByTestId('display-1').getByTestId('window-queue')).toBeVisible();
    await page.getByTestId('window-queue').click();
    await page.keyboard.press('Escape');
    await expect(picked).toHaveCount(0);
    await page.getByRole('button', { name: 'Save and apply' }).click();
    await expect(page.getByTestId('setup-notice')).toHaveText('Saved; the windows have moved.');
    await page.getByRole('button', { name: 'Show numbers on the displays' }).click();
    expect(await page.evaluate(() => (window as unknown as { setupCalls: { identify: boolean[] } }).setupCalls.identify)).toEqual([true]);
    await page.screenshot({ path: 'test-results/wall-setup-en.png' });
  });

  test('outside the desktop app it says where it works, instead of a blank page', async ({ wall, page }) => {
    await page.goto(`http://127.0.0.1:${wall.port}/setup.html`);
    await expect(page.getByText('此页面只能在网格指挥墙桌面程序中打开')).toBeVisible();
  });
});

test('a window that keeps failing shows the reason in plain words and a way back', async ({ wall, page }) => {
  const retryAt = Date.UTC(2026, 11, 6, 20, 29);
  const query = new URLSearchParams({ lang: 'zh-CN', window: 'video-2', reason: 'oom', failures: '4', retryAt: String(retryAt), retry: '/queue.html?lang=zh-CN' });
  await page.goto(`http://127.0.0.1:${wall.port}/failed.html?${query}`);
  await expect(page.getByRole('heading')).toHaveText('此窗口已暂停 · 视频 2');
  await expect(page.getByText('“视频 2”在 5 分钟内出错 4 次（最近一次：内存不足）')).toBeVisible();
  await expect(page.getByText('其他窗口不受影响')).toBeVisible();
  const retry = page.getByRole('button', { name: '立即重试' });
  await expect(retry).toBeFocused();
  await page.screenshot({ path: 'test-results/window-failed.png' });
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/\/queue\.html\?lang=zh-CN$/);

  // A retry link that leads anywhere but our own pages is not offered.
  query.set('retry', '//evil.example/queue.html?x');
  await page.goto(`http://127.0.0.1:${wall.port}/failed.html?${query}`);
  await expect(page.getByRole('heading')).toBeVisible();
  await expect(page.getByRole('button', { name: '立即重试' })).toHaveCount(0);
});

test('on a wall display the pointer hides when idle and comes back when it moves', async ({ wall }) => {
  const page = await wall.open(`${wall.urls.map}&hideCursorAfter=1`);
  const root = page.locator('html');
  await page.mouse.move(400, 300);
  await expect(root).toHaveClass(/cursor-idle/);
  expect(await page.evaluate(() => getComputedStyle(document.body).cursor)).toBe('none');
  // It comes back at once, and hides again a second later: watch for the change rather than poll for a state
  // that a loaded machine might only look at after it has hidden again.
  await page.evaluate(() => {
    const seen = window as unknown as { pointerCameBack?: boolean };
    new MutationObserver(() => {
      if (!document.documentElement.classList.contains('cursor-idle')) seen.pointerCameBack = true;
    }).observe(document.documentElement, { attributes: true, attributeFilter: ['class'] });
  });
  await page.mouse.move(420, 320);
  await expect.poll(() => page.evaluate(() => (window as unknown as { pointerCameBack?: boolean }).pointerCameBack === true)).toBe(true);
  // The operator's queue (no hideCursorAfter) keeps its pointer.
  const queue = await wall.open(wall.urls.queue);
  await queue.mouse.move(200, 200);
  await expect(queue.locator('html')).not.toHaveClass(/cursor-idle/);
});

test('the browser wall serves the narrowed policy: cameras from the demo gateway only, no scheme-wide sources', async ({ wall }) => {
  const response = await fetch(wall.urls.video);
  const csp = response.headers.get('content-security-policy') ?? '';
  expect(response.headers.get('x-content-type-options')).toBe('nosniff');
  expect(csp).toMatch(/media-src 'self' blob: http:\/\/\*\.localhost:\d+;/);
  expect(csp).toContain("frame-ancestors 'none'");
  expect(csp).not.toMatch(/(^|\s)(https?:|wss?:)(;|\s|$)/);
});
