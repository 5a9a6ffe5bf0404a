import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

export interface StartedWall {
  urls: Record<'video' | 'map' | 'queue' | 'presentation', string>;
  port: number;
  stop(): Promise<void>;
}

/** Starts the browser wall's real CLI on a temporary database, as a user would with `npm run wall`. */
export async function startWallProcess(extraArgs: string[] = []): Promise<StartedWall> {
  const dir = mkdtempSync(join(tmpdir(), 'gridwall-bench-'));
  const child: ChildProcess = spawn(
    process.execPath,
    ['--import', 'tsx', 'electron/host/cli.ts', '--port', '0', '--db', join(dir, 'wall.db'), '--feed-rate', '0', '--json', ...extraArgs],
    { stdio: ['ignore', 'pipe', 'ignore'] },
  );
  const ready = await new Promise<{ urls: StartedWall['urls']; port: number }>((resolve, reject) => {
    createInterface({ input: child.stdout! }).on('line', (line) => line.startsWith('{') && resolve(JSON.parse(line)));
    child.once('exit', (code) => reject(new Error(`wall exited with ${code}`)));
  });
  return {
    ...ready,
    async stop() {
      child.kill('SIGINT');
      await new Promise((resolve) => child.once('exit', resolve));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
