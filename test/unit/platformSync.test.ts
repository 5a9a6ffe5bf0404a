import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Case } from '../../shared/domain/case';
import type { SyncActionInfo, SyncStatus } from '../../shared/sync/syncStatus';
import { bearerFor } from '../../shared/sync/protocol';
import { newEpoch } from '../../electron/platform/storage/schema';
import { startFaultProxy, type FaultProxy } from '../support/faultProxy';
import { startTestPlatform, type TestPlatform } from '../support/platformHarness';
import { director, startTestCore } from '../support/testCore';
import { waitFor } from '../support/waitFor';

/** The value of an answer the test expects to succeed. */
const valueOf = <T>(answer: { ok: boolean }): T => {
  if (!answer.ok) throw new Error(JSON.stringify(answer));
  return (answer as unknown as { value: T }).value;
};

const fastSync = { longPollMs: 2_000, uploadTimeoutMs: 2_000, pullGraceMs: 2_000, retryCapMs: 400, statusEveryMs: 20 };

describe('a wall synced with the district platform', () => {
  let platform: TestPlatform;
  let proxy: FaultProxy;
  let wall: ReturnType<typeof startTestCore>;
  const events: { event: string; payload: unknown }[] = [];

  beforeAll(async () => {
    platform = await startTestPlatform();
    proxy = await startFaultProxy({ host: '127.0.0.1', port: platform.platform.port });
    wall = startTestCore({ platform: { credentials: platform.credentials('SD02', proxy.url), ...fastSync } });
    wall.core.subscribe((message) => events.push(message));
    await wall.ready;
  }, 60_000);
  afterAll(async () => {
    wall?.close();
    await proxy?.close();
    await platform?.close();
  });

  const status = async () => valueOf<SyncStatus>(await wall.request('sync.status', {}));
  const drained = async () => {
    const now = await status();
    return now.online && now.waiting === 0 && now.unconfirmed === 0 ? now : null;
  };
  const district = async (path: string, init: RequestInit = {}) => {
    const response = await fetch(`${platform.platform.url}${path}`, { ...init, headers: { authorization: bearerFor(platform.district()), 'content-type': 'application/json' } });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  };
  const districtCase = async (ref: string) => {
    const { body } = await district('/district/v1/cases?subCentre=SD02&limit=500');
    return (body.cases as { ref: string; status: string }[]).find((item) => item.ref === ref) ?? null;
  };
  const create = async (description: string) => {
    const answer = await wall.request('case.create', { description, categoryCode: '20101', sourceId: 'street', address: '' });
    expect(answer.ok).toBe(true);
    return valueOf<Case>(answer);
  };

  it('sends a case made in the room once and shows it confirmed when the district change comes back', async () => {
    const made = await create('北站街道测试垃圾堆放');
    await waitFor('the outbox to drain and be confirmed', drained);
    const ref = `w.${wall.core.sync!.clientId}.${made.id}`;
    expect(await districtCase(ref)).toMatchObject({ ref, status: 'reported' });
    expect(events.some((message) => message.event === 'sync.changed')).toBe(true);
  });

  it('brings a 12345 ticket into the room as a case, announced to every window, once however often it is sent', async () => {
    const ticket = { ticketId: 'T-ONCE-1', receivedAt: Date.now(), categoryCode: '20401', content: '北站街道门口有人占道摆摊', address: '北站第2网格', lngLat: [121.4624, 31.2425], urgent: false, caller: { name: '李先生', phone: '13800000000' } };
    for (let round = 0; round < 3; round++) {
      const response = await fetch(`${platform.platform.url}/intake/v1/hotline`, { method: 'POST', headers: { authorization: `Bearer intake.${platform.intakeKey()}`, 'content-type': 'application/json' }, body: JSON.stringify({ tickets: [ticket] }) });
      expect(response.status).toBe(200);
    }
    const arrived = await waitFor('the ticket as a case at the wall', () =>
      events.find((message) => message.event === 'case.changed' && (message.payload as { case: Case }).case.description === ticket.content),
    );
    expect((arrived.payload as { change: string; case: Case }).change).toBe('created');
    expect((arrived.payload as { case: Case }).case).toMatchObject({ sourceId: 'hotline', subDistrictId: 'SD02', reporter: { name: '李先生' } });
    const { body } = await district('/district/v1/cases?subCentre=SD02&limit=500');
    expect((body.cases as { description: string }[]).filter((item) => item.description === ticket.content)).toHaveLength(1);
  });

  it('keeps working offline, then a case closed at the district meanwhile rejects the room\'s action, says why, and the room takes the district\'s version', async () => {
    const made = await create('天目西路测试违章堆物');
    await waitFor('the case at the district', drained);
    const ref = `w.${wall.core.sync!.clientId}.${made.id}`;
    proxy.set('blackhole');
    await waitFor('the light to go offline', async () => !(await status()).online);
    const dispatched = await wall.request('case.act', { action: 'verify', caseId: made.id, reason: '' });
    expect(dispatched.ok).toBe(true);
    expect((await status()).waiting).toBeGreaterThan(0);
    expect((await district(`/district/v1/cases/${ref}/close`, { method: 'POST', body: JSON.stringify({ note: '区里已处理' }) })).status).toBe(200);
    // The district's closure arrives while the room still waits for the answer to its action: it is held back, not lost.
    proxy.set('dropUploadResponses');
    const [counter] = await platform.platform.sql<{ last: number }[]>`SELECT last FROM change_counter`;
    await waitFor('the closure to come down while the action is unanswered', async () => (await status()).lastConfirmedChange >= counter!.last);
    expect(valueOf<Case>(await wall.request('case.get', { caseId: made.id })).status).toBe('verifying');
    proxy.set('pass');
    await waitFor('the rejection to arrive and the case to converge', drained);
    const rejected = valueOf<SyncActionInfo[]>(await wall.request('sync.actions', { state: 'rejected' }, director));
    expect(rejected[0]).toMatchObject({ caseId: made.id, state: 'rejected', reason: 'closedAtDistrict', kind: 'verify' });
    expect((await status()).rejected).toBeGreaterThan(0);
    await waitFor('the room to take the district\'s closed case', async () => valueOf<Case>(await wall.request('case.get', { caseId: made.id })).status === 'closed');
    // Read by the director: the light stops showing red, the list keeps the rejection marked read, and who read it is audited.
    const after = valueOf<SyncStatus>(await wall.request('sync.acknowledgeRejections', {}, director));
    expect(after.rejected).toBe(0);
    expect(valueOf<SyncActionInfo[]>(await wall.request('sync.actions', { state: 'rejected' }, director))[0]).toMatchObject({ caseId: made.id, seen: true });
    const db = new Database(wall.dbPath, { readonly: true });
    expect(db.prepare("SELECT actor, data FROM audit_events WHERE kind = 'sync.rejectionsAcknowledged'").all()).toEqual([{ actor: 'dir01', data: JSON.stringify({ count: 1 }) }]);
    db.close();
  });

  it('applies every action exactly once when responses are lost after the platform applied them', async () => {
    proxy.set('dropResponse');
    const made = [];
    for (let index = 0; index < 5; index++) made.push(await create(`芷江西路测试重复${index}`));
    await waitFor('responses to be dropped', () => proxy.counts.dropped >= 2);
    proxy.set('pass');
    const finalStatus = await waitFor('the outbox to drain', drained);
    expect(finalStatus.waiting).toBe(0);
    const clientId = wall.core.sync!.clientId;
    const rows = await platform.platform.sql<{ n: number }[]>`SELECT count(*)::int AS n FROM cases WHERE ref LIKE ${`w.${clientId}.%`}`;
    const seqs = await platform.platform.sql<{ n: number; last: number }[]>`SELECT count(*)::int AS n, max(client_seq)::int AS last FROM client_results WHERE client_id = ${clientId}`;
    expect(seqs[0]!.n).toBe(seqs[0]!.last);
    expect(rows[0]!.n).toBe(made.length + 2);
  });

  it('comes through every fault of the link (reset, latency, cut mid-response, blackhole) with each action applied once', async () => {
    const clientId = wall.core.sync!.clientId;
    const counted = async () => (await platform.platform.sql<{ n: number; last: number }[]>`SELECT count(*)::int AS n, max(client_seq)::int AS last FROM client_results WHERE client_id = ${clientId}`)[0]!;
    for (const mode of ['reset', 'latency', 'cut', 'blackhole'] as const) {
      const before = { ...proxy.counts };
      proxy.set(mode);
      for (let index = 0; index < 3; index++) await create(`故障${mode}${index}`);
      // Each fault is seen at work before the link heals.
      if (mode === 'reset') await waitFor('connections to be reset', () => proxy.counts.connections >= before.connections + 3);
      if (mode === 'cut') await waitFor('a response to be cut', () => proxy.counts.cut > before.cut);
      if (mode !== 'latency') await waitFor(`the light to show the ${mode}`, async () => !(await status()).online);
      proxy.set('pass');
      await waitFor(`the outbox to drain after ${mode}`, drained);
      const results = await counted();
      console.log(`fault ${mode}: ${JSON.stringify({ ...results, proxy: proxy.counts })}`);
      expect(results.n).toBe(results.last);
      const rows = await platform.platform.sql<{ n: number }[]>`SELECT count(*)::int AS n FROM cases WHERE data->>'description' LIKE ${`故障${mode}%`}`;
      expect(rows[0]!.n).toBe(3);
    }
  }, 60_000);

  it('after the platform is restored from a backup: a new epoch makes the room resync without duplicates, and actions the platform lost are sent again', async () => {
    await waitFor('a quiet link', drained);
    const clientId = wall.core.sync!.clientId;
    const casesAtWall = () => {
      const db = new Database(wall.dbPath, { readonly: true });
      const count = db.prepare('SELECT count(*) AS n FROM cases').get() as { n: number };
      db.close();
      return count;
    };
    const before = casesAtWall();
    // What `npm run platform -- --new-epoch` does at start.
    await newEpoch(platform.platform.sql);
    await waitFor('the reset to be logged', () => wall.logs.some((line) => line.event === 'sync.reset'));
    const [counter] = await platform.platform.sql<{ last: number }[]>`SELECT last FROM change_counter`;
    await waitFor('the resync to catch up', async () => (await status()).lastConfirmedChange === counter!.last);
    expect(casesAtWall()).toEqual(before);
    // The backup was older than the room's last two actions: the platform no longer knows them.
    const [{ last }] = (await platform.platform.sql<{ last: number }[]>`SELECT last_seq AS last FROM clients WHERE client_id = ${clientId}`) as unknown as [{ last: number }];
    await platform.platform.sql`DELETE FROM client_results WHERE client_id = ${clientId} AND client_seq > ${last - 2}`;
    await platform.platform.sql`UPDATE clients SET last_seq = ${last - 2} WHERE client_id = ${clientId}`;
    await create('恢复备份后的新案件');
    await waitFor('the lost actions to be sent again', () => wall.logs.some((line) => line.event === 'sync.platformBehind'));
    await waitFor('the outbox to drain again', drained);
    const [results] = await platform.platform.sql<{ n: number; max: number }[]>`SELECT count(*)::int AS n, max(client_seq)::int AS max FROM client_results WHERE client_id = ${clientId}`;
    expect(results).toEqual({ n: last + 1, max: last + 1 });
  });
});
