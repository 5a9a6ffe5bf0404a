// The README's screenshots of the browser wall: `npx tsx scripts/screenshots.ts [en] [role…]`
// (after `npm run build:renderer`). Starts its own wall on a temporary database.
import { chromium } from '@playwright/test';
import { chromiumArgs, systemChromium } from '../test/support/chromium';
import { startWallProcess } from '../test/support/wallProcess';
import { presentationScreenshots } from './screenshotsPresentation';

const wall = await startWallProcess();
const browser = await chromium.launch({ executablePath: systemChromium(), args: chromiumArgs });
const english = process.argv[2] === 'en';
const roles = ['queue', 'map', 'video'] as const;
const only = process.argv.slice(2).filter((arg) => (roles as readonly string[]).includes(arg));
try {
  for (const role of roles.filter((candidate) => only.length === 0 || only.includes(candidate))) {
    const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
    await page.goto(`${wall.urls[role]}${english ? '&lang=en' : ''}`);
    await page.locator('.link-open').waitFor();
    if (role === 'map') {
      // The dawn slot's street-order hot spots (the ghost market's hour), a case selected and its grid outlined.
      await page.locator('[data-ready="true"]').waitFor({ timeout: 30_000 });
      await page.keyboard.press('2');
      await page.getByTestId('density-category').selectOption('204');
      await page.waitForFunction(() => (window as unknown as { gridwallMap: { idle(): boolean } }).gridwallMap.idle());
      const dot = await page.evaluate(() => (window as unknown as { gridwallMap: { someShownCase(): { x: number; y: number } | null } }).gridwallMap.someShownCase());
      if (dot) await page.mouse.click(dot.x, dot.y);
      await page.waitForTimeout(1_500);
      await page.waitForFunction(() => (window as unknown as { gridwallMap: { idle(): boolean } }).gridwallMap.idle());
    }
    // The wall as the director sees it: every tile playing.
    if (role === 'video') await page.locator('[data-health="live"]').nth(8).waitFor({ timeout: 30_000 });
    if (role === 'queue') {
      // Signed in, with a dispatched case selected, as an operator would have it.
      await page.getByRole('button', { name: english ? 'Sign in' : '签入' }).click();
      await page.getByLabel(english ? 'PIN' : '密码').fill('111111');
      await page.getByLabel(english ? 'PIN' : '密码').press('Enter');
      await page.getByLabel(english ? 'Status' : '状态').selectOption('inProgress');
      await page.getByTestId('case-list').getByRole('option').nth(1).click();
    }
    await page.waitForTimeout(800);
    await page.screenshot({ path: `docs/screenshots/${role}${english ? '-en' : ''}.png` });
    if (role === 'queue') {
      // The command bar reading back a spoken order before it runs.
      await page.locator('body').press('F2');
      await page
        .getByTestId('command-bar')
        .getByRole('textbox')
        .fill(english ? '3 street vendors outside Guangfu Road 200, city management and traffic police now' : '光复路200号门口3个摊头占道，城管和交警速去');
      await page.getByTestId('command-bar').and(page.locator('.command-ready')).waitFor();
      await page.screenshot({ path: `docs/screenshots/command${english ? '-en' : ''}.png` });
    }
  }
  await presentationScreenshots(wall, browser, english);
} finally {
  await browser.close();
  await wall.stop();
}
