import { defineConfig } from '@playwright/test';
import { chromiumArgs, systemChromium } from './test/support/chromium';

/**
 * End-to-end tests drive the browser wall (the real CLI, core and renderer)
 * in Chromium, chosen by configuration: see test/support/chromium.ts.
 */
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
    launchOptions: { executablePath: systemChromium(), args: chromiumArgs },
    trace: 'retain-on-failure',
  },
});
