import type { Page } from '@playwright/test';
import { startWallProcess } from '../support/wallProcess';
import { expect, signIn, test } from './wallFixture';

/** Registers a case through the queue's form and returns its number; the new case is then selected. */
async function reportCase(queue: Page, input: { description: string; category: string; source?: string; place?: string }): Promise<string> {
  await queue.getByRole('button', { name: '新建案件' }).click();
  const form = queue.getByRole('form', { name: '新建案件' });
  await form.getByLabel('问题描述').fill(input.description);
  await form.getByLabel('类别').selectOption(input.category);
  await form.getByLabel('来源').selectOption(input.source ?? 'street');
  if (input.place) await form.getByLabel('地点').selectOption({ label: input.place });
  await form.getByRole('button', { name: '登记案件' }).click();
  const notice = queue.getByRole('status').filter({ hasText: '已登记' });
  await expect(notice).toBeVisible();
  return (await notice.innerText()).match(/\d{8}-\d{4}/)![0];
}

const detailOf = (queue: Page) => queue.getByTestId('case-detail');

async function expectStatus(queue: Page, status: string): Promise<void> {
  await expect(detailOf(queue).getByTestId('detail-status')).toHaveText(status);
}

/** Opens an action's form with its key, fills the reason, confirms. */
async function actWithForm(queue: Page, key: string, actionName: string, fill?: (form: ReturnType<Page["getByRole"]>) => Promise<unknown>): Promise<void> {
  await queue.locator('body').press(key);
  const form = queue.getByRole('form', { name: actionName });
  await expect(form).toBeVisible();
  if (fill) await fill(form);
  await form.getByRole('button', { name: `确认${actionName}` }).click();
  await expect(form).toHaveCount(0);
}

test('a case goes from report to closure by keyboard, and the other windows follow', async ({ wall }) => {
  const queue = await wall.open(wall.urls.queue);
  const video = await wall.open(wall.urls.video);
  await signIn(queue);
  const number = await reportCase(queue, { description: '光复路200号门口暴露垃圾两袋', category: '20101', place: '曲阜路站' });
  await expect(video.locator(`[data-case-number="${number}"]`)).toBeVisible();

  await queue.locator('body').press('R');
  await expectStatus(queue, '已立案');
  await actWithForm(queue, 'D', '派遣', async (form) => {
    await form.getByLabel('主办部门').selectOption({ label: '环卫' });
  });
  await expectStatus(queue, '已派遣');
  await expect(detailOf(queue).getByTestId('deadline')).toContainText('剩余');
  await queue.locator('body').press('S');
  await expectStatus(queue, '处置中');
  await queue.locator('body').press('B');
  await expectStatus(queue, '已反馈');
  await actWithForm(queue, 'C', '结案');
  await expectStatus(queue, '已结案');

  const timeline = detailOf(queue).getByTestId('timeline');
  for (const step of ['上报', '立案', '派遣', '开始处置', '反馈', '结案']) await expect(timeline).toContainText(step);
  await expect(timeline).toContainText('王敏');
  // Closed: no longer an open case anywhere on the wall.
  await expect(video.locator(`[data-case-number="${number}"]`)).toHaveCount(0);
});

test('a department returns a case, with a reason, and it is dispatched again', async ({ wall }) => {
  const queue = await wall.open(wall.urls.queue);
  await signIn(queue, '李强', '222222');
  await reportCase(queue, { description: '康乐路小学门口流动摊贩', category: '20401' });
  await queue.locator('body').press('R');
  await expectStatus(queue, '已立案');
  await actWithForm(queue, 'D', '派遣', (form) => form.getByLabel('主办部门').selectOption({ label: '市场所' }));
  await expectStatus(queue, '已派遣');

  // Without a reason the return is refused and nothing changes.
  await queue.locator('body').press('T');
  const returnForm = queue.getByRole('form', { name: '退回' });
  await returnForm.getByRole('button', { name: '确认退回' }).click();
  await expect(detailOf(queue).getByRole('alert')).toContainText('必须填写原因');
  await returnForm.getByLabel('原因 / 说明').fill('无照游商属城管职责');
  await returnForm.getByRole('button', { name: '确认退回' }).click();
  await expectStatus(queue, '已立案');
  await expect(detailOf(queue)).toContainText('退回 1 次');

  await actWithForm(queue, 'D', '派遣', (form) => form.getByLabel('主办部门').selectOption({ label: '城管' }));
  await expectStatus(queue, '已派遣');
  await expect(detailOf(queue).locator('[data-department="CITYMGMT"]')).toContainText('主办');
  await expect(detailOf(queue).getByTestId('timeline')).toContainText('无照游商属城管职责');
});

test('a joint operation gives each unit its own record', async ({ wall }) => {
  const queue = await wall.open(wall.urls.queue);
  await signIn(queue);
  await reportCase(queue, { description: '彭浦新村群租房联合整治', category: '20801' });
  await queue.locator('body').press('R');
  await expectStatus(queue, '已立案');
  await actWithForm(queue, 'D', '派遣', async (form) => {
    await form.getByLabel('主办部门').selectOption({ label: '房办' });
    for (const helper of ['派出所', '城管', '市场所', '食药监']) await form.getByRole('checkbox', { name: helper }).check();
  });
  const records = detailOf(queue).locator('[data-department]');
  await expect(records).toHaveCount(5);
  await expect(detailOf(queue).locator('[data-department="HOUSING"]')).toContainText('主办');
  await expect(detailOf(queue).locator('[data-department="POLICE"]')).toContainText('协办');

  await actWithForm(queue, 'P', '登记协办进展', async (form) => {
    await form.getByLabel('协办').selectOption({ label: '派出所' });
    await form.getByLabel('原因 / 说明').fill('清查 12 户');
  });
  await expect(detailOf(queue).locator('[data-department="POLICE"]')).toContainText('已反馈');
  await expect(detailOf(queue).locator('[data-department="POLICE"]')).toContainText('清查 12 户');
});

test('a duplicate report is proposed and merged with one key', async ({ wall }) => {
  const queue = await wall.open(wall.urls.queue);
  await signIn(queue);
  const first = await reportCase(queue, { description: '中山公园门口井盖缺失', category: '10101', place: '曲阜路站' });
  const second = await reportCase(queue, { description: '市民来电：井盖没了', category: '10101', source: 'hotline', place: '曲阜路站' });
  await expect(detailOf(queue)).toContainText(second);
  await expect(detailOf(queue).getByTestId('duplicate')).toContainText(first);
  await actWithForm(queue, 'M', '合并');
  await expectStatus(queue, '已合并');
  await expect(detailOf(queue).getByTestId('timeline')).toContainText('合并');
});

test('approvals belong to the duty director', async ({ wall }) => {
  const queue = await wall.open(wall.urls.queue);
  await signIn(queue);
  await reportCase(queue, { description: '芷江西路违法搭建', category: '20105' });
  await queue.locator('body').press('R');
  await expectStatus(queue, '已立案');
  await actWithForm(queue, 'D', '派遣', (form) => form.getByLabel('主办部门').selectOption({ label: '城管' }));
  await expect(detailOf(queue).getByRole('button', { name: '挂账' })).toHaveCount(0);
  await expect(detailOf(queue).getByRole('button', { name: '申请延期' })).toBeVisible();
  await actWithForm(queue, 'E', '申请延期', (form) => form.getByLabel('原因 / 说明').fill('需协调产权单位'));
  await expect(detailOf(queue)).toContainText('延期申请待批');

  await queue.getByRole('button', { name: '签出' }).click();
  await signIn(queue, '陈建国', '999999');
  await queue.locator('body').press('A');
  await expect(detailOf(queue)).toContainText('延期 1 次');
  await expect(detailOf(queue)).not.toContainText('延期申请待批');
  await expect(detailOf(queue).getByRole('button', { name: '挂账' })).toBeVisible();
});

test('a photo taken on site is attached to the case', async ({ wall }) => {
  const queue = await wall.open(wall.urls.queue);
  await signIn(queue);
  await reportCase(queue, { description: '西藏北路井盖缺失', category: '10101' });
  const png = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');
  await detailOf(queue).locator('input[type=file]').setInputFiles({ name: '现场.png', mimeType: 'image/png', buffer: png });
  await expect(detailOf(queue).getByTestId('photos').locator('img')).toHaveCount(1);
  await expect(detailOf(queue).getByTestId('photos')).toContainText('王敏');
});

test('text with markup is shown as text, never run', async ({ wall }) => {
  const queue = await wall.open(wall.urls.queue);
  await signIn(queue);
  const description = '<img src=x onerror="document.title=\'pwned\'">占道<b>堆物</b>';
  const number = await reportCase(queue, { description, category: '20101' });
  await expect(detailOf(queue).locator('.case-description')).toHaveText(description);
  await expect(detailOf(queue).locator('.case-description img')).toHaveCount(0);
  expect(await queue.title()).not.toBe('pwned');
  // Found again by searching for its number.
  await queue.getByRole('searchbox').fill(number);
  await expect(queue.getByTestId('query-total')).toHaveText('共 1 件');
  await expect(queue.getByTestId('case-list').locator(`[data-case-number="${number}"]`)).toContainText('暴露垃圾');
});

test('the assessment board drills down to the cases behind a figure', async ({ wall }) => {
  const queue = await wall.open(wall.urls.queue);
  await queue.getByRole('button', { name: '考核' }).click();
  const board = queue.getByTestId('scoreboard');
  await expect(board).toBeVisible();
  await board.getByLabel('考核月份').selectOption({ index: 1 });
  const overall = board.getByRole('row', { name: /全分中心/ }).first();
  await expect(overall).toBeVisible();
  await overall.getByRole('button').filter({ hasText: '%' }).first().click();
  const drilldown = queue.getByTestId('drilldown');
  await expect(drilldown).toBeVisible();
  const firstCase = drilldown.locator('[data-case-number]').first();
  await expect(firstCase).toBeVisible();
  const number = await firstCase.getAttribute('data-case-number');
  await firstCase.click();
  await expect(queue.getByTestId('case-detail')).toContainText(number!);
});

test('the shift handover lists what the next shift must know and is saved as a file', async ({ wall }) => {
  const queue = await wall.open(wall.urls.queue);
  await signIn(queue);
  await queue.getByRole('button', { name: '交接班' }).click();
  const dialog = queue.getByRole('dialog', { name: '交接班报告' });
  await dialog.getByRole('button', { name: '生成报告' }).click();
  for (const section of ['紧急案件', '已超期', '即将超期', '挂账案件', '被退回待重派', '本班关键事件']) await expect(dialog).toContainText(section);
  await expect(dialog).toContainText(/handover-\d{12}\.html/);
  // What the video wall showed this shift, per time slot, and which cameras it never did.
  const video = dialog.getByTestId('handover-video');
  await expect(video).toContainText('各时段视频覆盖');
  await expect(video.getByRole('row')).not.toHaveCount(1);
  await expect(dialog.getByRole('button', { name: '打印' })).toBeVisible();
});

test('the assessment board reads its figures again after cases change, but not under an open drill-down', async ({ browser }) => {
  // The board's page clock jumps a minute at a time, longer than three default heartbeats: a real window would
  // rightly take its link for dead and reconnect. This wall's heartbeat is long enough for the jumps.
  const wall = await startWallProcess(['--heartbeat-ms', '30000']);
  const context = await browser.newContext();
  const board = await context.newPage();
  let kpiRequests = 0;
  board.on('websocket', (socket) => socket.on('framesent', (frame) => (kpiRequests += String(frame.payload).includes('"kpi.get"') ? 1 : 0)));
  await board.goto(wall.urls.queue);
  await expect(board.getByTestId('link-state')).toHaveClass(/link-open/);
  await board.clock.install();
  await board.getByRole('button', { name: '考核' }).click();
  const overall = board.getByRole('row', { name: /全分中心/ }).first();
  await expect(overall).toBeVisible();
  await expect.poll(() => kpiRequests).toBe(1);

  // Another window registers a case; within a minute the board reads its figures again.
  const otherContext = await browser.newContext();
  const other = await otherContext.newPage();
  await other.goto(wall.urls.queue);
  await expect(other.getByTestId('link-state')).toHaveClass(/link-open/);
  await signIn(other);
  const report = async (description: string) => {
    await other.locator('body').press('F2');
    await other.getByTestId('command-bar').getByRole('textbox').fill(description);
    await expect(other.getByTestId('command-bar')).toHaveClass(/command-ready/);
    await other.keyboard.press('Enter');
    await expect(other.getByTestId('command-outcome')).toContainText('已执行');
  };
  await board.clock.runFor(61_000);
  expect(kpiRequests).toBe(1);
  await report('光复路120号门口暴露垃圾，环卫去');
  await board.clock.runFor(61_000);
  await expect.poll(() => kpiRequests).toBe(2);

  // Under an open drill-down the figures stay as they were, so its case list still matches.
  await overall.getByRole('button').filter({ hasText: '%' }).first().click();
  await expect(board.getByTestId('drilldown')).toBeVisible();
  await report('光复路130号门口暴露垃圾，环卫去');
  await board.clock.runFor(61_000);
  await board.waitForTimeout(500); // a refresh, had one started, would have sent its request by now
  expect(kpiRequests).toBe(2);
  await otherContext.close();
  await context.close();
  await wall.stop();
});
