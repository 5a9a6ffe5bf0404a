import { spawn } from 'node:child_process';
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

export interface StartedWall {
  urls: WallUrls;
  port: number;
  /** What the wall has printed to stderr so far (start-up problems such as bad camera rows, the log). */
  stderr(): string;
  stop(): Promise<void>;
}

/**
 * Starts the browser wall's real CLI (`npm run wall` without the build step)
 * on a fresh temporary database and a free port, with the demo feed off.
 * Used by the e2e tests, the benchmarks and the screenshot script.
 */
export async function startWallProcess(extraArgs: string[] = []): Promise<StartedWall> {
  const dir = mkdtempSync(join(tmpdir(), 'gridwall-wall-'));
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', 'electron/host/cli.ts', '--port', '0', '--db', join(dir, 'wall.db'), '--feed-rate', '0', '--json', ...extraArgs],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const stderr: string[] = [];
  child.stderr.on('data', (chunk: Buffer) => stderr.push(String(chunk)));
  const ready = await new Promise<{ urls: WallUrls; port: number }>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the wall did not start within 45 s:\n${stderr.join('')}`)), 45_000);
    createInterface({ input: child.stdout }).on('line', (line) => {
      if (!line.startsWith('{')) return;
      clearTimeout(timer);
      resolve(JSON.parse(line) as { urls: WallUrls; port: number });
    });
    child.once('exit', (code) => reject(new Error(`the wall exited with ${code}:\n${stderr.join('')}`)));
  });
  return {
    ...ready,
    stderr: () => stderr.join(''),
    async stop() {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGINT');
      await exited;
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
