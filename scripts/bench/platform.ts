import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import WebSocket from 'ws';
import { createCore } from '../../electron/core/core';
import { silentLogger } from '../../electron/core/runtime/logger';
import type { ServerMessage } from '../../shared/contract/messages';
import { runJepsen } from '../../test/support/jepsen';
import { platformKillRounds, startPlatformProcess, wallKillRounds } from '../../test/support/killHarness';
import { readPlatformCredentials } from '../../electron/host/platformCredentials';
import type { PlatformCredentials } from '../../shared/sync/protocol';
import { noPostgresReason, postgresBinDir, startPostgresCluster, startTestPlatform } from '../../test/support/platformHarness';
import { resourcesDir, tempDir } from '../../test/support/testCore';
import { startWallProcess } from '../../test/support/wallProcess';
import { fillCases, queryTimes } from './platformScale';
import { percentile, round } from './stats';

const env = (name: string, fallback: number) => Number(process.env[name] ?? fallback);
const log = (line: string) => console.error(line);

/**
 * The district platform and the sync (issue 13):
 *  - drain: 10,000 actions queued while the platform was unreachable, sent once it is back;
 *  - inflow: a steady 50 new cases a second at the platform, timed until a window's socket hears each;
 *  - query: the district's lists and the walls' pulls at 1,000,000 cases on PostgreSQL;
 *  - faults: 200 kill -9 rounds of the wall, kill -9 rounds of the platform, a long Jepsen-style run.
 */
export async function platformBench() {
  const dir = tempDir();
  const platform = await startTestPlatform();
  // GRIDWALL_BENCH_ONLY=drain,inflow,query,faults runs some parts (figures of the others are -1).
  const only = (part: string) => !process.env.GRIDWALL_BENCH_ONLY || process.env.GRIDWALL_BENCH_ONLY.split(',').includes(part);
  const skipped = { actions: 0, seconds: -1, perSecond: -1, floorPerSecond: -1, cases: 0, p50: -1, p95: -1, backend: 'skipped', worst: '', pullP95: -1, kill_rounds: 0, acknowledged: 0, lost: 0, duplicated: 0, integrity: 'skipped', operations: 0, uncertain: 0, rejected: 0, gaps: 0, diverged: 0 };
  try {
    const drain = only('drain') ? await drainRate(dir.path, env('GRIDWALL_BENCH_QUEUED', 10_000)) : skipped;
    log(`drain: ${JSON.stringify(drain)}`);
    const inflow = only('inflow') ? await inflowLag(dir.path, env('GRIDWALL_BENCH_INFLOW_PER_S', 50), env('GRIDWALL_BENCH_INFLOW_S', 20)) : { ...skipped, perSecond: 0 };
    log(`inflow: ${JSON.stringify(inflow)}`);
    const query = only('query') ? await platformQueries(env('GRIDWALL_BENCH_CASES', 1_000_000)) : skipped;
    log(`query: ${JSON.stringify(query)}`);
    const faults = only('faults');
    const wallKills = faults ? await wallKillRounds({ rounds: env('GRIDWALL_BENCH_KILL_ROUNDS', 200), dir: dir.path, credentials: platform.credentials('SD08'), platformSql: platform.platform.sql, log }) : skipped;
    log(`wall kill -9: ${JSON.stringify(wallKills)}`);
    const platformKills = faults ? await platformKillRounds({ rounds: env('GRIDWALL_BENCH_PLATFORM_KILL_ROUNDS', 20), dir: dir.path, port: await freePort(), log }) : skipped;
    log(`platform kill -9: ${JSON.stringify(platformKills)}`);
    const jepsen = faults ? await runJepsen(platform, { operations: env('GRIDWALL_BENCH_JEPSEN_OPS', 400), seed: Date.now() % 100_000, dir: dir.path, log }) : skipped;
    return {
      drain_actions: drain.actions,
      drain_s: drain.seconds,
      drain_actions_per_s: drain.perSecond,
      drain_batch_floor_actions_per_s: drain.floorPerSecond,
      inflow_cases: inflow.cases,
      inflow_per_s: inflow.perSecond,
      inflow_lag_p50_s: inflow.p50,
      inflow_lag_p95_s: inflow.p95,
      platform_query_cases: query.cases,
      platform_query_backend: query.backend,
      platform_query_p50_ms: query.p50,
      platform_query_p95_ms: query.p95,
      platform_query_worst: query.worst,
      wall_pull_1000_p95_ms: query.pullP95,
      kill_rounds: wallKills.kill_rounds,
      actions: wallKills.actions,
      acknowledged: wallKills.acknowledged,
      lost: wallKills.lost + platformKills.lost + jepsen.lost,
      duplicated: wallKills.duplicated + platformKills.duplicated + jepsen.duplicated,
      integrity: wallKills.integrity,
      platform_kill_rounds: platformKills.kill_rounds,
      platform_kill_acknowledged: platformKills.acknowledged,
      jepsen_operations: jepsen.operations,
      jepsen_actions: jepsen.actions,
      jepsen_uncertain: jepsen.uncertain,
      jepsen_rejected: jepsen.rejected,
      jepsen_gaps: jepsen.gaps,
      jepsen_diverged: jepsen.diverged,
    };
  } finally {
    await platform.close();
    dir.remove();
  }
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

const session = { connectionId: 'bench', role: 'queue', audience: 'operator', locale: 'zh-CN' } as const;

/**
 * Actions queued in a room without its platform, then the time from the sync
 * starting to the last answer. The platform runs in its own process (as it
 * does on the district's server); the floor is that platform's own upload
 * rate for the same number of actions posted straight to it (no wall).
 */
async function drainRate(dir: string, queued: number) {
  const dbPath = join(dir, 'drain.db');
  const offline = createCore({ dbPath, resourcesDir, demo: { seed: 7, historyDays: 2, historyPerDay: 10, feedRatePerMinute: 0 }, logger: silentLogger });
  await offline.handle(session, { id: 0, name: 'session.signIn', args: { operatorId: 'op01', pin: '111111' } });
  for (let i = 1; i <= queued; i++) {
    const answer = await offline.handle(session, { id: i, name: 'case.create', args: { description: `排队案件 ${i}，光复路${i % 400}号门口垃圾堆放`, categoryCode: '20101', sourceId: 'street', lngLat: [121.4692, 31.2469] } });
    if (!answer.ok) throw new Error(JSON.stringify(answer));
  }
  offline.close();
  const platform = await startPlatformProcess(join(dir, 'drain-platform'), await freePort());
  try {
    const credentials = readPlatformCredentials(join(dir, 'drain-platform', 'credentials', 'SD02.json'));
    const online = createCore({ dbPath, resourcesDir, demo: null, logger: silentLogger, platform: { credentials } });
    // The clock starts when the core is up and its sync loops have started: the room's boot is not the link's drain.
    const started = performance.now();
    while (online.sync!.status().waiting > 0) await new Promise((resolve) => setTimeout(resolve, 20));
    const seconds = (performance.now() - started) / 1000;
    online.close();
    return { actions: queued, seconds: round(seconds, 2), perSecond: Math.round(queued / seconds), floorPerSecond: await uploadFloor(credentials, queued) };
  } finally {
    platform.child.kill('SIGTERM');
    await platform.exited;
  }
}

/** The same number of actions posted straight to the platform in batches of 500 (no wall): what the platform itself sustains. */
async function uploadFloor(credentials: PlatformCredentials, total: number): Promise<number> {
  const { action, wallCase } = await import('../../test/support/platformClient');
  const { bearerFor } = await import('../../shared/sync/protocol');
  const clientId = `floor-${Date.now().toString(36)}`;
  const auth = bearerFor(credentials);
  const started = performance.now();
  for (let from = 1; from <= total; from += 500) {
    const actions = Array.from({ length: Math.min(500, total - from + 1) }, (_, index) => action(from + index, wallCase(clientId, from + index)));
    const response = await fetch(`${credentials.url}/sync/v1/upload`, { method: 'POST', headers: { authorization: auth, 'content-type': 'application/json' }, body: JSON.stringify({ protocol: 1, clientId, actions }) });
    if (!response.ok) throw new Error(`floor upload: HTTP ${response.status}`);
    await response.json();
  }
  return Math.round(total / ((performance.now() - started) / 1000));
}

/**
 * Tickets at `perSecond` into a platform in its own process; each timed from
 * its post until the queue window's socket on a real browser wall (its core
 * in a worker, synced with that platform) hears the case.
 */
async function inflowLag(dir: string, perSecond: number, seconds: number) {
  const platformDir = join(dir, 'inflow-platform');
  const port = await freePort();
  const platform = await startPlatformProcess(platformDir, port);
  const wall = await startWallProcess(['--platform-credentials', join(platformDir, 'credentials', 'SD04.json')]);
  const intake = `Bearer intake.${readPlatformCredentials(join(platformDir, 'credentials', 'intake.json')).secret}`;
  const platformUrl = `http://127.0.0.1:${port}`;
  try {
    const url = new URL(wall.urls.queue);
    const socket = new WebSocket(`ws://${url.host}/ws?role=queue&token=${url.searchParams.get('token')}`);
    await new Promise((resolve, reject) => socket.once('open', resolve).once('error', reject));
    const sentAt = new Map<string, number>();
    const lags: number[] = [];
    socket.on('message', (data) => {
      const message = JSON.parse(String(data)) as ServerMessage;
      if (message.type !== 'event' || message.event.event !== 'case.changed') return;
      const key = /inflow-(\d+)/.exec(message.event.payload.case.description)?.[0];
      const at = key ? sentAt.get(key) : undefined;
      if (at !== undefined && message.event.payload.change === 'created') lags.push((performance.now() - at) / 1000);
    });
    const total = perSecond * seconds;
    const started = performance.now();
    for (let i = 0; i < total; i++) {
      const due = started + (i * 1000) / perSecond;
      if (due > performance.now()) await new Promise((resolve) => setTimeout(resolve, due - performance.now()));
      const key = `inflow-${i}`;
      sentAt.set(key, performance.now());
      void fetch(`${platformUrl}/intake/v1/hotline`, {
        method: 'POST',
        headers: { authorization: intake, 'content-type': 'application/json' },
        body: JSON.stringify({ tickets: [{ ticketId: `inflow-${Date.now().toString(36)}-${i}`, receivedAt: Date.now(), categoryCode: '20401', content: `${key} 门口占道经营`, lngLat: [121.4587, 31.2555], address: '芷江西路' }] }),
      });
    }
    const deadline = performance.now() + 30_000;
    while (lags.length < total && performance.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
    socket.close();
    return { cases: lags.length, perSecond, p50: round(percentile(lags, 50), 3), p95: round(percentile(lags, 95), 3) };
  } finally {
    await wall.stop();
    platform.child.kill('SIGTERM');
    await platform.exited;
  }
}

async function platformQueries(total: number) {
  if (!postgresBinDir()) {
    log(`query at ${total} cases skipped: ${noPostgresReason}`);
    return { cases: 0, backend: 'skipped', p50: -1, p95: -1, worst: noPostgresReason, pullP95: -1 };
  }
  const cluster = await startPostgresCluster();
  const test = await startTestPlatform({ databaseUrl: cluster.url });
  try {
    const started = performance.now();
    await fillCases(test.platform.sql, total);
    log(`filled ${total} cases in ${round((performance.now() - started) / 1000)} s`);
    const times = await queryTimes(test, env('GRIDWALL_BENCH_QUERY_SAMPLES', 60));
    return { cases: total, backend: 'postgresql-15', ...times };
  } finally {
    await test.close();
    cluster.stop();
  }
}
