import { afterEach, describe, expect, it } from 'vitest';
import { presentationRequests, requestNames, type Assessment, type PresentationSetup, type PresentationState } from '../../shared/contract/contract';
import type { EventMessage, ResponseMessage } from '../../shared/contract/messages';
import type { Case } from '../../shared/domain/case';
import { percent } from '../../shared/domain/kpi';
import { presentationViews, type FiguresOf, type PresentationFigures } from '../../shared/presentation/figures';
import type { Tour } from '../../shared/presentation/tour';
import { projectEvent } from '../../electron/core/projection';
import { validExamples } from '../support/hostileMessages';
import { director, operator, startTestCore, visitor } from '../support/testCore';
import type { Session } from '../../electron/core/core';

type TestCore = ReturnType<typeof startTestCore>;
const cores: TestCore[] = [];
afterEach(() => cores.splice(0).forEach((core) => core.close()));
const hour = 3_600_000;

function ok<T>(response: ResponseMessage): T {
  if (!response.ok) throw new Error(`${response.error.code}: ${response.error.message}`);
  return response.value as T;
}

/** Canary values in every free-text and personal field: none may ever reach a presentation window. */
const canaries = ['金丝雀张三', '13912345678', '幸福小区7号楼302室', '金丝雀理由', 'CANARY-CAPTION', 'CANARY-BYTES'] as const;
const png = (marker: string) =>
  Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from(marker), Buffer.alloc(16, 1)]).toString('base64');

function start(demo: { historyDays: number; historyPerDay: number } = { historyDays: 0, historyPerDay: 0 }) {
  const test = startTestCore({ demo: { seed: 11, ...demo, feedRatePerMinute: 0 } });
  cores.push(test);
  const act = (args: Record<string, unknown>, session = operator) => test.request('case.act', args, session, 'hotkey').then(ok<Case>);
  /** A case carrying a canary in every field a person can type into, walked to closed with canary reasons. */
  async function closedCanaryCase(extra: Record<string, unknown> = {}) {
    const item = ok<Case>(
      await test.request('case.create', {
        description: `${canaries[0]} 电话 ${canaries[1]} 住 ${canaries[2]} 门口暴露垃圾`,
        categoryCode: '20101',
        sourceId: 'hotline',
        address: canaries[2],
        reporter: { name: canaries[0], phone: canaries[1] },
        ...extra,
      }),
    );
    await act({ action: 'register', caseId: item.id, reason: canaries[3] });
    await act({ action: 'dispatch', caseId: item.id, leadDepartmentId: 'SANITATION', helperDepartmentIds: ['CITYMGMT'], reason: canaries[3] });
    await act({ action: 'startHandling', caseId: item.id, reason: canaries[3] });
    await act({ action: 'reportBack', caseId: item.id, reason: `${canaries[3]} ${canaries[1]}` });
    await act({ action: 'close', caseId: item.id, satisfaction: 1, reason: canaries[3] });
    return item;
  }
  const attach = async (caseId: number, marker: string) =>
    ok<{ id: number }>(await test.request('case.attach', { caseId, kind: 'photo', mime: 'image/png', dataBase64: png(marker), caption: canaries[4] })).id;
  const view = async <V extends (typeof presentationViews)[number]>(name: V, session: Session = visitor) =>
    ok<FiguresOf<V>>(await test.request('presentation.view', { view: name }, session));
  return { test, act, closedCanaryCase, attach, view };
}

describe('the presentation for visitors', () => {
  it('lets no canary out: every request name, every view, every event a presentation window can receive', async () => {
    const { test, closedCanaryCase, attach, view } = start({ historyDays: 5, historyPerDay: 20 });
    const received: unknown[] = [];
    test.core.subscribe((message) => received.push(projectEvent(message, 'public')));
    const item = await closedCanaryCase();
    const released = await attach(item.id, 'released-picture');
    const withheld = await attach(item.id, canaries[5]);
    ok(await test.request('presentation.highlight', { caseId: item.id, chosen: true, before: [released], after: [] }, director));
    ok(await test.request('command.run', { text: '进入演示模式' }));

    for (const name of requestNames) {
      const args = { ...validExamples[name], ...(name.startsWith('case') || name === 'video.showCase' ? { caseId: item.id } : {}) };
      const answer = await test.request(name, args, visitor);
      received.push(answer);
      if (!(presentationRequests as readonly string[]).includes(name)) expect(answer.ok, name).toBe(false);
    }
    for (const name of presentationViews) received.push(await view(name));
    received.push(await test.request('presentation.picture', { attachmentId: released }, visitor));
    const withheldAnswer = await test.request('presentation.picture', { attachmentId: withheld }, visitor);
    expect(withheldAnswer).toMatchObject({ ok: false, error: { code: 'notFound' } });
    received.push(withheldAnswer);
    // An operator's video window while the wall presents is a presentation window too.
    const wallWindow: Session = { ...operator, role: 'video' };
    for (const name of requestNames.filter((request) => request.startsWith('case') || request.startsWith('cases'))) {
      expect((await test.request(name, { ...validExamples[name], caseId: item.id }, wallWindow)).ok, name).toBe(false);
    }

    const everything = JSON.stringify(received);
    const canaryBytes = Buffer.from(canaries[5]).toString('base64').slice(0, 12);
    for (const canary of [...canaries, canaryBytes, item.number]) expect(everything, canary).not.toContain(canary);
    // The released picture did go out, and the highlight tells the case in its own words.
    expect(everything).toContain(png('released-picture'));
    const highlights = await view('highlights');
    expect(highlights.highlights[0]).toMatchObject({ position: 1, categoryCode: '20101', sourceId: 'hotline', before: [released], after: [] });
    expect(highlights.highlights[0]!.steps.map((step) => step.kind)).toEqual(['reported', 'registered', 'dispatched', 'handling', 'reportedBack', 'closed']);
    expect(highlights.highlights[0]!.steps[2]!.departmentIds).toEqual(['SANITATION', 'CITYMGMT']);
  });

  it('shows counts of 1 and 2 as "<3" and withholds rates over fewer than 3 cases', async () => {
    const { test, view } = start();
    test.advance(15 * hour); // 01:00 the next day: today is empty
    expect((await view('live')).received).toBe(0);
    const create = () => test.request('case.create', { description: '芷江西路消防通道堆物', categoryCode: '20101', sourceId: 'street' }).then(ok<Case>);
    await create();
    test.advance(3_000); // past the live figures' few seconds in memory
    const one = await view('live');
    expect(one).toMatchObject({ received: '<3', lastHour: '<3', open: '<3', categories: [{ majorCode: '201', count: '<3' }] });
    expect(one.hours[1]).toBe('<3');
    await create();
    await create();
    test.advance(3_000);
    expect(await view('live')).toMatchObject({ received: 3, open: 3, categories: [{ majorCode: '201', count: 3 }] });
    const overview = await view('overview');
    expect(overview.received.today).toBe(3);
    // Nothing was due this month: no rate is shown rather than a rate over nothing (or over one case).
    expect(overview.rates.month).toMatchObject({ due: 0, closure: null, disposal: null });
    const grids = await view('grids');
    expect(grids.grids.every((grid) => grid.count === 0 || grid.count === '<3' || grid.count >= 3)).toBe(true);
  });

  it('takes its rates from the assessment that reproduces the published figures, and its counts from the cases', async () => {
    const { test, view } = start({ historyDays: 70, historyPerDay: 30 });
    const overview = await view('overview');
    const assessment = ok<Assessment>(await test.request('kpi.get', { month: '2026-10' }));
    const october = await view('departments'); // the last complete month at 26 Nov is October
    expect(october.month).toBe('2026-10');
    expect(overview.rates.previousMonth.closure).toBe(percent(assessment.overall.closureRate));
    expect(overview.rates.previousMonth.onTimeClosure).toBe(percent(assessment.overall.onTimeClosureRate));
    const sanitation = assessment.departments.find((entry) => entry.departmentId === 'SANITATION')!;
    expect(october.departments.find((entry) => entry.departmentId === 'SANITATION')!.rates.closure).toBe(percent(sanitation.kpis.closureRate));
    const all = ok<{ total: number }>(await test.request('cases.query', { statuses: ['reported', 'verifying', 'registered', 'dispatched', 'inProgress', 'reportedBack', 'closed', 'voided', 'hung'], limit: 1 }));
    expect(overview.received.sinceLaunch).toBe(all.total);
    const channels = await view('channels');
    const bySource = channels.sources.reduce((sum, row) => sum + (row.count === '<3' ? 0 : row.count), 0);
    expect(bySource).toBeGreaterThan(0);
    expect(channels.sources).toHaveLength(12);
    expect(channels.timeSlots).toHaveLength(8);
    expect(overview.yearOnYear.cases.changePercent).toBeNull(); // no cases a year ago in this room
  });

  it('keeps one tour for every window: the presenter steps, blanks, stops and resumes it; visitors cannot', async () => {
    const { test } = start();
    const tours: Tour[] = [];
    test.core.subscribe((message: EventMessage) => {
      if (message.event === 'presentation.changed') tours.push(message.payload.tour);
    });
    ok(await test.request('command.run', { text: '进入演示模式' }));
    await Promise.resolve();
    const state = ok<PresentationState>(await test.request('presentation.state', {}, visitor));
    expect(state).toMatchObject({ presenting: true, tour: { index: 0, running: true, blank: false } });
    expect(state.tour.views).not.toContain('highlights'); // none chosen yet
    const next = ok<Tour>(await test.request('presentation.tour', { action: 'next' }, director, 'hotkey'));
    expect(next.index).toBe(1);
    expect(ok<Tour>(await test.request('presentation.tour', { action: 'toggleBlank' }, director, 'hotkey')).blank).toBe(true);
    expect(ok<Tour>(await test.request('presentation.tour', { action: 'stop' }, director, 'hotkey'))).toMatchObject({ running: false, index: 1, blank: true });
    test.advance(10 * 60_000);
    expect(ok<PresentationState>(await test.request('presentation.state', {}, visitor)).tour.index).toBe(1);
    expect(ok<Tour>(await test.request('presentation.tour', { action: 'previous' }, director, 'hotkey'))).toMatchObject({ index: 0, blank: false, running: false });
    expect(ok<Tour>(await test.request('presentation.tour', { action: 'resume' }, director, 'hotkey')).running).toBe(true);
    expect(tours.at(-1)).toMatchObject({ running: true, index: 0 });
    expect(await test.request('presentation.tour', { action: 'next' }, visitor)).toMatchObject({ ok: false, error: { code: 'readOnly' } });
    expect(await test.request('presentation.tour', { action: 'dwell', seconds: 2 }, director)).toMatchObject({ ok: false, error: { code: 'invalidArgs' } });
  });

  it('lets only the duty director choose highlights, only closed cases, only their own pictures', async () => {
    const { test, closedCanaryCase, attach } = start();
    const item = await closedCanaryCase();
    const picture = await attach(item.id, 'mine');
    const open = ok<Case>(await test.request('case.create', { description: '另一处暴露垃圾', categoryCode: '20101', sourceId: 'street' }));
    const otherPicture = await attach(open.id, 'not-mine');
    expect(await test.request('presentation.highlight', { caseId: item.id, chosen: true, before: [picture] }, operator)).toMatchObject({ ok: false, error: { code: 'directorOnly' } });
    expect(await test.request('presentation.highlight', { caseId: open.id, chosen: true }, director)).toMatchObject({ ok: false, error: { code: 'highlightNotClosed' } });
    expect(await test.request('presentation.highlight', { caseId: item.id, chosen: true, before: [otherPicture] }, director)).toMatchObject({ ok: false, error: { code: 'pictureNotOfCase' } });
    const setup = ok<PresentationSetup>(await test.request('presentation.highlight', { caseId: item.id, chosen: true, before: [picture], after: [] }, director));
    expect(setup.highlights).toEqual([{ caseId: item.id, number: item.number, categoryCode: '20101', closedAt: expect.any(Number), before: [picture], after: [] }]);
    expect(setup.tour.views).toContain('highlights');
    const timeline = ok<Array<{ kind: string }>>(await test.request('case.timeline', { caseId: item.id }));
    expect(timeline.at(-1)!.kind).toBe('presentation.highlightChosen');
    const dropped = ok<PresentationSetup>(await test.request('presentation.highlight', { caseId: item.id, chosen: false }, director));
    expect(dropped.highlights).toEqual([]);
    expect(await test.request('presentation.picture', { attachmentId: picture }, visitor)).toMatchObject({ ok: false, error: { code: 'notFound' } });
  });

  it('computes every view from the figures the core holds, in any order, for every window', async () => {
    const { view } = start({ historyDays: 10, historyPerDay: 30 });
    const figures: PresentationFigures[] = [];
    for (const name of presentationViews) figures.push(await view(name));
    expect(figures.map((entry) => entry.view)).toEqual([...presentationViews]);
  });
});
