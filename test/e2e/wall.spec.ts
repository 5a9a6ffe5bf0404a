import type { Page } from '@playwright/test';
import { expect, signIn, test } from './wallFixture';

/** "123 件" → 123 */
async function openCount(page: Page): Promise<number> {
  const text = await page.getByTestId('open-count').innerText();
  return Number(text.replace(/\D/g, ''));
}

/** Records, in the page, when each case number first appears: a reload would reset it. */
async function watchCaseNumbers(page: Page): Promise<void> {
  await page.evaluate(() => {
    const seen: Record<string, number> = {};
    (window as unknown as { seenCases: Record<string, number> }).seenCases = seen;
    const mark = () => {
      for (const element of document.querySelectorAll<HTMLElement>('[data-case-number]')) {
        seen[element.dataset.caseNumber!] ??= Date.now();
      }
    };
    mark();
    new MutationObserver(mark).observe(document.body, { subtree: true, childList: true });
  });
}

test('a case registered in the queue appears live in the video and map windows', async ({ wall }) => {
  const queue = await wall.open(wall.urls.queue);
  const video = await wall.open(wall.urls.video);
  const map = await wall.open(wall.urls.map);
  await expect(map.getByTestId('map')).toHaveAttribute('data-ready', 'true');

  await signIn(queue);
  const openBefore = await openCount(queue);
  expect(openBefore).toBeGreaterThan(50);
  expect(await openCount(map)).toBe(openBefore);
  await watchCaseNumbers(video);

  await queue.getByRole('button', { name: '新建案件' }).click();
  const form = queue.getByRole('form', { name: '新建案件' });
  await form.getByLabel('问题描述').fill('曲阜路地铁站 2 号口三个流动摊头占道经营');
  await form.getByLabel('类别').selectOption({ label: '20401 无照经营游商' });
  await form.getByLabel('来源').selectOption({ label: '视频巡查' });
  const placeSelect = form.getByLabel('地点');
  const firstPlace = await placeSelect.locator('option').nth(1).getAttribute('value');
  await placeSelect.selectOption(firstPlace!);
  await form.getByRole('checkbox', { name: '紧急' }).check();
  await form.getByRole('button', { name: '登记案件' }).click();

  const done = queue.getByRole('status').filter({ hasText: '已登记' });
  await expect(done).toContainText('已登记');
  const number = (await done.innerText()).match(/\d{8}-\d{4}/)![0];

  // The other windows show it without a reload: the marker set before the click is still there.
  const tickerItem = video.locator(`[data-case-number="${number}"]`);
  await expect(tickerItem).toBeVisible();
  await expect(tickerItem).toContainText('无照经营游商');
  await expect(tickerItem.locator('.urgent-tag')).toBeVisible();
  const appearedAt = await video.evaluate((n) => (window as unknown as { seenCases: Record<string, number> }).seenCases[n], number);
  expect(appearedAt).toBeGreaterThan(0);
  await expect.poll(() => openCount(map)).toBe(openBefore + 1);
  await expect.poll(() => openCount(queue)).toBe(openBefore + 1);

  // The new case is selected in the queue, urgent, and located in a grid.
  const detail = queue.getByTestId('case-detail');
  await expect(detail).toContainText(number);
  await expect(detail).toContainText('网格');

  // Acting on it in the queue updates the others too.
  await queue.keyboard.press('R');
  await expect(detail.getByTestId('detail-status')).toHaveText('已立案');
  await expect(queue.locator(`[data-case-number="${number}"]`)).toHaveAttribute('data-status', 'registered');
});

test('a bad form is refused with the wrong fields named, and nothing is registered', async ({ wall }) => {
  const queue = await wall.open(wall.urls.queue);
  await signIn(queue);
  const before = await openCount(queue);
  await queue.getByRole('button', { name: '新建案件' }).click();
  const form = queue.getByRole('form', { name: '新建案件' });
  await form.getByLabel('问题描述').fill('x');
  await form.getByLabel('联系电话（可选）').fill('call me maybe');
  await form.getByRole('button', { name: '登记案件' }).click();
  await expect(form.getByRole('alert').first()).toBeVisible();
  await expect(form).toContainText('问题描述需 2–500 个字');
  await expect(form).toContainText('请选择类别');
  await expect(form).toContainText('电话号码只能包含数字');
  expect(await openCount(queue)).toBe(before);
});

test('the visitors\' token opens the presentation, never the queue', async ({ wall }) => {
  const visitor = await wall.openUnchecked(wall.urls.presentation.replace('presentation.html', 'queue.html'));
  // The host refuses the socket: the window never links up, and no case reaches it.
  await expect(visitor.getByTestId('link-state')).toHaveClass(/link-(lost|refused)/);
  await expect(visitor.getByTestId('case-list').getByRole('option')).toHaveCount(0);
  const presentation = await wall.open(wall.urls.presentation);
  await expect(presentation.getByTestId('presentation')).toHaveAttribute('data-view', /\w+/);
});

test('a window without a valid token is refused and says why', async ({ wall }) => {
  const url = new URL(wall.urls.queue);
  url.searchParams.set('token', 'left-over-from-yesterday');
  const page = await wall.openUnchecked(url.href);
  await expect(page.getByTestId('link-state')).toHaveClass(/link-refused/);
  await expect(page.getByTestId('link-state')).toContainText('访问令牌已失效');
  await expect(page.getByTestId('case-list').getByRole('option')).toHaveCount(0);
});

test('the wall speaks English on request', async ({ wall }) => {
  const queue = await wall.open(`${wall.urls.queue}&lang=en`);
  await expect(queue.getByRole('heading', { level: 1 })).toContainText('Dispatch queue');
  await expect(queue.getByRole('button', { name: 'Sign in' })).toBeVisible();
  await expect(queue.getByRole('button', { name: 'Assessment' })).toBeVisible();
});

/**
 * Fault injection for a window: its sockets can be cut and kept from
 * reconnecting, as when a cable is pulled. Installed before the page loads.
 */
async function openCuttable(wall: { openUnchecked(url: string): Promise<Page> }, url: string): Promise<Page> {
  const page = await wall.openUnchecked('about:blank');
  await page.addInitScript(`(() => {
    const Real = window.WebSocket;
    const open = [];
    window.cutLink = (cut) => {
      window.linkCut = cut;
      if (cut) for (const socket of open.splice(0)) socket.close();
    };
    window.WebSocket = class extends Real {
      constructor(url, protocols) {
        super(window.linkCut ? 'ws://127.0.0.1:9/cut' : url, protocols);
        open.push(this);
      }
    };
  })()`);
  await page.goto(url);
  await expect(page.getByTestId('link-state')).toHaveClass(/link-open/);
  return page;
}

test('a window that loses its link catches up when it is back, without a reload', async ({ wall }) => {
  const queue = await wall.open(wall.urls.queue);
  await signIn(queue);
  const video = await openCuttable(wall, wall.urls.video);
  await watchCaseNumbers(video);
  await video.evaluate('window.cutLink(true)');
  await expect(video.getByTestId('link-state')).toHaveClass(/link-lost/);

  // Meanwhile the room goes on: a case is registered in the queue.
  await queue.getByRole('button', { name: '新建案件' }).click();
  const form = queue.getByRole('form', { name: '新建案件' });
  await form.getByLabel('问题描述').fill('断线期间登记的案件');
  await form.getByLabel('类别').selectOption('20101');
  await form.getByLabel('来源').selectOption('street');
  await form.getByRole('button', { name: '登记案件' }).click();
  const number = ((await queue.getByRole('status').filter({ hasText: '已登记' }).innerText()).match(/\d{8}-\d{4}/) ?? [''])[0];
  await expect(video.locator(`[data-case-number="${number}"]`)).toHaveCount(0);

  await video.evaluate('window.cutLink(false)');
  await expect(video.getByTestId('link-state')).toHaveClass(/link-open/, { timeout: 40_000 });
  await expect(video.locator(`[data-case-number="${number}"]`)).toBeVisible();
  // Still the same page: the marker installed before the outage survived.
  expect(await video.evaluate('typeof window.seenCases')).toBe('object');
});
