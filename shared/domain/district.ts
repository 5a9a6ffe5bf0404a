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

/** The geography of one deployment: the demo ships one, a real room loads its own. */
export interface DistrictGeography {
  id: string;
  name: Name;
  illustrative: boolean;
  bbox: [number, number, number, number];
  subDistricts: SubDistrict[];
  workstations: Workstation[];
  grids: Grid[];
  places: Place[];
  roads: Road[];
}

/** Where a point falls in the organisation; every located case has one. */
export interface GridAssignment {
  gridId: string;
  workstationId: string;
  subDistrictId: string;
}
