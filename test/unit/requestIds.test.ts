import Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { newRequestId, type ResponseMessage } from '../../shared/contract/messages';
import type { Case } from '../../shared/domain/case';
import { createCore } from '../../electron/core/core';
import { director, fixedNow, operator, resourcesDir, smallDemo, startTestCore, tempDir } from '../support/testCore';

/**
 * A write retried after a dropped socket or a timeout carries the same
 * request id: the core applies it once and answers every retry with the
 * first answer (even across a core restart).
 */
const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).forEach((cleanup) => cleanup()));

const draft = { description: '彭浦新村菜场门口占道经营', categoryCode: '20401', sourceId: 'street' };

function caseCount(dbPath: string): number {
  const db = new Database(dbPath, { readonly: true });
  const count = (db.prepare('SELECT count(*) AS n FROM cases').get() as { n: number }).n;
  db.close();
  return count;
}

async function start() {
  const test = startTestCore();
  cleanups.push(() => test.close());
  await test.ready;
  return test;
}

describe('request ids', () => {
  it('makes one case of the same case.create sent twice with one id, and answers both alike', async () => {
    const test = await start();
    const before = caseCount(test.dbPath);
    const id = newRequestId();
    const first = await test.request('case.create', draft, operator, 'keyboard', id);
    const retry = await test.request('case.create', draft, operator, 'keyboard', id);
    expect(first.ok).toBe(true);
    expect(caseCount(test.dbPath)).toBe(before + 1);
    expect({ ...retry, id: 0 }).toEqual({ ...first, id: 0 });
    // A new id is a new action.
    expect((await test.request('case.create', draft, operator, 'keyboard', newRequestId())).ok).toBe(true);
    expect(caseCount(test.dbPath)).toBe(before + 2);
  });

  it('answers a retried refusal with the same refusal, and writes nothing either time', async () => {
    const test = await start();
    const created = ((await test.request('case.create', draft)) as { value: Case }).value;
    const id = newRequestId();
    const close = { action: 'close', caseId: created.id };
    const first = await test.request('case.act', close, operator, 'hotkey', id);
    expect(first).toMatchObject({ ok: false, error: { code: 'illegalTransition' } });
    expect({ ...(await test.request('case.act', close, operator, 'hotkey', id)), id: 0 }).toEqual({ ...first, id: 0 });
  });

  it('keeps ids apart per operator', async () => {
    const test = await start();
    const before = caseCount(test.dbPath);
    const id = newRequestId();
    await test.request('case.create', draft, operator, 'keyboard', id);
    await test.request('case.create', draft, director, 'keyboard', id);
    expect(caseCount(test.dbPath)).toBe(before + 2);
  });

  it('answers a retry that reaches a restarted core with the answer of the first', async () => {
    const dir = tempDir();
    cleanups.push(() => dir.remove());
    const options = { dbPath: join(dir.path, 'retry.db'), resourcesDir, demo: smallDemo, clock: () => fixedNow };
    const window = { connectionId: 'retrying-window', role: 'queue', audience: 'operator', locale: 'zh-CN' } as const;
    const id = newRequestId();
    const signIn = { id: 1, name: 'session.signIn', args: { operatorId: 'op01', pin: '111111' } };

    const before = createCore(options);
    const signedIn = (await before.handle(window, signIn)) as ResponseMessage & { ok: true; value: { token: string } };
    const first = await before.handle(window, { id: 2, name: 'case.create', args: draft, requestId: id });
    before.close();
    const count = caseCount(options.dbPath);

    const after = createCore(options);
    cleanups.push(() => after.close());
    await after.handle(window, { id: 3, name: 'session.signIn', args: { token: signedIn.value.token } });
    const retry = await after.handle(window, { id: 4, name: 'case.create', args: draft, requestId: id });
    expect(retry).toEqual({ ...first, id: 4 });
    expect(caseCount(options.dbPath)).toBe(count);
  });

  it('refuses a malformed request id instead of ignoring it', async () => {
    const test = await start();
    expect(await test.handle(operator, { id: 9, name: 'case.create', args: draft, requestId: 'x' })).toMatchObject({ id: 9, ok: false, error: { code: 'badMessage' } });
  });
});
