import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { VideoState } from '../../shared/video/videoState';
import { demoSlotPlan } from '../../shared/video/slots';
import { readCameras } from '../../electron/core/demo/seed';
import { resourcesDir, startTestCore } from '../support/testCore';

/** A room folder: the demo's files (without its video clips) plus the room's own videoPlan.json. */
function roomFolder(plan: unknown): string {
  const dir = mkdtempSync(join(tmpdir(), 'gridwall-room-'));
  cpSync(join(resourcesDir, 'demo'), dir, { recursive: true, filter: (source) => !source.includes(`${join('demo', 'video')}`) });
  writeFileSync(join(dir, 'videoPlan.json'), JSON.stringify(plan));
  return dir;
}

const cameras = readCameras(join(resourcesDir, 'demo'));
let folders: string[] = [];
afterEach(() => {
  for (const folder of folders) rmSync(folder, { recursive: true, force: true });
  folders = [];
});

describe("a room's video plan file", () => {
  it('sets the time slots and holds the key-focus screens across them', async () => {
    const dir = roomFolder({ ...demoSlotPlan(cameras), keyFocus: [{ screen: 2, cameraId: 'cam-07' }] });
    folders.push(dir);
    const test = startTestCore({ referenceDir: dir });
    try {
      const response = await test.request('video.get', {});
      if (!response.ok) throw new Error(response.error.message);
      const state = response.value as VideoState;
      expect(state.tiles.find((tile) => tile.screen === 2)).toMatchObject({ cameraId: 'cam-07', source: 'keyFocus' });
      expect(state.tiles.filter((tile) => tile.cameraId === 'cam-07')).toHaveLength(1);
    } finally {
      test.close();
    }
  });

  it('is refused with every problem named, in both languages, and the wall does not start on half a plan', async () => {
    const plan = demoSlotPlan(cameras);
    const broken = {
      ...plan,
      slots: plan.slots.map((slot, index) => (index === 1 ? { ...slot, screens: { ...slot.screens, '3': 'cam-99' } } : slot)),
      keyFocus: [{ screen: 1, cameraId: 'cam-404' }],
    };
    const dir = roomFolder(broken);
    folders.push(dir);
    expect(() => startTestCore({ referenceDir: dir })).toThrow(/videoPlan\.json[\s\S]*cam-99[\s\S]*cam-404/);
    try {
      startTestCore({ referenceDir: dir });
    } catch (error) {
      expect((error as Error).message).toMatch(/无效/);
      expect((error as Error).message).toMatch(/not valid/);
    }
  });
});
