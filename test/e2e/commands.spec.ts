import type { Page } from '@playwright/test';
import { expect, signIn, test } from './wallFixture';

async function typeCommand(page: Page, line: string): Promise<void> {
  await page.locator('body').press('F2');
  const bar = page.getByTestId('command-bar');
  await expect(bar).toBeVisible();
  await bar.getByRole('textbox').fill(line);
}

test('a spoken order typed in the video window is read back, then appears dispatched in the queue of another window', async ({ wall }) => {
  const queue = await wall.open(wall.urls.queue);
  const video = await wall.open(wall.urls.video);
  await signIn(queue);

  await typeCommand(video, '芷江西路300号门口建筑垃圾乱倒，堵住了公交站，环卫和城管马上去');
  const readBack = video.getByTestId('command-readback');
  for (const fact of ['芷江西路300号', '建筑垃圾乱倒', '环卫作业公司', '城管中队', '紧急']) await expect(readBack).toContainText(fact);
  await expect(video.getByTestId('command-bar')).toHaveClass(/command-ready/);
  await video.keyboard.press('Enter');

  // This console has not signed in yet: sign in, and the line is still there.
  const dialog = video.getByRole('dialog', { name: '操作员签入' });
  await dialog.getByLabel('操作员').selectOption({ label: '李强（操作员）' });
  await dialog.getByLabel('密码').fill('222222');
  await dialog.getByRole('button', { name: '签入' }).click();
  await expect(video.getByTestId('command-bar').getByRole('textbox')).toHaveValue(/芷江西路300号/);
  await expect(video.getByTestId('command-bar')).toHaveClass(/command-ready/);
  await video.keyboard.press('Enter');
  const outcome = video.getByTestId('command-outcome');
  await expect(outcome).toContainText('已执行');
  await expect(outcome).toContainText('可撤销');
  const number = (await outcome.innerText()).match(/\d{8}-\d{4}/)![0];

  const row = queue.getByTestId('case-list').getByRole('option').filter({ hasText: number });
  await expect(row).toBeVisible();
  await row.click();
  const detail = queue.getByTestId('case-detail');
  await expect(detail.getByTestId('detail-status')).toHaveText('已派遣');
  await expect(detail).toContainText('环卫作业公司');
  await expect(detail.getByTestId('timeline')).toContainText('李强');
});

test('hotkeys: one digit dispatches, Ctrl+Z undoes, F1 lists the keys, and nothing fires while typing', async ({ wall }) => {
  const queue = await wall.open(wall.urls.queue);
  const video = await wall.open(wall.urls.video);
  await signIn(queue);
  await queue.getByRole('button', { name: '新建案件' }).click();
  const form = queue.getByRole('form', { name: '新建案件' });
  await form.getByLabel('问题描述').fill('康乐路小学门口有人卖三无食品');
  await form.getByLabel('类别').selectOption('20707');
  await form.getByLabel('来源').selectOption('street');
  await form.getByRole('button', { name: '登记案件' }).click();
  const detail = queue.getByTestId('case-detail');
  await expect(detail.getByTestId('detail-status')).toHaveText('待核实');
  await queue.locator('body').press('R');
  await expect(detail.getByTestId('detail-status')).toHaveText('已立案');

  // Typing in a field never triggers a hotkey.
  const search = queue.getByRole('searchbox');
  await search.fill('5');
  await expect(detail.getByTestId('detail-status')).toHaveText('已立案');
  await search.fill('');
  await queue.locator('body').click({ position: { x: 5, y: 5 } });

  // "5" is the fifth linked unit (食药监), one key; the outcome line says what happened and that it can be undone.
  await queue.locator('body').press('5');
  await expect(detail.getByTestId('detail-status')).toHaveText('已派遣');
  await expect(detail).toContainText('食药监分所');
  await expect(queue.getByRole('status').filter({ hasText: '已执行' })).toContainText('食药监分所');
  await queue.locator('body').press('Control+z');
  await expect(detail.getByTestId('detail-status')).toHaveText('已立案');
  await expect(queue.getByTestId('command-outcome')).toContainText('已撤销');
  await expect(detail.getByTestId('timeline')).toContainText('撤销');

  await queue.locator('body').press('F1');
  const overlay = queue.getByTestId('hotkey-overlay');
  await expect(overlay).toContainText('派给 食药监');
  await expect(overlay).toContainText('Ctrl+Z');
  await queue.keyboard.press('Escape');
  await expect(overlay).toHaveCount(0);

  // F9 puts the wall into presentation mode: the video window shows the presentation instead of its cameras.
  await queue.locator('body').press('F9');
  await expect(video.getByTestId('presentation')).toBeVisible();
  await expect(video.getByTestId('matrix')).toHaveCount(0);
  await queue.locator('body').press('F9');
  await expect(video.getByTestId('matrix')).toBeVisible();
  await expect(video.getByTestId('presentation')).toHaveCount(0);
});
