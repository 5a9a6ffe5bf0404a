// Run before the end-to-end tests: says in one line what to install when no
// Chromium can be found, instead of Playwright's "npx playwright install"
// banner (which cannot work on a machine without internet access).
import { existsSync } from 'node:fs';
import { chromium } from '@playwright/test';
import { systemChromium } from '../test/support/chromium';

const chosen = systemChromium() ?? chromium.executablePath();
if (!chosen || !existsSync(chosen)) {
  console.error(
    '找不到用于端到端测试的 Chromium。/ No Chromium for the end-to-end tests: install the system package (Debian/Ubuntu: sudo apt-get install chromium), ' +
      'or set GRIDWALL_CHROMIUM=/path/to/chromium, or where the internet is reachable run `npx playwright install chromium` and set GRIDWALL_BROWSER=playwright.',
  );
  process.exit(1);
}
