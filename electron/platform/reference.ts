import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { z } from 'zod';
import type { ReferenceData } from '../../shared/contract/contract';
import { CategoriesSchema, DistrictGeographySchema } from '../../shared/domain/referenceSchemas';

/** What the platform needs of the district's reference data: its geography (areas) and taxonomy (services). */
export type PlatformReference = Pick<ReferenceData, 'geography' | 'categories'>;

/** Reads and validates district.json and categories.json (the same files and schemas as a wall's reference folder). */
export function readPlatformReference(folder: string): PlatformReference {
  const read = <T>(file: string, schema: z.ZodType<T>): T => {
    const path = join(folder, file);
    const parsed = schema.safeParse(JSON.parse(readFileSync(path, 'utf8')));
    if (!parsed.success) throw new Error(`${path} 无效 / is not valid: ${parsed.error.issues.slice(0, 3).map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ')}`);
    return parsed.data;
  };
  return { geography: read('district.json', DistrictGeographySchema), categories: read('categories.json', CategoriesSchema) };
}
