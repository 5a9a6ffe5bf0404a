import Database from 'better-sqlite3';
import { join } from 'node:path';
import { createCore, type Core } from '../../electron/core/core';
import { silentLogger } from '../../electron/core/runtime/logger';
import type { Case } from '../../shared/domain/case';
import { seededRandom } from '../../shared/domain/random';
import { bearerFor } from '../../shared/sync/protocol';
import { startFaultProxy, type FaultMode, type FaultProxy } from './faultProxy';
import type { TestPlatform } from './platformHarness';
import { resourcesDir } from './testCore';

const session = { connectionId: 'jepsen', role: 'queue', audience: 'operator', locale: 'zh-CN' } as const;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
/** Where a hotline ticket lands in each sub-centre's area (a grid's inside). */
const spots: Record<string, [number, number]> = { SD01: [121.4507, 31.2501], SD02: [121.4692, 31.2469], SD03: [121.469, 31.2591] };
const nextStep: Record<string, { action: string; leadDepartmentId?: string }> = {
  reported: { action: 'verify' },
  verifying: { action: 'register' },
  registered: { action: 'dispatch', leadDepartmentId: 'CITYMGMT' },
  dispatched: { action: 'startHandling' },
  inProgress: { action: 'reportBack' },
  reportedBack: { action: 'close' },
};

interface Wall {
  subCentreId: string;
  dbPath: string;
  proxy: FaultProxy;
  core: Core;
  baseline: number;
  ids: number;
}

export interface JepsenReport {
  operations: number;
  actions: number;
  acknowledged: number;
  /** Uploads whose answer a faulty link lost after the platform applied them: applied at most once. */
  uncertain: number;
  /** Actions the district rejected (closed or transferred meanwhile): answered, shown, never lost. */
  rejected: number;
  lost: number;
  duplicated: number;
  gaps: number;
  diverged: number;
  restarts: number;
}

function openWall(wall: Pick<Wall, 'dbPath' | 'proxy' | 'subCentreId'>, test: TestPlatform): Core {
  return createCore({
    dbPath: wall.dbPath,
    resourcesDir,
    demo: { seed: 7, historyDays: 2, historyPerDay: 10, feedRatePerMinute: 0 },
    logger: silentLogger,
    signInHours: 24,
    platform: { credentials: test.credentials(wall.subCentreId, wall.proxy.url), longPollMs: 1_000, uploadTimeoutMs: 1_500, pullGraceMs: 1_500, retryCapMs: 400, statusEveryMs: 50 },
  });
}

async function signIn(core: Core): Promise<void> {
  await core.handle(session, { id: 0, name: 'session.signIn', args: { operatorId: 'op01', pin: '111111' } });
}

/**
 * A Jepsen-style run: three sub-centres' walls act (new cases, lifecycle
 * steps) while the district closes and transfers cases, the hotline sends
 * tickets, links flap through every fault of the proxy and walls restart;
 * then everything heals and drains, and the history is checked.
 */
export async function runJepsen(test: TestPlatform, options: { operations: number; seed: number; dir: string; log?: (line: string) => void }): Promise<JepsenReport> {
  const random = seededRandom(options.seed);
  const walls: Wall[] = [];
  for (const subCentreId of ['SD01', 'SD02', 'SD03']) {
    const proxy = await startFaultProxy({ host: '127.0.0.1', port: test.platform.port }, { latencyMs: 150, cutAfterBytes: 60 });
    const dbPath = join(options.dir, `${subCentreId}.db`);
    const core = openWall({ dbPath, proxy, subCentreId }, test);
    await signIn(core);
    const baseline = (new Database(dbPath, { readonly: true }).prepare('SELECT max(id) AS id FROM cases').get() as { id: number }).id;
    walls.push({ subCentreId, dbPath, proxy, core, baseline, ids: 100 });
  }
  const district = bearerFor(test.district());
  const post = (path: string, body: unknown, auth: string) => fetch(`${test.platform.url}${path}`, { method: 'POST', headers: { authorization: auth, 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const report: JepsenReport = { operations: options.operations, actions: 0, acknowledged: 0, uncertain: 0, rejected: 0, lost: 0, duplicated: 0, gaps: 0, diverged: 0, restarts: 0 };
  const acked: { wall: Wall; description: string }[] = [];
  try {
    for (let op = 0; op < options.operations; op++) {
      const wall = random.pick(walls);
      const roll = random.next();
      if (roll < 0.25) {
        const description = `jepsen-${wall.subCentreId}-${op}`;
        const answer = await wall.core.handle(session, { id: ++wall.ids, name: 'case.create', args: { description, categoryCode: '20101', sourceId: 'street', lngLat: spots[wall.subCentreId] } });
        if (answer.ok) acked.push({ wall, description });
      } else if (roll < 0.55) {
        await stepSomeCase(wall, random);
      } else if (roll < 0.7) {
        await districtAct(test, district, post, random, walls);
      } else if (roll < 0.77) {
        const target = random.pick(walls).subCentreId;
        await post('/intake/v1/hotline', { tickets: [{ ticketId: `J${options.seed}-${op}`, receivedAt: Date.now(), categoryCode: '20401', content: `jepsen 热线 ${op}`, lngLat: spots[target] }] }, `Bearer intake.${test.intakeKey()}`);
      } else if (roll < 0.94) {
        wall.proxy.set(random.pick<FaultMode>(['pass', 'pass', 'blackhole', 'reset', 'latency', 'cut', 'dropResponse']));
      } else {
        wall.core.close();
        wall.core = openWall(wall, test);
        await signIn(wall.core);
        report.restarts++;
      }
      await sleep(random.int(0, 60));
    }
    for (const wall of walls) wall.proxy.set('pass');
    await drainAll(test, walls);
    report.acknowledged = acked.length;
    report.uncertain = walls.reduce((sum, wall) => sum + wall.proxy.counts.dropped + wall.proxy.counts.cut, 0);
    for (const wall of walls) Object.assign(report, addUp(report, await checkWall(test, wall, acked.filter((item) => item.wall === wall).map((item) => item.description))));
    options.log?.(`jepsen: ${JSON.stringify(report)}`);
    return report;
  } finally {
    for (const wall of walls) {
      wall.core.close();
      await wall.proxy.close();
    }
  }
}

async function stepSomeCase(wall: Wall, random: ReturnType<typeof seededRandom>): Promise<void> {
  const answer = await wall.core.handle(session, { id: ++wall.ids, name: 'cases.list', args: { scope: 'open', limit: 200 } });
  if (!answer.ok) return;
  const candidates = (answer.value as { cases: Case[] }).cases.filter((item) => item.id > wall.baseline && nextStep[item.status]);
  if (candidates.length === 0) return;
  const item = random.pick(candidates);
  const step = nextStep[item.status]!;
  await wall.core.handle(session, { id: ++wall.ids, name: 'case.act', args: { caseId: item.id, reason: '', ...step } });
}

async function districtAct(test: TestPlatform, auth: string, post: (path: string, body: unknown, auth: string) => Promise<Response>, random: ReturnType<typeof seededRandom>, walls: Wall[]): Promise<void> {
  const rows = await test.platform.sql<{ ref: string; assigned_to: string }[]>`SELECT ref, assigned_to FROM cases WHERE assigned_to IN ('SD01', 'SD02', 'SD03') AND NOT closed_by_district ORDER BY id DESC LIMIT 50`;
  if (rows.length === 0) return;
  const target = random.pick(rows);
  if (random.chance(0.5)) await post(`/district/v1/cases/${target.ref}/close`, { note: '区平台结案' }, auth);
  else await post(`/district/v1/cases/${target.ref}/transfer`, { subCentreId: random.pick(walls.filter((wall) => wall.subCentreId !== target.assigned_to)).subCentreId, note: '跨街道转办' }, auth);
}

async function drainAll(test: TestPlatform, walls: Wall[], timeoutMs = 90_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const [counter] = await test.platform.sql<{ last: number }[]>`SELECT last FROM change_counter`;
    const settled = walls.every((wall) => {
      const status = wall.core.sync!.status();
      return status.online && status.waiting === 0 && status.unconfirmed === 0 && status.lastConfirmedChange === counter!.last;
    });
    if (settled) return;
    await sleep(100);
  }
  throw new Error(`the walls did not drain within ${timeoutMs / 1000} s: ${JSON.stringify(walls.map((wall) => wall.core.sync!.status()))}`);
}

function addUp(total: JepsenReport, part: Partial<JepsenReport>): Partial<JepsenReport> {
  return { rejected: total.rejected + (part.rejected ?? 0), actions: total.actions + (part.actions ?? 0), lost: total.lost + (part.lost ?? 0), duplicated: total.duplicated + (part.duplicated ?? 0), gaps: total.gaps + (part.gaps ?? 0), diverged: total.diverged + (part.diverged ?? 0) };
}

/** One wall against the platform: exactly once, gap-free, and the same cases in the same state for its area. */
async function checkWall(test: TestPlatform, wall: Wall, acknowledged: readonly string[]): Promise<Partial<JepsenReport>> {
  const db = new Database(wall.dbPath, { readonly: true });
  const clientId = wall.core.sync!.clientId;
  const counts = db.prepare("SELECT count(*) AS n, coalesce(sum(outcome = 'rejected'), 0) AS rejected FROM outbox").get() as { n: number; rejected: number };
  const outbox = counts.n;
  const local = db
    .prepare('SELECT c.id, c.status, c.description, r.ref, r.removed_at FROM cases c LEFT JOIN case_refs r ON r.case_id = c.id WHERE c.id > ? OR r.ref IS NOT NULL')
    .all(wall.baseline) as { id: number; status: string; description: string; ref: string | null; removed_at: number | null }[];
  db.close();
  const [results] = await test.platform.sql<{ n: number; last: number | null }[]>`SELECT count(*)::int AS n, max(client_seq)::int AS last FROM client_results WHERE client_id = ${clientId}`;
  const remote = await test.platform.sql<{ ref: string; status: string; description: string }[]>`SELECT ref, status, data->>'description' AS description FROM cases WHERE assigned_to = ${wall.subCentreId}`;
  const mine = await test.platform.sql<{ description: string; n: number }[]>`SELECT data->>'description' AS description, count(*)::int AS n FROM cases WHERE ref LIKE ${`w.${clientId}.%`} GROUP BY 1`;
  const localByRef = new Map(local.filter((row) => row.removed_at === null).map((row) => [row.ref ?? `w.${clientId}.${row.id}`, row.status]));
  const remoteByRef = new Map(remote.map((row) => [row.ref, row.status]));
  const diverged = [...new Set([...localByRef.keys(), ...remoteByRef.keys()])].filter((ref) => localByRef.get(ref) !== remoteByRef.get(ref));
  const atDistrict = new Set(mine.map((row) => row.description));
  return {
    actions: outbox,
    rejected: counts.rejected,
    lost: acknowledged.filter((description) => !atDistrict.has(description) || !local.some((row) => row.description === description)).length,
    duplicated: mine.filter((row) => row.n > 1).length,
    gaps: results!.n === outbox && (results!.last ?? 0) === outbox ? 0 : Math.abs(outbox - results!.n) + 1,
    diverged: diverged.length,
  };
}
