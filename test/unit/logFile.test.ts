import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { openLogFile } from '../../electron/app/logFile';
import { createLogger } from '../../electron/core/runtime/logger';
import { tempDir } from '../support/testCore';

const cleanups: (() => unknown)[] = [];
afterEach(() => {
  for (const cleanup of cleanups.splice(0).reverse()) cleanup();
});

/** Waits until `check` holds (the stream writes and rotates asynchronously), failing with what it waited for. */
async function until(check: () => boolean, what: string): Promise<void> {
  const started = Date.now();
  while (!check()) {
    if (Date.now() - started > 10_000) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('the shell log file', () => {
  it('writes one JSON line per entry in <user data>/logs/gridwall.log, with the reason of each recovery', async () => {
    const dir = tempDir();
    cleanups.push(() => dir.remove());
    const file = openLogFile(dir.path);
    const logger = createLogger(file.sink, () => Date.UTC(2026, 11, 6, 4, 19));
    logger.error('window.failed', { window: 'video-1', reason: 'crashed', displayId: 2 });
    logger.info('window.recreated', { window: 'video-1', reason: 'crashed', afterMs: 260 });
    await file.close();
    expect(file.path).toBe(join(dir.path, 'logs', 'gridwall.log'));
    const lines = readFileSync(file.path, 'utf8').trim().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(lines).toEqual([
      { at: '2026-12-06T04:19:00.000Z', level: 'error', event: 'window.failed', window: 'video-1', reason: 'crashed', displayId: 2 },
      { at: '2026-12-06T04:19:00.000Z', level: 'info', event: 'window.recreated', window: 'video-1', reason: 'crashed', afterMs: 260 },
    ]);
  });

  it('rotates by size, keeps a bounded number of compressed files, and loses no line in between', async () => {
    const dir = tempDir();
    cleanups.push(() => dir.remove());
    const file = openLogFile(dir.path, { size: '1K', keep: 3 });
    const logger = createLogger(file.sink);
    for (let index = 0; index < 200; index += 1) logger.info('demo.line', { index, padding: 'x'.repeat(40) });
    await file.close();
    const logs = join(dir.path, 'logs');
    await until(() => existsSync(join(logs, 'gridwall.log.1.gz')), 'the first rotation');
    const rotated = readdirSync(logs).filter((name) => name.endsWith('.gz')).sort();
    expect(rotated).toEqual(['gridwall.log.1.gz', 'gridwall.log.2.gz', 'gridwall.log.3.gz']);
    // The newest lines are in the current file and the most recent rotation, in order, none missing.
    const recent = [...gunzipSync(readFileSync(join(logs, 'gridwall.log.1.gz'))).toString('utf8').trim().split('\n'), ...readFileSync(join(logs, 'gridwall.log'), 'utf8').trim().split('\n')]
      .filter(Boolean)
      .map((line) => (JSON.parse(line) as { index: number }).index);
    expect(recent.at(-1)).toBe(199);
    expect(recent).toEqual(Array.from({ length: recent.length }, (_, offset) => 200 - recent.length + offset));
  });
});
