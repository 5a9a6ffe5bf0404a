import type { CameraSight, PlaceAt, ReferenceData } from '../../../shared/contract/contract';
import type { LngLat } from '../../../shared/domain/district';
import { nearestAddress } from '../../../shared/domain/gazetteer';
import { distanceM } from '../../../shared/domain/geo';
import type { GeoProblem } from '../../../shared/geo/geometryChecks';
import { aggregateDensity, type DensityResult, type DensitySlot } from '../../../shared/map/density';
import type { MapSetup, ResolvedBasemap } from '../../../shared/map/mapSetup';
import type { Camera } from '../../../shared/video/camera';
import { nearestCameras } from '../../../shared/video/nearest';
import { minutesOfClock, type SlotPlan } from '../../../shared/video/slots';
import { casesReportedBetween } from '../store/densityReads';
import type { StatementCache } from '../store/sql';
import type { ReferenceIndex } from './referenceIndex';
import { roomTzOffsetMinutes } from './videoWall';

const dayMs = 86_400_000;
/** A spot is "seen" by cameras this close (a street camera's useful range). */
export const sightRangeM = 250;
const placeReachM = 300;
/** Two windows opening within this long share one count of the history. */
const densityCacheMs = 60_000;

export interface MapServiceDeps {
  statements: StatementCache;
  reference: () => ReferenceIndex;
  referenceData: ReferenceData;
  cameras: () => readonly Camera[];
  plan: SlotPlan;
  /** map.json, resolved at start, and what was wrong with it or the district. */
  homeSubDistrictId: string | null;
  basemap: ResolvedBasemap | null;
  warnings: GeoProblem[];
  clock: () => number;
}

/**
 * The map's questions the core answers: its set-up, where problems occur by
 * time slot (counted from the history here, so a window receives tuples, not
 * 100,000 points), which cameras see a spot, and what a spot is called.
 */
export function createMapService(deps: MapServiceDeps) {
  const slots = densitySlots(deps.plan);
  const slotStarts = slots.map((slot) => minutesOfClock(slot.start));
  const cache = new Map<number, { at: number; result: DensityResult }>();

  function density(days: number, heat: boolean): DensityResult {
    const counted = countedDensity(days);
    return heat ? counted : { ...counted, heat: { ...counted.heat, cells: [] }, heatIncluded: false };
  }

  function countedDensity(days: number): DensityResult {
    const now = deps.clock();
    const cached = cache.get(days);
    if (cached && now - cached.at < densityCacheMs) return cached.result;
    const toMs = now;
    const fromMs = toMs - days * dayMs;
    const geography = deps.referenceData.geography;
    const gridIds = geography.grids.map((grid) => grid.id);
    const counted = aggregateDensity(casesReportedBetween(deps.statements, fromMs, toMs), casesReportedBetween(deps.statements, fromMs - days * dayMs, fromMs), {
      slotStarts,
      tzOffsetMinutes: roomTzOffsetMinutes,
      gridIds,
      bbox: geography.bbox,
    });
    const result: DensityResult = { fromMs, toMs, days, slots, gridIds, ...counted, heatIncluded: true };
    cache.set(days, { at: now, result });
    return result;
  }

  return {
    setup(): MapSetup {
      return { homeSubDistrictId: deps.homeSubDistrictId, basemap: deps.basemap, warnings: deps.warnings, slots };
    },
    density,
    camerasAt(point: LngLat): CameraSight[] {
      return nearestCameras(deps.cameras(), point, { limit: 12, maxDistanceMeters: sightRangeM }).flatMap((near) =>
        near.coverage === 'away' ? [] : [{ cameraId: near.camera.id, distanceM: Math.round(near.distanceM), bearingDeg: Math.round(near.bearingDeg), coverage: near.coverage }],
      );
    },
    placeAt(point: LngLat): PlaceAt {
      const geography = deps.referenceData.geography;
      const assignment = deps.reference().locate(point);
      const address = nearestAddress(point, geography.roads);
      let nearestPlace: PlaceAt['nearestPlace'] = null;
      for (const place of geography.places) {
        const distance = distanceM(point, place.lngLat);
        if (distance <= placeReachM && (!nearestPlace || distance < nearestPlace.distanceM)) nearestPlace = { id: place.id, name: place.name, distanceM: Math.round(distance) };
      }
      return {
        lngLat: point,
        inDistrict: assignment !== null,
        gridId: assignment?.gridId ?? null,
        workstationId: assignment?.workstationId ?? null,
        subDistrictId: assignment?.subDistrictId ?? null,
        address: address ? { zh: `${address.road.name.zh}${address.houseNumber}号`, en: `${address.houseNumber} ${address.road.name.en}` } : null,
        addressDistanceM: address ? Math.round(address.distanceM) : null,
        nearestPlace,
      };
    },
  };
}
export type MapService = ReturnType<typeof createMapService>;

/** The video plan's slots in the order of the day, each ending where the next begins. */
export function densitySlots(plan: SlotPlan): DensitySlot[] {
  const ordered = [...plan.slots].sort((a, b) => minutesOfClock(a.start) - minutesOfClock(b.start));
  return ordered.map((slot, index) => ({ id: slot.id, name: slot.name, start: slot.start, end: ordered[(index + 1) % ordered.length]!.start }));
}
