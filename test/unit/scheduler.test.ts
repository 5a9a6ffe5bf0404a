import { afterEach, describe, expect, it } from 'vitest';
import { maxCasesPerAnswer, type CaseListSnapshot } from '../../shared/contract/contract';
import type { ResponseMessage } from '../../shared/contract/messages';
import { maxInFlight } from '../../electron/core/runtime/requestScheduler';
import type { Session } from '../../electron/core/core';
import { operator, startTestCore, visitor } from '../support/testCore';

/**
 * One window's heavy reads must not starve the others: requests in flight
 * are capped per window, operators go before visitors, and list answers
 * come a page at a time.
 */
const cores: ReturnType<typeof startTestCore>[] = [];
afterEach(() => cores.splice(0).forEach((core) => core.close()));

async function start() {
  const test = startTestCore({ demo: { seed: 11, historyDays: 40, historyPerDay: 60, feedRatePerMinute: 0 } });
  cores.push(test);
  await test.ready;
  return test;
}

const otherOperator: Session = { ...operator, connectionId: 'another-operator' };

describe('serving windows fairly', () => {
  it('tells a window with too many requests in flight to wait, in its language, and serves it again afterwards', async () => {
    const test = await start();
    const english: Session = { ...visitor, locale: 'en' };
    const answers = await Promise.all(Array.from({ length: maxInFlight.public + 6 }, () => test.handle(english, { id: 1, name: 'presentation.state', args: {} })));
    const busy = answers.filter((answer) => !answer.ok && answer.error.code === 'busy');
    expect(busy).toHaveLength(6);
    expect(busy[0]).toMatchObject({ error: { message: expect.stringMatching(/too many requests/) } });
    expect((await test.handle(english, { id: 2, name: 'presentation.state', args: {} })).ok).toBe(true);
  });

  it("answers an operator's read before the visitors' reads queued ahead of it", async () => {
    const test = await start();
    const order: string[] = [];
    const track = (label: string, answer: Promise<ResponseMessage>) => answer.then((response) => (order.push(label), response));
    const visitors = Array.from({ length: maxInFlight.public }, (_, index) =>
      track(`visitor ${index}`, test.handle({ ...visitor, connectionId: `visitor-${index}` }, { id: index, name: 'cases.list', args: { scope: 'all' } })),
    );
    const operatorRead = track('operator', test.handle(otherOperator, { id: 99, name: 'cases.query', args: {} }));
    await Promise.all([...visitors, operatorRead]);
    // The first visitor read may already be running when the operator's arrives; no other goes before it.
    expect(order.indexOf('operator')).toBeLessThanOrEqual(1);
  });

  it("takes operators' reads in turn, so one window's queue of heavy reads does not hold up another's single read", async () => {
    const test = await start();
    const order: string[] = [];
    const busyWindow: Session = { ...operator, connectionId: 'busy-operator' };
    const heavy = Array.from({ length: 10 }, (_, index) =>
      test.handle(busyWindow, { id: index, name: 'cases.query', args: { statuses: ['closed'], limit: 500 } }).then(() => order.push(`heavy ${index}`)),
    );
    const single = test.handle(otherOperator, { id: 99, name: 'case.get', args: { caseId: 1 } }).then(() => order.push('single'));
    await Promise.all([...heavy, single]);
    expect(order.indexOf('single')).toBeLessThanOrEqual(2);
  });

  it('hands out long lists a page at a time, newest first, until the last page', async () => {
    const test = await start();
    const seen = new Set<number>();
    let before: number | null = null;
    let pages = 0;
    do {
      const page = (await test.request('cases.list', { scope: 'all', before })) as { ok: true; value: CaseListSnapshot };
      expect(page.value.cases.length).toBeLessThanOrEqual(maxCasesPerAnswer);
      const ids = page.value.cases.map((item) => item.id);
      expect(ids).toEqual([...ids].sort((a, b) => b - a));
      for (const id of ids) seen.add(id);
      before = page.value.nextBefore;
      pages++;
    } while (before !== null);
    const total = ((await test.request('cases.query', { statuses: ['reported', 'verifying', 'registered', 'dispatched', 'inProgress', 'reportedBack', 'closed', 'voided', 'merged', 'hung'], limit: 1 })) as { ok: true; value: { total: number } }).value.total;
    expect(pages).toBeGreaterThan(1);
    expect(seen.size).toBe(total);
    expect(await test.request('cases.list', { limit: maxCasesPerAnswer + 1 })).toMatchObject({ ok: false, error: { code: 'invalidArgs' } });
    expect(await test.request('cases.byIds', { ids: Array.from({ length: 501 }, (_, index) => index + 1) })).toMatchObject({ ok: false, error: { code: 'invalidArgs' } });
  });
});
