import { z } from 'zod';
import { addVideoIssue, videoIssue, type VideoIssue } from './messages';

/**
 * Video window layouts as grids of cells. Most tiles are one cell; a span
 * makes one big tile of several cells (the "6" split is a 3×3 grid whose top
 * left 2×2 is one big tile, beside and under it five small ones).
 *
 * Tiles are numbered in reading order of their top-left cell: row by row,
 * left to right. Screens are numbered across all video windows of the wall,
 * in window order, so the same number names the same tile for everyone in
 * the room ("screen 11").
 */

/** A big tile: top-left cell (0-based) and its size in cells. */
export interface TileSpan {
  column: number;
  row: number;
  columns: number;
  rows: number;
}

export interface Layout {
  id: string;
  columns: number;
  rows: number;
  spans?: TileSpan[];
}

/** Bigger grids than 8×8 are not watchable on one display, and would not decode. */
export const maxGridSide = 8;

const SpanSchema = z.object({
  column: z.number().int().min(0),
  row: z.number().int().min(0),
  columns: z.number().int().min(1),
  rows: z.number().int().min(1),
});

export const LayoutSchema: z.ZodType<Layout> = z
  .object({
    id: z.string().min(1).max(40),
    columns: z.number().int().min(1).max(maxGridSide),
    rows: z.number().int().min(1).max(maxGridSide),
    spans: z.array(SpanSchema).optional(),
  })
  .superRefine(
    (layout, context) => {
      for (const issue of layoutProblems(layout)) addVideoIssue(context, issue);
    },
    { when: (payload) => payload.issues.length === 0 },
  );

export const presetLayoutIds = ['1', '4', '6', '9', '16', '25'] as const;
export type PresetLayoutId = (typeof presetLayoutIds)[number];

export const presetLayouts: Readonly<Record<PresetLayoutId, Layout>> = {
  '1': { id: '1', columns: 1, rows: 1 },
  '4': { id: '4', columns: 2, rows: 2 },
  '6': { id: '6', columns: 3, rows: 3, spans: [{ column: 0, row: 0, columns: 2, rows: 2 }] },
  '9': { id: '9', columns: 3, rows: 3 },
  '16': { id: '16', columns: 4, rows: 4 },
  '25': { id: '25', columns: 5, rows: 5 },
};

/** A layout in a plan: a preset by its name ("9") or a custom grid. */
export const LayoutRefSchema = z.union([z.enum(presetLayoutIds), LayoutSchema]);
export type LayoutRef = z.infer<typeof LayoutRefSchema>;

/** The preset with this many tiles (1, 4, 6, 9, 16, 25), as the wall state and spoken commands give it; null for others. */
export function presetLayout(tiles: number): Layout | null {
  return (presetLayoutIds as readonly string[]).includes(String(tiles)) ? presetLayouts[String(tiles) as PresetLayoutId] : null;
}

export function resolveLayout(ref: LayoutRef): Layout {
  return typeof ref === 'string' ? presetLayouts[ref] : ref;
}

/** A plain grid of `columns` × `rows` equal tiles (e.g. one third of an 18-screen 3×6 wall per window). */
export function customLayout(columns: number, rows: number, spans?: TileSpan[]): Layout {
  const layout: Layout = { id: `${columns}x${rows}`, columns, rows };
  if (spans && spans.length > 0) layout.spans = spans;
  const problems = layoutProblems(layout);
  if (problems.length > 0 || !isGridSide(columns) || !isGridSide(rows)) {
    throw new RangeError(`invalid layout ${columns}×${rows}: ${problems.map((problem) => problem.message.en).join('; ') || `sides must be 1–${maxGridSide}`}`);
  }
  return layout;
}

function isGridSide(value: number): boolean {
  return Number.isInteger(value) && value >= 1 && value <= maxGridSide;
}

/** Spans that leave the grid or overlap; an empty list for a good layout. */
export function layoutProblems(layout: Layout): VideoIssue[] {
  const problems: VideoIssue[] = [];
  const taken = new Set<number>();
  (layout.spans ?? []).forEach((span, index) => {
    const label = `${span.columns}×${span.rows}@(${span.column},${span.row})`;
    if (span.column + span.columns > layout.columns || span.row + span.rows > layout.rows) {
      problems.push(videoIssue('spanOutside', { span: label, columns: layout.columns, rows: layout.rows }, ['spans', index]));
      return;
    }
    let overlaps = false;
    for (let row = span.row; row < span.row + span.rows; row += 1) {
      for (let column = span.column; column < span.column + span.columns; column += 1) {
        const cell = row * layout.columns + column;
        if (taken.has(cell)) overlaps = true;
        taken.add(cell);
      }
    }
    if (overlaps) problems.push(videoIssue('spanOverlap', { span: label }, ['spans', index]));
  });
  return problems;
}

/** A tile's place in its window, as fractions of the window (0–1), and in cells. */
export interface TileRect {
  tileIndex: number;
  x: number;
  y: number;
  width: number;
  height: number;
  column: number;
  row: number;
  columns: number;
  rows: number;
}

/** The tiles of a layout in reading order (see the top of this file). Throws on an invalid layout. */
export function tileRects(layout: Layout): TileRect[] {
  const problems = layoutProblems(layout);
  if (problems.length > 0 || !isGridSide(layout.columns) || !isGridSide(layout.rows)) {
    throw new RangeError(`invalid layout ${layout.id}: ${problems.map((problem) => problem.message.en).join('; ') || 'bad grid size'}`);
  }
  const spanAt = new Map((layout.spans ?? []).map((span) => [span.row * layout.columns + span.column, span]));
  const covered = new Set<number>();
  const rects: TileRect[] = [];
  for (let row = 0; row < layout.rows; row += 1) {
    for (let column = 0; column < layout.columns; column += 1) {
      const cell = row * layout.columns + column;
      if (covered.has(cell)) continue;
      const span = spanAt.get(cell) ?? { column, row, columns: 1, rows: 1 };
      for (let r = span.row; r < span.row + span.rows; r += 1) {
        for (let c = span.column; c < span.column + span.columns; c += 1) covered.add(r * layout.columns + c);
      }
      rects.push({
        tileIndex: rects.length,
        x: span.column / layout.columns,
        y: span.row / layout.rows,
        width: span.columns / layout.columns,
        height: span.rows / layout.rows,
        column: span.column,
        row: span.row,
        columns: span.columns,
        rows: span.rows,
      });
    }
  }
  return rects;
}

export function tileCount(layout: Layout): number {
  const spanned = (layout.spans ?? []).reduce((sum, span) => sum + span.columns * span.rows - 1, 0);
  return layout.columns * layout.rows - spanned;
}

// ---------------------------------------------------------------------------
// Screen numbers across the wall

export interface VideoWindowLayout {
  windowIndex: number;
  layout: Layout;
}

export interface ScreenPosition {
  /** The global number people call out, from 1. */
  screen: number;
  windowIndex: number;
  tileIndex: number;
}

export interface WallScreens {
  /** Number of screens on the wall (N); screens are 1..N. */
  count: number;
  screens: readonly ScreenPosition[];
  /** Where screen `n` is; null for a number that is not on the wall. */
  screenAt(screen: number): { windowIndex: number; tileIndex: number } | null;
  /** The global number of a tile; null when there is no such tile. */
  screenNumber(windowIndex: number, tileIndex: number): number | null;
}

/**
 * Numbers the tiles of all video windows 1..N: the windows in ascending
 * `windowIndex` (the order the shell placed them, left to right), and in
 * each window its tiles in reading order. Throws if two windows share an index.
 */
export function globalScreenNumbers(windows: readonly VideoWindowLayout[]): WallScreens {
  const ordered = [...windows].sort((a, b) => a.windowIndex - b.windowIndex);
  const screens: ScreenPosition[] = [];
  const firstOfWindow = new Map<number, { first: number; count: number }>();
  for (const { windowIndex, layout } of ordered) {
    if (firstOfWindow.has(windowIndex)) throw new RangeError(`two video windows have index ${windowIndex}`);
    const count = tileCount(layout);
    firstOfWindow.set(windowIndex, { first: screens.length + 1, count });
    for (let tileIndex = 0; tileIndex < count; tileIndex += 1) screens.push({ screen: screens.length + 1, windowIndex, tileIndex });
  }
  return {
    count: screens.length,
    screens,
    screenAt(screen) {
      const position = Number.isInteger(screen) ? screens[screen - 1] : undefined;
      return position ? { windowIndex: position.windowIndex, tileIndex: position.tileIndex } : null;
    },
    screenNumber(windowIndex, tileIndex) {
      const window = firstOfWindow.get(windowIndex);
      if (!window || !Number.isInteger(tileIndex) || tileIndex < 0 || tileIndex >= window.count) return null;
      return window.first + tileIndex;
    },
  };
}

// ---------------------------------------------------------------------------
// Sub or main stream

/**
 * Sub streams are typically 640×360 to 704×576 (D1); up to about 720 device
 * pixels of picture width a sub stream is shown at or near its own
 * resolution, beyond that it would be visibly upscaled.
 */
export const mainStreamMinWidthPx = 720;

/**
 * Which stream a tile should play, from its size in device pixels (CSS
 * pixels × devicePixelRatio). The picture is assumed 16:9 and letterboxed,
 * so its width is min(tile width, tile height × 16/9): main when that is at
 * least 720 px, else sub. On a 1920×1080 display: 4-split tiles (960 px) and
 * the big tile of a 6-split play main; 9-split tiles (640 px) play sub.
 *
 * Deliberately without hysteresis: tile sizes change by layout, in steps far
 * larger than any jitter, so a tile never hovers at the threshold. A window
 * being drag-resized can cross it; evaluate on resize end, not on every frame.
 */
export function subOrMain(tilePixelWidth: number, tilePixelHeight: number, aspect = 16 / 9): 'sub' | 'main' {
  const pictureWidth = Math.min(tilePixelWidth, tilePixelHeight * aspect);
  return pictureWidth >= mainStreamMinWidthPx ? 'main' : 'sub';
}

// ---------------------------------------------------------------------------
// Pixel for pixel or scaled

/**
 * How far a box may be from its picture's size and still show it pixel for
 * pixel: from 2 % smaller than the picture (a few edge pixels cropped) to
 * 20 % larger (a black margin instead of an upscale).
 */
export const nativeScaleRange = { min: 0.98, max: 1.2 } as const;

export interface PixelSize {
  width: number;
  height: number;
}

/**
 * How a tile draws its picture: at the stream's own resolution (one video
 * pixel on one device pixel) when scaling would change it only a little,
 * otherwise scaled to fit the box (letterboxed).
 *
 * Why: a wall's streams are usually chosen to match its tiles (a 640×360 sub
 * stream in a 9-split tile on a 1080p display), and resampling a picture by a
 * few percent buys nothing: it blurs the camera's own text (time, name) and,
 * without a GPU, makes the compositor filter every pixel of every frame of
 * every tile, the largest single cost of a wall drawn in software (measured
 * in docs/BENCHMARKS.md, video). A 1:1 picture is a straight copy.
 *
 * `stream` in video pixels, `box` in CSS pixels. Returns the picture's size in
 * CSS pixels for a 1:1 draw, or null to scale to fit.
 */
export function nativePictureSize(stream: PixelSize, box: PixelSize, devicePixelRatio: number): PixelSize | null {
  if (!(stream.width > 0 && stream.height > 0 && box.width > 0 && box.height > 0 && devicePixelRatio > 0)) return null;
  const scale = Math.min((box.width * devicePixelRatio) / stream.width, (box.height * devicePixelRatio) / stream.height);
  if (scale < nativeScaleRange.min || scale > nativeScaleRange.max) return null;
  return { width: stream.width / devicePixelRatio, height: stream.height / devicePixelRatio };
}
