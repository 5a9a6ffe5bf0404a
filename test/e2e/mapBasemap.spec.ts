import { test, expect } from '@playwright/test';
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { MapProbe } from '../../renderer/src/map/mapProbe';
import { rasterPmtiles } from '../support/pmtilesWriter';
import { resourcesDir } from '../support/testCore';
import { startWallProcess, type StartedWall } from '../support/wallProcess';

/**
 * A room that configures a basemap: a PMTiles file in its reference folder,
 * named in map.json, is served by the browser wall's host by byte range and
 * drawn under the district (offline: no tile server, no internet).
 */
let wall: StartedWall;
let dir: string;
test.beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'gridwall-basemap-'));
  cpSync(join(resourcesDir, 'demo'), dir, { recursive: true });
  writeFileSync(join(dir, 'city.pmtiles'), rasterPmtiles({ bbox: [121.40, 31.23, 121.49, 31.33], minZoom: 10, maxZoom: 14, colour: [40, 60, 90] }));
  writeFileSync(join(dir, 'map.json'), JSON.stringify({ homeSubDistrictId: 'SD04', basemap: { type: 'pmtiles', file: 'city.pmtiles', tiles: 'raster', maxZoom: 14, attribution: '测试底图 test tiles' } }));
  wall = await startWallProcess(['--reference', dir]);
});
test.afterAll(async () => {
  await wall?.stop();
  rmSync(dir, { recursive: true, force: true });
});

test('a PMTiles basemap from the reference folder is read by range through the host and drawn under the district', async ({ page }) => {
  const ranges: number[] = [];
  page.on('response', (response) => {
    if (response.url().includes('/basemap/city.pmtiles')) ranges.push(response.status());
  });
  await page.goto(wall.urls.map);
  await expect(page.getByTestId('map')).toHaveAttribute('data-ready', 'true', { timeout: 30_000 });
  await page.waitForFunction(() => (window as unknown as { gridwallMap: MapProbe }).gridwallMap.basemapLoaded(), null, { timeout: 30_000 });
  expect(ranges.length).toBeGreaterThan(1);
  expect(new Set(ranges)).toEqual(new Set([206]));
  await expect(page.getByText('测试底图 test tiles')).toBeVisible();
  await expect(page.getByTestId('map-warnings')).toHaveCount(0);

  // Without the window's token the file is not served.
  const refused = await page.request.get(new URL('/basemap/city.pmtiles', wall.urls.map).href);
  expect(refused.status()).toBe(401);
});
