import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import type { EventMessage } from '../../shared/contract/messages';
import type { Case } from '../../shared/domain/case';
import { projectEvent } from '../../electron/core/projection';
import { operator, startTestCore, visitor } from '../support/testCore';

type TestCore = ReturnType<typeof startTestCore>;
const cores: TestCore[] = [];
afterEach(() => cores.splice(0).forEach((core) => core.close()));
const start = async () => {
  const core = startTestCore();
  cores.push(core);
  await core.ready;
  return core;
};

/** Row counts of every table a write touches: a refused request must change none of them. */
function writeFootprint(dbPath: string) {
  const db = new Database(dbPath, { readonly: true });
  const count = (table: string) => (db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
  const footprint = { cases: count('cases'), events: count('audit_events'), outbox: count('outbox') };
  db.close();
  return footprint;
}

const draft = {
  description: '光复路 200 号门口两个流动摊头占道',
  categoryCode: '20401',
  sourceId: 'video',
  lngLat: null,
  placeId: null,
  address: '',
  urgent: false,
  reporter: { name: '王先生', phone: '13800000000' },
};

describe('the core boundary', () => {
  it('creates a case with its audit event and outbox record in one transaction, then announces it', async () => {
    const test = await start();
    const seen: EventMessage[] = [];
    test.core.subscribe((message) => seen.push(message));
    const before = writeFootprint(test.dbPath);
    const response = await test.request('case.create', draft, operator, 'keyboard');
    expect(response.ok).toBe(true);
    const created = (response as { value: Case }).value;
    expect(created.number).toMatch(/^20261126-\d{4}$/);
    expect(created.status).toBe('reported');
    expect(created.reporter).toEqual({ name: '王先生', phone: '13800000000' });
    expect(writeFootprint(test.dbPath)).toEqual({ cases: before.cases + 1, events: before.events + 1, outbox: before.outbox + 1 });
    expect(seen).toHaveLength(1);
    expect(seen[0]).toMatchObject({ event: 'case.changed', seq: 1, payload: { change: 'created', case: { id: created.id } } });

    const db = new Database(test.dbPath, { readonly: true });
    const event = db.prepare('SELECT actor, input, kind FROM audit_events WHERE case_id = ?').get(created.id);
    expect(event).toEqual({ actor: 'op01', input: 'keyboard', kind: 'created' });
    db.close();
  });

  it('locates a case from a gazetteer place into its grid, workstation and sub-district', async () => {
    const test = await start();
    const reference = await test.request('reference.get', {});
    const place = (reference as { value: { geography: { places: { id: string }[] } } }).value.geography.places[0]!;
    const response = await test.request('case.create', { ...draft, placeId: place.id });
    const created = (response as { value: Case }).value;
    expect(created.lngLat).not.toBeNull();
    expect(created.gridId).toMatch(/^G\d{2}$/);
    expect(created.workstationId).toMatch(/^WS\d{2}$/);
    expect(created.subDistrictId).toMatch(/^SD\d{2}$/);
  });

  it.each([
    ['not an object', 'hello', 'badMessage'],
    ['no id', { name: 'cases.list', args: {} }, 'badMessage'],
    ['a name too long', { id: 1, name: 'x'.repeat(500), args: {} }, 'badMessage'],
    ['an unknown request', { id: 1, name: 'case.deleteEverything', args: {} }, 'unknownRequest'],
    ['wrong arguments', { id: 1, name: 'case.create', args: { description: 'x', categoryCode: 'abc' } }, 'invalidArgs'],
    ['an unknown category', { id: 1, name: 'case.create', args: { ...draft, categoryCode: '29999' } }, 'unknownCategory'],
    ['an unknown source', { id: 1, name: 'case.create', args: { ...draft, sourceId: 'rumour' } }, 'unknownSource'],
    ['a place outside the district', { id: 1, name: 'case.create', args: { ...draft, lngLat: [116.4, 39.9] } }, 'outsideDistrict'],
    ['an unknown case', { id: 1, name: 'case.setUrgent', args: { caseId: 999999, urgent: true } }, 'notFound'],
  ])('answers %s with a clear error, logs it and writes nothing', async (_label, message, code) => {
    const test = await start();
    const before = writeFootprint(test.dbPath);
    const response = await test.handle(operator, message);
    expect(response.ok).toBe(false);
    if (response.ok) return;
    expect(response.error.code).toBe(code);
    expect(response.error.message).toMatch(/[\u4e00-\u9fff]/);
    expect(writeFootprint(test.dbPath)).toEqual(before);
    expect(test.logs.some((line) => line.event === 'request.refused')).toBe(true);
    // And the core keeps serving.
    expect((await test.request('session.hello', {})).ok).toBe(true);
  });

  it('names the wrong fields in the session language', async () => {
    const test = await start();
    const zh = await test.handle(operator, { id: 5, name: 'case.create', args: { ...draft, description: 'x' } });
    const en = await test.handle({ ...operator, locale: 'en' }, { id: 6, name: 'case.create', args: { ...draft, description: 'x' } });
    expect(zh).toMatchObject({ id: 5, ok: false, error: { code: 'invalidArgs', fields: [{ path: 'description', message: '问题描述需 2–500 个字' }] } });
    expect(en.ok).toBe(false);
    if (!en.ok) expect(en.error.fields?.[0]?.message).toMatch(/description/i);
  });

  it('serves presentation sessions read-only and without personal data', async () => {
    const test = await start();
    const created = (await test.request('case.create', draft) as { value: Case }).value;
    const refused = await test.request('case.setUrgent', { caseId: created.id, urgent: true }, visitor);
    expect(refused).toMatchObject({ ok: false, error: { code: 'readOnly' } });

    // A presentation session reads the presentation only: no case list, no case, not even projected.
    expect(await test.request('cases.list', { scope: 'open', limit: 1_000 }, visitor)).toMatchObject({ ok: false, error: { code: 'presentationOnly' } });
    expect(await test.request('case.get', { caseId: created.id }, visitor)).toMatchObject({ ok: false, error: { code: 'presentationOnly' } });

    // A case change reaches it as a pulse: that something changed, by major category, nothing of the case.
    const event: EventMessage<'case.changed'> = { event: 'case.changed', seq: 1, payload: { change: 'created', case: created } };
    expect(projectEvent(event, 'public')).toEqual({ event: 'presentation.pulse', seq: 1, payload: { kind: 'case', majorCode: created.categoryCode.slice(0, 3) } });
    expect((projectEvent(event, 'operator') as EventMessage<'case.changed'>).payload.case.reporter).not.toBeNull();
  });

  it('numbers events without gaps and hands out snapshots at a sequence number', async () => {
    const test = await start();
    const seqs: number[] = [];
    const caseEvents: number[] = [];
    test.core.subscribe((message) => {
      seqs.push(message.seq);
      if (message.event === 'case.changed') caseEvents.push(message.seq);
    });
    const first = (await test.request('case.create', draft) as { value: Case }).value;
    await test.request('case.setUrgent', { caseId: first.id, urgent: true });
    await test.request('case.setUrgent', { caseId: first.id, urgent: true }); // no change, no event
    await test.request('case.create', { ...draft, categoryCode: 'bad' }); // refused, no event
    await test.request('case.create', draft);
    // Created, marked urgent, created; the urgent case also pulls cameras onto the wall (video.changed) in between.
    expect(caseEvents).toHaveLength(3);
    expect(seqs).toEqual(seqs.map((_, index) => index + 1));
    const snapshot = await test.request('cases.list', {}) as { value: { seq: number } };
    expect(snapshot.value.seq).toBe(seqs.at(-1));
  });
});
