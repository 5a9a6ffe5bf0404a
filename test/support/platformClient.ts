import { bearerFor, platformCaseRef, wallCaseRef, type SyncCase, type UploadAction } from '../../shared/sync/protocol';
import type { TestPlatform } from './platformHarness';

/** Raw HTTP calls to a test platform, as a wall or the district would make them (bad ones included). */
export function platformClient(test: TestPlatform) {
  const base = () => test.platform.url;
  async function call(path: string, init: { method?: string; body?: unknown; auth?: string | null; raw?: string; headers?: Record<string, string> } = {}) {
    const headers: Record<string, string> = { 'content-type': 'application/json', ...(init.headers ?? {}) };
    if (init.auth) headers.authorization = init.auth;
    const response = await fetch(`${base()}${path}`, { method: init.method ?? (init.body !== undefined || init.raw !== undefined ? 'POST' : 'GET'), headers, ...(init.raw !== undefined ? { body: init.raw } : init.body !== undefined ? { body: JSON.stringify(init.body) } : {}) });
    const text = await response.text();
    let body: unknown = text;
    try {
      body = JSON.parse(text);
    } catch {
      // not JSON: kept as text
    }
    return { status: response.status, body: body as Record<string, unknown> & unknown[] };
  }
  const auth = (subCentreId: string) => bearerFor(test.credentials(subCentreId));
  return {
    call,
    auth,
    district: () => bearerFor(test.district()),
    intake: () => `Bearer intake.${test.intakeKey()}`,
    upload: (subCentreId: string, clientId: string, actions: UploadAction[]) => call('/sync/v1/upload', { body: { protocol: 1, clientId, actions }, auth: auth(subCentreId) }),
    changes: (subCentreId: string, query: string) => call(`/sync/v1/changes?${query}`, { auth: auth(subCentreId) }),
  };
}

let serial = 0;
/** A wall's case as it would send it. */
export function wallCase(clientId: string, localId: number, overrides: Partial<SyncCase> = {}): SyncCase {
  return {
    ref: wallCaseRef(clientId, localId),
    number: `20261206-${String(++serial).padStart(4, '0')}`,
    description: '光复路200号门口摊头占道',
    categoryCode: '20401',
    sourceId: 'street',
    status: 'reported',
    urgent: false,
    lngLat: [121.4624, 31.2425],
    gridId: 'G06',
    workstationId: null,
    subDistrictId: 'SD02',
    address: '光复路200号',
    leadDepartmentId: 'CITYMGMT',
    reportedAt: 1_796_500_000_000,
    dispatchedAt: null,
    closedAt: null,
    updatedAt: 1_796_500_000_000,
    reporter: null,
    ...overrides,
  };
}

export const action = (clientSeq: number, item: SyncCase, kind = 'case.created'): UploadAction => ({ clientSeq, kind, at: item.updatedAt, case: item, attachment: null });
export { platformCaseRef };
