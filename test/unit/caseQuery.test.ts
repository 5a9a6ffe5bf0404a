import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CaseQueryResult } from '../../shared/contract/contract';
import { caseStatuses, isOpen, isOverdue, supervisionLevel, type Case } from '../../shared/domain/case';
import { searchMatch } from '../../shared/domain/searchTokens';
import { fixedNow, startTestCore } from '../support/testCore';

let test: ReturnType<typeof startTestCore>;
beforeAll(() => {
  test = startTestCore({ demo: { seed: 9, historyDays: 40, historyPerDay: 60, feedRatePerMinute: 0 } });
});
afterAll(() => test.close());

async function query(args: Record<string, unknown>): Promise<CaseQueryResult> {
  const response = await test.request('cases.query', args);
  if (!response.ok) throw new Error(response.error.message);
  return response.value as CaseQueryResult;
}

/** Reads every page of a view, as the window does while scrolling. */
async function readAll(args: Record<string, unknown>, pageSize = 37): Promise<Case[]> {
  const all: Case[] = [];
  for (let offset = 0; ; offset += pageSize) {
    const page = await query({ ...args, offset, limit: pageSize });
    all.push(...page.cases);
    if (page.cases.length < pageSize) return all;
  }
}

describe('the queue query', () => {
  it('finds Chinese text by one character, a word, or a longer phrase, and numbers with or without the dash', async () => {
    const created = await test.request('case.create', { description: '光复路菜场门口油烟扰民', categoryCode: '20101', sourceId: 'street', address: '光复路88号' });
    const item = (created as { value: Case }).value;
    for (const text of ['油', '油烟', '菜场门口', '光复路88', item.number, item.number.replace('-', '')]) {
      const found = await query({ statuses: [...caseStatuses], text, limit: 500 });
      expect(found.cases.map((row) => row.id), text).toContain(item.id);
      expect(found.cases.every((row) => `${row.number}${row.description}${row.address}`.replace(/-/g, '').includes(text.replace(/-/g, '')))).toBe(true);
    }
    expect((await query({ text: '不存在的词语' })).total).toBe(0);
    expect(searchMatch('——')).toBeNull();
    expect((await query({ text: '——', limit: 1 })).total).toBe((await query({ limit: 1 })).total);
  });

  it('treats quotes and operators in the search as plain text', async () => {
    for (const text of ['"', 'a" OR "b', 'NEAR(', '*', 'pairs : x']) await expect(query({ text })).resolves.toMatchObject({ total: expect.any(Number) });
  });

  it('filters by category prefix exactly', async () => {
    const major = await query({ statuses: [...caseStatuses], categoryPrefixes: ['204'], limit: 500 });
    expect(major.total).toBeGreaterThan(0);
    expect(major.cases.every((row) => row.categoryCode.startsWith('204'))).toBe(true);
    const events = (await query({ statuses: [...caseStatuses], categoryPrefixes: ['2'], limit: 1 })).total;
    const components = (await query({ statuses: [...caseStatuses], categoryPrefixes: ['1'], limit: 1 })).total;
    expect(events + components).toBe((await query({ statuses: [...caseStatuses], limit: 1 })).total);
  });

  it('lists open cases first by priority, then finished ones newest first, with no row lost or repeated across pages', async () => {
    const all = await readAll({ statuses: [...caseStatuses], sort: 'priority' });
    expect(all.length).toBe((await query({ statuses: [...caseStatuses], limit: 1 })).total);
    expect(new Set(all.map((row) => row.id)).size).toBe(all.length);
    const firstFinished = all.findIndex((row) => !isOpen(row.status));
    expect(all.slice(0, firstFinished).every((row) => isOpen(row.status))).toBe(true);
    expect(all.slice(firstFinished).every((row) => !isOpen(row.status))).toBe(true);
    const finished = all.slice(firstFinished);
    expect(finished.every((row, index) => index === 0 || finished[index - 1]!.reportedAt >= row.reportedAt)).toBe(true);
    const open = all.slice(0, firstFinished);
    expect(open.findIndex((row) => !row.urgent)).toBeGreaterThanOrEqual(open.filter((row) => row.urgent).length);
  });

  it('orders by deadline with the undated cases last', async () => {
    const all = await readAll({ statuses: [...caseStatuses], sort: 'deadline' }, 500);
    const firstUndated = all.findIndex((row) => row.deadlineAt === null);
    expect(all.slice(firstUndated).every((row) => row.deadlineAt === null)).toBe(true);
    const dated = all.slice(0, firstUndated);
    expect(dated.every((row, index) => index === 0 || dated[index - 1]!.deadlineAt! <= row.deadlineAt!)).toBe(true);
  });

  it('gives the same cases as filtering every case by hand, for common words with filters and for filters that finished cases cannot carry', async () => {
    const everything = await readAll({ statuses: [...caseStatuses] }, 500);
    const finished = caseStatuses.filter((status) => !isOpen(status));
    const views: { args: Record<string, unknown>; keep: (item: Case) => boolean }[] = [];
    const hasText = (text: string) => (item: Case) => `${item.number}${item.description}${item.address}`.includes(text);
    // "路" is in most addresses: far more matches than the search looks up one by one.
    expect(everything.filter(hasText('路')).length).toBeGreaterThan(2_000);
    for (const text of ['路', '垃圾', '']) {
      const matches = text ? hasText(text) : () => true;
      for (const supervised of [true, false, null]) {
        for (const statuses of [finished, ['closed' as const], [...caseStatuses], ['dispatched' as const, 'closed' as const]]) {
          views.push({
            args: { statuses, text, supervised, categoryPrefixes: ['2'] },
            keep: (item) =>
              matches(item) &&
              statuses.includes(item.status) &&
              item.categoryCode.startsWith('2') &&
              (supervised === null || (supervisionLevel(item, fixedNow) > 0) === supervised),
          });
          views.push({
            args: { statuses, text, overdue: supervised },
            keep: (item) => matches(item) && statuses.includes(item.status) && (supervised === null || isOverdue(item, fixedNow) === supervised),
          });
        }
      }
    }
    for (const view of views) {
      const expected = everything.filter(view.keep).map((item) => item.id).sort((a, b) => a - b);
      const result = await query({ ...view.args, limit: 1 });
      expect(result.total, JSON.stringify(view.args)).toBe(expected.length);
      const found = (await readAll({ ...view.args, sort: 'oldest' }, 500)).map((item) => item.id);
      expect(found, JSON.stringify(view.args)).toEqual(expected);
    }
  });
});
