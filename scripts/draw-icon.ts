// Draws the app's icons from resources/icons/icon.svg with the system's
// Chromium (the one the e2e tests use): icon.png at 512×512 for Linux and
// the window frames, from which electron-builder makes the Windows .ico.
// Run after changing the SVG: npx tsx scripts/draw-icon.ts
import { chromium } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { chromiumArgs, systemChromium } from '../test/support/chromium';

const dir = resolve(import.meta.dirname, '../resources/icons');
const svg = readFileSync(resolve(dir, 'icon.svg'), 'utf8');
const browser = await chromium.launch({ executablePath: systemChromium(), args: chromiumArgs });
try {
  for (const size of [512, 256]) {
    const page = await browser.newPage({ viewport: { width: size, height: size } });
    await page.setContent(`<html><body style="margin:0;background:transparent">${svg.replace('width="512" height="512"', `width="${size}" height="${size}"`)}</body></html>`);
    await page.screenshot({ path: resolve(dir, size === 512 ? 'icon.png' : `icon-${size}.png`), omitBackground: true });
    await page.close();
  }
} finally {
  await browser.close();
}
console.log(`drew ${dir}/icon.png (512) and icon-256.png`);
