import Database from 'better-sqlite3';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import WebSocket from 'ws';
import type { ArgsOf } from '../../shared/contract/contract';
import type { ResponseMessage, ServerMessage } from '../../shared/contract/messages';
import { caseStatuses, type Case } from '../../shared/domain/case';
import { createCore, type Core, type Session } from '../../electron/core/core';
import { silentLogger } from '../../electron/core/runtime/logger';
import { repoRoot, resourcesDir, tempDir } from '../../test/support/testCore';
import type { WallUrls } from '../../test/support/wallProcess';
import { median, percentile, round } from './stats';

const targetCases = 100_000;
const historyDays = 183;
const session: Session = { connectionId: 'bench', role: 'queue', audience: 'operator', locale: 'zh-CN' };
/** A filter whose p95 is above this is named in the figures. */
const slowQueryMs = 20;

type QueryArgs = ArgsOf<'cases.query'>;

/**
 * The queue window at the scale of a busy sub-centre (100,000 cases):
 *  - build: the demo history generator writes the cases in one transaction.
 *  - filter: `cases.query` through the core boundary, as a window calls it,
 *    for a mix of the queue's filters and orders (per-query p95 on stderr).
 *  - kpi: `kpi.get` for the last complete month.
 *  - dispatch: on the browser wall (real CLI, core in its worker), one client
 *    sends `case.act dispatch`; another receives the `case.changed` event.
 *  - sqlite_commit_floor: one committed single-row transaction (WAL,
 *    synchronous=FULL) on this machine, the floor every action pays.
 */
export async function queueBench() {
  const dir = tempDir();
  const dbPath = join(dir.path, 'queue-100k.db');
  let core: Core | null = null;
  try {
    const started = performance.now();
    core = createCore({
      dbPath,
      resourcesDir,
      demo: { seed: 1, historyDays, historyPerDay: Math.ceil(targetCases / historyDays), feedRatePerMinute: 0 },
      logger: silentLogger,
    });
    const buildMs = performance.now() - started;
    const request = requester(core);
    const cases = (await request<{ total: number }>('cases.query', { statuses: [...caseStatuses], limit: 1 })).total;
    const dbFile = new Database(dbPath, { readonly: true, fileMustExist: true });
    let grid: string;
    try {
      grid = (dbFile.prepare('SELECT grid_id FROM cases WHERE grid_id IS NOT NULL GROUP BY grid_id ORDER BY count(*) DESC, grid_id LIMIT 1').pluck().get() as string) ?? 'none';
    } finally {
      dbFile.close();
    }
    console.error(`queue: ${cases} cases written in ${round(buildMs / 1000, 2)} s`);

    const filter = await filterLatencies(request, filterMix(grid), 40);
    const kpi = await kpiTimes(request, 10);
    core.close();
    core = null;

    const floor = commitFloor(join(dir.path, 'floor.db'), 300);
    const dispatch = await dispatchLatencies(dbPath, 200);

    return {
      cases,
      build_s: round(buildMs / 1000, 2),
      filter_queries: filter.perQuery.length,
      filter_samples: filter.all.length,
      filter_p50_ms: round(median(filter.all), 2),
      filter_p95_ms: round(percentile(filter.all, 95), 2),
      slowest_query: filter.slowest.name,
      slowest_p95_ms: round(filter.slowest.p95, 2),
      queries_over_20ms: filter.perQuery.filter((query) => query.p95 > slowQueryMs).map((query) => query.name).join(',') || 'none',
      kpi_source: 'kpi.get',
      kpi_month: kpi.month,
      kpi_due_cases: kpi.due,
      kpi_month_ms: round(median(kpi.ms), 1),
      dispatch_samples: dispatch.seen.length,
      dispatch_p50_ms: round(median(dispatch.seen), 2),
      dispatch_p95_ms: round(percentile(dispatch.seen, 95), 2),
      dispatch_reply_p50_ms: round(median(dispatch.reply), 2),
      sqlite_commit_floor_ms: round(median(floor), 2),
      sqlite_commit_floor_p95_ms: round(percentile(floor, 95), 2),
    };
  } finally {
    core?.close();
    dir.remove();
  }
}

/** Sends one request through the core's boundary, exactly as a window does; a refusal stops the benchmark. */
function requester(core: Core) {
  let nextId = 1;
  return async <T>(name: string, args: unknown): Promise<T> => {
    const response = await core.handle(session, { id: nextId++, name, args });
    if (!response.ok) throw new Error(`${name} refused: ${response.error.code} ${response.error.message}`);
    return response.value as T;
  };
}

/** What operators ask the queue for during a shift: one page (the window's page size is 100). */
function filterMix(grid: string): { name: string; args: QueryArgs }[] {
  const all = [...caseStatuses];
  return [
    { name: 'open_priority', args: {} },
    { name: 'closed_newest', args: { statuses: ['closed'], sort: 'newest' } },
    { name: 'all_priority', args: { statuses: all, sort: 'priority' } },
    { name: 'department_open', args: { departmentIds: ['SANITATION'] } },
    { name: 'department_all_newest', args: { statuses: all, departmentIds: ['CITYMGMT'], sort: 'newest' } },
    { name: 'grid_all_newest', args: { statuses: all, gridIds: [grid], sort: 'newest' } },
    { name: 'category_204_open', args: { categoryPrefixes: ['204'] } },
    { name: 'category_204_all_newest', args: { statuses: all, categoryPrefixes: ['204'], sort: 'newest' } },
    { name: 'overdue_deadline', args: { overdue: true, sort: 'deadline' } },
    { name: 'supervised', args: { supervised: true } },
    { name: 'urgent_all', args: { statuses: all, urgent: true } },
    { name: 'text_垃圾', args: { statuses: all, text: '垃圾', sort: 'newest' } },
    { name: 'text_光复路', args: { statuses: all, text: '光复路', sort: 'newest' } },
    { name: 'text_number', args: { statuses: all, text: '-0042', sort: 'newest' } },
    { name: 'all_newest_offset5000', args: { statuses: all, sort: 'newest', offset: 5000 } },
    { name: 'all_deadline_offset5000', args: { statuses: all, sort: 'deadline', offset: 5000 } },
    {
      name: 'combined',
      args: {
        statuses: ['dispatched', 'inProgress', 'reportedBack'],
        departmentIds: ['CITYMGMT', 'SANITATION', 'GREENING'],
        categoryPrefixes: ['2'],
        sourceIds: ['street', 'hotline', 'video'],
        sort: 'deadline',
      },
    },
    { name: 'combined_text_closed', args: { statuses: ['closed'], categoryPrefixes: ['201'], text: '垃圾', supervised: false, sort: 'oldest' } },
  ];
}

async function filterLatencies(request: ReturnType<typeof requester>, mix: { name: string; args: QueryArgs }[], samples: number) {
  const run = (args: QueryArgs) => request<{ total: number; cases: Case[] }>('cases.query', { limit: 100, ...args });
  const totals: number[] = [];
  for (const query of mix) totals.push((await run(query.args)).total);
  for (let round_ = 0; round_ < 3; round_++) for (const query of mix) await run(query.args);
  // Round robin, as an operator moves between filters; the page cache stays warm, as in a room.
  const ms = mix.map(() => [] as number[]);
  for (let sample = 0; sample < samples; sample++) {
    for (const [index, query] of mix.entries()) {
      const started = performance.now();
      await run(query.args);
      ms[index]!.push(performance.now() - started);
    }
  }
  const perQuery = mix.map((query, index) => ({ name: query.name, total: totals[index]!, p50: median(ms[index]!), p95: percentile(ms[index]!, 95) }));
  console.error(`\n${'query'.padEnd(26)}${'matches'.padStart(9)}${'p50 ms'.padStart(9)}${'p95 ms'.padStart(9)}`);
  for (const query of perQuery) {
    console.error(`${query.name.padEnd(26)}${String(query.total).padStart(9)}${query.p50.toFixed(2).padStart(9)}${query.p95.toFixed(2).padStart(9)}${query.p95 > slowQueryMs ? '  *' : ''}`);
  }
  const slowest = perQuery.reduce((worst, query) => (query.p95 > worst.p95 ? query : worst));
  return { all: ms.flat(), perQuery, slowest };
}

/** The last calendar month that has ended, in Beijing time ("2026-10"). */
function lastCompleteMonth(now = Date.now()): string {
  const beijing = new Date(now + 8 * 3_600_000);
  const previous = new Date(Date.UTC(beijing.getUTCFullYear(), beijing.getUTCMonth() - 1, 1));
  return `${previous.getUTCFullYear()}-${String(previous.getUTCMonth() + 1).padStart(2, '0')}`;
}

async function kpiTimes(request: ReturnType<typeof requester>, runs: number) {
  const month = lastCompleteMonth();
  const due = (await request<{ overall: { due: number } }>('kpi.get', { month })).overall.due;
  const ms: number[] = [];
  for (let run = 0; run < runs; run++) {
    const started = performance.now();
    await request('kpi.get', { month });
    ms.push(performance.now() - started);
  }
  return { month, due, ms };
}

/** One committed single-row INSERT transaction, WAL + synchronous=FULL, on a fresh file. */
function commitFloor(path: string, samples: number): number[] {
  const db = new Database(path);
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.exec('CREATE TABLE t (id INTEGER PRIMARY KEY, at INTEGER NOT NULL, payload TEXT NOT NULL)');
    const insert = db.prepare('INSERT INTO t (at, payload) VALUES (?, ?)');
    const commit = db.transaction((at: number) => insert.run(at, '基准'));
    for (let i = 0; i < 20; i++) commit(Date.now());
    const ms: number[] = [];
    for (let i = 0; i < samples; i++) {
      const started = performance.now();
      commit(Date.now());
      ms.push(performance.now() - started);
    }
    return ms;
  } finally {
    db.close();
  }
}

/**
 * The browser wall's real CLI on an existing database (no demo: the core
 * reads its reference data from the file). Like test/support/wallProcess.ts,
 * which always starts on a fresh file.
 */
export async function startWallOn(dbPath: string): Promise<{ urls: WallUrls; stop(): Promise<void> }> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', 'electron/host/cli.ts', '--port', '0', '--db', dbPath, '--no-demo', '--json'],
    { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGINT');
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    await exited;
    clearTimeout(timer);
    process.off('exit', killOnExit);
  };
  const stderr: string[] = [];
  child.stderr.on('data', (chunk: Buffer) => stderr.push(String(chunk)));
  try {
    const urls = await new Promise<WallUrls>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`the wall did not start within 45 s:\n${stderr.join('')}`)), 45_000);
      createInterface({ input: child.stdout }).on('line', (line) => {
        if (!line.startsWith('{')) return;
        clearTimeout(timer);
        resolve((JSON.parse(line) as { urls: WallUrls }).urls);
      });
      child.once('exit', (code) => reject(new Error(`the wall exited with ${code}:\n${stderr.join('')}`)));
    });
    return { urls, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** A WebSocket window: requests with ids, answers matched back, events to a listener. */
export async function openWindow(queueUrl: string) {
  const page = new URL(queueUrl);
  const socket = await new Promise<WebSocket>((resolve, reject) => {
    const opened = new WebSocket(`ws://${page.host}/ws?role=queue&token=${page.searchParams.get('token')}`);
    opened.once('open', () => resolve(opened));
    opened.once('error', reject);
  });
  const pending = new Map<number, (response: ResponseMessage) => void>();
  let onEvent: (message: Extract<ServerMessage, { type: 'event' }>['event'], at: number) => void = () => {};
  socket.on('message', (data) => {
    const at = performance.now();
    const message = JSON.parse(String(data)) as ServerMessage;
    if (message.type === 'event') onEvent(message.event, at);
    else if (message.type === 'response') pending.get(message.response.id)?.(message.response);
  });
  let nextId = 1;
  return {
    socket,
    /** Resolves with the value and the moment the answer arrived. */
    request<T>(name: string, args: unknown): Promise<{ value: T; at: number }> {
      const id = nextId++;
      return withTimeout(
        new Promise((resolve, reject) => {
          pending.set(id, (response) => {
            pending.delete(id);
            if (response.ok) resolve({ value: response.value as T, at: performance.now() });
            else reject(new Error(`${name} refused: ${response.error.code} ${response.error.message}`));
          });
          socket.send(JSON.stringify({ id, name, args }));
        }),
        `${name} got no answer`,
      );
    },
    listen(listener: typeof onEvent) {
      onEvent = listener;
    },
  };
}

function withTimeout<T>(promise: Promise<T>, what: string, ms = 15_000): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`${what} within ${ms} ms`)), ms)));
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

async function dispatchLatencies(dbPath: string, samples: number): Promise<{ seen: number[]; reply: number[] }> {
  const wall = await startWallOn(dbPath);
  const windows: WebSocket[] = [];
  try {
    const dispatcher = await openWindow(wall.urls.queue);
    const watcher = await openWindow(wall.urls.queue);
    windows.push(dispatcher.socket, watcher.socket);
    await dispatcher.request('session.signIn', { operatorId: 'op01', pin: '111111' });

    // Registered cases to dispatch, made beforehand (untimed).
    const warmUp = 10;
    const ready: number[] = [];
    for (let i = 0; i < samples + warmUp; i++) {
      const created = await dispatcher.request<Case>('case.create', {
        description: `基准派遣案件 ${i}`,
        categoryCode: '20101',
        sourceId: 'street',
        lngLat: [121.4605, 31.2602],
      });
      const registered = await dispatcher.request<Case>('case.act', { action: 'register', caseId: created.value.id });
      if (registered.value.status !== 'registered') throw new Error(`case ${created.value.id} is ${registered.value.status}, not registered`);
      ready.push(created.value.id);
    }

    const waiting = new Map<number, (at: number) => void>();
    watcher.listen((event, at) => {
      if (event.event !== 'case.changed' || event.payload.case.status !== 'dispatched') return;
      waiting.get(event.payload.case.id)?.(at);
    });
    const seen: number[] = [];
    const reply: number[] = [];
    for (const [index, caseId] of ready.entries()) {
      const visible = withTimeout(
        new Promise<number>((resolve) => waiting.set(caseId, resolve)),
        `the dispatch of case ${caseId} was not seen by the other window`,
      );
      const started = performance.now();
      const answer = dispatcher.request<Case>('case.act', { action: 'dispatch', caseId, leadDepartmentId: 'SANITATION', helperDepartmentIds: [] });
      const [seenAt, answered] = await Promise.all([visible, answer]);
      waiting.delete(caseId);
      if (index < warmUp) continue;
      seen.push(seenAt - started);
      reply.push(answered.at - started);
    }
    return { seen, reply };
  } finally {
    for (const socket of windows) socket.close();
    await wall.stop();
  }
}
