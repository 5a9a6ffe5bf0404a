import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SyncStatus } from '../../shared/sync/syncStatus';
import { startTestCore } from '../support/testCore';
import { waitFor } from '../support/waitFor';

/**
 * A platform that answers badly: the wall refuses every malformed, hostile
 * or impossible answer with a logged reason, keeps its cursor and its
 * waiting actions as they were, and keeps serving its windows.
 */
let answerChanges: (url: URL) => unknown = () => ({ type: 'changes', epoch: 'epoch-hostile', changes: [], last: 0, more: false });
let answerUpload: (body: { actions: { clientSeq: number }[] }) => unknown = () => ({});
let server: Server;
let url = '';

beforeAll(async () => {
  server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const target = new URL(request.url ?? '/', 'http://platform');
      const body = target.pathname === '/sync/v1/upload' ? answerUpload(JSON.parse(Buffer.concat(chunks).toString() || '{}') as never) : answerChanges(target);
      response.writeHead(200, { 'content-type': 'application/json' }).end(typeof body === 'string' ? body : JSON.stringify(body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const syncCase = (overrides: Record<string, unknown> = {}) => ({
  ref: 'p.77',
  number: 'D20261206-000077',
  description: '热线：门口占道',
  categoryCode: '20401',
  sourceId: 'hotline',
  status: 'reported',
  urgent: false,
  lngLat: null,
  gridId: null,
  workstationId: null,
  subDistrictId: 'SD02',
  address: '',
  leadDepartmentId: null,
  reportedAt: 1_796_500_000_000,
  dispatchedAt: null,
  closedAt: null,
  updatedAt: 1_796_500_000_000,
  reporter: null,
  ...overrides,
});
const change = (changeNo: number, overrides: Record<string, unknown> = {}, caseOverrides: Record<string, unknown> = {}) => ({ changeNo, kind: 'upsert', case: syncCase(caseOverrides), origin: null, note: null, ...overrides });

describe('a wall facing a hostile platform', () => {
  it('refuses bad answers whole, keeps its cursor and its waiting actions, and logs why', async () => {
    const hostile = [
      { name: 'wrong types', body: { type: 'changes', epoch: 'epoch-hostile', changes: [change(5, { changeNo: '5' })], last: 5, more: false } },
      { name: 'unknown field', body: { type: 'changes', epoch: 'epoch-hostile', changes: [change(5, { extra: true })], last: 5, more: false } },
      { name: 'markup in text', body: { type: 'changes', epoch: 'epoch-hostile', changes: [change(5, {}, { description: '<script>alert(1)</script>' })], last: 5, more: false } },
      { name: 'out of order', body: { type: 'changes', epoch: 'epoch-hostile', changes: [change(7), change(6, {}, { ref: 'p.78' })], last: 7, more: false } },
      { name: 'not JSON', body: '<html>proxy error</html>' },
    ];
    const test = startTestCore({ platform: { credentials: { url, subCentreId: 'SD02', secret: 'x'.repeat(32) }, longPollMs: 0, retryCapMs: 100, statusEveryMs: 10 } });
    try {
      await test.ready;
      const status = async (): Promise<SyncStatus> => test.core.sync!.status();
      await waitFor('the first good pull', async () => (await status()).online);
      for (const bad of hostile) {
        answerChanges = () => bad.body;
        await waitFor(`the wall to refuse ${bad.name}`, () => test.logs.some((line) => line.event === 'sync.offline' && ['badAnswer', 'timeout'].includes(String(line.reason))));
        test.logs.length = 0;
        expect((await status()).lastConfirmedChange, bad.name).toBe(0);
        answerChanges = () => ({ type: 'changes', epoch: 'epoch-hostile', changes: [], last: 0, more: false });
        await waitFor('the link to be good again', async () => (await status()).online);
      }
      // A removal of a case the room never had, and a change in a category it does not know: refused one by one, the rest applied.
      answerChanges = (target) =>
        Number(target.searchParams.get('after')) >= 9
          ? { type: 'changes', epoch: 'epoch-hostile', changes: [], last: 9, more: false }
          : { type: 'changes', epoch: 'epoch-hostile', changes: [change(7, { kind: 'removed' }, { ref: 'p.90' }), change(8, {}, { ref: 'p.91', categoryCode: '29999' }), change(9, {}, { ref: 'p.92' })], last: 9, more: false };
      await waitFor('the good change to be applied', async () => (await status()).lastConfirmedChange === 9);
      expect(test.logs.filter((line) => line.event === 'sync.changeRefused').map((line) => line.reason)).toEqual(['unknownCase', 'unknownCategory']);
      const db = new Database(test.dbPath, { readonly: true });
      expect(db.prepare('SELECT ref FROM case_refs ORDER BY ref').all()).toEqual([{ ref: 'p.92' }]);
      // An upload answered with answers to actions it did not send: refused, the actions stay waiting.
      answerUpload = () => ({ epoch: 'epoch-hostile', lastSeq: 99, results: [{ clientSeq: 99, outcome: 'applied', reason: null, changeNo: 1 }] });
      const created = await test.request('case.create', { description: '敌意平台测试', categoryCode: '20101', sourceId: 'street' });
      expect(created.ok).toBe(true);
      await waitFor('the wall to refuse the answer', () => test.logs.some((line) => line.event === 'sync.offline' && line.reason === 'badAnswer'));
      expect((await status()).waiting).toBeGreaterThan(0);
      expect(String(db.pragma('integrity_check', { simple: true }))).toBe('ok');
      db.close();
      expect((await test.request('sync.status', {})).ok).toBe(true);
    } finally {
      test.close();
    }
  }, 60_000);
});
