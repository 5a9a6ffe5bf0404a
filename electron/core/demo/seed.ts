import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ReferenceData } from '../../../shared/contract/contract';

/** The demo district's reference data as shipped in resources/demo. */
export function readDemoReference(resourcesDir: string): ReferenceData {
  const read = (file: string) => JSON.parse(readFileSync(join(resourcesDir, 'demo', file), 'utf8')) as unknown;
  return {
    geography: read('district.json'),
    departments: read('departments.json'),
    categories: read('categories.json'),
    sources: read('sources.json'),
  } as ReferenceData;
}
