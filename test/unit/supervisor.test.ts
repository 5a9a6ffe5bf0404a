import { rmSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { CoreStatus, EventMessage } from '../../shared/contract/messages';
import type { SignedIn } from '../../shared/contract/contract';
import { createLogger } from '../../electron/core/runtime/logger';
import { startSupervisedCore, type RestartPolicy } from '../../electron/core/runtime/supervisor';
import { operator, resourcesDir, smallDemo, tempDir } from '../support/testCore';

/**
 * The core's worker is watched: when it dies every call fails at once with
 * a message that says what is happening, windows are told, and the core is
 * started again; after too many deaths in a row it stays down and says why.
 */
const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

const entry = new URL('../../electron/core/runtime/coreWorker.dev.mjs', import.meta.url);
const quickPolicy: RestartPolicy = { delaysMs: [50, 100], maxAttempts: 2, stableMs: 60_000 };

async function startWatched(policy = quickPolicy) {
  const dir = tempDir();
  const dbPath = join(dir.path, 'watched.db');
  const logs: Record<string, unknown>[] = [];
  const link = await startSupervisedCore({
    entry,
    log: () => {},
    logger: createLogger((line) => logs.push(JSON.parse(line) as Record<string, unknown>)),
    policy,
    core: { dbPath, resourcesDir, demo: smallDemo },
  });
  cleanups.push(() => dir.remove(), () => link.close());
  const statuses: CoreStatus[] = [];
  link.onStatus((status) => statuses.push(status));
  return { link, dbPath, logs, statuses };
}

const until = async (check: () => boolean, what: string, ms = 20_000) => {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
};

describe('the watched core', () => {
  it('fails calls at once while its worker is down, tells every window, and comes back with sign-ins and events', { timeout: 60_000 }, async () => {
    const { link, statuses, logs } = await startWatched();
    const signedIn = await link.request(operator, { id: 1, name: 'session.signIn', args: { operatorId: 'op01', pin: '111111' } });
    const { token } = (signedIn as { value: SignedIn }).value;
    const events: EventMessage[] = [];
    link.subscribe({ audience: 'operator', role: 'queue' }, (message) => events.push(message));

    await link.killCore();
    await until(() => statuses.some((status) => status.state === 'down'), 'the down status');
    expect(statuses[0]).toMatchObject({ state: 'down', attempt: 1 });
    const started = performance.now();
    const refused = await link.request({ ...operator, locale: 'en' }, { id: 2, name: 'session.hello', args: {} });
    expect(performance.now() - started).toBeLessThan(200);
    expect(refused).toMatchObject({ id: 2, ok: false, error: { code: 'unavailable', message: expect.stringMatching(/restarting/) } });

    await until(() => link.status().state === 'up', 'the restart');
    expect(logs.some((line) => line.event === 'core.restarted')).toBe(true);
    // The window's sign-in resumes with its token; events flow again, numbered above the old core's.
    expect(await link.request(operator, { id: 3, name: 'session.signIn', args: { token } })).toMatchObject({ ok: true });
    const created = await link.request(operator, { id: 4, name: 'case.create', args: { description: '重启后登记', categoryCode: '20101', sourceId: 'street' } });
    expect(created.ok).toBe(true);
    await until(() => events.length > 0, 'an event from the restarted core');
    expect(events[0]!.seq).toBeGreaterThan(1_000_000_000);
  });

  it('gives up after too many deaths in a row and says why', { timeout: 60_000 }, async () => {
    const { link, statuses, dbPath } = await startWatched();
    // Every restart now fails: the database's folder is gone and a file cannot be made there.
    rmSync(join(dbPath, '..'), { recursive: true, force: true });
    mkdirSync(join(dbPath, '..'));
    mkdirSync(dbPath);
    await link.killCore();
    await until(() => link.status().state === 'failed', 'the failed status');
    expect(statuses.filter((status) => status.state === 'down').map((status) => (status as { attempt: number }).attempt)).toEqual([1, 2]);
    expect(link.status()).toMatchObject({ state: 'failed', reason: expect.stringMatching(/restart failed/) });
    expect(await link.request(operator, { id: 5, name: 'session.hello', args: {} })).toMatchObject({
      ok: false,
      error: { code: 'unavailable', message: expect.stringMatching(/重启网格指挥墙/) },
    });
  });
});
