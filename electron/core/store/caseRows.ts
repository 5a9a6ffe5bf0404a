import type { Assignment, Case, CaseStatus } from '../../../shared/domain/case';
import { sqlJoin, sqlTrusted, sql, type SqlFragment } from './sql';

/**
 * How a case is stored: its row, its assignment rows, and the mapping both
 * ways. Every other store module reads and writes cases through these.
 */
export interface CaseRow {
  id: number;
  number: string;
  description: string;
  category_code: string;
  source_id: string;
  status: CaseStatus;
  urgent: number;
  lng: number | null;
  lat: number | null;
  location_approximate: number;
  grid_id: string | null;
  workstation_id: string | null;
  sub_district_id: string | null;
  address: string;
  lead_department_id: string | null;
  reported_at: number;
  dispatched_at: number | null;
  closed_at: number | null;
  updated_at: number;
  reporter_name: string | null;
  reporter_phone: string | null;
  deadline_at: number | null;
  ladder1_at: number | null;
  ladder2_at: number | null;
  time_limit_ms: number | null;
  paused_working_ms: number;
  hung_at: number | null;
  first_reported_back_at: number | null;
  supervision_manual: number;
  return_count: number;
  rework_count: number;
  extension_count: number;
  merged_into: number | null;
  pending_extension: string | null;
  satisfaction: number | null;
}

export interface AssignmentRow {
  case_id: number;
  department_id: string;
  role: 'lead' | 'helper';
  status: Assignment['status'];
  assigned_at: number;
  updated_at: number;
  note: string;
}

export function fromRow(row: CaseRow, assignments: Assignment[]): Case {
  return {
    id: row.id,
    number: row.number,
    description: row.description,
    categoryCode: row.category_code,
    sourceId: row.source_id,
    status: row.status,
    urgent: row.urgent === 1,
    lngLat: row.lng === null || row.lat === null ? null : [row.lng, row.lat],
    locationApproximate: row.location_approximate === 1,
    gridId: row.grid_id,
    workstationId: row.workstation_id,
    subDistrictId: row.sub_district_id,
    address: row.address,
    leadDepartmentId: row.lead_department_id,
    reportedAt: row.reported_at,
    dispatchedAt: row.dispatched_at,
    closedAt: row.closed_at,
    updatedAt: row.updated_at,
    reporter:
      row.reporter_name === null && row.reporter_phone === null
        ? null
        : { name: row.reporter_name ?? '', phone: row.reporter_phone ?? '' },
    deadlineAt: row.deadline_at,
    ladderAt: row.ladder1_at === null || row.ladder2_at === null ? null : [row.ladder1_at, row.ladder2_at],
    timeLimitMs: row.time_limit_ms,
    pausedWorkingMs: row.paused_working_ms,
    hungAt: row.hung_at,
    firstReportedBackAt: row.first_reported_back_at,
    supervisionManual: row.supervision_manual,
    returnCount: row.return_count,
    reworkCount: row.rework_count,
    extensionCount: row.extension_count,
    mergedInto: row.merged_into,
    pendingExtension: row.pending_extension ? (JSON.parse(row.pending_extension) as Case['pendingExtension']) : null,
    satisfaction: row.satisfaction,
    assignments,
  };
}

export function assignmentFromRow(row: AssignmentRow): Assignment {
  return {
    departmentId: row.department_id,
    role: row.role,
    status: row.status,
    assignedAt: row.assigned_at,
    updatedAt: row.updated_at,
    note: row.note,
  };
}

export type NewCase = Pick<
  Case,
  | 'number'
  | 'description'
  | 'categoryCode'
  | 'sourceId'
  | 'status'
  | 'urgent'
  | 'lngLat'
  | 'gridId'
  | 'workstationId'
  | 'subDistrictId'
  | 'address'
  | 'leadDepartmentId'
  | 'reportedAt'
  | 'dispatchedAt'
  | 'closedAt'
  | 'updatedAt'
  | 'reporter'
> &
  Partial<Pick<Case, 'locationApproximate' | 'deadlineAt' | 'ladderAt' | 'timeLimitMs' | 'firstReportedBackAt' | 'reworkCount' | 'returnCount' | 'extensionCount'>>;

/** The fields a lifecycle step may change; each maps to one column. */
export type CasePatch = Partial<
  Pick<
    Case,
    | 'status'
    | 'urgent'
    | 'leadDepartmentId'
    | 'dispatchedAt'
    | 'closedAt'
    | 'deadlineAt'
    | 'ladderAt'
    | 'timeLimitMs'
    | 'pausedWorkingMs'
    | 'hungAt'
    | 'firstReportedBackAt'
    | 'supervisionManual'
    | 'returnCount'
    | 'reworkCount'
    | 'extensionCount'
    | 'mergedInto'
    | 'pendingExtension'
    | 'satisfaction'
  >
>;

const patchColumns: Record<keyof CasePatch, (value: never) => [string, unknown][]> = {
  status: (value: CaseStatus) => [['status', value]],
  urgent: (value: boolean) => [['urgent', value ? 1 : 0]],
  leadDepartmentId: (value: string | null) => [['lead_department_id', value]],
  dispatchedAt: (value: number | null) => [['dispatched_at', value]],
  closedAt: (value: number | null) => [['closed_at', value]],
  deadlineAt: (value: number | null) => [['deadline_at', value]],
  ladderAt: (value: [number, number] | null) => [
    ['ladder1_at', value?.[0] ?? null],
    ['ladder2_at', value?.[1] ?? null],
  ],
  timeLimitMs: (value: number | null) => [['time_limit_ms', value]],
  pausedWorkingMs: (value: number) => [['paused_working_ms', value]],
  hungAt: (value: number | null) => [['hung_at', value]],
  firstReportedBackAt: (value: number | null) => [['first_reported_back_at', value]],
  supervisionManual: (value: number) => [['supervision_manual', value]],
  returnCount: (value: number) => [['return_count', value]],
  reworkCount: (value: number) => [['rework_count', value]],
  extensionCount: (value: number) => [['extension_count', value]],
  mergedInto: (value: number | null) => [['merged_into', value]],
  pendingExtension: (value: Case['pendingExtension']) => [['pending_extension', value ? JSON.stringify(value) : null]],
  satisfaction: (value: number | null) => [['satisfaction', value]],
};


/** The parameters of the INSERT for a new case, in column order. */
export const insertCaseSql = (item: NewCase): SqlFragment => sql`
  INSERT INTO cases (number, description, category_code, source_id, status, urgent, lng, lat, grid_id,
    workstation_id, sub_district_id, address, lead_department_id, reported_at, dispatched_at, closed_at,
    updated_at, reporter_name, reporter_phone, deadline_at, ladder1_at, ladder2_at, time_limit_ms,
    first_reported_back_at, rework_count, return_count, extension_count, location_approximate)
  VALUES (${item.number}, ${item.description}, ${item.categoryCode}, ${item.sourceId}, ${item.status}, ${item.urgent ? 1 : 0},
    ${item.lngLat?.[0] ?? null}, ${item.lngLat?.[1] ?? null}, ${item.gridId}, ${item.workstationId}, ${item.subDistrictId},
    ${item.address}, ${item.leadDepartmentId}, ${item.reportedAt}, ${item.dispatchedAt}, ${item.closedAt}, ${item.updatedAt},
    ${item.reporter?.name ?? null}, ${item.reporter?.phone ?? null}, ${item.deadlineAt ?? null}, ${item.ladderAt?.[0] ?? null},
    ${item.ladderAt?.[1] ?? null}, ${item.timeLimitMs ?? null}, ${item.firstReportedBackAt ?? null}, ${item.reworkCount ?? 0},
    ${item.returnCount ?? 0}, ${item.extensionCount ?? 0}, ${item.locationApproximate ? 1 : 0})`;

/** `SET column = ?, …` for a patch, always stamping updated_at. */
export function patchSql(patch: CasePatch, at: number): SqlFragment {
  const columns = (Object.entries(patch) as [keyof CasePatch, never][]).flatMap(([key, value]) => patchColumns[key](value));
  columns.push(['updated_at', at]);
  return sqlJoin(
    columns.map(([column, value]) => sql`${sqlTrusted(column)} = ${value}`),
    ', ',
  );
}
