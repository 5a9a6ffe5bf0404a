import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runJepsen } from '../support/jepsen';
import { startTestPlatform, type TestPlatform } from '../support/platformHarness';
import { tempDir } from '../support/testCore';

/**
 * Three sub-centres act while their links flap through every fault and
 * walls restart, the district closes and transfers, the hotline calls;
 * then heal, drain and check the whole history (a short run here; the
 * benchmark runs a long one).
 */
describe('three sub-centres through flapping links (Jepsen-style)', () => {
  let platform: TestPlatform;
  const dir = tempDir();
  beforeAll(async () => {
    platform = await startTestPlatform();
  }, 60_000);
  afterAll(async () => {
    await platform?.close();
    dir.remove();
  });

  it('applies every acknowledged action exactly once, keeps sequences gap-free, and ends with every wall equal to the platform for its area', async () => {
    const report = await runJepsen(platform, { operations: 80, seed: 20261206, dir: dir.path });
    console.log(`jepsen: ${JSON.stringify(report)}`);
    expect(report).toMatchObject({ lost: 0, duplicated: 0, gaps: 0, diverged: 0 });
    expect(report.acknowledged).toBeGreaterThan(5);
    expect(report.actions).toBeGreaterThan(report.acknowledged);
  }, 240_000);
});
