import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createVideoWall } from '../../electron/core/services/videoWall';
import type { WallService } from '../../electron/core/services/wallService';
import type { Actor } from '../../electron/core/services/actors';
import type { Case } from '../../shared/domain/case';
import { CameraSchema, type Camera } from '../../shared/video/camera';
import { demoSlotPlan, slotScreenAssignments } from '../../shared/video/slots';
import type { VideoState } from '../../shared/video/videoState';
import { initialWallState, type WallState } from '../../shared/wall/wallState';
import { director, resourcesDir, startTestCore } from '../support/testCore';

const cameras: Camera[] = (JSON.parse(readFileSync(join(resourcesDir, 'demo', 'cameras.json'), 'utf8')) as unknown[]).map((camera) => CameraSchema.parse(camera));
const plan = demoSlotPlan(cameras);
/** 2026-11-27 03:58:00 in Shanghai. */
const beforeDawn = Date.UTC(2026, 10, 26, 19, 58, 0);
const minute = 60_000;
const operatorActor: Actor = { id: 'op01', role: 'operator', input: 'mouse' };

function fakeWall(onChange: () => void): WallService {
  let state: WallState = { ...initialWallState };
  return {
    get state() {
      return state;
    },
    change(next: Partial<WallState>) {
      state = { ...state, ...next };
      onChange();
      return state;
    },
  };
}

function urgentCase(id: number, lngLat: [number, number]): Case {
  return { id, number: `20261127-${String(id).padStart(4, '0')}`, status: 'reported', urgent: true, lngLat } as Case;
}

function setup(options: { emergencyMinutes?: number } = {}) {
  const announced: VideoState[] = [];
  let video: ReturnType<typeof createVideoWall> | null = null;
  const wall = fakeWall(() => video?.wallChanged());
  video = createVideoWall({
    cameras: () => cameras,
    wall,
    plan,
    clock: () => Date.now(),
    announce: (state) => announced.push(state),
    audit: () => {},
    onUnexpected: (error) => {
      throw error;
    },
    ...options,
  });
  return { video, wall, announced };
}

describe('video wall over time (injected clock)', () => {
  beforeEach(() => vi.useFakeTimers({ now: beforeDawn }));
  afterEach(() => vi.useRealTimers());

  it('switches to the next slot at its boundary by itself, announcing the next cameras shortly before', async () => {
    const { video, announced } = setup();
    expect(video.state.slot.id).toBe('night');
    expect(video.state.prewarm).toBe(false);
    const dawnCameras = [...slotScreenAssignments(plan.slots[1]!, 0, 0).values()];
    expect(video.state.next).toMatchObject({ id: 'dawn', atMs: beforeDawn + 2 * minute });

    vi.advanceTimersByTime(2 * minute - plan.prewarmSeconds * 1000 + 1);
    expect(video.state.slot.id).toBe('night');
    expect(video.state.prewarm).toBe(true);
    expect(announced.at(-1)!.prewarm).toBe(true);
    // Cameras already on the wall need no warming; every other camera of the next slot is announced.
    const onWall = new Set(video.state.tiles.map((tile) => tile.cameraId));
    expect(video.state.next.cameraIds.sort()).toEqual([...new Set(dawnCameras.filter((id) => !onWall.has(id)))].sort());

    vi.advanceTimersByTime(plan.prewarmSeconds * 1000);
    expect(video.state.slot.id).toBe('dawn');
    expect(video.state.prewarm).toBe(false);
    const dawn = slotScreenAssignments(plan.slots[1]!, video.state.slot.startMs, Date.now());
    for (const tile of video.state.tiles) expect(tile.cameraId).toBe(dawn.get(tile.screen) ?? null);
    expect(video.state.tiles.every((tile) => tile.source === 'slot')).toBe(true);
    video.close();
  });

  it('hand-placed cameras hold until the slot switch; pins hold through it', async () => {
    const { video } = setup();
    video.place(2, 'cam-24', operatorActor);
    expect(video.state.tiles[1]).toMatchObject({ screen: 2, cameraId: 'cam-24', source: 'placed' });
    const onThree = video.state.tiles[2]!.cameraId!;
    video.pin(3, true, operatorActor);
    expect(() => video.place(3, 'cam-01', operatorActor)).toThrow(/screenPinned/);
    vi.advanceTimersByTime(2 * minute + 1);
    expect(video.state.slot.id).toBe('dawn');
    // Its screen goes back to the plan (empty here: dawn's camera for screen 2 is the one pinned on screen 3).
    expect(video.state.tiles[1]!.source).not.toBe('placed');
    expect(video.state.tiles[1]!.cameraId).not.toBe('cam-24');
    expect(video.state.tiles[2]).toMatchObject({ cameraId: onThree, source: 'pin', pinned: true });
    video.pin(3, false, operatorActor);
    expect(video.state.tiles[2]!.source).not.toBe('pin');
    video.close();
  });

  it('an urgent case pulls its nearest cameras up at once and reverts when closed or timed out', async () => {
    const { video } = setup({ emergencyMinutes: 5 });
    const nearCam01 = cameras.find((camera) => camera.id === 'cam-01')!.position;
    const before = video.state.tiles.map((tile) => tile.cameraId);
    video.caseChanged(urgentCase(7, nearCam01));
    const emergencyTiles = video.state.tiles.filter((tile) => tile.source === 'emergency');
    expect(emergencyTiles.length).toBeGreaterThan(0);
    expect(emergencyTiles.every((tile) => tile.caseId === 7)).toBe(true);
    expect(emergencyTiles.map((tile) => tile.cameraId)).toContain('cam-01');
    expect(video.state.emergencies[0]).toMatchObject({ caseId: 7, caseNumber: '20261127-0007' });

    // Closed → back to what lay beneath.
    video.caseChanged({ ...urgentCase(7, nearCam01), status: 'closed' });
    expect(video.state.tiles.map((tile) => tile.cameraId)).toEqual(before);
    // A later edit of the same case does not pop it again.
    video.caseChanged(urgentCase(7, nearCam01));
    expect(video.state.emergencies).toEqual([]);

    // Timed out → reverts by itself, within the same slot.
    video.caseChanged(urgentCase(8, nearCam01));
    expect(video.state.emergencies).toHaveLength(1);
    vi.advanceTimersByTime(5 * minute - 1);
    expect(video.state.emergencies).toHaveLength(1);
    vi.advanceTimersByTime(2);
    expect(video.state.emergencies).toEqual([]);
    video.close();
  });

  it('a tour whose camera is placed on another screen shows its next camera instead of going dark, and tours on', async () => {
    vi.setSystemTime(Date.UTC(2026, 10, 27, 1, 0, 0)); // 09:00 in Shanghai: the morning slot tours seven cameras on screen 9
    const { video } = setup();
    const tour = plan.slots.find((slot) => slot.id === video.state.slot.id)!.tours[0];
    expect(tour, 'the demo morning slot tours a screen').toBeDefined();
    const touring = () => video.state.tiles.find((tile) => tile.screen === tour!.screen)!;
    const current = touring().cameraId!;
    const position = tour!.cameras.indexOf(current);
    const after = (steps: number) => tour!.cameras[(position + steps) % tour!.cameras.length];

    video.place(1, current, operatorActor);
    expect(touring()).toMatchObject({ cameraId: after(1), source: 'slot' });
    expect(video.state.tiles.filter((tile) => tile.cameraId === current)).toHaveLength(1);
    // The dwell ends: the tour's own next camera is the one it already shows, so the tile stays; then it moves on.
    vi.advanceTimersByTime(tour!.dwellSeconds * 1000);
    expect(touring().cameraId).toBe(after(1));
    vi.advanceTimersByTime(tour!.dwellSeconds * 1000);
    expect(touring().cameraId).toBe(after(2) === current ? after(3) : after(2));
    video.close();
  });

  it('a pinned screen is never taken by an emergency', async () => {
    const { video } = setup();
    video.pin(1, true, operatorActor);
    const pinned = video.state.tiles[0]!.cameraId;
    video.caseChanged(urgentCase(9, cameras.find((camera) => camera.id === 'cam-04')!.position));
    expect(video.state.tiles[0]).toMatchObject({ cameraId: pinned, source: 'pin' });
    expect(video.state.tiles.some((tile) => tile.source === 'emergency')).toBe(true);
    video.close();
  });

  it('records seconds on the wall per camera and slot, and lists the cameras a slot never showed', async () => {
    const { video } = setup();
    const screenOne = video.state.tiles[0]!.cameraId!;
    vi.advanceTimersByTime(minute);
    const night = video.coverage(1).slots.find((slot) => slot.slotId === 'night')!;
    expect(night.seconds[screenOne]).toBe(60);
    const shown = new Set(video.state.tiles.map((tile) => tile.cameraId));
    expect(night.notShown).toEqual(cameras.map((camera) => camera.id).filter((id) => !shown.has(id)));
    vi.advanceTimersByTime(2 * minute);
    const coverage = video.coverage(1);
    expect(coverage.currentSlotId).toBe('dawn');
    expect(coverage.slots.map((slot) => slot.slotId)).toEqual(['night', 'dawn']);
    expect(coverage.slots[1]!.seconds[video.state.tiles[0]!.cameraId!]).toBe(60);
    video.close();
  });
});

describe('video wall in the core', () => {
  it('an urgent case near a camera appears on the wall via video.changed; voiding it reverts', async () => {
    const test = startTestCore();
    const events: string[] = [];
    test.core.subscribe((message) => events.push(message.event));
    const cam = cameras.find((camera) => camera.id === 'cam-04')!;
    const created = await test.request('case.create', { description: '地铁口人群聚集', categoryCode: '20101', sourceId: 'street', lngLat: cam.position, urgent: true }) as {
      ok: true;
      value: Case;
    };
    expect(created.ok).toBe(true);
    await Promise.resolve();
    const state = (await test.request('video.get', {}) as { value: VideoState }).value;
    expect(state.tiles.some((tile) => tile.source === 'emergency' && tile.cameraId === 'cam-04' && tile.caseId === created.value.id)).toBe(true);
    expect(events.slice(-2)).toEqual(['case.changed', 'video.changed']);

    expect((await test.request('case.act', { action: 'void', caseId: created.value.id, reason: '误报' }, director)).ok).toBe(true);
    await Promise.resolve();
    const after = (await test.request('video.get', {}) as { value: VideoState }).value;
    expect(after.tiles.some((tile) => tile.source === 'emergency')).toBe(false);
    test.close();
  });

  it('tile → case registers a video-patrol case with the snapshot, the camera position and the slot', async () => {
    const test = startTestCore();
    const png = readFileSync(join(resourcesDir, '..', 'docs', 'screenshots', 'video.png')).toString('base64');
    const result = await test.request('video.snapshotCase', { screen: 11, cameraId: 'cam-01', categoryCode: '20101', description: '两个摊位', mime: 'image/png', dataBase64: png.slice(0, 200_000) }) as {
      ok: boolean;
      value: Case;
      error?: unknown;
    };
    // A truncated PNG still starts with the PNG signature: the core checks the bytes' kind, not the whole picture.
    expect(result.ok, JSON.stringify(result.error)).toBe(true);
    expect(result.value.sourceId).toBe('video');
    expect(result.value.description).toContain('第 11 屏');
    expect(result.value.description).toContain('光复路早市东');
    expect(result.value.lngLat).toEqual(cameras[0]!.position);
    const attached = await test.request('case.attachments', { caseId: result.value.id }) as { value: Array<{ kind: string }> };
    expect(attached.value.map((item) => item.kind)).toEqual(['snapshot']);
    test.close();
  });

  it('the rehearsal clock is refused outside the demo and the handover report carries video coverage', async () => {
    const test = startTestCore();
    const report = await test.request('report.handover', { hours: 12 }) as { value: { video: Array<{ slotId: string; notShown: string[] }> } };
    expect(report.value.video.length).toBeGreaterThan(0);
    expect(report.value.video.at(-1)!.notShown.length).toBeGreaterThan(0);
    test.close();
    const quiet = startTestCore({ demo: null, referenceDir: join(resourcesDir, 'demo') });
    const refused = await quiet.request('video.setClock', { atMs: beforeDawn }) as { ok: boolean; error: { code: string } };
    expect(refused.error.code).toBe('demoOnly');
    quiet.close();
  });
});
