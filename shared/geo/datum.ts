import gcoord from 'gcoord';
import type { LngLat } from '../domain/district';

/**
 * Geodetic datums GridWall meets. Everything it stores and draws is WGS-84
 * (what OpenStreetMap-based basemaps and GPS use). CGCS2000, China's national
 * datum (Tianditu, surveying offices), differs from WGS-84 by centimetres, so
 * it is taken as it is. GCJ-02 (AMap, Tencent, DataV) and BD-09 (Baidu) are
 * deliberately shifted by hundreds of metres and are converted with gcoord.
 */
export const datums = ['WGS84', 'CGCS2000', 'GCJ02', 'BD09'] as const;
export type Datum = (typeof datums)[number];

/** How files and people name a datum: "wgs-84", "EPSG:4326", "CRS84", "gcj-02", "火星坐标", "bd09ll", "EPSG:4490" … */
const spellings: Record<Datum, readonly string[]> = {
  WGS84: ['wgs84', 'wgs1984', 'epsg4326', 'crs84', 'urnogcdefcrsogc13crs84', 'urnogcdefcrsepsg4326', 'gps'],
  CGCS2000: ['cgcs2000', 'epsg4490', 'urnogcdefcrsepsg4490', '国家2000', '2000国家大地坐标系'],
  GCJ02: ['gcj02', 'gcj', 'amap', 'gaode', '高德', '火星坐标', '火星坐标系', '国测局坐标'],
  BD09: ['bd09', 'bd09ll', 'baidu', 'bmap', '百度', '百度坐标'],
};

/** The datum a name means, or null for one GridWall does not know (projected metres, BD-09MC …). */
export function parseDatum(text: string | null | undefined): Datum | null {
  if (typeof text !== 'string') return null;
  const key = text.toLowerCase().replace(/[\s:_.\-/]+/g, '');
  for (const datum of datums) if (spellings[datum].includes(key)) return datum;
  return null;
}

const gcoordCrs: Record<Datum, typeof gcoord.WGS84 | typeof gcoord.GCJ02 | typeof gcoord.BD09> = {
  WGS84: gcoord.WGS84,
  CGCS2000: gcoord.WGS84,
  GCJ02: gcoord.GCJ02,
  BD09: gcoord.BD09,
};

/** Whether points in this datum must be converted before they are drawn over WGS-84. */
export const isShifted = (datum: Datum) => datum === 'GCJ02' || datum === 'BD09';

const round7 = (value: number) => Math.round(value * 1e7) / 1e7;

/** A point in `datum` as WGS-84 (about a centimetre of rounding, far below the conversion's own metre). */
export function toWgs84(point: LngLat, datum: Datum): LngLat {
  if (!isShifted(datum)) return point;
  const [lng, lat] = gcoord.transform([point[0], point[1]], gcoordCrs[datum], gcoord.WGS84) as [number, number];
  return [round7(lng), round7(lat)];
}

/** A WGS-84 point in `datum`: what a GCJ-02 basemap needs to draw our data in the right place. */
export function fromWgs84(point: LngLat, datum: Datum): LngLat {
  if (!isShifted(datum)) return point;
  const [lng, lat] = gcoord.transform([point[0], point[1]], gcoord.WGS84, gcoordCrs[datum]) as [number, number];
  return [round7(lng), round7(lat)];
}
