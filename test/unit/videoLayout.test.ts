import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  customLayout,
  globalScreenNumbers,
  LayoutSchema,
  maxGridSide,
  nativePictureSize,
  nativeScaleRange,
  presetLayout,
  presetLayoutIds,
  presetLayouts,
  subOrMain,
  tileCount,
  tileRects,
  type Layout,
} from '../../shared/video/layout';

describe('layouts', () => {
  it('presets have the tile counts their names promise', () => {
    for (const id of presetLayoutIds) {
      expect(tileRects(presetLayouts[id])).toHaveLength(Number(id));
      expect(tileCount(presetLayouts[id])).toBe(Number(id));
      expect(LayoutSchema.safeParse(presetLayouts[id]).success).toBe(true);
    }
  });

  it('finds presets by their tile count', () => {
    expect(presetLayout(6)).toBe(presetLayouts['6']);
    expect(presetLayout(25)?.columns).toBe(5);
    expect(presetLayout(18)).toBeNull();
  });

  it('the 6 split is one 2×2 big tile top left and five small ones, in reading order', () => {
    const rects = tileRects(presetLayouts['6']);
    expect(rects.map(({ column, row, columns, rows }) => [column, row, columns, rows])).toEqual([
      [0, 0, 2, 2],
      [2, 0, 1, 1],
      [2, 1, 1, 1],
      [0, 2, 1, 1],
      [1, 2, 1, 1],
      [2, 2, 1, 1],
    ]);
    expect(rects[0]).toMatchObject({ x: 0, y: 0, width: 2 / 3, height: 2 / 3 });
  });

  it('tiles of any valid layout cover the window exactly once', () => {
    const layouts = fc
      .record({ columns: fc.integer({ min: 1, max: maxGridSide }), rows: fc.integer({ min: 1, max: maxGridSide }) })
      .chain(({ columns, rows }) =>
        fc
          .record({ column: fc.nat(columns - 1), row: fc.nat(rows - 1), columns: fc.integer({ min: 1, max: columns }), rows: fc.integer({ min: 1, max: rows }) })
          .filter((span) => span.column + span.columns <= columns && span.row + span.rows <= rows)
          .map((span): Layout => ({ id: 'custom', columns, rows, spans: [span] })),
      );
    fc.assert(
      fc.property(layouts, (layout) => {
        const rects = tileRects(layout);
        expect(rects).toHaveLength(tileCount(layout));
        const area = rects.reduce((sum, rect) => sum + rect.width * rect.height, 0);
        expect(area).toBeCloseTo(1, 9);
        const cells = new Set<string>();
        for (const rect of rects) {
          for (let r = rect.row; r < rect.row + rect.rows; r += 1) for (let c = rect.column; c < rect.column + rect.columns; c += 1) cells.add(`${c},${r}`);
        }
        expect(cells.size).toBe(layout.columns * layout.rows);
      }),
    );
  });

  it('refuses spans that leave the grid or overlap, in both languages', () => {
    const outside = LayoutSchema.safeParse({ id: 'x', columns: 3, rows: 3, spans: [{ column: 2, row: 0, columns: 2, rows: 1 }] });
    expect(outside.success).toBe(false);
    const overlap = LayoutSchema.safeParse({
      id: 'x',
      columns: 4,
      rows: 4,
      spans: [
        { column: 0, row: 0, columns: 2, rows: 2 },
        { column: 1, row: 1, columns: 2, rows: 2 },
      ],
    });
    expect(overlap.success).toBe(false);
    expect(() => customLayout(3, 3, [{ column: 2, row: 2, columns: 2, rows: 2 }])).toThrow(/does not fit/);
    expect(() => customLayout(0, 3)).toThrow(RangeError);
    expect(() => customLayout(9, 1)).toThrow(RangeError);
  });

  it('an 18-screen wall as three 3×2 windows', () => {
    const third = customLayout(3, 2);
    const wall = globalScreenNumbers([0, 1, 2].map((windowIndex) => ({ windowIndex, layout: third })));
    expect(wall.count).toBe(18);
    expect(wall.screenAt(11)).toEqual({ windowIndex: 1, tileIndex: 4 });
    expect(wall.screenNumber(2, 5)).toBe(18);
  });
});

describe('global screen numbers', () => {
  const windows = fc.uniqueArray(fc.integer({ min: 0, max: 20 }), { minLength: 1, maxLength: 5 }).chain((indexes) =>
    fc.tuple(...indexes.map((windowIndex) => fc.constantFrom(...presetLayoutIds).map((id) => ({ windowIndex, layout: presetLayouts[id] })))),
  );

  it('is a bijection between 1..N and the tiles of all windows, in window order', () => {
    fc.assert(
      fc.property(windows, (list) => {
        const wall = globalScreenNumbers(list);
        const total = list.reduce((sum, window) => sum + tileCount(window.layout), 0);
        expect(wall.count).toBe(total);
        const seen = new Set<string>();
        let previousWindow = -Infinity;
        for (let screen = 1; screen <= total; screen += 1) {
          const at = wall.screenAt(screen)!;
          expect(at).not.toBeNull();
          expect(at.windowIndex).toBeGreaterThanOrEqual(previousWindow);
          previousWindow = at.windowIndex;
          seen.add(`${at.windowIndex}/${at.tileIndex}`);
          expect(wall.screenNumber(at.windowIndex, at.tileIndex)).toBe(screen);
        }
        expect(seen.size).toBe(total);
        expect(wall.screenAt(0)).toBeNull();
        expect(wall.screenAt(total + 1)).toBeNull();
        expect(wall.screenAt(1.5)).toBeNull();
      }),
    );
  });

  it('refuses two windows with one index', () => {
    expect(() =>
      globalScreenNumbers([
        { windowIndex: 0, layout: presetLayouts['9'] },
        { windowIndex: 0, layout: presetLayouts['4'] },
      ]),
    ).toThrow(RangeError);
  });
});

describe('subOrMain', () => {
  it('plays main on big tiles and sub on small ones (1920×1080 display)', () => {
    expect(subOrMain(1920, 1080)).toBe('main'); // 1 split
    expect(subOrMain(960, 540)).toBe('main'); // 4 split
    expect(subOrMain(1280, 720)).toBe('main'); // 6 split, big tile
    expect(subOrMain(640, 360)).toBe('sub'); // 9 split, 6 split small tiles
    expect(subOrMain(480, 270)).toBe('sub'); // 16 split
  });

  it('goes by the picture a letterboxed tile can show, not the tile width alone', () => {
    expect(subOrMain(1920, 300)).toBe('sub'); // a wide strip shows a 533 px picture
    expect(subOrMain(720, 2000)).toBe('main');
  });

  it('is monotone: a bigger tile never plays a smaller stream', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 8000 }), fc.integer({ min: 1, max: 8000 }), fc.nat(2000), fc.nat(2000), (w, h, dw, dh) => {
        if (subOrMain(w, h) === 'main') expect(subOrMain(w + dw, h + dh)).toBe('main');
      }),
    );
  });
});

describe('nativePictureSize', () => {
  it('draws a stream that nearly fills its tile pixel for pixel', () => {
    // A 640×360 sub stream in a 9-split tile of a 1080p display (636×354 after borders): 1.7 % cropped, not resampled.
    expect(nativePictureSize({ width: 640, height: 360 }, { width: 636, height: 354 }, 1)).toEqual({ width: 640, height: 360 });
    // A 320×180 stream in a 391×185 box: a 2.8 % upscale is not worth a blur.
    expect(nativePictureSize({ width: 320, height: 180 }, { width: 391, height: 185 }, 1)).toEqual({ width: 320, height: 180 });
  });

  it('scales when the difference would show: big upscales, any real downscale', () => {
    expect(nativePictureSize({ width: 640, height: 360 }, { width: 960, height: 540 }, 1)).toBeNull(); // ×1.5
    expect(nativePictureSize({ width: 960, height: 540 }, { width: 480, height: 270 }, 1)).toBeNull(); // ×0.5
    expect(nativePictureSize({ width: 640, height: 360 }, { width: 620, height: 349 }, 1)).toBeNull(); // ×0.97: 3 % cropped is too much
  });

  it('counts device pixels: on a 1.25× display the CSS size shrinks so one video pixel is one device pixel', () => {
    expect(nativePictureSize({ width: 640, height: 360 }, { width: 520, height: 300 }, 1.25)).toEqual({ width: 512, height: 288 });
    expect(nativePictureSize({ width: 640, height: 360 }, { width: 640, height: 360 }, 2)).toBeNull(); // a 2× upscale
  });

  it('scales when sizes are unknown (no frame yet, hidden tile)', () => {
    expect(nativePictureSize({ width: 0, height: 0 }, { width: 400, height: 225 }, 1)).toBeNull();
    expect(nativePictureSize({ width: 320, height: 180 }, { width: 0, height: 0 }, 1)).toBeNull();
  });

  it('never crops more than 2 % nor leaves more than a 20 % upscale undone', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 16, max: 4096 }),
        fc.integer({ min: 16, max: 4096 }),
        fc.integer({ min: 16, max: 4096 }),
        fc.integer({ min: 16, max: 4096 }),
        fc.constantFrom(1, 1.25, 1.5, 2),
        (sw, sh, bw, bh, dpr) => {
          const size = nativePictureSize({ width: sw, height: sh }, { width: bw, height: bh }, dpr);
          if (!size) return;
          const scale = Math.min((bw * dpr) / sw, (bh * dpr) / sh);
          expect(scale).toBeGreaterThanOrEqual(nativeScaleRange.min);
          expect(scale).toBeLessThanOrEqual(nativeScaleRange.max);
          expect(size.width * dpr).toBeCloseTo(sw);
          expect(size.height * dpr).toBeCloseTo(sh);
        },
      ),
    );
  });
});
