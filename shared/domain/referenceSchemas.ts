import { z } from 'zod';
import { datums } from '../geo/datum';
import type { DistrictGeography } from './district';
import type { Category, Department, Source } from './organisation';

/**
 * Runtime schemas for reference data files. A real room loads its own
 * district, departments and taxonomy; a file that does not fit is refused
 * with the path of the first wrong field, before anything is stored.
 */
const NameSchema = z.object({ zh: z.string().min(1), en: z.string().min(1) });
const LngLat = z.tuple([z.number().min(-180).max(180), z.number().min(-90).max(90)]);
const RingSchema = z
  .array(LngLat)
  .min(4)
  .refine((ring) => ring[0]![0] === ring.at(-1)![0] && ring[0]![1] === ring.at(-1)![1], { message: 'ring must be closed (first point = last point)' });
const Id = z.string().min(1).max(40);

const SubDistrictSchema = z.object({ id: Id, code: z.string(), name: NameSchema, areaKm2: z.number().positive(), centroid: LngLat, polygon: RingSchema });
const WorkstationSchema = z.object({ id: Id, code: z.string(), subDistrictId: Id, name: NameSchema, polygon: RingSchema });
const GridSchema = z.object({
  id: Id,
  code: z.string(),
  workstationId: Id,
  subDistrictId: Id,
  name: NameSchema,
  areaKm2: z.number().positive(),
  polygon: RingSchema,
});
const PlaceSchema = z.object({
  id: Id,
  kind: z.enum(['metro', 'landmark', 'school', 'market', 'park', 'hospital', 'station']),
  name: NameSchema,
  aliases: z.array(z.string()),
  lngLat: LngLat,
});
const RoadSchema = z.object({
  id: Id,
  name: NameSchema,
  aliases: z.array(z.string()),
  line: z.array(LngLat).min(2),
  houseNumbers: z.object({ from: z.number().int().nonnegative(), to: z.number().int().nonnegative() }),
});

const WaterwaySchema = z.object({ id: Id, name: NameSchema, line: z.array(LngLat).min(2), widthM: z.number().positive().max(2_000) });
const TransitLineSchema = z.object({
  id: Id,
  name: NameSchema,
  colour: z.string().regex(/^#[0-9a-fA-F]{6}$/, { message: 'colour: #RRGGBB' }),
  line: z.array(LngLat).min(2),
  stationIds: z.array(Id),
});

export const DistrictGeographySchema: z.ZodType<DistrictGeography> = z
  .object({
    id: Id,
    name: NameSchema,
    illustrative: z.boolean(),
    datum: z.enum(datums).optional(),
    bbox: z.tuple([z.number(), z.number(), z.number(), z.number()]),
    subDistricts: z.array(SubDistrictSchema).min(1),
    workstations: z.array(WorkstationSchema).min(1),
    grids: z.array(GridSchema).min(1),
    places: z.array(PlaceSchema),
    roads: z.array(RoadSchema),
    waterways: z.array(WaterwaySchema).optional(),
    transitLines: z.array(TransitLineSchema).optional(),
  })
  .superRefine((geography, context) => {
    const subDistricts = new Set(geography.subDistricts.map((sub) => sub.id));
    const workstations = new Set(geography.workstations.map((station) => station.id));
    geography.grids.forEach((grid, index) => {
      if (!workstations.has(grid.workstationId) || !subDistricts.has(grid.subDistrictId)) {
        context.addIssue({ code: 'custom', path: ['grids', index], message: `grid ${grid.id} names an unknown workstation or sub-district` });
      }
    });
    const places = new Set(geography.places.map((place) => place.id));
    geography.transitLines?.forEach((line, index) => {
      const unknown = line.stationIds.find((id) => !places.has(id));
      if (unknown) context.addIssue({ code: 'custom', path: ['transitLines', index, 'stationIds'], message: `line ${line.id} names an unknown station ${unknown}` });
    });
  });

export const DepartmentsSchema: z.ZodType<Department[]> = z
  .array(z.object({ id: Id, kind: z.enum(['lead', 'linked']), name: NameSchema, shortName: NameSchema, aliases: z.array(z.string()), order: z.number().int() }))
  .min(1);

export const SourcesSchema: z.ZodType<Source[]> = z.array(z.object({ id: Id, name: NameSchema, weight: z.number().positive(), complaint: z.boolean().optional() })).min(1);

export const CategoriesSchema: z.ZodType<Category[]> = z
  .array(
    z.object({
      code: z.string().regex(/^[12]\d{4}$/, { message: 'code: type (1|2) + 2-digit major + 2-digit minor' }),
      type: z.enum(['component', 'event']),
      majorCode: z.string().regex(/^[12]\d{2}$/),
      majorName: NameSchema,
      name: NameSchema,
      leadDepartmentId: Id,
      timeLimit: z.object({ value: z.number().positive(), unit: z.enum(['workingHours', 'workingDays']) }),
      urgentByDefault: z.boolean(),
    }),
  )
  .min(1);

/** Console accounts a room loads with its reference data; PINs are hashed when stored. */
export const OperatorsFileSchema = z
  .array(
    z.object({
      id: z.string().regex(/^[\w.-]{1,32}$/),
      name: z.string().min(1).max(40),
      role: z.enum(['operator', 'director']),
      pin: z.string().regex(/^\d{6,12}$/, { message: 'pin: 6–12 digits (a new PIN needs at least 6)' }),
    }),
  )
  .min(1);
