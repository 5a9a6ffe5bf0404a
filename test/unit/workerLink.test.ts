import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { EventMessage } from '../../shared/contract/messages';
import { startSupervisedCore } from '../../electron/core/runtime/supervisor';
import { silentLogger } from '../../electron/core/runtime/logger';
import { operator, resourcesDir, smallDemo, tempDir, visitor } from '../support/testCore';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

describe('the core in a worker thread', () => {
  it('serves requests and projects events per audience, as in the same thread', async () => {
    const dir = tempDir();
    const logs: string[] = [];
    const link = await startSupervisedCore({
      entry: new URL('../../electron/core/runtime/coreWorker.dev.mjs', import.meta.url),
      log: (line) => logs.push(line),
      logger: silentLogger,
      core: { dbPath: join(dir.path, 'worker.db'), resourcesDir, demo: smallDemo },
    });
    cleanups.push(() => dir.remove(), () => link.close());

    const hello = await link.request(operator, { id: 4, name: 'session.hello', args: {} });
    expect(hello).toMatchObject({ id: 4, ok: true, value: { demo: true, seq: 0 } });

    expect(await link.request(operator, { id: 1, name: 'session.signIn', args: { operatorId: 'op02', pin: '222222' } })).toMatchObject({ ok: true });
    const operatorEvents: EventMessage[] = [];
    const visitorEvents: EventMessage[] = [];
    link.subscribe({ audience: 'operator', role: 'queue' }, (message) => operatorEvents.push(message));
    link.subscribe({ audience: 'public', role: 'video' }, (message) => visitorEvents.push(message));
    const created = await link.request(operator, {
      id: 5,
      name: 'case.create',
      args: { description: '工作线程中登记', categoryCode: '20101', sourceId: 'hotline', reporter: { name: '赵先生', phone: '13700000000' } },
    });
    expect(created.ok).toBe(true);
    await expect.poll(() => visitorEvents.length).toBe(1);
    expect(operatorEvents[0]!.event === 'case.changed' && operatorEvents[0]!.payload.case.reporter?.name).toBe('赵先生');
    // A visitor hears that a case came in, by its major category: nothing of the case itself.
    expect(visitorEvents[0]).toEqual({ event: 'presentation.pulse', seq: operatorEvents[0]!.seq, payload: { kind: 'case', majorCode: '201' } });

    const refused = await link.request(visitor, { id: 6, name: 'case.setUrgent', args: { caseId: 1, urgent: true } });
    expect(refused).toMatchObject({ id: 6, ok: false, error: { code: 'readOnly' } });
    expect(logs.some((line) => line.includes('demo.history.generated'))).toBe(true);
  });

  it('reports a core that cannot start instead of hanging', async () => {
    const dir = tempDir();
    cleanups.push(() => dir.remove());
    await expect(
      startSupervisedCore({
        entry: new URL('../../electron/core/runtime/coreWorker.dev.mjs', import.meta.url),
        log: () => {},
        logger: silentLogger,
        core: { dbPath: join(dir.path, 'no-reference.db'), resourcesDir, demo: null },
      }),
    ).rejects.toThrow(/reference data/);
  });
});
