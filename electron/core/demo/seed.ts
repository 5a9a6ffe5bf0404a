import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { z } from 'zod';
import type { ReferenceData } from '../../../shared/contract/contract';
import {
  CategoriesSchema,
  DepartmentsSchema,
  DistrictGeographySchema,
  OperatorsFileSchema,
  SourcesSchema,
} from '../../../shared/domain/referenceSchemas';
import { WorkCalendarDataSchema } from '../../../shared/domain/workCalendar';
import type { OperatorRecord } from '../store/operatorStore';

/** A reference file that is missing, unreadable or does not fit its schema. */
export class ReferenceFileError extends Error {
  constructor(file: string, problem: string) {
    super(`基础数据文件 ${file} 无效：${problem} / Reference file ${file} is not valid: ${problem}`);
    this.name = 'ReferenceFileError';
  }
}

function readValidated<T>(dir: string, file: string, schema: z.ZodType<T>): T {
  const path = join(dir, file);
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new ReferenceFileError(path, error instanceof Error ? error.message : String(error));
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new ReferenceFileError(path, `${issue.path.join('.') || '(root)'}: ${issue.message}`);
  }
  return parsed.data;
}

/**
 * Reads a room's reference data from a folder holding district.json,
 * departments.json, categories.json, sources.json and calendar.json (the demo's is
 * resources/demo). Every file is validated before any of it is used.
 */
export function readReferenceFolder(dir: string): ReferenceData {
  const data: ReferenceData = {
    geography: readValidated(dir, 'district.json', DistrictGeographySchema),
    departments: readValidated(dir, 'departments.json', DepartmentsSchema),
    categories: readValidated(dir, 'categories.json', CategoriesSchema),
    sources: readValidated(dir, 'sources.json', SourcesSchema),
    calendar: readValidated(dir, 'calendar.json', WorkCalendarDataSchema),
  };
  const departments = new Set(data.departments.map((department) => department.id));
  const unknownLead = data.categories.find((category) => !departments.has(category.leadDepartmentId));
  if (unknownLead) {
    throw new ReferenceFileError(join(dir, 'categories.json'), `${unknownLead.code}: unknown lead department ${unknownLead.leadDepartmentId}`);
  }
  return data;
}

/** The folder's console accounts (operators.json), if it has them. */
export function readOperators(dir: string): OperatorRecord[] | null {
  if (!existsSync(join(dir, 'operators.json'))) return null;
  return readValidated(dir, 'operators.json', OperatorsFileSchema);
}

export const demoReferenceDir = (resourcesDir: string) => join(resourcesDir, 'demo');
