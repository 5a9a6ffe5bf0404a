import { defineConfig } from '@playwright/test';
import { execSync } from 'node:child_process';

/**
 * End-to-end tests drive the browser wall (the real core and renderer) in
 * Chromium. The browser is chosen by configuration:
 *   GRIDWALL_BROWSER=playwright  Playwright's own Chromium (after `npx playwright install`)
 *   GRIDWALL_CHROMIUM=/path      a specific Chromium binary
 *   (default)                    the system's `chromium`, e.g. Debian's package
 */
function systemChromium(): string | undefined {
  if (process.env.GRIDWALL_BROWSER === 'playwright') return undefined;
  if (process.env.GRIDWALL_CHROMIUM) return process.env.GRIDWALL_CHROMIUM;
  for (const name of ['chromium', 'chromium-browser', 'google-chrome']) {
    try {
      const found = execSync(`command -v ${name}`, { encoding: 'utf8', shell: '/bin/sh' }).trim();
      if (found) return found;
    } catch {
      // not installed under this name
    }
  }
  return undefined;
}

export default defineConfig({
  testDir: 'test/e2e',
  timeout: 60_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: [['list'], ['./test/support/skipReasonReporter.ts']],
  outputDir: 'test-results',
  use: {
    viewport: { width: 1600, height: 900 },
    launchOptions: {
      executablePath: systemChromium(),
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    },
    trace: 'retain-on-failure',
  },
});
