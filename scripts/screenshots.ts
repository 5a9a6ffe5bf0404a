// Takes the README's screenshots of the browser wall: `npx tsx scripts/screenshots.ts`
// (after `npm run build:renderer`). Starts its own wall on a temporary database.
import { chromium } from '@playwright/test';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

const dir = mkdtempSync(join(tmpdir(), 'gridwall-shots-'));
const wall = spawn(process.execPath, ['--import', 'tsx', 'electron/host/cli.ts', '--port', '0', '--db', join(dir, 'wall.db'), '--feed-rate', '0', '--json'], {
  stdio: ['ignore', 'pipe', 'inherit'],
});
const ready = await new Promise<{ urls: Record<string, string> }>((resolve) =>
  createInterface({ input: wall.stdout! }).on('line', (line) => line.startsWith('{') && resolve(JSON.parse(line))),
);
const browser = await chromium.launch({
  executablePath: process.env.GRIDWALL_CHROMIUM ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
});
const lang = process.argv[2] === 'en' ? '&lang=en' : '';
for (const role of ['queue', 'map', 'video']) {
  const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
  await page.goto(`${ready.urls[role]}${lang}`);
  await page.locator('.link-open').waitFor();
  if (role === 'map') await page.locator('[data-ready="true"]').waitFor();
  if (role === 'queue') await page.getByRole('option').nth(2).click();
  await page.waitForTimeout(800);
  await page.screenshot({ path: `docs/screenshots/${role}${lang ? '-en' : ''}.png` });
}
await browser.close();
wall.kill('SIGINT');
rmSync(dir, { recursive: true, force: true });
