import { bearerFor } from '../../shared/sync/protocol';
import type { Sql } from '../../electron/platform/storage/openStorage';
import type { TestPlatform } from '../../test/support/platformHarness';
import { percentile, round } from './stats';

/**
 * The district's case table at `total` cases (spread over the nine
 * sub-centres, six months, mostly closed, a change row each), written in
 * SQL on the server, then queried the way the district and the walls read it.
 */
export async function fillCases(sql: Sql, total: number): Promise<void> {
  const batch = 100_000;
  for (let from = 1; from <= total; from += batch) {
    const to = Math.min(total, from + batch - 1);
    await sql`
      INSERT INTO cases (ref, source, source_id, assigned_to, sub_district_id, status, data, reported_at, updated_at, change_no)
      SELECT 'p.b' || g, 'bench', 'b' || g, 'SD0' || (1 + g % 9), 'SD0' || (1 + g % 9),
        CASE WHEN g % 50 = 0 THEN 'dispatched' WHEN g % 37 = 0 THEN 'reported' ELSE 'closed' END,
        jsonb_build_object('ref', 'p.' || g, 'number', 'D20260101-' || g, 'description', '基准案件 ' || g, 'categoryCode', '20101', 'sourceId', 'hotline',
          'status', CASE WHEN g % 50 = 0 THEN 'dispatched' WHEN g % 37 = 0 THEN 'reported' ELSE 'closed' END, 'urgent', false, 'lngLat', NULL,
          'gridId', NULL, 'workstationId', NULL, 'subDistrictId', 'SD0' || (1 + g % 9), 'address', '', 'leadDepartmentId', 'CITYMGMT',
          'reportedAt', 1780000000000 + g * 15000, 'dispatchedAt', NULL, 'closedAt', NULL, 'updatedAt', 1780000000000 + g * 15000, 'reporter', NULL),
        1780000000000 + g * 15000, 1780000000000 + g * 15000, g
      FROM generate_series(${from}::bigint, ${to}::bigint) AS g`;
  }
  const [{ first }] = (await sql<{ first: number }[]>`SELECT min(id) AS first FROM cases WHERE source = 'bench'`) as unknown as [{ first: number }];
  const [{ last }] = (await sql<{ last: number }[]>`SELECT last FROM change_counter`) as unknown as [{ last: number }];
  await sql`INSERT INTO changes (change_no, sub_centre, case_id, kind) SELECT ${last} + id - ${first} + 1, assigned_to, id, 'upsert' FROM cases WHERE source = 'bench'`;
  await sql`UPDATE change_counter SET last = (SELECT max(change_no) FROM changes)`;
  await sql`ANALYZE`;
}

/** p95 of the district's lists and the walls' pulls, through HTTP as they are called. */
export async function queryTimes(test: TestPlatform, samples: number): Promise<{ p95: number; p50: number; worst: string; pullP95: number }> {
  const district = bearerFor(test.district());
  const wall = bearerFor(test.credentials('SD04'));
  const [{ last }] = (await test.platform.sql<{ last: number }[]>`SELECT last FROM change_counter`) as unknown as [{ last: number }];
  const epoch = ((await (await fetch(`${test.platform.url}/sync/v1/changes?after=0&limit=1`, { headers: { authorization: wall } })).json()) as { epoch: string }).epoch;
  const views: Record<string, () => string> = {
    'sub-centre open': () => '/district/v1/cases?subCentre=SD03&status=dispatched&limit=100',
    'sub-centre all': () => '/district/v1/cases?subCentre=SD05&limit=100',
    'district reported': () => '/district/v1/cases?status=reported&limit=100',
    'newest page': () => '/district/v1/cases?limit=100',
    'deep page': () => `/district/v1/cases?subCentre=SD07&beforeReportedAt=${1780000000000 + 500_000 * 15000}&beforeId=999999999&limit=100`,
    'wall pull near the head': () => `/sync/v1/changes?after=${last - 2_000}&epoch=${epoch}&limit=1000`,
    'wall pull from the middle': () => `/sync/v1/changes?after=${Math.floor(last / 2)}&epoch=${epoch}&limit=1000`,
  };
  const byView = new Map<string, number[]>();
  for (let i = 0; i < samples; i++) {
    for (const [name, path] of Object.entries(views)) {
      const started = performance.now();
      const response = await fetch(`${test.platform.url}${path()}`, { headers: { authorization: name.startsWith('wall') ? wall : district } });
      await response.json();
      if (!response.ok) throw new Error(`${name}: HTTP ${response.status}`);
      byView.set(name, [...(byView.get(name) ?? []), performance.now() - started]);
    }
  }
  // The district's case queries; a wall's pull (1,000 changes with their cases, ~0.6 MB) is reported on its own.
  const queries = [...byView.entries()].filter(([name]) => !name.startsWith('wall'));
  const all = queries.flatMap(([, times]) => times);
  const worst = queries.map(([name, times]) => [name, percentile(times, 95)] as const).sort((a, b) => b[1] - a[1])[0]!;
  const pulls = [...byView.entries()].filter(([name]) => name.startsWith('wall')).flatMap(([, times]) => times);
  return { p95: round(percentile(all, 95)), p50: round(percentile(all, 50)), worst: `${worst[0]} ${round(worst[1])} ms`, pullP95: round(percentile(pulls, 95)) };
}
