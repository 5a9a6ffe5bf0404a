import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import type { Case } from '../../shared/domain/case';
import type { Session } from '../../electron/core/core';
import { verifyAuditChain } from '../../electron/core/store/auditTrail';
import { openDatabase } from '../../electron/core/store/database';
import { director, operator, startTestCore } from '../support/testCore';

/**
 * Who did what: every request that changes anything comes from a signed-in
 * operator and leaves a hash-chained audit event naming who, what and how.
 */
type TestCore = ReturnType<typeof startTestCore>;
const cores: TestCore[] = [];
afterEach(() => cores.splice(0).forEach((core) => core.close()));

const stranger: Session = { connectionId: 'nobody-signed-in', role: 'video', audience: 'operator', locale: 'zh-CN' };

async function start() {
  const test = startTestCore();
  cores.push(test);
  await test.ready;
  return test;
}

interface AuditRow {
  case_id: number | null;
  actor: string;
  input: string;
  kind: string;
  data: string;
}

function auditRows(dbPath: string): AuditRow[] {
  const db = new Database(dbPath, { readonly: true });
  const rows = db.prepare('SELECT case_id, actor, input, kind, data FROM audit_events ORDER BY id').all() as AuditRow[];
  db.close();
  return rows;
}

function chainIsIntact(dbPath: string): boolean {
  const db = openDatabase(dbPath);
  const broken = verifyAuditChain(db);
  db.close();
  return broken === null;
}

/** A write that is not about one case, as a window sends it. */
const roomWrites: { label: string; name: string; args: (test: TestCore) => Promise<unknown> | unknown; kind: string; input: string }[] = [
  { label: 'a camera placed on a screen', name: 'video.place', args: () => ({ screen: 2, cameraId: 'cam-05' }), kind: 'video.placed', input: 'mouse' },
  { label: 'a screen pinned', name: 'video.pin', args: () => ({ screen: 1, pinned: true }), kind: 'video.pinned', input: 'hotkey' },
  { label: 'the rehearsal clock set', name: 'video.setClock', args: () => ({ atMs: Date.UTC(2026, 10, 26, 20, 30) }), kind: 'video.clockSet', input: 'keyboard' },
  { label: 'a shift handover written', name: 'report.handover', args: () => ({ hours: 12 }), kind: 'report.handover', input: 'mouse' },
  {
    label: "a case's cameras shown on the wall",
    name: 'video.showCase',
    args: async (test) => {
      const created = await test.request('case.create', { description: '共和新路路口积水', categoryCode: '20101', sourceId: 'street', lngLat: [121.4535, 31.2705] });
      return { caseId: (created as { value: Case }).value.id };
    },
    kind: 'video.caseShown',
    input: 'command',
  },
];

describe('every write is signed and audited', () => {
  it.each(roomWrites)('$label: refused without a signed-in operator, audited with who and how when signed in', async ({ name, args, kind, input }) => {
    const test = await start();
    const requestArgs = await args(test);
    const before = auditRows(test.dbPath).length;

    const refused = await test.request(name, requestArgs, stranger, input);
    expect(refused).toMatchObject({ ok: false, error: { code: 'notSignedIn', message: expect.stringMatching(/签入/) } });
    expect(auditRows(test.dbPath)).toHaveLength(before);

    const done = await test.request(name, requestArgs, director, input);
    expect(done.ok, JSON.stringify(done)).toBe(true);
    const entry = auditRows(test.dbPath).findLast((row) => row.kind === kind);
    expect(entry).toMatchObject({ actor: 'dir01', input });
    expect(chainIsIntact(test.dbPath)).toBe(true);
  });

  it.each([
    ['布局 16', 'wall.changed', { layout: 16 }],
    ['切换 应急视频', 'wall.changed', { module: 'emergency' }],
    ['进入演示模式', 'wall.changed', { presentation: true }],
  ])('a wall change by command (%s) names the operator, the input and what changed', async (text, kind, changed) => {
    const test = await start();
    const understood = await test.request('command.understand', { text });
    const readBack = (understood as { value: { readBack: string } }).value.readBack;
    expect(await test.request('command.run', { text, expectedReadBack: readBack, selectedCaseId: null }, stranger, 'command')).toMatchObject({
      ok: false,
      error: { code: 'notSignedIn' },
    });
    expect((await test.request('command.run', { text, expectedReadBack: readBack, selectedCaseId: null }, operator, 'command')).ok).toBe(true);
    const entry = auditRows(test.dbPath).findLast((row) => row.kind === kind)!;
    expect(entry).toMatchObject({ case_id: null, actor: 'op01', input: 'command' });
    expect(JSON.parse(entry.data)).toMatchObject({ changed });
  });

  it('records sign-in and sign-out in the trail, without the PIN', async () => {
    const test = await start();
    const window: Session = { connectionId: 'audit-window', role: 'queue', audience: 'operator', locale: 'zh-CN' };
    expect((await test.request('session.signIn', { operatorId: 'op03', pin: '333333' }, window, 'keyboard')).ok).toBe(true);
    expect((await test.request('session.signOut', {}, window, 'mouse')).ok).toBe(true);
    const rows = auditRows(test.dbPath).filter((row) => row.actor === 'op03');
    expect(rows.map((row) => [row.kind, row.input])).toEqual([
      ['session.signedIn', 'keyboard'],
      ['session.signedOut', 'mouse'],
    ]);
    expect(rows.every((row) => !row.data.includes('333333'))).toBe(true);
  });

  it('lets no window claim to be the demo feed or the system, for reads or writes', async () => {
    const test = await start();
    const before = auditRows(test.dbPath).length;
    for (const input of ['feed', 'system']) {
      const write = await test.request('case.create', { description: '冒充数据源', categoryCode: '20101', sourceId: 'street' }, operator, input);
      expect(write).toMatchObject({ ok: false, error: { code: 'inputNotAllowed', message: expect.stringContaining(input) } });
      expect(await test.request('session.hello', {}, operator, input)).toMatchObject({ ok: false, error: { code: 'inputNotAllowed' } });
    }
    expect(auditRows(test.dbPath)).toHaveLength(before);
    for (const input of ['mouse', 'keyboard', 'hotkey', 'command']) expect((await test.request('session.hello', {}, operator, input)).ok).toBe(true);
  });

  it('names who asked for an extension', async () => {
    const test = await start();
    const created = ((await test.request('case.create', { description: '光复路垃圾堆放', categoryCode: '20101', sourceId: 'street' })) as { value: Case }).value;
    for (const action of [
      { action: 'register', caseId: created.id },
      { action: 'dispatch', caseId: created.id, leadDepartmentId: 'SANITATION' },
    ]) {
      expect((await test.request('case.act', action)).ok).toBe(true);
    }
    const extended = await test.request('case.act', { action: 'requestExtension', caseId: created.id, limit: { value: 2, unit: 'workingHours' }, reason: '需调用铲车' });
    expect((extended as { value: Case }).value.pendingExtension).toMatchObject({ requestedBy: 'op01', reason: '需调用铲车' });
  });
});
