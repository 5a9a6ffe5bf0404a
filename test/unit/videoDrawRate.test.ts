import { describe, expect, it } from 'vitest';
import { drawsAtFullRate, fullRateIntervalMs, pictureRect, smallTileIntervalMs } from '../../shared/video/drawRate';
import { subOrMain } from '../../shared/video/layout';

describe('drawing rates', () => {
  it('draws small tiles five times a second and a main-stream-sized tile at every frame of 25 fps', () => {
    expect(1000 / smallTileIntervalMs).toBe(5);
    expect(1000 / fullRateIntervalMs).toBe(25);
    // 1920×1080 wall: a 16-split tile and a 9-split tile are small, a 4-split tile and an enlarged one are not.
    expect(drawsAtFullRate({ width: 480, height: 270 })).toBe(false);
    expect(drawsAtFullRate({ width: 640, height: 360 })).toBe(false);
    expect(drawsAtFullRate({ width: 960, height: 540 })).toBe(true);
    expect(drawsAtFullRate({ width: 1920, height: 1000 })).toBe(true);
  });

  it('uses the same threshold as the choice of sub or main stream', () => {
    for (const [width, height] of [[700, 394], [720, 405], [1280, 300], [500, 1000], [1000, 560]] as const) {
      expect(drawsAtFullRate({ width, height })).toBe(subOrMain(width, height) === 'main');
    }
  });
});

describe('where a picture is drawn in its tile', () => {
  it('pixel for pixel and centred when it nearly fits', () => {
    expect(pictureRect({ width: 320, height: 180 }, { x: 100, y: 50, width: 395, height: 189 })).toEqual({ x: 138, y: 55, width: 320, height: 180, native: true });
  });

  it('scaled to fit, letterboxed and centred, when it does not', () => {
    expect(pictureRect({ width: 960, height: 540 }, { x: 0, y: 0, width: 1592, height: 800 })).toEqual({ x: 85, y: 0, width: 1422, height: 800, native: false });
    expect(pictureRect({ width: 320, height: 180 }, { x: 0, y: 0, width: 533, height: 255 })).toMatchObject({ native: false, width: 453, height: 255 });
  });
});
