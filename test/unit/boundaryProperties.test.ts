import Database from 'better-sqlite3';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requestNames, type RequestName } from '../../shared/contract/contract';
import { InputKindSchema, windowInputKinds } from '../../shared/contract/messages';
import type { Session } from '../../electron/core/core';
import { director, operator, startTestCore, visitor } from '../support/testCore';

/**
 * Whatever arrives at the boundary — any JSON, any name, every request of
 * the contract with its arguments bent out of shape, from any kind of
 * window — the core answers, never with `internal` (a failure it did not
 * foresee), and a refused message writes nothing.
 */
let test: ReturnType<typeof startTestCore>;
beforeAll(async () => {
  test = startTestCore();
  await test.ready;
});
afterAll(() => test.close());

const stranger: Session = { connectionId: 'never-signed-in', role: 'map', audience: 'operator', locale: 'en' };
const sessions = [operator, director, visitor, stranger];

/** Rows a write leaves behind; a refused request must change none (a PIN lockout is recorded on purpose). */
const footprint = () => {
  const db = new Database(test.dbPath, { readonly: true });
  const n = (db.prepare(`SELECT (SELECT count(*) FROM cases) + (SELECT count(*) FROM outbox) + (SELECT count(*) FROM audit_events WHERE kind != 'session.lockedOut') AS n`).get() as { n: number }).n;
  db.close();
  return n;
};

const jpegBase64 = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(60, 1)]).toString('base64');

/** One valid example per request; the type makes a new request of the contract add its example here. */
const examples: Record<RequestName, unknown> = {
  'session.hello': {},
  'operators.list': {},
  'operators.lockouts': {},
  'sync.status': {},
  'sync.acknowledgeRejections': {},
  'sync.actions': { state: 'waiting', limit: 50 },
  'reference.get': {},
  'cases.list': { scope: 'open', limit: 50, before: null },
  'cases.query': { statuses: ['dispatched'], text: '垃圾', sort: 'deadline', limit: 20 },
  'case.get': { caseId: 1 },
  'case.timeline': { caseId: 1 },
  'case.duplicates': { caseId: 2 },
  'case.attachments': { caseId: 1 },
  'attachment.get': { attachmentId: 1 },
  'kpi.get': { month: '2026-11' },
  'cases.byIds': { ids: [1, 2, 3] },
  'command.understand': { text: '光复路200号门口3个摊头，城管速去' },
  'wall.get': {},
  'keymap.get': {},
  'cameras.list': {},
  'video.get': {},
  'video.coverage': { hours: 6 },
  'session.signIn': { operatorId: 'op03', pin: '333333' },
  'session.signOut': {},
  'session.clearLockout': { operatorId: 'op02' },
  'case.create': { description: '芷江西路消防通道堆物', categoryCode: '20101', sourceId: 'street', address: '芷江西路100号' },
  'case.setUrgent': { caseId: 3, urgent: true },
  'case.act': { action: 'supervise', caseId: 4, level: 1, reason: '' },
  'case.attach': { caseId: 5, kind: 'photo', mime: 'image/jpeg', dataBase64: jpegBase64, caption: '现场' },
  'report.handover': { hours: 4 },
  'command.run': { text: '布局 9', expectedReadBack: null, selectedCaseId: null },
  'command.undo': {},
  'video.place': { screen: 3, cameraId: 'cam-02' },
  'video.pin': { screen: 4, pinned: false },
  'video.showCase': { caseId: 6 },
  'video.snapshotCase': { screen: 1, cameraId: 'cam-01', categoryCode: '20101', description: '两个摊位', mime: 'image/jpeg', dataBase64: jpegBase64 },
  'video.setClock': { atMs: null },
};

/** A value bent out of shape: another type, an extreme, markup, or nothing at all. */
const oddValue = fc.oneof(
  fc.constantFrom(null, undefined, true, 0, -1, 1.5, 2 ** 53, Number.MAX_VALUE, '', '<script>alert(1)</script>', '‮', '9'.repeat(300), [], {}),
  fc.string({ maxLength: 2_000 }),
  fc.integer(),
  fc.double(),
  fc.array(fc.integer(), { maxLength: 600 }),
  fc.jsonValue({ maxDepth: 4 }),
);

/** An example's arguments with some fields dropped, replaced by odd values, or joined by unknown ones. */
const mutatedArgs = (example: Record<string, unknown>) =>
  fc
    .record({
      drop: fc.subarray(Object.keys(example)),
      replace: fc.dictionary(fc.constantFrom(...Object.keys(example), 'extra'), oddValue, { maxKeys: 3 }),
    })
    .map(({ drop, replace }) => {
      const args: Record<string, unknown> = { ...example };
      for (const key of drop) delete args[key];
      return { ...args, ...replace };
    });

const contractRequest = fc.constantFrom(...requestNames).chain((name) => {
  const example = examples[name] as Record<string, unknown>;
  return fc.record({
    id: fc.nat(),
    name: fc.constant(name),
    args: fc.oneof(fc.constant(example), mutatedArgs(example), oddValue),
    input: fc.oneof(
      { weight: 8, arbitrary: fc.constantFrom(...windowInputKinds) },
      { weight: 1, arbitrary: fc.constantFrom(...InputKindSchema.options) },
      { weight: 1, arbitrary: fc.string({ maxLength: 10 }) },
    ),
  });
});

const anyMessage = fc.oneof(
  { weight: 6, arbitrary: contractRequest },
  { weight: 1, arbitrary: fc.jsonValue() },
  {
    weight: 1,
    arbitrary: fc.record(
      { id: fc.oneof(fc.nat(), fc.integer(), fc.string()), name: fc.oneof(fc.string({ maxLength: 80 }), fc.string({ unit: 'binary', maxLength: 20 })), args: fc.jsonValue(), input: fc.string() },
      { requiredKeys: [] },
    ),
  },
);

describe('the core boundary under arbitrary input', () => {
  it('has a valid example for every request of the contract', async () => {
    for (const name of requestNames) {
      const answer = await test.request(name, examples[name], director, 'mouse');
      expect(answer.ok === true || !['invalidArgs', 'badMessage', 'internal'].includes(answer.error.code), `${name}: ${JSON.stringify(answer)}`).toBe(true);
    }
  });

  it('always answers with a well-formed response, never "internal", and writes only for accepted requests', { timeout: 120_000 }, async () => {
    await fc.assert(
      fc.asyncProperty(anyMessage, fc.constantFrom(...sessions), async (message, session) => {
        const before = footprint();
        const response = await test.handle(session, message);
        expect(typeof response.ok).toBe('boolean');
        // A sign-out is a valid request too; sign the test operators back in so later writes reach their handlers.
        if (response.ok && (message as { name?: unknown } | null)?.name === 'session.signOut' && session !== stranger) await test.signInAgain();
        if (response.ok) return;
        expect(response.error.code, JSON.stringify({ message, response }).slice(0, 400)).not.toBe('internal');
        expect(response.error.message.length).toBeGreaterThan(0);
        expect(footprint()).toBe(before);
      }),
      { numRuns: 1_500, seed: 20261206 },
    );
  });
});
