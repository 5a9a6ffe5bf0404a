import type { LngLat } from '../domain/district';
import type { Name } from '../domain/names';

/**
 * Where problems occur, by time slot: the density layer and the ranking of
 * grids with the most cases (高发网格). The core counts the case history
 * once per period into compact tuples (never a point per case); a window
 * then picks a slot and a category from what it holds, with no round trip.
 */

/** A time slot as the density layer shows it (the video plan's slots, in order of their start). */
export interface DensitySlot {
  id: string;
  name: Name;
  /** "04:00" */
  start: string;
  /** "07:00" (the next slot's start) */
  end: string;
}

export interface DensityResult {
  fromMs: number;
  toMs: number;
  days: number;
  slots: DensitySlot[];
  /** Minor category codes; tuples name them by index. */
  categories: string[];
  /** Grid ids; tuples name them by index. */
  gridIds: string[];
  /** Flat quadruples [grid, slot, category, count] for the period. */
  grid: number[];
  /** The same for the period of equal length just before, for the trend. */
  previousGrid: number[];
  /** Cases counted in small square cells for a heat layer: flat quintuples [column, row, slot, category, count] (empty unless asked for: they are most of the answer). */
  heat: { origin: LngLat; cellDeg: [number, number]; cells: number[] };
  heatIncluded: boolean;
  /** Cases in the period; how many of them had no position (counted in no grid or cell). */
  total: number;
  unlocated: number;
}

export interface DensityRow {
  categoryCode: string;
  gridId: string | null;
  lng: number | null;
  lat: number | null;
  reportedAt: number;
}

const minuteMs = 60_000;
const dayMinutes = 1440;

/** Minutes after local midnight, for the room's zone (Shanghai: +480). */
export function minuteOfDay(at: number, tzOffsetMinutes: number): number {
  const minutes = Math.floor(at / minuteMs) + tzOffsetMinutes;
  return ((minutes % dayMinutes) + dayMinutes) % dayMinutes;
}

/** The slot a minute of the day falls in, given the slots' starts in minutes, ascending (before the first start: the last slot, from the evening before). */
export function slotIndexAt(minute: number, starts: readonly number[]): number {
  let index = starts.length - 1;
  for (let candidate = 0; candidate < starts.length; candidate++) if (starts[candidate]! <= minute) index = candidate;
  return index;
}

/** About 100 m square cells over the district: fine enough to show a street, coarse enough to stay few. */
export function heatCellDeg(latitude: number, metres = 100): [number, number] {
  return [metres / (111_320 * Math.cos((latitude * Math.PI) / 180)), metres / 110_900];
}

export interface AggregateOptions {
  slotStarts: readonly number[];
  tzOffsetMinutes: number;
  gridIds: readonly string[];
  bbox: [number, number, number, number];
}

/**
 * Counts the period's rows into [grid, slot, category] and [cell, slot,
 * category] tuples, and the previous period's into grid tuples with the same
 * category numbering (see DensityResult).
 */
export function aggregateDensity(current: Iterable<DensityRow>, previous: Iterable<DensityRow>, options: AggregateOptions) {
  const categories: string[] = [];
  const categoryIndex = new Map<string, number>();
  const categoryOf = (code: string) => {
    let index = categoryIndex.get(code);
    if (index === undefined) {
      index = categories.push(code) - 1;
      categoryIndex.set(code, index);
    }
    return index;
  };
  const origin: LngLat = [options.bbox[0], options.bbox[1]];
  const cellDeg = heatCellDeg((options.bbox[1] + options.bbox[3]) / 2);
  const cellCounts = new Map<string, number>();
  const counted = countGrids(current, options, categoryOf, (row, slot, category) => {
    const key = `${Math.floor((row.lng! - origin[0]) / cellDeg[0])},${Math.floor((row.lat! - origin[1]) / cellDeg[1])},${slot},${category}`;
    cellCounts.set(key, (cellCounts.get(key) ?? 0) + 1);
  });
  const before = countGrids(previous, options, categoryOf, () => undefined);
  const cells: number[] = [];
  for (const [key, count] of cellCounts) cells.push(...key.split(',').map(Number), count);
  return { categories, grid: counted.grid, previousGrid: before.grid, heat: { origin, cellDeg, cells }, total: counted.total, unlocated: counted.unlocated };
}

function countGrids(rows: Iterable<DensityRow>, options: AggregateOptions, categoryOf: (code: string) => number, located: (row: DensityRow, slot: number, category: number) => void) {
  const gridIndex = new Map(options.gridIds.map((id, index) => [id, index]));
  const slots = options.slotStarts.length;
  // One number per (grid, slot, category): cheaper to count in a Map than a tuple key.
  const counts = new Map<number, number>();
  let total = 0;
  let unlocated = 0;
  for (const row of rows) {
    total++;
    const category = categoryOf(row.categoryCode);
    const slot = slotIndexAt(minuteOfDay(row.reportedAt, options.tzOffsetMinutes), options.slotStarts);
    const grid = row.gridId === null ? undefined : gridIndex.get(row.gridId);
    if (grid === undefined || row.lng === null || row.lat === null) {
      unlocated++;
      continue;
    }
    const key = (grid * slots + slot) * 100_000 + category;
    counts.set(key, (counts.get(key) ?? 0) + 1);
    located(row, slot, category);
  }
  const grid: number[] = [];
  for (const [key, count] of counts) {
    const gridSlot = Math.floor(key / 100_000);
    grid.push(Math.floor(gridSlot / slots), gridSlot % slots, key % 100_000, count);
  }
  return { grid, total, unlocated };
}

/** What the layer shows: one slot (or all day, null) and a category code prefix ('' for every category). */
export interface DensityChoice {
  slot: number | null;
  categoryPrefix: string;
}

function chosen(result: Pick<DensityResult, 'categories'>, choice: DensityChoice): (slot: number, category: number) => boolean {
  const categories = result.categories.map((code) => code.startsWith(choice.categoryPrefix));
  return (slot, category) => (choice.slot === null || slot === choice.slot) && categories[category] === true;
}

/** Cases per grid index for a choice. */
export function gridTotals(result: Pick<DensityResult, 'categories'>, tuples: readonly number[], choice: DensityChoice): Map<number, number> {
  const wanted = chosen(result, choice);
  const totals = new Map<number, number>();
  for (let index = 0; index < tuples.length; index += 4) {
    if (wanted(tuples[index + 1]!, tuples[index + 2]!)) totals.set(tuples[index]!, (totals.get(tuples[index]!) ?? 0) + tuples[index + 3]!);
  }
  return totals;
}

/** Heat points (cell centres with their counts) for a choice. */
export function heatPoints(result: Pick<DensityResult, 'categories' | 'heat'>, choice: DensityChoice): { lngLat: LngLat; count: number }[] {
  const wanted = chosen(result, choice);
  const { origin, cellDeg, cells } = result.heat;
  const byCell = new Map<string, { lngLat: LngLat; count: number }>();
  for (let index = 0; index < cells.length; index += 5) {
    if (!wanted(cells[index + 2]!, cells[index + 3]!)) continue;
    const key = `${cells[index]},${cells[index + 1]}`;
    const point = byCell.get(key) ?? { lngLat: [origin[0] + (cells[index]! + 0.5) * cellDeg[0], origin[1] + (cells[index + 1]! + 0.5) * cellDeg[1]] as LngLat, count: 0 };
    point.count += cells[index + 4]!;
    byCell.set(key, point);
  }
  return [...byCell.values()];
}

export interface GridRank {
  gridId: string;
  count: number;
  previous: number;
  /** Of all located cases of the choice. */
  share: number;
}

/** The grids with the most cases for a choice, with the previous period's count beside each (高发网格). */
export function rankGrids(result: DensityResult, choice: DensityChoice, limit = 10): GridRank[] {
  const now = gridTotals(result, result.grid, choice);
  const before = gridTotals(result, result.previousGrid, choice);
  let all = 0;
  for (const count of now.values()) all += count;
  return [...now.entries()]
    .sort((a, b) => b[1] - a[1] || a[0] - b[0])
    .slice(0, limit)
    .map(([grid, count]) => ({ gridId: result.gridIds[grid]!, count, previous: before.get(grid) ?? 0, share: all === 0 ? 0 : count / all }));
}
