import type { Datum } from '../geo/datum';
import type { Name } from './names';

/** WGS-84 longitude, latitude. */
export type LngLat = [number, number];
/** A closed outer ring: first point equals last point. */
export type Ring = LngLat[];

export interface SubDistrict {
  id: string;
  code: string;
  name: Name;
  areaKm2: number;
  centroid: LngLat;
  polygon: Ring;
}

export interface Workstation {
  id: string;
  code: string;
  subDistrictId: string;
  name: Name;
  polygon: Ring;
}

export interface Grid {
  id: string;
  code: string;
  workstationId: string;
  subDistrictId: string;
  name: Name;
  areaKm2: number;
  polygon: Ring;
}

export type PlaceKind = 'metro' | 'landmark' | 'school' | 'market' | 'park' | 'hospital' | 'station';

/** A named point people use in speech: "曲阜路地铁站", "康乐路小学". */
export interface Place {
  id: string;
  kind: PlaceKind;
  name: Name;
  aliases: string[];
  lngLat: LngLat;
}

export interface Road {
  id: string;
  name: Name;
  aliases: string[];
  line: LngLat[];
  houseNumbers: { from: number; to: number };
}

/** A river or canal, drawn as a line as wide as the water (Suzhou Creek). */
export interface Waterway {
  id: string;
  name: Name;
  line: LngLat[];
  widthM: number;
}

/** A metro line through the district, with the ids of its stations among the places. */
export interface TransitLine {
  id: string;
  name: Name;
  /** The line's colour on the city's own maps ("#E3002B" for Shanghai Line 1). */
  colour: string;
  line: LngLat[];
  stationIds: string[];
}

/** The geography of one deployment: the demo ships one, a real room loads its own. */
export interface DistrictGeography {
  id: string;
  name: Name;
  illustrative: boolean;
  /** The datum the file's coordinates are in; once loaded everything is WGS-84. Older files leave it out (read as WGS-84, with a warning). */
  datum?: Datum;
  bbox: [number, number, number, number];
  subDistricts: SubDistrict[];
  workstations: Workstation[];
  grids: Grid[];
  places: Place[];
  roads: Road[];
  /** Base-map features for the offline map: rivers, metro lines. */
  waterways?: Waterway[];
  transitLines?: TransitLine[];
}

/** Where a point falls in the organisation; every located case has one. */
export interface GridAssignment {
  gridId: string;
  workstationId: string;
  subDistrictId: string;
}
