import { expect, test, type Page } from '@playwright/test';
import { join } from 'node:path';
import { startFaultProxy, type FaultProxy } from '../support/faultProxy';
import { startPlatformProcess } from '../support/killHarness';
import { readPlatformCredentials } from '../../electron/host/platformCredentials';
import { bearerFor } from '../../shared/sync/protocol';
import { startWallProcess, type StartedWall } from '../support/wallProcess';
import { tempDir } from '../support/testCore';
import { signIn } from './wallFixture';

/**
 * The sync light as the room sees it: a wall synced with a real platform
 * process through a fault proxy. Online; a hotline ticket arriving in the
 * queue; the link cut (amber, "offline since", actions waiting); the
 * district closing the case meanwhile; the link back (red, the rejection
 * listed with its reason, the case showing the district's state).
 */
test.describe('the sync light', () => {
  const dir = tempDir();
  let platform: Awaited<ReturnType<typeof startPlatformProcess>>;
  let proxy: FaultProxy;
  let wall: StartedWall;
  let platformUrl: string;

  test.beforeAll(async () => {
    test.setTimeout(120_000);
    const port = 20_000 + Math.floor(Math.random() * 20_000);
    platform = await startPlatformProcess(join(dir.path, 'platform'), port);
    platformUrl = `http://127.0.0.1:${port}`;
    proxy = await startFaultProxy({ host: '127.0.0.1', port });
    process.env.GRIDWALL_SYNC_TIMEOUT_MS = '1500';
    process.env.GRIDWALL_SYNC_RETRY_CAP_MS = '500';
    wall = await startWallProcess(['--platform-credentials', join(dir.path, 'platform', 'credentials', 'SD02.json'), '--platform', proxy.url]);
  });
  test.afterAll(async () => {
    await wall?.stop();
    await proxy?.close();
    platform?.child.kill('SIGTERM');
    await platform?.exited;
    dir.remove();
  });

  const light = (page: Page) => page.getByTestId('sync-light');
  const credentials = (name: string) => readPlatformCredentials(join(dir.path, 'platform', 'credentials', `${name}.json`));
  const post = (path: string, body: unknown, auth: string) => fetch(`${platformUrl}${path}`, { method: 'POST', headers: { authorization: auth, 'content-type': 'application/json' }, body: JSON.stringify(body) });

  test('shows online, offline with what waits, and the district\'s rejection with its reason', async ({ browser }) => {
    const page = await (await browser.newContext()).newPage();
    await page.goto(wall.urls.queue);
    await expect(light(page)).toHaveClass(/sync-online/);
    await expect(light(page)).toContainText('区平台');
    await expect(light(page)).toContainText('在线');
    await signIn(page);

    await post('/intake/v1/hotline', { tickets: [{ ticketId: 'E2E-1', receivedAt: Date.now(), categoryCode: '20401', content: '端到端测试：北站街道门口占道摆摊', lngLat: [121.4624, 31.2425] }] }, `Bearer intake.${credentials('intake').secret}`);
    await page.getByRole('searchbox').fill('端到端测试');
    // The hotline's case, found by its words, in Beizhan's grid, waiting to be verified.
    const ticket = page.getByTestId('case-list').getByRole('option');
    await expect(ticket).toHaveCount(1);
    await expect(ticket).toContainText('北站第2网格');

    proxy.set('blackhole');
    await expect(light(page)).toHaveClass(/sync-offline/, { timeout: 15_000 });
    await expect(light(page)).toContainText('离线，自');
    await ticket.click();
    await page.getByRole('button', { name: /核实/ }).first().click();
    await expect(light(page)).toContainText('待发送 1');
    await page.screenshot({ path: 'test-results/sync-offline.png' });

    const listed = (await (await fetch(`${platformUrl}/district/v1/cases?subCentre=SD02&limit=50`, { headers: { authorization: bearerFor(credentials('district')) } })).json()) as { cases: { ref: string; description: string }[] };
    const ref = listed.cases.find((item) => item.description.startsWith('端到端测试'))!.ref;
    expect((await post(`/district/v1/cases/${ref}/close`, { note: '区平台已结案' }, bearerFor(credentials('district')))).status).toBe(200);
    proxy.set('pass');
    await expect(light(page)).toHaveClass(/sync-rejected/, { timeout: 20_000 });
    await expect(light(page)).toContainText('被退回 1');
    await light(page).click();
    const dialog = page.getByRole('dialog', { name: '与区平台同步的操作' });
    await expect(dialog.getByTestId('sync-actions-rejected')).toContainText('区平台已结案，此操作未生效');
    await expect(dialog.getByTestId('sync-actions-rejected')).toContainText('核实');
    await page.screenshot({ path: 'test-results/sync-rejected.png' });
    await dialog.getByRole('button', { name: '已阅，不再亮红灯' }).click();
    await expect(light(page)).toHaveClass(/sync-online/);
    await expect(dialog.getByTestId('sync-actions-rejected')).toContainText('已阅');
  });
});
