import { test as base, expect, type Browser, type Page } from '@playwright/test';
import { startWallProcess, type StartedWall, type WallUrls } from '../support/wallProcess';

export interface RunningWall {
  urls: WallUrls;
  port: number;
  /** Opens a window role in its own browser context, as a separate monitor would, and waits until it is live. */
  open(url: string): Promise<Page>;
  /** The same, without waiting for the link: for windows that are expected to be refused. */
  openUnchecked(url: string): Promise<Page>;
}

export const test = base.extend<{ wall: RunningWall }, { wallProcess: StartedWall }>({
  wallProcess: [
    async ({}, use) => {
      const wall = await startWallProcess();
      await use(wall);
      await wall.stop();
    },
    { scope: 'worker', timeout: 60_000 },
  ],
  wall: async ({ wallProcess, browser }, use) => {
    const contexts: Awaited<ReturnType<Browser['newContext']>>[] = [];
    const openUnchecked = async (url: string) => {
      const context = await browser.newContext();
      contexts.push(context);
      const page = await context.newPage();
      await page.goto(url);
      return page;
    };
    await use({
      urls: wallProcess.urls,
      port: wallProcess.port,
      openUnchecked,
      async open(url: string) {
        const page = await openUnchecked(url);
        // "Live" once the window has read its snapshot: its header is complete and will not shift under a click.
        await expect(page.getByTestId('link-state')).toHaveClass(/link-open/, { timeout: 20_000 });
        return page;
      },
    });
    for (const context of contexts) await context.close();
  },
});

/** Signs the window in at its console (the demo's operators: op01 王敏 111111 … dir01 陈建国 999999). */
export async function signIn(page: Page, name = '王敏', pin = '111111'): Promise<void> {
  await page.getByRole('button', { name: '签入' }).click();
  const dialog = page.getByRole('dialog', { name: '操作员签入' });
  await dialog.getByLabel('操作员').selectOption({ label: `${name}（${name === '陈建国' ? '值班主任' : '操作员'}）` });
  await dialog.getByLabel('密码').fill(pin);
  await dialog.getByRole('button', { name: '签入' }).click();
  await expect(page.getByTestId('operator')).toContainText(name);
}

export { expect };
