import Database from 'better-sqlite3';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { operator, startTestCore, visitor } from '../support/testCore';

/**
 * Whatever arrives at the boundary — any JSON, any name, any arguments — the
 * core answers (never throws), and a refused message writes nothing.
 */
let test: ReturnType<typeof startTestCore>;
beforeAll(() => {
  test = startTestCore();
});
afterAll(() => test.close());

const casesCount = () => {
  const db = new Database(test.dbPath, { readonly: true });
  const n = (db.prepare('SELECT (SELECT count(*) FROM cases) + (SELECT count(*) FROM outbox) AS n').get() as { n: number }).n;
  db.close();
  return n;
};

const requestNames = ['session.hello', 'reference.get', 'cases.list', 'case.get', 'case.create', 'case.setUrgent'];
const anyName = fc.oneof(fc.constantFrom(...requestNames), fc.string({ maxLength: 80 }), fc.string({ unit: 'binary', maxLength: 20 }));
const anyMessage = fc.oneof(
  fc.jsonValue(),
  fc.record({ id: fc.oneof(fc.nat(), fc.integer(), fc.string()), name: anyName, args: fc.jsonValue(), input: fc.oneof(fc.constant('mouse'), fc.string()) }, { requiredKeys: [] }),
  fc.record({
    id: fc.nat(),
    name: fc.constant('case.create'),
    args: fc.record(
      {
        description: fc.string({ unit: 'binary', maxLength: 600 }),
        categoryCode: fc.oneof(fc.constantFrom('20101', '29999', '1'), fc.string()),
        sourceId: fc.oneof(fc.constant('street'), fc.string()),
        lngLat: fc.oneof(fc.constant(null), fc.tuple(fc.double(), fc.double())),
        placeId: fc.oneof(fc.constant(null), fc.string()),
        reporter: fc.oneof(fc.constant(null), fc.record({ name: fc.string(), phone: fc.string() })),
      },
      { requiredKeys: [] },
    ),
  }),
);

describe('the core boundary under arbitrary input', () => {
  it('always answers with a well-formed response and writes only for valid commands', async () => {
    await fc.assert(
      fc.asyncProperty(anyMessage, fc.boolean(), async (message, asVisitor) => {
        const before = casesCount();
        const response = await test.handle(asVisitor ? visitor : operator, message);
        expect(typeof response.ok).toBe('boolean');
        if (!response.ok) {
          expect(response.error.message.length).toBeGreaterThan(0);
          expect(casesCount()).toBe(before);
        }
      }),
      { numRuns: 400, seed: 20261127 },
    );
  });
});
