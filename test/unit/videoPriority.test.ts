import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isEmergencyActive, resolveWall, type EmergencyVideo, type WallInput, type WallTile } from '../../shared/video/priority';

const NOW = 1_760_000_000_000;
const MIN = 60_000;
const nine = [1, 2, 3, 4, 5, 6, 7, 8, 9];

function input(partial: Partial<WallInput>): WallInput {
  return { screens: nine, slotAssignments: {}, keyFocus: [], emergencies: [], pins: {}, nowMs: NOW, ...partial };
}

const brief = (tiles: WallTile[]) => tiles.map((tile) => `${tile.screen}:${tile.cameraId ?? '-'}:${tile.source}${tile.caseId ? `:${tile.caseId}` : ''}`);

function emergency(caseId: string, cameraIds: string[], extra: Partial<EmergencyVideo> = {}): EmergencyVideo {
  return { caseId, cameraIds, startedAtMs: NOW - MIN, expiresAtMs: NOW + 10 * MIN, ...extra };
}

const slotCameras = { 1: 's1', 2: 's2', 3: 's3', 4: 's4', 5: 's5', 6: 's6', 7: 's7' };

describe('resolveWall', () => {
  it('layers pin > key focus > slot > empty', () => {
    const { tiles } = resolveWall(input({ slotAssignments: slotCameras, keyFocus: [{ screen: 2, cameraId: 'k2' }, { screen: 5, cameraId: 'k5' }], pins: { 5: 'p5' } }));
    expect(brief(tiles)).toEqual(['1:s1:slot', '2:k2:keyFocus', '3:s3:slot', '4:s4:slot', '5:p5:pin', '6:s6:slot', '7:s7:slot', '8:-:empty', '9:-:empty']);
  });

  it('an emergency takes empty screens, then slot screens, never key focus or pins while others are free', () => {
    const { tiles, unplaced } = resolveWall(
      input({
        slotAssignments: slotCameras,
        keyFocus: [{ screen: 1, cameraId: 'k1' }],
        pins: { 2: 'p2' },
        emergencies: [emergency('C1', ['e1', 'e2', 'e3', 'e4'])],
      }),
    );
    expect(brief(tiles)).toEqual([
      '1:k1:keyFocus',
      '2:p2:pin',
      '3:e3:emergency:C1',
      '4:e4:emergency:C1',
      '5:s5:slot',
      '6:s6:slot',
      '7:s7:slot',
      '8:e1:emergency:C1',
      '9:e2:emergency:C1',
    ]);
    expect(unplaced).toEqual([]);
  });

  it('takes key-focus screens only when nothing else is left, and reports what did not fit', () => {
    const { tiles, unplaced } = resolveWall(
      input({
        screens: [1, 2, 3],
        slotAssignments: { 1: 's1' },
        keyFocus: [{ screen: 2, cameraId: 'k2' }],
        pins: { 3: 'p3' },
        emergencies: [emergency('C1', ['e1', 'e2', 'e3'])],
      }),
    );
    expect(brief(tiles)).toEqual(['1:e1:emergency:C1', '2:e2:emergency:C1', '3:p3:pin']);
    expect(unplaced).toEqual([{ caseId: 'C1', cameraId: 'e3' }]);
  });

  it('an emergency camera already on the wall stays on its screen instead of appearing twice', () => {
    const { tiles } = resolveWall(
      input({
        slotAssignments: slotCameras,
        keyFocus: [{ screen: 8, cameraId: 'k8' }],
        pins: { 9: 'p9' },
        emergencies: [emergency('C1', ['x', 's4', 'k8', 'p9'])],
      }),
    );
    expect(brief(tiles)).toEqual([
      '1:x:emergency:C1',
      '2:s2:slot',
      '3:s3:slot',
      '4:s4:emergency:C1',
      '5:s5:slot',
      '6:s6:slot',
      '7:s7:slot',
      '8:k8:emergency:C1',
      '9:p9:pin',
    ]);
  });

  it('serves the newest emergency first and uses explicit screens in order', () => {
    const { tiles } = resolveWall(
      input({
        slotAssignments: slotCameras,
        emergencies: [
          emergency('OLD', ['o1', 'o2'], { startedAtMs: NOW - 5 * MIN, screens: [9, 8] }),
          emergency('NEW', ['n1'], { startedAtMs: NOW - MIN, screens: [9] }),
        ],
      }),
    );
    expect(brief(tiles).slice(6)).toEqual(['7:s7:slot', '8:o1:emergency:OLD', '9:n1:emergency:NEW']);
  });

  it('explicit screens may take key focus, never a pin', () => {
    const { tiles, unplaced } = resolveWall(
      input({ keyFocus: [{ screen: 1, cameraId: 'k1' }], pins: { 2: 'p2' }, emergencies: [emergency('C1', ['e1', 'e2'], { screens: [2, 1] })] }),
    );
    expect(brief(tiles).slice(0, 2)).toEqual(['1:e1:emergency:C1', '2:p2:pin']);
    expect(unplaced).toEqual([{ caseId: 'C1', cameraId: 'e2' }]);
  });

  it('reverts when the emergency expires, and ignores one that has not started', () => {
    const base = input({ slotAssignments: slotCameras, emergencies: [emergency('C1', ['e1'], { expiresAtMs: NOW + MIN })] });
    expect(brief(resolveWall(base).tiles)[7]).toBe('8:e1:emergency:C1');
    expect(brief(resolveWall({ ...base, nowMs: NOW + MIN }).tiles)[7]).toBe('8:-:empty');
    const future = input({ emergencies: [emergency('C2', ['e1'], { startedAtMs: NOW + 1 })] });
    expect(resolveWall(future).tiles.every((tile) => tile.source === 'empty')).toBe(true);
  });

  it('leaves a slot tile empty when its camera is already on the wall', () => {
    const { tiles } = resolveWall(input({ screens: [1, 2, 3, 4], slotAssignments: { 1: 'a', 2: 'b', 3: 'a', 4: 'p' }, keyFocus: [{ screen: 2, cameraId: 'a' }], pins: { 1: 'p' } }));
    expect(brief(tiles)).toEqual(['1:p:pin', '2:a:keyFocus', '3:-:empty', '4:-:empty']);
  });

  it('a tour whose camera is already on the wall steps on to its next camera that is not, never to a fixed screen\'s', () => {
    // The tour on screen 4 is at 'a', which the operator placed on screen 1; its next cameras are 'b' (shown by the
    // fixed screen 2, even though that screen comes later) and 'c'.
    const tour = input({ screens: [4, 1, 2], slotAssignments: { 4: 'a', 2: 'b' }, slotFallbacks: new Map([[4, ['b', 'c']]]), keyFocus: [{ screen: 1, cameraId: 'a' }] });
    expect(brief(resolveWall(tour).tiles)).toEqual(['4:c:slot', '1:a:keyFocus', '2:b:slot']);
    // Every camera of the tour already shown: the screen is left empty rather than repeat one.
    const exhausted = input({ ...tour, slotFallbacks: new Map([[4, ['b']]]) });
    expect(brief(resolveWall(exhausted).tiles)).toEqual(['4:-:empty', '1:a:keyFocus', '2:b:slot']);
    // An emergency can still take the tour's screen, and the tour's camera is not repeated elsewhere.
    const urgent = input({ ...tour, emergencies: [emergency('C1', ['c'])] });
    expect(brief(resolveWall(urgent).tiles)).toEqual(['4:c:emergency:C1', '1:a:keyFocus', '2:b:slot']);
  });

  it('accepts Maps as well as records, and ignores screens not on the wall', () => {
    const { tiles } = resolveWall(input({ screens: [1, 2, 1], slotAssignments: new Map([[1, 'a'], [3, 'c']]), pins: new Map([[7, 'p']]), keyFocus: [{ screen: 9, cameraId: 'k' }] }));
    expect(brief(tiles)).toEqual(['1:a:slot', '2:-:empty']);
  });
});

describe('resolveWall properties', () => {
  const camera: fc.Arbitrary<string> = fc.constantFrom('a', 'b', 'c', 'd', 'e', 'f', 'g', 'h');
  const screen = fc.integer({ min: 1, max: 12 });
  const screenMap = fc.dictionary(screen.map(String), camera, { maxKeys: 12 });
  const emergencies = fc.uniqueArray(
    fc.record({
      caseId: fc.constantFrom('C1', 'C2', 'C3', 'C4'),
      cameraIds: fc.array(camera, { maxLength: 6 }),
      startedAtMs: fc.integer({ min: NOW - 20 * MIN, max: NOW + 2 * MIN }),
      expiresAtMs: fc.integer({ min: NOW - 10 * MIN, max: NOW + 20 * MIN }),
      screens: fc.option(fc.array(screen, { maxLength: 4 }), { nil: undefined }),
    }),
    { maxLength: 4, selector: (each) => each.caseId },
  );
  const wall = fc.record({
    screens: fc.uniqueArray(screen, { minLength: 1, maxLength: 12 }),
    slotAssignments: screenMap,
    keyFocus: fc.array(fc.record({ screen, cameraId: camera }), { maxLength: 4 }),
    emergencies,
    pins: screenMap.map((pins) => Object.fromEntries(Object.entries(pins).slice(0, 3))),
    slotFallbacks: fc.array(fc.tuple(screen, fc.array(camera, { maxLength: 4 })), { maxLength: 3 }).map((entries) => new Map(entries)),
    nowMs: fc.constant(NOW),
  });

  it('never covers a pin, never shows an expired emergency, never repeats a camera except by pins', () => {
    fc.assert(
      fc.property(wall, (wallInput) => {
        const { tiles, unplaced } = resolveWall(wallInput);
        expect(tiles.map((tile) => tile.screen)).toEqual(wallInput.screens);
        const active = wallInput.emergencies.filter((each) => isEmergencyActive(each, NOW));
        for (const tile of tiles) {
          const pinned = (wallInput.pins as Record<number, string>)[tile.screen];
          if (pinned !== undefined) expect(tile).toEqual({ screen: tile.screen, cameraId: pinned, source: 'pin' });
          else expect(tile.source).not.toBe('pin');
          if (tile.source === 'emergency') {
            const owner = active.filter((each) => each.caseId === tile.caseId);
            expect(owner.length, 'an emergency tile belongs to an active emergency').toBeGreaterThan(0);
            expect(owner.some((each) => each.cameraIds.includes(tile.cameraId!))).toBe(true);
          }
          if (tile.source === 'empty') expect(tile.cameraId).toBeNull();
        }
        const nonPin = tiles.filter((tile) => tile.source !== 'pin' && tile.cameraId !== null).map((tile) => tile.cameraId);
        const pinCameras = new Set(tiles.filter((tile) => tile.source === 'pin').map((tile) => tile.cameraId));
        expect(new Set(nonPin).size).toBe(nonPin.length);
        for (const id of nonPin) expect(pinCameras.has(id)).toBe(false);

        // A slot tile shows its own camera or one of its tour's; a tour's screen goes dark only when all of them are
        // shown (where no emergency or key focus reshuffles the wall: those may leave a screen empty on their own).
        for (const tile of tiles) {
          const own = (wallInput.slotAssignments as Record<number, string>)[tile.screen];
          const tour = wallInput.slotFallbacks.get(tile.screen);
          if (tile.source === 'slot') expect([own, ...(tour ?? [])]).toContain(tile.cameraId);
          const undisturbed = active.length === 0 && !wallInput.keyFocus.some((entry) => entry.screen === tile.screen);
          if (tile.source === 'empty' && own !== undefined && tour !== undefined && undisturbed) {
            const shownNow = new Set(tiles.map((each) => each.cameraId));
            for (const candidate of [own, ...tour]) expect(shownNow.has(candidate), `screen ${tile.screen} could show ${candidate}`).toBe(true);
          }
        }

        // Every camera of an active emergency is on the wall or reported unplaced.
        const shown = new Set(tiles.map((tile) => tile.cameraId));
        for (const each of active) {
          for (const id of each.cameraIds) expect(shown.has(id) || unplaced.some((miss) => miss.caseId === each.caseId && miss.cameraId === id)).toBe(true);
        }
        // A camera is left unplaced by an automatic emergency only when no screen was left for it.
        for (const miss of unplaced) {
          const owner = active.find((each) => each.caseId === miss.caseId && each.cameraIds.includes(miss.cameraId))!;
          if (!owner.screens || owner.screens.length === 0) expect(tiles.every((tile) => tile.source === 'pin' || tile.source === 'emergency')).toBe(true);
        }
      }),
    );
  });

  it('with no active emergency, the answer does not depend on expired ones', () => {
    fc.assert(
      fc.property(wall, (wallInput) => {
        const expiredOnly = wallInput.emergencies.map((each) => ({ ...each, expiresAtMs: Math.min(each.expiresAtMs, NOW) }));
        expect(resolveWall({ ...wallInput, emergencies: expiredOnly })).toEqual(resolveWall({ ...wallInput, emergencies: [] }));
      }),
    );
  });
});
