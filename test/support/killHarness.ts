import { spawn, type ChildProcess } from 'node:child_process';
import Database from 'better-sqlite3';
import { createInterface } from 'node:readline';
import { join } from 'node:path';
import { createCore } from '../../electron/core/core';
import { silentLogger } from '../../electron/core/runtime/logger';
import type { PlatformCredentials } from '../../shared/sync/protocol';
import { openStorage, type Sql } from '../../electron/platform/storage/openStorage';
import { createPlatformLogger } from '../../electron/platform/logger';
import { repoRoot, resourcesDir } from './testCore';

export interface KillReport {
  kill_rounds: number;
  /** Actions the operator was told were done. */
  acknowledged: number;
  /** Actions the wall holds (acknowledged or not): each sent once. */
  actions: number;
  lost: number;
  duplicated: number;
  integrity: string;
}

/** Waits for a line on the child's stdout; resolves with every "ack" line seen on the way. */
function lines(child: ChildProcess, onLine: (line: string) => void): void {
  createInterface({ input: child.stdout! }).on('line', onLine);
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * kill -9 of the wall: a child core registers cases while this process kills
 * it at a random moment, `rounds` times, each restart on the same database.
 * Then a core (in this process) drains to the platform, and the report says
 * whether the file is intact, every acknowledged action is in the room and
 * at the district, and none is there twice.
 */
export async function wallKillRounds(options: { rounds: number; dir: string; credentials: PlatformCredentials; platformSql: Sql; random?: () => number; log?: (line: string) => void }): Promise<KillReport> {
  const dbPath = join(options.dir, 'wall.db');
  const random = options.random ?? Math.random;
  const acknowledged = new Set<string>();
  const badRounds: string[] = [];
  for (let round = 0; round < options.rounds; round++) {
    const child = spawn(process.execPath, ['--import', 'tsx', 'test/support/wallChild.ts', dbPath, resourcesDir, JSON.stringify(options.credentials), `kill${round}`], { cwd: repoRoot, stdio: ['ignore', 'pipe', 'inherit'] });
    const exited = new Promise((resolve) => child.once('exit', resolve));
    const ready = new Promise<void>((resolve) =>
      lines(child, (line) => {
        if (line === 'ready') resolve();
        else if (line.startsWith('ack ')) acknowledged.add(line.slice(4));
      }),
    );
    await Promise.race([ready, exited]);
    await sleep(20 + random() * 400);
    child.kill('SIGKILL');
    await exited;
    // Checked after every kill, before the next start opens (and could mask) what the kill left.
    const check = new Database(dbPath, { readonly: true, fileMustExist: true });
    const verdict = String(check.pragma('integrity_check', { simple: true }));
    check.close();
    if (verdict !== 'ok') badRounds.push(`round ${round + 1}: ${verdict}`);
    if ((round + 1) % 20 === 0) options.log?.(`wall kill round ${round + 1}/${options.rounds}: ${acknowledged.size} acknowledged`);
  }
  const reader = async () => ({ sql: options.platformSql, close: async () => {} });
  const report = await drainAndCheck(dbPath, options.credentials, reader, acknowledged);
  return { ...report, integrity: badRounds.length ? badRounds.join('; ') : report.integrity, kill_rounds: options.rounds };
}

/** Opens the room's file once more, lets it drain to the platform, and compares both sides. */
/** How to read the platform's database once the wall has drained (the platform may have to stop first). */
type PlatformReader = () => Promise<{ sql: Sql; close(): Promise<void> }>;

export async function drainAndCheck(dbPath: string, credentials: PlatformCredentials, readPlatform: PlatformReader, acknowledged: ReadonlySet<string>, timeoutMs = 120_000): Promise<Omit<KillReport, 'kill_rounds'>> {
  const check = new Database(dbPath, { readonly: true });
  const integrity = String(check.pragma('integrity_check', { simple: true }));
  check.close();
  const core = createCore({ dbPath, resourcesDir, demo: null, logger: silentLogger, platform: { credentials, longPollMs: 1_000, uploadTimeoutMs: 5_000, retryCapMs: 500 } });
  try {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      const status = core.sync!.status();
      if (status.online && status.waiting === 0 && status.unconfirmed === 0) break;
      await sleep(100);
    }
    const db = new Database(dbPath, { readonly: true });
    const local = new Set((db.prepare("SELECT description FROM cases WHERE description LIKE 'kill%'").all() as { description: string }[]).map((row) => row.description));
    const outboxRows = (db.prepare('SELECT count(*) AS n FROM outbox').get() as { n: number }).n;
    db.close();
    const clientId = core.sync!.clientId;
    core.close();
    const platform = await readPlatform();
    const sql = platform.sql;
    const remote = await sql<{ description: string; n: number }[]>`
      SELECT data->>'description' AS description, count(*)::int AS n FROM cases WHERE ref LIKE ${`w.${clientId}.%`} GROUP BY 1`;
    const [results] = await sql<{ n: number; last: number | null }[]>`SELECT count(*)::int AS n, max(client_seq)::int AS last FROM client_results WHERE client_id = ${clientId}`;
    await platform.close();
    const atDistrict = new Map(remote.map((row) => [row.description, row.n]));
    const lostLocally = [...acknowledged].filter((description) => !local.has(description));
    const lostAtDistrict = [...local].filter((description) => !atDistrict.has(description));
    const gapFree = results!.n === outboxRows && (results!.last ?? 0) === outboxRows;
    return {
      acknowledged: acknowledged.size,
      actions: local.size,
      lost: lostLocally.length + lostAtDistrict.length + (gapFree ? 0 : Math.abs(outboxRows - results!.n)),
      duplicated: [...atDistrict.values()].filter((count) => count > 1).length,
      integrity,
    };
  } finally {
    core.close();
  }
}

/** The platform's CLI as a child process on a data folder and port; resolves once it is serving. */
export async function startPlatformProcess(dataDir: string, port: number): Promise<{ child: ChildProcess; exited: Promise<void> }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'electron/platform/cli.ts', '--port', String(port), '--data', dataDir, '--hotline-rate', '0', '--json'], { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] });
  child.stderr!.resume();
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  await new Promise<void>((resolve, reject) => {
    lines(child, (line) => line.startsWith('{') && resolve());
    void exited.then(() => reject(new Error('the platform exited before it was ready')));
  });
  return { child, exited };
}

/**
 * kill -9 of the platform: a wall (in this process) keeps registering cases
 * while the platform's process is killed and restarted on its data folder
 * `rounds` times; then the wall drains and both sides are compared.
 */
export async function platformKillRounds(options: { rounds: number; dir: string; port: number; random?: () => number; log?: (line: string) => void }): Promise<KillReport> {
  const random = options.random ?? Math.random;
  const start = () => startPlatformProcess(join(options.dir, 'platform'), options.port);
  let platform = await start();
  const credentials = JSON.parse(await import('node:fs').then((fs) => fs.readFileSync(join(options.dir, 'platform', 'credentials', 'SD03.json'), 'utf8'))) as PlatformCredentials;
  const dbPath = join(options.dir, 'wall-p.db');
  const wall = createCore({ dbPath, resourcesDir, demo: { seed: 7, historyDays: 2, historyPerDay: 10, feedRatePerMinute: 0 }, logger: silentLogger, platform: { credentials, longPollMs: 1_000, uploadTimeoutMs: 2_000, retryCapMs: 300 } });
  const session = { connectionId: 'kill', role: 'queue', audience: 'operator', locale: 'zh-CN' } as const;
  await wall.handle(session, { id: 1, name: 'session.signIn', args: { operatorId: 'op01', pin: '111111' } });
  const acknowledged = new Set<string>();
  let writing = true;
  let id = 1;
  const writer = (async () => {
    while (writing) {
      const description = `killp-${id}`;
      const answer = await wall.handle(session, { id: ++id, name: 'case.create', args: { description, categoryCode: '20101', sourceId: 'street' } });
      if (answer.ok) acknowledged.add(description);
      await sleep(5);
    }
  })();
  for (let round = 0; round < options.rounds; round++) {
    await sleep(200 + random() * 1_200);
    platform.child.kill('SIGKILL');
    await platform.exited;
    platform = await start();
    options.log?.(`platform kill round ${round + 1}/${options.rounds}: ${acknowledged.size} acknowledged`);
  }
  writing = false;
  await writer;
  wall.close();
  // Once the wall has drained, the platform stops (releasing its folder) and its database is read here.
  const reader: PlatformReader = async () => {
    platform.child.kill('SIGTERM');
    await platform.exited;
    const storage = await openStorage({ dataDir: join(options.dir, 'platform'), logger: createPlatformLogger(() => {}) });
    return { sql: storage.sql, close: () => storage.close() };
  };
  try {
    return { ...(await drainAndCheck(dbPath, credentials, reader, acknowledged)), kill_rounds: options.rounds };
  } finally {
    if (platform.child.exitCode === null) platform.child.kill('SIGTERM');
  }
}
