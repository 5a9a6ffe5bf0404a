import { execSync } from 'node:child_process';

/** Flags for Chromium on machines without a network beyond the package registries (see ENVIRONMENT notes). */
export const chromiumArgs = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/**
 * Which Chromium the tests, benchmarks and screenshots drive:
 *   GRIDWALL_BROWSER=playwright  Playwright's own Chromium (after `npx playwright install`)
 *   GRIDWALL_CHROMIUM=/path      a specific binary
 *   (default)                    the system's `chromium`, e.g. Debian's package
 * `undefined` means Playwright's own.
 */
export function systemChromium(): string | undefined {
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
