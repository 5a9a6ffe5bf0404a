import Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { CaseQuerySchema } from '../../shared/contract/contract';
import { caseStatuses } from '../../shared/domain/case';
import { searchColumns } from '../../shared/domain/searchTokens';
import { chainHash, genesisHash } from '../../electron/core/store/auditChain';
import { verifyAuditChain } from '../../electron/core/store/auditTrail';
import { createCaseStore } from '../../electron/core/store/caseStore';
import { DatabaseTooNewError, migrate, openDatabase, schemaVersion, type Db } from '../../electron/core/store/database';
import { latestSchemaVersion, migrations } from '../../electron/core/store/migrations/index';
import { createOperatorStore } from '../../electron/core/store/operatorStore';
import { fixedNow, startTestCore, tempDir } from '../support/testCore';

/**
 * A room's database outlives many GridWall versions: whatever an earlier
 * version wrote must still be there, readable and searchable, after the
 * upgrade, and the audit trail must still prove it was not edited. Each
 * database here is written as that version left it: its migrations, then
 * rows of its own schema, written with plain SQL as that version's code did
 * (operators through today's store: their table is as it was at 20).
 */

const dirs: ReturnType<typeof tempDir>[] = [];
const closers: (() => void)[] = [];
afterEach(() => {
  for (const close of closers.splice(0).reverse()) close();
  for (const dir of dirs.splice(0)) dir.remove();
});

/** Every earlier schema a room's file may still be on. */
const earlierVersions = migrations.map((migration) => migration.version).filter((version) => version < latestSchemaVersion);

/** A new database file at `version`: the migrations up to it, as that GridWall applied them. */
function databaseAt(version: number): { db: Db; path: string } {
  const dir = tempDir();
  dirs.push(dir);
  const path = join(dir.path, `room-v${version}.db`);
  const db = new Database(path);
  closers.push(() => db.open && db.close());
  db.pragma('journal_mode = WAL');
  db.pragma('foreign_keys = ON');
  migrate(db, path, migrations.filter((migration) => migration.version <= version));
  expect(schemaVersion(db)).toBe(version);
  return { db, path };
}

function insert(db: Db, table: string, row: Record<string, unknown>): number {
  const columns = Object.keys(row);
  const statement = db.prepare(`INSERT INTO ${table} (${columns.join(', ')}) VALUES (${columns.map((column) => `@${column}`).join(', ')})`);
  return Number(statement.run(row).lastInsertRowid);
}

const day = 86_400_000;
/** A picture as a phone sends it (the core checks the first bytes). */
const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(64, 3)]);

/** What one version wrote, for the checks after the upgrade. */
interface Written {
  version: number;
  reportedCaseId: number;
  dispatchedCaseId: number;
  closedCaseId: number;
  numbers: string[];
}

/**
 * The rows a room's work leaves at `version` (≤ 60): three cases (reported,
 * dispatched, closed) with their events, outbox records, number serials and
 * a setting; from 20 on the events are hash-chained and there are operators
 * and assignments; from 30 a photo; from 40 the full-text index rows.
 */
function writeAsVersion(db: Db, version: number, options: { firstEventId: number; serialDay: string; todaysSerial?: number }): Written {
  const at = fixedNow - (60 - version) * day;
  let nextEventId = options.firstEventId;
  const event = (caseId: number, kind: string, data: Record<string, unknown>, offsetMs: number) => {
    const row = { id: nextEventId, case_id: caseId, at: at + offsetMs, actor: version >= 20 ? 'op01' : 'operator', input: 'mouse', kind, data: JSON.stringify(data) };
    // Ids with gaps, as deleted drafts of old versions left them: the upgrade must keep each id as it is.
    nextEventId += 3;
    // Schema 60 renamed the trail (and let it hold events of no case).
    const trail = version >= 60 ? 'audit_events' : 'case_events';
    if (version < 20) return insert(db, trail, row);
    const previous = (db.prepare(`SELECT hash FROM ${trail} ORDER BY id DESC LIMIT 1`).get() as { hash: string } | undefined)?.hash || genesisHash;
    return insert(db, trail, { ...row, prev_hash: previous, hash: chainHash(previous, { caseId, at: row.at, actor: row.actor, input: row.input, kind, data: row.data }) });
  };
  const addCase = (serial: number, status: string, description: string, extra: Record<string, unknown>) => {
    const number = `${options.serialDay}-${String(serial).padStart(4, '0')}`;
    const address = `光复路 ${version + serial} 号`;
    const id = insert(db, 'cases', {
      number,
      description,
      category_code: '20101',
      source_id: 'hotline',
      status,
      urgent: 0,
      lng: 121.47,
      lat: 31.24,
      grid_id: null,
      workstation_id: null,
      sub_district_id: null,
      address,
      lead_department_id: null,
      reported_at: at,
      dispatched_at: null,
      closed_at: null,
      updated_at: at,
      reporter_name: serial === 1 ? '李女士' : null,
      reporter_phone: serial === 1 ? '13900000000' : null,
      ...extra,
    });
    if (version >= 40) {
      const search = searchColumns(`${number} ${description} ${address}`);
      insert(db, 'cases_search', { rowid: id, singles: search.singles, pairs: search.pairs });
    }
    insert(db, 'outbox', { at, kind: 'case.created', payload: JSON.stringify({ caseId: id, number }) });
    event(id, 'created', {}, 0);
    return { id, number };
  };

  const reported = addCase(1, 'reported', `v${version} 人行道井盖缺失，行人易绊倒`, {});
  const dispatched = addCase(2, 'dispatched', `v${version} 路口井盖松动异响`, {
    lead_department_id: 'CITYMGMT',
    dispatched_at: at + 600_000,
    ...(version >= 20 ? { deadline_at: at + 3 * day, ladder1_at: at + day, ladder2_at: at + 2 * day, time_limit_ms: 3 * day } : {}),
  });
  event(dispatched.id, 'dispatch', { leadDepartmentId: 'CITYMGMT', helperDepartmentIds: version >= 20 ? ['MARKET'] : [] }, 600_000);
  const closed = addCase(3, 'closed', `v${version} 占道经营已劝离`, {
    lead_department_id: 'MARKET',
    dispatched_at: at + 600_000,
    closed_at: at + day,
    ...(version >= 20 ? { satisfaction: 0.9, first_reported_back_at: at + day / 2, rework_count: 1, supervision_manual: 1 } : {}),
  });
  event(closed.id, 'close', { satisfaction: 0.9 }, day);

  if (version >= 20) {
    insert(db, 'case_assignments', { case_id: dispatched.id, department_id: 'CITYMGMT', role: 'lead', status: 'dispatched', assigned_at: at + 600_000, updated_at: at + 600_000, note: '' });
    insert(db, 'case_assignments', { case_id: dispatched.id, department_id: 'MARKET', role: 'helper', status: 'inProgress', assigned_at: at + 600_000, updated_at: at + 700_000, note: '协办' });
    // The demo's PINs, so the room's operators still sign in after the upgrade; op07 only this room had.
    createOperatorStore(db).save([
      { id: 'op01', name: '王敏', role: 'operator', pin: '111111' },
      { id: 'dir01', name: '陈建国', role: 'director', pin: '999999' },
      { id: 'op07', name: '赵磊', role: 'operator', pin: '777777' },
    ]);
  }
  if (version >= 30) {
    const attachmentId = insert(db, 'case_attachments', { case_id: closed.id, at: at + day + 60_000, actor: 'op01', kind: 'photo', mime: 'image/png', caption: '结案后补拍', bytes: png });
    event(closed.id, 'attached', { attachmentId, kind: 'photo', caption: '结案后补拍' }, day + 60_000);
  }
  insert(db, 'case_number_serials', { day: options.serialDay, last: 3 });
  if (options.todaysSerial) insert(db, 'case_number_serials', { day: '20261126', last: options.todaysSerial });
  insert(db, 'settings', { key: `room.note.v${version}`, value: `written by schema ${version}` });
  return { version, reportedCaseId: reported.id, dispatchedCaseId: dispatched.id, closedCaseId: closed.id, numbers: [reported.number, dispatched.number, closed.number] };
}

/** Every row a room keeps, table by table, in a stable order (the audit trail under either of its names). */
function snapshot(db: Db) {
  const tables = (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[]).map((row) => row.name);
  const rows = (table: string, order: string) => (tables.includes(table) ? (db.prepare(`SELECT * FROM ${table} ORDER BY ${order}`).all() as Record<string, unknown>[]) : []);
  return {
    cases: rows('cases', 'id'),
    events: rows(tables.includes('audit_events') ? 'audit_events' : 'case_events', 'id'),
    assignments: rows('case_assignments', 'case_id, department_id'),
    attachments: rows('case_attachments', 'id'),
    outbox: rows('outbox', 'seq'),
    serials: rows('case_number_serials', 'day'),
    settings: rows('settings', 'key'),
    operators: rows('operators', 'id'),
  };
}

/** Upgrades the file as a start of this GridWall does, and checks that every row came through. */
function upgradeAndCheck(db: Db, path: string, written: readonly Written[]): void {
  const before = snapshot(db);
  db.close();
  const upgraded = openDatabase(path);
  closers.push(() => upgraded.open && upgraded.close());
  expect(schemaVersion(upgraded)).toBe(latestSchemaVersion);
  const after = snapshot(upgraded);

  // Columns added since are new; every value a row had is unchanged.
  expect(after.cases).toEqual(before.cases.map((row) => expect.objectContaining(row)));
  // The audit trail keeps its ids (gaps included), content and, where it had them, its hashes.
  expect(after.events).toEqual(before.events.map((row) => expect.objectContaining(row)));
  expect(after.events.map((row) => row.id)).toEqual(before.events.map((row) => row.id));
  expect(verifyAuditChain(upgraded)).toBeNull();
  for (const table of ['assignments', 'attachments', 'serials', 'settings', 'operators'] as const) expect(after[table], table).toEqual(before[table]);
  // The outbox gained the sync's columns (90); every row keeps its values and learns its case.
  expect(after.outbox).toEqual(before.outbox.map((row) => expect.objectContaining({ ...row, case_id: expect.any(Number) })));

  // Found by the queue's full-text search, whichever version wrote them (the index was built by the upgrade before 40).
  const store = createCaseStore(upgraded);
  const search = (text: string) => store.query(CaseQuerySchema.parse({ text, statuses: [...caseStatuses], sort: 'oldest', limit: 500 }), fixedNow).cases.map((found) => found.id);
  const manholes = written.flatMap((era) => [era.reportedCaseId, era.dispatchedCaseId]);
  expect(search('井盖').sort((a, b) => a - b)).toEqual(manholes.sort((a, b) => a - b));
  for (const era of written) {
    expect(search(era.numbers[2]!), era.numbers[2]).toEqual([era.closedCaseId]);
    expect(search(`v${era.version} 占道`), `v${era.version}`).toEqual([era.closedCaseId]);
  }
  upgraded.close();
}

/** A core on the upgraded file: it reads the old cases and writes new ones, the serials and the hash chain carrying on. */
async function writeThroughCore(path: string, written: readonly Written[], expectedNumber: string): Promise<void> {
  const auditEvents = (db: Db) => (db.prepare('SELECT count(*) AS n FROM audit_events').get() as { n: number }).n;
  const reader = new Database(path, { readonly: true });
  const eventsBefore = auditEvents(reader);
  reader.close();
  const test = startTestCore({ dbPath: path });
  let closed = false;
  closers.push(() => !closed && test.close());
  const oldest = written[0]!;

  const oldCase = await test.request('case.get', { caseId: oldest.dispatchedCaseId });
  expect(oldCase).toMatchObject({ ok: true, value: { number: oldest.numbers[1], status: 'dispatched', leadDepartmentId: 'CITYMGMT' } });
  const timeline = await test.request('case.timeline', { caseId: oldest.closedCaseId });
  expect(timeline.ok && (timeline.value as { kind: string }[]).map((entry) => entry.kind)).toEqual(oldest.version >= 30 ? ['created', 'close', 'attached'] : ['created', 'close']);

  const created = await test.request('case.create', { description: '升级后登记：光复路井盖缺失', categoryCode: '20101', sourceId: 'hotline' });
  expect(created).toMatchObject({ ok: true, value: { number: expectedNumber } });
  expect(await test.request('case.setUrgent', { caseId: oldest.reportedCaseId, urgent: true })).toMatchObject({ ok: true, value: { urgent: true } });
  closed = true;
  test.close();

  const db = new Database(path, { readonly: true });
  closers.push(() => db.open && db.close());
  expect(auditEvents(db)).toBeGreaterThanOrEqual(eventsBefore + 2);
  expect(verifyAuditChain(db)).toBeNull();
}

describe('upgrading a room database', () => {
  it('has earlier schema versions to upgrade from', () => {
    expect(earlierVersions).toEqual([10, 20, 30, 40, 50, 60, 70, 80]);
  });

  for (const version of earlierVersions) {
    it(`keeps every row written at schema ${version}, searchable, with its audit chain intact, and takes new writes`, async () => {
      const { db, path } = databaseAt(version);
      const written = writeAsVersion(db, version, { firstEventId: 7, serialDay: '20250110', todaysSerial: 7 });
      upgradeAndCheck(db, path, [written]);
      // Today's serial was 7 when the old version stopped: the next case is the 8th of the day.
      await writeThroughCore(path, [written], '20261126-0008');
    });
  }

  it('keeps what a room wrote through every version in turn, upgrading one version at a time', async () => {
    const { db, path } = databaseAt(earlierVersions[0]!);
    const written: Written[] = [];
    for (const [index, version] of earlierVersions.entries()) {
      if (index > 0) migrate(db, path, migrations.filter((migration) => migration.version <= version));
      written.push(writeAsVersion(db, version, { firstEventId: 1 + 100 * index, serialDay: `2025011${index}`, ...(index === 0 ? { todaysSerial: 41 } : {}) }));
    }
    upgradeAndCheck(db, path, written);
    await writeThroughCore(path, written, '20261126-0042');
  });

  it('is refused by an older GridWall, which leaves the file as it was', () => {
    const { db, path } = databaseAt(50);
    writeAsVersion(db, 50, { firstEventId: 1, serialDay: '20250110' });
    // This build upgrades the room's file; then the room goes back to the version it had.
    migrate(db, path);
    const before = snapshot(db);
    const olderCode = migrations.filter((migration) => migration.version <= 50);
    let refusal: unknown;
    try {
      migrate(db, path, olderCode);
    } catch (error) {
      refusal = error;
    }
    expect(refusal).toBeInstanceOf(DatabaseTooNewError);
    expect(refusal).toMatchObject({ fileVersion: latestSchemaVersion, codeVersion: 50, path });
    expect(schemaVersion(db)).toBe(latestSchemaVersion);
    expect(snapshot(db)).toEqual(before);
    db.close();
    // This build's own core refuses a file from a newer one the same way, before touching it.
    const newer = new Database(path);
    newer.pragma(`user_version = ${latestSchemaVersion + 10}`);
    newer.close();
    expect(() => startTestCore({ dbPath: path })).toThrow(DatabaseTooNewError);
  });
});
