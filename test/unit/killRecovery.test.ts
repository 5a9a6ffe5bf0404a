import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { platformKillRounds, wallKillRounds } from '../support/killHarness';
import { startTestPlatform, type TestPlatform } from '../support/platformHarness';
import { tempDir } from '../support/testCore';

/**
 * kill -9 at random moments, a few rounds each here (the benchmark runs
 * 200): after every restart the room's file is intact, every action the
 * operator was told was done is in the room and at the district, and none
 * is at the district twice.
 */
describe('kill -9', () => {
  let platform: TestPlatform;
  const dir = tempDir();
  beforeAll(async () => {
    platform = await startTestPlatform();
  }, 60_000);
  afterAll(async () => {
    await platform?.close();
    dir.remove();
  });

  it('of the wall, while it registers cases, loses nothing acknowledged and sends nothing twice', async () => {
    const report = await wallKillRounds({ rounds: 4, dir: dir.path, credentials: platform.credentials('SD02'), platformSql: platform.platform.sql });
    console.log(`wall kill -9: ${JSON.stringify(report)}`);
    expect(report).toMatchObject({ kill_rounds: 4, lost: 0, duplicated: 0, integrity: 'ok' });
    expect(report.acknowledged).toBeGreaterThan(0);
    expect(report.actions).toBeGreaterThanOrEqual(report.acknowledged);
  }, 240_000);

  it('of the platform, while a wall keeps sending, loses nothing acknowledged and applies nothing twice', async () => {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as AddressInfo).port;
    await new Promise<void>((resolve) => server.close(() => resolve()));
    const report = await platformKillRounds({ rounds: 2, dir: dir.path, port });
    console.log(`platform kill -9: ${JSON.stringify(report)}`);
    expect(report).toMatchObject({ kill_rounds: 2, lost: 0, duplicated: 0, integrity: 'ok' });
    expect(report.acknowledged).toBeGreaterThan(0);
  }, 240_000);
});
