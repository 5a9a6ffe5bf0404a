import type { Case } from '../../../shared/domain/case';
import type { SyncCase } from '../../../shared/sync/protocol';

/**
 * Text typed in the room may contain what the platform refuses as markup
 * ("<3 个摊位>") or stray control characters; it is sent with lookalike
 * full-width brackets instead, so one odd description can never block the
 * room's queue of actions at the district.
 */
export function platformSafeText(text: string, max: number): string {
  return (
    text
      .replaceAll('<', '＜')
      .replaceAll('>', '＞')
       
      .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g, ' ')
      .slice(0, max)
  );
}

const idOrNull = (value: string | null) => (value !== null && /^[A-Za-z0-9_-]{1,40}$/.test(value) ? value : null);

/** A wall case as the platform receives it, under the name both sides know it by. */
export function toSyncCase(item: Case, ref: string): SyncCase {
  return {
    ref,
    number: item.number,
    description: platformSafeText(item.description, 2_000),
    categoryCode: item.categoryCode,
    sourceId: item.sourceId,
    status: item.status,
    urgent: item.urgent,
    lngLat: item.lngLat,
    gridId: idOrNull(item.gridId),
    workstationId: idOrNull(item.workstationId),
    subDistrictId: idOrNull(item.subDistrictId),
    address: platformSafeText(item.address, 200),
    leadDepartmentId: idOrNull(item.leadDepartmentId),
    reportedAt: item.reportedAt,
    dispatchedAt: item.dispatchedAt,
    closedAt: item.closedAt,
    updatedAt: item.updatedAt,
    reporter: item.reporter ? { name: platformSafeText(item.reporter.name, 40), phone: item.reporter.phone } : null,
  };
}
