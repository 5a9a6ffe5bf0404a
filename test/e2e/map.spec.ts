import type { Page } from '@playwright/test';
import type { LngLat } from '../../shared/domain/district';
import { distanceM } from '../../shared/domain/geo';
import type { MapProbe } from '../../renderer/src/map/mapProbe';
import { expect, test } from './wallFixture';

/** Opens the map and waits until it has drawn everything once. */
async function openMap(wall: { open(url: string): Promise<Page> }, url: string): Promise<Page> {
  const map = await wall.open(url);
  await expect(map.getByTestId('map')).toHaveAttribute('data-ready', 'true', { timeout: 30_000 });
  await map.waitForFunction(() => (window as unknown as { gridwallMap?: MapProbe }).gridwallMap?.idle() === true, null, { timeout: 30_000 });
  return map;
}

const probe = <T>(page: Page, read: (map: MapProbe) => T) =>
  page.evaluate((source) => {
    const map = (window as unknown as { gridwallMap: MapProbe }).gridwallMap;
    return (new Function('map', `return (${source})(map)`) as (map: MapProbe) => T)(map);
  }, read.toString());

test('selecting a case in the queue flies the map to it and outlines its grid; selecting on the map selects it in the queue', async ({ wall }) => {
  const queue = await wall.open(wall.urls.queue);
  const map = await openMap(wall, wall.urls.map);
  const startCenter = await probe(map, (m) => m.center());

  // A located case far from the map's centre, so the flight is a real one.
  const row = queue.getByTestId('case-list').getByRole('option').filter({ hasNot: queue.locator('.unlocated') }).nth(3);
  await row.click();
  const number = await row.getAttribute('data-case-number');
  await expect(map.getByTestId('selected-case')).toHaveAttribute('data-case-number', number!);
  const selection = (await probe(map, (m) => m.selection()))!;
  expect(selection.lngLat).not.toBeNull();
  await expect.poll(() => probe(map, (m) => m.highlightedGrid())).toBe(selection.gridId);
  await expect.poll(async () => distanceM(await probe(map, (m) => m.center()), selection.lngLat as LngLat), { timeout: 15_000 }).toBeLessThan(30);
  expect(distanceM(startCenter, selection.lngLat as LngLat)).toBeGreaterThan(30);
  expect(await probe(map, (m) => m.zoom())).toBeGreaterThanOrEqual(15);

  // The other way round: a dot clicked on the map is the case the queue shows.
  await map.waitForFunction(() => (window as unknown as { gridwallMap: MapProbe }).gridwallMap.idle(), null, { timeout: 15_000 });
  const target = (await probe(map, (m) => m.someShownCase()))!;
  await map.mouse.click(target.x, target.y);
  const clicked = await map.getByTestId('selected-case').getAttribute('data-case-number');
  expect(clicked).not.toBe(number);
  await expect(queue.getByTestId('case-detail')).toContainText(clicked!);
});

test('a camera clicked on the map plays on the chosen screen of the video wall', async ({ wall }) => {
  const video = await wall.open(wall.urls.video);
  const map = await openMap(wall, wall.urls.map);
  await expect(video.locator('.matrix .tile')).toHaveCount(9);
  // A camera the wall does not show yet.
  const shown = await video.locator('.matrix .tile').evaluateAll((tiles) => tiles.map((tile) => (tile as HTMLElement).dataset.camera));
  const cameraId = ['cam-01', 'cam-02', 'cam-03', 'cam-04', 'cam-05', 'cam-06', 'cam-07', 'cam-08', 'cam-09', 'cam-10', 'cam-11', 'cam-12'].find((id) => !shown.includes(id))!;
  const at = await map.evaluate((id) => (window as unknown as { gridwallMap: MapProbe }).gridwallMap.cameraPoint(id), cameraId);
  expect(at).not.toBeNull();
  await map.mouse.click(at!.x, at!.y);
  const menu = map.getByTestId('camera-menu');
  await expect(menu).toHaveAttribute('data-camera', cameraId);
  // A screen no emergency or pin holds (the suite's earlier urgent cases may hold some): a placement goes under those.
  const screen = (await video.locator('.matrix .tile:not([data-source="emergency"]):not([data-source="pin"])').first().getAttribute('data-screen'))!;
  await menu.getByTestId('camera-screen').selectOption(screen);
  await menu.getByRole('button', { name: '在此屏显示' }).click();
  // Nobody is signed in at the wall's map: it asks, then the same click goes through.
  const dialog = map.getByRole('dialog', { name: '操作员签入' });
  await dialog.getByLabel('密码').fill('999999');
  await dialog.getByLabel('操作员').selectOption({ label: '陈建国（值班主任）' });
  await dialog.getByRole('button', { name: '签入' }).click();
  await expect(dialog).toHaveCount(0);
  await menu.getByRole('button', { name: '在此屏显示' }).click();
  await expect(menu.getByRole('status')).toContainText('在此屏显示');

  const tile = video.locator(`.matrix .tile[data-screen="${screen}"]`);
  await expect(tile).toHaveAttribute('data-camera', cameraId);
  await expect(tile).toHaveAttribute('data-source', 'placed');
  await expect(tile).toHaveAttribute('data-health', 'live', { timeout: 30_000 });
  // The map marks it as on the wall, and knows its health from the video window.
  await expect.poll(() => map.evaluate((id) => (window as unknown as { gridwallMap: MapProbe }).gridwallMap.cameraHealth(id), cameraId), { timeout: 15_000 }).toBe('live');
});

test('a camera that fails on the wall turns from live to reconnecting on the map, and back to live when it returns', async ({ wall }) => {
  const video = await wall.open(wall.urls.video);
  const map = await openMap(wall, wall.urls.map);
  const tile = video.locator('.matrix .tile[data-health="live"]').first();
  await expect(tile).toBeVisible({ timeout: 30_000 });
  const cameraId = (await tile.getAttribute('data-camera'))!;
  const health = () => map.evaluate((id) => (window as unknown as { gridwallMap: MapProbe }).gridwallMap.cameraHealth(id), cameraId);
  await expect.poll(health, { timeout: 15_000 }).toBe('live');
  const token = new URL(wall.urls.video).searchParams.get('token');
  const fault = await fetch(`http://127.0.0.1:${wall.port}/demo/camera-fault?camera=${cameraId}&fault=notFound&token=${token}`);
  expect(fault.status).toBe(204);
  try {
    await expect(video.locator(`.matrix .tile[data-camera="${cameraId}"]`)).toHaveAttribute('data-health', 'reconnecting', { timeout: 20_000 });
    await expect.poll(health, { timeout: 10_000 }).toBe('reconnecting');
  } finally {
    await fetch(`http://127.0.0.1:${wall.port}/demo/camera-fault?camera=${cameraId}&fault=none&token=${token}`);
  }
  await expect.poll(health, { timeout: 40_000 }).toBe('live');
});

test('switching the time slot changes the density and the grids with the most cases', async ({ wall }) => {
  const map = await openMap(wall, wall.urls.map);
  const ranking = map.getByTestId('grid-ranking');
  await expect(ranking.locator('li').first()).toBeVisible();
  const read = () => ranking.locator('li').evaluateAll((items) => items.map((item) => `${(item as HTMLElement).dataset.grid}=${(item as HTMLElement).dataset.count}`).join(' '));
  const density = () => map.evaluate(() => (window as unknown as { gridwallDensity: { choice: { slot: number | null }; total: number } }).gridwallDensity);

  await map.keyboard.press('2');
  await expect(map.locator('.slot-key.is-on')).toContainText('04:00');
  await expect.poll(async () => (await density()).choice.slot).toBe(1);
  const dawn = await read();
  const dawnTotal = (await density()).total;
  await map.keyboard.press('4');
  await expect.poll(async () => (await density()).choice.slot).toBe(3);
  await expect.poll(read).not.toBe(dawn);
  expect((await density()).total).not.toBe(dawnTotal);
  // The grid shading follows: the top grid of the morning carries its count.
  const [top, count] = (await read()).split(' ')[0]!.split('=');
  await expect.poll(() => map.evaluate((grid) => (window as unknown as { gridwallMap: MapProbe }).gridwallMap.gridCount(grid), top!)).toBe(Number(count));

  // A category narrows it: street order (204) at dawn, the ghost market's hour.
  await map.keyboard.press('2');
  await map.getByTestId('density-category').selectOption('204');
  await expect.poll(async () => (await density()).total).toBeLessThan(dawnTotal);
});

test('a right-click names the spot and the cameras that see it, and files a new case there', async ({ wall }) => {
  const map = await openMap(wall, wall.urls.map);
  // Guangfu Road at the dawn market, where two cameras look along the street.
  const at = await map.evaluate(() => (window as unknown as { gridwallMap: MapProbe }).gridwallMap.screenPoint([121.469, 31.2426]));
  await map.mouse.click(at.x, at.y, { button: 'right' });
  const menu = map.getByTestId('spot-menu');
  await expect(menu).toContainText('光复路');
  await expect(menu.getByTestId('spot-cameras').locator('li').first()).toBeVisible();
  await expect(menu.getByTestId('spot-cameras')).toContainText('光复路早市');
  await menu.getByRole('button', { name: '在此新建案件' }).click();
  const form = map.getByRole('form', { name: '新建案件' });
  await expect(form.getByTestId('picked-spot')).toContainText('网格');
  await expect(form.getByLabel('详细地址')).toHaveValue(/^光复路\d+号$/);
});

test('the map speaks English on request', async ({ wall }) => {
  const map = await openMap(wall, `${wall.urls.map}&lang=en`);
  await expect(map.getByTestId('density-panel')).toContainText('Hot spots');
  await expect(map.getByText('Illustrative map')).toBeVisible();
});

