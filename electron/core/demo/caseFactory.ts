import type { ReferenceData } from '../../../shared/contract/contract';
import type { CaseDraft } from '../../../shared/domain/case';
import type { Grid, LngLat, Road } from '../../../shared/domain/district';
import type { Category } from '../../../shared/domain/organisation';
import type { SeededRandom } from '../../../shared/domain/random';
import { createGridLocator } from '../../../shared/domain/locate';

/**
 * Makes plausible incidents for the demo district: where they happen (some
 * grids are chronic hot spots), what they are (street order and rubbish far
 * more often than a road collapse), who found them, and the words a reporter
 * would use. Shared by the history generator and the live feed.
 */
export interface DemoIncident {
  draft: Required<Pick<CaseDraft, 'description' | 'categoryCode' | 'sourceId' | 'address' | 'urgent'>> & {
    lngLat: LngLat;
    reporter: { name: string; phone: string } | null;
  };
  category: Category;
}

/** How often each major category turns up in a city-centre sub-district. */
const majorFrequency: Record<string, number> = {
  '201': 6, // city appearance
  '204': 7, // street order
  '202': 2, // advertising
  '203': 2.5, // construction
  '205': 0.4, // emergencies
};

/** Sources that put a citizen's name and number on the case. */
const citizenSources = new Set(['hotline', 'wechat', 'visit']);

const sourceFrequency: Record<string, number> = {
  street: 30,
  video: 22,
  hotline: 18,
  committee: 6,
  wechat: 6,
  visit: 2,
  volunteer: 5,
  transfer: 4,
  leader: 1,
  media: 0.5,
  gridworker: 10,
  police110: 3,
};

const surnames = ['王', '李', '张', '刘', '陈', '杨', '黄', '赵', '周', '吴', '徐', '孙', '朱', '马', '胡', '郭'];
const remarks = ['', '', '', '，请尽快处置', '，影响行人通行', '，居民多次反映', '，已拍照留存', '，现场有围观'];

export function createCaseFactory(reference: ReferenceData, random: SeededRandom) {
  const { geography } = reference;
  const locate = createGridLocator(geography);
  const hotness = geography.grids.map((grid) => [grid, 0.3 + random.next() * random.next() * 6] as const);
  const categories = reference.categories.map(
    (category) => [category, (majorFrequency[category.majorCode] ?? 1) * (0.3 + random.next())] as const,
  );
  const sources = reference.sources.map((source) => [source.id, sourceFrequency[source.id] ?? 1] as const);

  function pointIn(grid: Grid): LngLat {
    const lngs = grid.polygon.map((point) => point[0]);
    const lats = grid.polygon.map((point) => point[1]);
    const [west, east, south, north] = [Math.min(...lngs), Math.max(...lngs), Math.min(...lats), Math.max(...lats)];
    for (let attempt = 0; attempt < 50; attempt++) {
      const candidate: LngLat = [
        round6(west + random.next() * (east - west)),
        round6(south + random.next() * (north - south)),
      ];
      if (locate(candidate)?.gridId === grid.id) return candidate;
    }
    return grid.polygon[0]!;
  }

  function reporter(sourceId: string) {
    if (!citizenSources.has(sourceId) || !random.chance(0.7)) return null;
    const phone = `1${random.pick(['3', '5', '8'])}${String(random.int(0, 1e9)).padStart(9, '0')}`;
    return { name: `${random.pick(surnames)}${random.pick(['先生', '女士'])}`, phone };
  }

  return function nextIncident(): DemoIncident {
    const grid = random.weighted(hotness);
    const lngLat = pointIn(grid);
    const category = random.weighted(categories);
    const sourceId = random.weighted(sources);
    const address = addressNear(lngLat, geography.roads, random) ?? grid.name.zh;
    return {
      category,
      draft: {
        description: `${address}附近${category.name.zh}${random.pick(remarks)}`,
        categoryCode: category.code,
        sourceId,
        lngLat,
        address,
        urgent: category.urgentByDefault || random.chance(0.03),
        reporter: reporter(sourceId),
      },
    };
  };
}

/** "光复路 212 号": the nearest road, with a house number interpolated along it. */
function addressNear(point: LngLat, roads: readonly Road[], random: SeededRandom): string | null {
  let best: { road: Road; distance: number; along: number } | null = null;
  for (const road of roads) {
    const nearest = nearestOnLine(point, road.line);
    if (!best || nearest.distance < best.distance) best = { road, ...nearest };
  }
  // Farther than ~400 m from any known road: the reporter names the grid instead.
  if (!best || best.distance > 0.004) return null;
  const { from, to } = best.road.houseNumbers;
  let number = Math.round(from + best.along * (to - from)) + random.int(-6, 7);
  number = Math.max(1, number);
  return `${best.road.name.zh}${number}号`;
}

/** Distance (in degrees, good enough at this scale) and position along the line, 0..1. */
function nearestOnLine(point: LngLat, line: readonly LngLat[]): { distance: number; along: number } {
  const lengths: number[] = [];
  let total = 0;
  for (let i = 1; i < line.length; i++) {
    const length = Math.hypot(line[i]![0] - line[i - 1]![0], line[i]![1] - line[i - 1]![1]);
    lengths.push(length);
    total += length;
  }
  let best = { distance: Infinity, along: 0 };
  let travelled = 0;
  for (let i = 1; i < line.length; i++) {
    const [ax, ay] = line[i - 1]!;
    const [bx, by] = line[i]!;
    const length = lengths[i - 1]!;
    const t = length === 0 ? 0 : clamp(((point[0] - ax) * (bx - ax) + (point[1] - ay) * (by - ay)) / (length * length));
    const distance = Math.hypot(point[0] - (ax + t * (bx - ax)), point[1] - (ay + t * (by - ay)));
    if (distance < best.distance) best = { distance, along: total === 0 ? 0 : (travelled + t * length) / total };
    travelled += length;
  }
  return best;
}

const clamp = (value: number) => Math.min(1, Math.max(0, value));
const round6 = (value: number) => Math.round(value * 1e6) / 1e6;
