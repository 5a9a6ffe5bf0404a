import { z } from 'zod';
import { datums, type Datum } from '../geo/datum';
import type { GeoProblem } from '../geo/geometryChecks';
import type { DensitySlot } from './density';

/**
 * map.json in the room's reference folder: which sub-district is this
 * room's own (drawn emphasised) and, for a real deployment, the basemap —
 * a PMTiles file in the same folder (served by the host or the app's own
 * protocol, never file://), or an intranet tile service. Without it the map
 * is the offline one drawn from the district file.
 */
const Attribution = z.string().max(200).default('');
const MaxZoom = z.number().int().min(10).max(22).default(18);
export const BasemapConfigSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('pmtiles'),
    file: z.string().regex(/^[\w.-]{1,100}\.pmtiles$/, { message: 'file: a .pmtiles file name in the reference folder' }),
    /** Vector tiles (OpenStreetMap in the Protomaps schema) or raster images. */
    tiles: z.enum(['vector', 'raster']).default('vector'),
    datum: z.enum(datums).default('WGS84'),
    attribution: Attribution,
    maxZoom: MaxZoom,
  }),
  z.object({
    type: z.literal('url'),
    /** "http://10.1.2.3/tiles/{z}/{x}/{y}.png" on the room's network. */
    url: z.string().regex(/^https?:\/\/[^\s]+\{z\}[^\s]*\{x\}[^\s]*\{y\}[^\s]*$/, { message: 'url: http(s) address with {z}, {x} and {y}' }),
    tiles: z.enum(['vector', 'raster']).default('raster'),
    tileSize: z.union([z.literal(256), z.literal(512)]).default(256),
    datum: z.enum(datums),
    attribution: Attribution,
    maxZoom: MaxZoom,
  }),
]);
export type BasemapConfig = z.infer<typeof BasemapConfigSchema>;

export const MapConfigFileSchema = z.object({
  homeSubDistrictId: z.string().min(1).max(40).optional(),
  basemap: BasemapConfigSchema.optional(),
});

/** A basemap as a window loads it: a PMTiles file by its address on the host, or the tile URL. */
export type ResolvedBasemap = { source: 'pmtiles'; path: string; tiles: 'vector' | 'raster'; datum: Datum; attribution: string; maxZoom: number } | {
  source: 'url';
  url: string;
  tiles: 'vector' | 'raster';
  tileSize: 256 | 512;
  datum: Datum;
  attribution: string;
  maxZoom: number;
};

export interface MapSetup {
  homeSubDistrictId: string | null;
  /** Null: the offline map drawn from the district file. */
  basemap: ResolvedBasemap | null;
  /** Problems with map.json or the district that the room should see (the map still works). */
  warnings: GeoProblem[];
  /** The time slots of the density layer (the video plan's). */
  slots: DensitySlot[];
}
