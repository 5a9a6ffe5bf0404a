import type { Page } from '@playwright/test';
import { requestNames } from '../../shared/contract/contract';
import { presentationViews } from '../../shared/presentation/figures';
import { validExamples } from '../support/hostileMessages';
import { connectPresenter } from '../support/presenter';
import { openWindow } from '../support/windowClient';
import { expect, signIn, test } from './wallFixture';

const stage = (page: Page) => page.getByTestId('presentation');

/** The page shows `view` with its figures in. */
async function expectView(page: Page, view: string): Promise<void> {
  await expect(stage(page)).toHaveAttribute('data-view', view);
  await expect(stage(page).locator('.view')).toHaveAttribute('data-ready', 'true');
}

test('one command puts every wall window into presentation and takes it out again; the queue keeps working', async ({ wall }) => {
  const queue = await wall.open(wall.urls.queue);
  const video = await wall.open(wall.urls.video);
  const map = await wall.open(wall.urls.map);
  const visitors = await wall.open(wall.urls.presentation);
  await signIn(queue, '陈建国', '999999');
  // The tour keeps turning pages (20 s each) while the windows open; hold it on the first page for this test.
  const presenter = await connectPresenter(wall.urls, wall.port);
  try {
    await presenter.show('overview');
    await presenter.tour({ action: 'stop' });
    await expectView(visitors, 'overview');

    await queue.keyboard.press('F9');
    for (const page of [video, map, visitors]) await expectView(page, 'overview');
    await expect(video.getByTestId('matrix')).toHaveCount(0);
    await expect(map.getByTestId('map')).toHaveCount(0);
    // The operators' queue is not part of the presentation.
    await expect(queue.getByTestId('case-list').getByRole('option').first()).toBeVisible();
    await expect(stage(queue)).toHaveCount(0);

    await queue.keyboard.press('F9');
    await expect(video.getByTestId('matrix')).toBeVisible();
    await expect(map.getByTestId('map')).toHaveAttribute('data-ready', 'true');
    await expect(stage(video)).toHaveCount(0);
    // A visitors' screen stays on the presentation: it is all it may show.
    await expectView(visitors, 'overview');
  } finally {
    await presenter.tour({ action: 'resume' });
    await presenter.close();
  }
});

test('the tour turns the page on every window, and a clicker steps, blanks and stops it', async ({ wall }) => {
  const presenter = await connectPresenter(wall.urls, wall.port);
  try {
    const video = await wall.open(wall.urls.video);
    const visitors = await wall.open(wall.urls.presentation);
    // The director enters presentation by command at the video window, signing in there when asked.
    await video.locator('body').press('F2');
    await video.getByTestId('command-bar').getByRole('textbox').fill('进入演示模式');
    // Enter runs only what has been read back: wait for the read-back first (it comes from the core).
    await expect(video.getByTestId('command-bar')).toHaveClass(/command-ready/);
    await video.getByTestId('command-bar').getByRole('textbox').press('Enter');
    const dialog = video.getByRole('dialog', { name: '操作员签入' });
    await dialog.getByLabel('操作员').selectOption({ label: '陈建国（值班主任）' });
    await dialog.getByLabel('密码').fill('999999');
    await dialog.getByRole('button', { name: '签入' }).click();
    // Back at the bar after signing in: again, Enter runs only once the read-back is there.
    await expect(video.getByTestId('command-bar')).toHaveClass(/command-ready/);
    await video.getByTestId('command-bar').getByRole('textbox').press('Enter');
    await expectView(video, 'overview');

    // PageDown on the clicker: every window turns to the next view.
    await video.keyboard.press('PageDown');
    for (const page of [video, visitors]) await expectView(page, 'channels');
    await video.keyboard.press('PageUp');
    for (const page of [video, visitors]) await expectView(page, 'overview');

    // B (and ".") blanks every screen; pressed again, the page is back.
    await video.keyboard.press('b');
    for (const page of [video, visitors]) await expect(page.getByTestId('presentation-blank')).toBeVisible();
    await video.keyboard.press('.');
    for (const page of [video, visitors]) await expect(page.getByTestId('presentation-blank')).toHaveCount(0);

    // With a short dwell the tour moves on by itself, on every window alike.
    await presenter.tour({ action: 'dwell', seconds: 5 });
    for (const page of [video, visitors]) await expectView(page, 'channels');
    // Esc stops the tour where it is.
    await video.keyboard.press('Escape');
    for (const page of [video, visitors]) await expect(stage(page)).toHaveAttribute('data-running', 'false');
    await expect(visitors.getByText('轮播已暂停')).toBeVisible();
    // A visitors' screen cannot steer: its keys change nothing.
    await visitors.keyboard.press('PageDown');
    await video.keyboard.press('F5');
    for (const page of [video, visitors]) await expect(stage(page)).toHaveAttribute('data-running', 'true');
  } finally {
    await presenter.present(false).catch(() => undefined);
    await presenter.close();
  }
});

test('no canary from a personal or free-text field reaches a presentation window, in what it receives or shows', async ({ wall }) => {
  const canaries = ['金丝雀李四', '13687654321', '和平新村12号楼501室', '金丝雀原因', 'CANARY-PHOTO'] as const;
  const presenter = await connectPresenter(wall.urls, wall.port);
  try {
    const item = await presenter.request<{ id: number; number: string }>('case.create', {
      description: `${canaries[0]} ${canaries[1]} 反映 ${canaries[2]} 楼下暴露垃圾`,
      categoryCode: '20101',
      sourceId: 'hotline',
      address: canaries[2],
      reporter: { name: canaries[0], phone: canaries[1] },
    });
    for (const step of [{ action: 'register' }, { action: 'dispatch', leadDepartmentId: 'SANITATION' }, { action: 'startHandling' }, { action: 'reportBack' }, { action: 'close', satisfaction: 1 }]) {
      await presenter.request('case.act', { caseId: item.id, reason: `${canaries[3]} ${canaries[1]}`, ...step });
    }
    const pngOf = (marker: string) => Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from(marker), Buffer.alloc(16, 1)]).toString('base64');
    const released = await presenter.request<{ id: number }>('case.attach', { caseId: item.id, kind: 'photo', mime: 'image/png', dataBase64: pngOf('released'), caption: canaries[4] });
    await presenter.request('case.attach', { caseId: item.id, kind: 'photo', mime: 'image/png', dataBase64: pngOf(canaries[4]), caption: canaries[4] });
    await presenter.request('presentation.highlight', { caseId: item.id, chosen: true, before: [released.id], after: [] });
    await presenter.tour({ action: 'stop' });

    const visitors = await wall.openUnchecked('about:blank');
    const frames: string[] = [];
    visitors.on('websocket', (socket) => socket.on('framereceived', (frame) => frames.push(String(frame.payload))));
    await visitors.goto(wall.urls.presentation);
    for (const view of presentationViews) {
      await presenter.show(view);
      await expectView(visitors, view);
      if (view === 'highlights') await expect(visitors.locator('.highlight img')).toBeVisible();
      frames.push(await visitors.content());
    }

    // Every request of the contract, asked with the visitors' token.
    const token = new URL(wall.urls.presentation).searchParams.get('token')!;
    const client = await openWindow(wall.port, `role=presentation&token=${token}`);
    for (const name of requestNames) frames.push(JSON.stringify(await client.request(name, { ...validExamples[name], caseId: item.id })));
    await client.close();

    const everything = frames.join('\n');
    for (const canary of [...canaries, item.number, Buffer.from(canaries[4]).toString('base64').slice(0, 12)]) expect(everything, canary).not.toContain(canary);
  } finally {
    await presenter.close();
  }
});
