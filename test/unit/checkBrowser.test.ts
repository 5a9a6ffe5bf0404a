import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';

/** A newcomer without Chromium is told in one line what to install, before the end-to-end step. */
describe('the browser check before the end-to-end tests', () => {
  it('names the three ways to get a browser when none is found, and passes when one is', () => {
    const missing = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/check-browser.ts'], { env: { ...process.env, GRIDWALL_CHROMIUM: '/no/such/chromium' }, encoding: 'utf8' });
    expect(missing.status).toBe(1);
    expect(missing.stderr).toMatch(/apt-get install chromium/);
    expect(missing.stderr).toMatch(/GRIDWALL_CHROMIUM=/);
    expect(missing.stderr).toMatch(/npx playwright install chromium/);
    expect(missing.stderr.trim().split('\n')).toHaveLength(1);
    const present = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/check-browser.ts'], { env: { ...process.env, GRIDWALL_CHROMIUM: process.execPath }, encoding: 'utf8' });
    expect(present.status).toBe(0);
  });
});
