import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUnitOfWork } from '../../electron/core/runtime/unitOfWork';
import { createEventHub } from '../../electron/core/runtime/eventHub';
import { createChangeApplier } from '../../electron/core/sync/changeApplier';
import { createDownlink } from '../../electron/core/sync/downlink';
import type { PlatformLink } from '../../electron/core/sync/platformLink';
import { createSyncStore } from '../../electron/core/sync/syncStore';
import { createCaseStore } from '../../electron/core/store/caseStore';
import { openDatabase } from '../../electron/core/store/database';
import { silentLogger } from '../../electron/core/runtime/logger';
import type { ChangesResponse } from '../../shared/sync/protocol';
import { action, platformClient, wallCase } from '../support/platformClient';
import { startTestPlatform, type TestPlatform } from '../support/platformHarness';
import { tempDir } from '../support/testCore';

/**
 * Model tests of both directions. Seeds that ever failed are kept in
 * syncModel.seeds.json and replayed first on every run, then fresh ones.
 */
const seedFile = new URL('./syncModel.seeds.json', import.meta.url);
const keptSeeds = (): Record<string, number[]> => (existsSync(seedFile) ? (JSON.parse(readFileSync(seedFile, 'utf8')) as Record<string, number[]>) : {});

async function checkKeepingSeeds(name: string, property: fc.IAsyncProperty<[unknown]> | fc.IAsyncPropertyWithHooks<[unknown]>, numRuns: number): Promise<void> {
  for (const seed of keptSeeds()[name] ?? []) await fc.assert(property, { seed, numRuns: 1 });
  const seed = Date.now() ^ (Math.random() * 2 ** 31);
  try {
    await fc.assert(property, { seed, numRuns });
  } catch (error) {
    const seeds = keptSeeds();
    seeds[name] = [...new Set([...(seeds[name] ?? []), seed])];
    writeFileSync(seedFile, `${JSON.stringify(seeds, null, 2)}\n`);
    throw error;
  }
}

describe('the uplink, against a model of the platform\'s per-client sequence', () => {
  let platform: TestPlatform;
  beforeAll(async () => {
    platform = await startTestPlatform();
  }, 60_000);
  afterAll(() => platform?.close());

  it('applies each sequence once, repeats its first answers, refuses gaps with the next expected sequence', async () => {
    const api = platformClient(platform);
    let run = 0;
    // Each upload: where it starts relative to the platform's last sequence (repeats, next, gap) and how long it is.
    const uploads = fc.array(fc.record({ offset: fc.integer({ min: -3, max: 2 }), length: fc.integer({ min: 1, max: 4 }) }), { minLength: 1, maxLength: 12 });
    const property = fc.asyncProperty(uploads, async (plan) => {
      const clientId = `model-${Date.now().toString(36)}-${++run}`;
      let last = 0;
      const firstAnswers = new Map<number, unknown>();
      for (const { offset, length } of plan) {
        const from = Math.max(1, last + 1 + offset);
        const actions = Array.from({ length }, (_, index) => action(from + index, wallCase(clientId, from + index)));
        const answer = await api.upload('SD07', clientId, actions);
        if (from > last + 1) {
          expect(answer).toMatchObject({ status: 409, body: { error: 'gap', expectedSeq: last + 1 } });
          continue;
        }
        expect(answer.status).toBe(200);
        for (const result of answer.body.results as { clientSeq: number }[]) {
          if (firstAnswers.has(result.clientSeq)) expect(result).toEqual(firstAnswers.get(result.clientSeq));
          else firstAnswers.set(result.clientSeq, result);
        }
        last = Math.max(last, from + length - 1);
        expect(answer.body.lastSeq).toBe(last);
      }
      const [count] = await platform.platform.sql<{ n: number; max: number | null }[]>`SELECT count(*)::int AS n, max(client_seq)::int AS max FROM client_results WHERE client_id = ${clientId}`;
      expect(count).toEqual({ n: last, max: last === 0 ? null : last });
    });
    await checkKeepingSeeds('uplink', property as never, 25);
  }, 120_000);
});

describe('the downlink, against a model of the cursor', () => {
  const dir = tempDir();
  afterAll(() => dir.remove());

  it('moves the cursor only forward on valid answers, back to 0 on a reset, and refuses every bad answer whole', async () => {
    const db = openDatabase(`${dir.path}/downlink.db`);
    const cases = createCaseStore(db);
    const store = createSyncStore(db, cases.statements);
    const hub = createEventHub({ onUnexpected: () => {} });
    const unitOfWork = createUnitOfWork(db, hub);
    const applier = createChangeApplier({ clientId: 'modelwall01', store, cases, platformCases: { apply: () => {} } as never, logger: silentLogger, clock: Date.now });
    let next: ChangesResponse = { type: 'reset', epoch: 'epoch-aaaa' };
    const link = { subCentreId: 'SD01', changes: async () => next, upload: async () => Promise.reject(new Error('unused')) } as unknown as PlatformLink;
    const downlink = createDownlink({ clientId: 'modelwall01', store, link, applier: { ...applier, apply: () => {} }, unitOfWork, logger: silentLogger });
    const answers = fc.array(
      fc.oneof(
        fc.record({ kind: fc.constant('forward' as const), by: fc.integer({ min: 0, max: 50 }) }),
        fc.record({ kind: fc.constant('backward' as const), by: fc.integer({ min: 1, max: 50 }) }),
        fc.record({ kind: fc.constant('otherEpoch' as const), by: fc.constant(0) }),
        fc.record({ kind: fc.constant('reset' as const), by: fc.constant(0) }),
      ),
      { minLength: 1, maxLength: 20 },
    );
    let epochs = 0;
    const property = fc.asyncProperty(answers, async (plan) => {
      const model = store.cursor();
      for (const step of plan) {
        const epoch = model.epoch || 'epoch-aaaa';
        if (step.kind === 'reset') {
          const fresh = `epoch-${++epochs}-reset`;
          next = { type: 'reset', epoch: fresh };
          await downlink.step(0, new AbortController().signal);
          Object.assign(model, { epoch: fresh, changeNo: 0 });
        } else {
          const last = step.kind === 'forward' ? model.changeNo + step.by : model.changeNo - step.by;
          next = { type: 'changes', epoch: step.kind === 'otherEpoch' ? `${epoch}-other` : epoch, changes: [], last, more: false };
          const valid = step.kind === 'forward' && (model.epoch === '' || next.epoch === model.epoch);
          const outcome = downlink.step(0, new AbortController().signal);
          if (valid) {
            await outcome;
            Object.assign(model, { epoch: next.epoch, changeNo: last });
          } else if (step.kind !== 'otherEpoch' || model.epoch !== '') {
            await expect(outcome).rejects.toThrow();
          } else {
            await outcome;
            Object.assign(model, { epoch: next.epoch, changeNo: Math.max(model.changeNo, last) });
          }
        }
        expect(store.cursor()).toEqual(model);
      }
    });
    try {
      await checkKeepingSeeds('downlink', property as never, 100);
    } finally {
      db.close();
    }
  }, 120_000);
});
