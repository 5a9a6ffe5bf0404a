import type { PlatformReference as ReferenceData } from '../reference';
import type { LngLat } from '../../../shared/domain/district';
import { createGridLocator } from '../../../shared/domain/locate';
import { platformCaseRef, type SyncCase } from '../../../shared/sync/protocol';
import type { SubCentre } from '../auth';
import { insertChanges, takeChangeNumbers } from '../sync/changeLog';
import type { ChangeNotifier } from '../sync/notifier';
import type { Sql } from '../storage/openStorage';

/** A report from a channel the district receives (12345 hotline, Open311 app …), already validated. */
export interface IntakeReport {
  /** The channel: with `sourceId`, the same report sent twice is one case. */
  source: string;
  sourceId: string | null;
  /** The wall's discovery source this channel counts as (`hotline`, `wechat` …). */
  wallSourceId: string;
  description: string;
  categoryCode: string;
  lngLat: LngLat | null;
  address: string;
  urgent: boolean;
  reporter: { name: string; phone: string } | null;
  reportedAt: number;
}

export interface IntakeResult {
  ref: string;
  caseId: number;
  /** False when this source and source id were already a case (a repeated submission). */
  created: boolean;
  subCentreId: string | null;
}

/**
 * Turns reports into district cases: placed on the district's grids, handed
 * to the sub-centre whose area holds the place (the district's own queue
 * when it has no place), announced to that sub-centre as a numbered change.
 */
export function createIntake(deps: { sql: Sql; notifier: ChangeNotifier; reference: ReferenceData; subCentres: readonly SubCentre[]; clock: () => number }) {
  const locate = createGridLocator(deps.reference.geography);
  const categories = new Map(deps.reference.categories.map((category) => [category.code, category]));
  const subCentreOf = (subDistrictId: string | null) => deps.subCentres.find((centre) => subDistrictId !== null && centre.subDistrictIds.includes(subDistrictId))?.id ?? null;

  function caseFor(report: IntakeReport, id: number, now: number): SyncCase {
    const place = report.lngLat ? locate(report.lngLat) : null;
    const category = categories.get(report.categoryCode);
    return {
      ref: platformCaseRef(id),
      number: `D${new Date(now + 8 * 3_600_000).toISOString().slice(0, 10).replaceAll('-', '')}-${String(id).padStart(6, '0')}`,
      description: report.description,
      categoryCode: report.categoryCode,
      sourceId: report.wallSourceId,
      status: 'reported',
      urgent: report.urgent || (category?.urgentByDefault ?? false),
      lngLat: place ? report.lngLat : null,
      gridId: place?.gridId ?? null,
      workstationId: place?.workstationId ?? null,
      subDistrictId: place?.subDistrictId ?? null,
      address: report.address,
      leadDepartmentId: category?.leadDepartmentId ?? null,
      reportedAt: report.reportedAt,
      dispatchedAt: null,
      closedAt: null,
      updatedAt: now,
      reporter: report.reporter,
    };
  }

  async function receive(report: IntakeReport): Promise<IntakeResult> {
    const now = deps.clock();
    const result = await deps.sql.begin(async (tx): Promise<IntakeResult> => {
      if (report.sourceId !== null) {
        const [existing] = await tx<{ id: number; ref: string; assigned_to: string | null }[]>`
          SELECT id, ref, assigned_to FROM cases WHERE source = ${report.source} AND source_id = ${report.sourceId}`;
        if (existing) return { ref: existing.ref, caseId: existing.id, created: false, subCentreId: existing.assigned_to };
      }
      const [{ id }] = (await tx<{ id: number }[]>`SELECT nextval(pg_get_serial_sequence('cases', 'id')) AS id`) as unknown as [{ id: number }];
      const data = caseFor(report, id, now);
      const subCentreId = subCentreOf(data.subDistrictId);
      const inserted = await tx<{ id: number }[]>`
        INSERT INTO cases (id, ref, source, source_id, assigned_to, sub_district_id, status, data, reported_at, updated_at, change_no)
        VALUES (${id}, ${data.ref}, ${report.source}, ${report.sourceId}, ${subCentreId}, ${data.subDistrictId}, 'reported', ${tx.json(data as never)}, ${data.reportedAt}, ${now}, 0)
        ON CONFLICT (source, source_id) DO NOTHING RETURNING id`;
      if (inserted.length === 0) {
        // The same report arrived twice at once: the other transaction made the case.
        const [other] = await tx<{ id: number; ref: string; assigned_to: string | null }[]>`SELECT id, ref, assigned_to FROM cases WHERE source = ${report.source} AND source_id = ${report.sourceId}`;
        return { ref: other!.ref, caseId: other!.id, created: false, subCentreId: other!.assigned_to };
      }
      if (subCentreId) {
        const no = await takeChangeNumbers(tx, 1);
        await tx`UPDATE cases SET change_no = ${no} WHERE id = ${id}`;
        await insertChanges(tx, no, [{ subCentre: subCentreId, caseId: id, kind: 'upsert', originClient: null, originSeq: null, note: null }]);
      }
      await tx`INSERT INTO district_audit (at, actor, kind, case_id, data) VALUES (${now}, ${report.source}, 'received', ${id}, ${tx.json({ sourceId: report.sourceId, subCentreId } as never)})`;
      return { ref: data.ref, caseId: id, created: true, subCentreId };
    });
    if (result.created && result.subCentreId) deps.notifier.notify([result.subCentreId]);
    return result;
  }

  return { receive, categories, locate };
}
export type Intake = ReturnType<typeof createIntake>;
