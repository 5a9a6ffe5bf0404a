import { test as base, expect, type Browser, type Page } from '@playwright/test';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

export interface WallUrls {
  video: string;
  map: string;
  queue: string;
  presentation: string;
}

export interface RunningWall {
  urls: WallUrls;
  port: number;
  /** Opens a window role in its own browser context, as a separate monitor would, and waits until it is live. */
  open(url: string): Promise<Page>;
  /** The same, without waiting for the link: for windows that are expected to be refused. */
  openUnchecked(url: string): Promise<Page>;
}

/** Starts `npm run wall`'s host (the real CLI, core worker and renderer) on a fresh database and a free port. */
async function startWall(): Promise<{ child: ChildProcess; ready: { urls: WallUrls; port: number }; dir: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'gridwall-e2e-'));
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', 'electron/host/cli.ts', '--port', '0', '--db', join(dir, 'wall.db'), '--feed-rate', '0', '--json'],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const stderr: string[] = [];
  child.stderr!.on('data', (chunk: Buffer) => stderr.push(String(chunk)));
  const ready = await new Promise<{ urls: WallUrls; port: number }>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`wall did not start:\n${stderr.join('')}`)), 45_000);
    createInterface({ input: child.stdout! }).on('line', (line) => {
      if (!line.startsWith('{')) return;
      clearTimeout(timer);
      resolve(JSON.parse(line) as { urls: WallUrls; port: number });
    });
    child.once('exit', (code) => reject(new Error(`wall exited with ${code}:\n${stderr.join('')}`)));
  });
  return { child, ready, dir };
}

export const test = base.extend<{ wall: RunningWall }, { wallProcess: { urls: WallUrls; port: number } }>({
  wallProcess: [
    async ({}, use) => {
      const { child, ready, dir } = await startWall();
      await use(ready);
      child.kill('SIGINT');
      await new Promise((resolve) => child.once('exit', resolve));
      rmSync(dir, { recursive: true, force: true });
    },
    { scope: 'worker', timeout: 60_000 },
  ],
  wall: async ({ wallProcess, browser }, use) => {
    const contexts: Awaited<ReturnType<Browser['newContext']>>[] = [];
    const openUnchecked = async (url: string) => {
      const context = await browser.newContext();
      contexts.push(context);
      const page = await context.newPage();
      await page.goto(url);
      return page;
    };
    await use({
      ...wallProcess,
      openUnchecked,
      async open(url: string) {
        const page = await openUnchecked(url);
        await expect(page.getByTestId('link-state')).toHaveClass(/link-open/);
        return page;
      },
    });
    for (const context of contexts) await context.close();
  },
});

export { expect };
