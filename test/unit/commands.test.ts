import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CommandOutcome, CommandUnderstanding, TimelineEntry } from '../../shared/contract/contract';
import type { EventMessage, ResponseMessage } from '../../shared/contract/messages';
import type { Case } from '../../shared/domain/case';
import type { WallState } from '../../shared/wall/wallState';
import type { Session } from '../../electron/core/core';
import { director, operator, startTestCore } from '../support/testCore';

let test: ReturnType<typeof startTestCore>;
beforeEach(async () => {
  test = startTestCore();
  await test.request('session.signIn', { operatorId: 'op02', pin: '222222' }, english);
});
afterEach(() => test.close());

const english: Session = { connectionId: 'test-english', role: 'video', audience: 'operator', locale: 'en' };

function value<T>(response: ResponseMessage): T {
  if (!response.ok) throw new Error(`${response.error.code}: ${response.error.message}`);
  return response.value as T;
}
const understand = async (text: string, session: Session = operator) => value<CommandUnderstanding>(await test.request('command.understand', { text }, session));
const run = async (text: string, selectedCaseId: number | null = null, session: Session = operator) => {
  const { readBack } = await understand(text, session);
  return await test.request('command.run', { text, expectedReadBack: readBack, selectedCaseId }, session, 'command');
};
const getCase = async (caseId: number) => value<Case>(await test.request('case.get', { caseId }));
const newRegisteredCase = async () => {
  const created = value<Case>(await test.request('case.create', { description: '彭浦新村菜场门口垃圾', categoryCode: '20101', sourceId: 'street' }));
  return value<Case>(await test.request('case.act', { action: 'register', caseId: created.id }));
};

describe('the command bar in the core', () => {
  it('turns a spoken order into a registered, dispatched, located case in one step, read back first', async () => {
    const line = '光复路200号门口3个摊头占道，城管和交警速去';
    const understood = await understand(line);
    expect(understood.ready).toBe(true);
    for (const fact of ['光复路200号', '乱设摊', '城管中队', '交警中队', '紧急']) expect(understood.readBack).toContain(fact);

    const events: EventMessage[] = [];
    test.core.subscribe((message) => events.push(message));
    const outcome = value<CommandOutcome>(await run(line));
    const item = await getCase(outcome.caseId!);
    expect(item).toMatchObject({ status: 'dispatched', categoryCode: '20415', urgent: true, leadDepartmentId: 'CITYMGMT', address: '光复路200号' });
    expect(item.gridId).not.toBeNull();
    expect(item.assignments.map((entry) => [entry.departmentId, entry.role])).toEqual([
      ['CITYMGMT', 'lead'],
      ['TRAFFIC', 'helper'],
    ]);
    // Windows hear of it once, after the commit, already dispatched.
    const announced = events.filter((message) => message.event === 'case.changed' && message.payload.case.id === item.id);
    expect(announced).toHaveLength(1);
    expect(announced[0]).toMatchObject({ payload: { change: 'created', case: { status: 'dispatched' } } });
    const timeline = value<TimelineEntry[]>(await test.request('case.timeline', { caseId: item.id }));
    expect(timeline.map((entry) => [entry.kind, entry.input])).toEqual([
      ['created', 'command'],
      ['register', 'command'],
      ['dispatch', 'command'],
    ]);
  });

  it('sends a new case to the category default when no department is named, and says so', async () => {
    const understood = await understand('大宁灵石公园附近有人露天烧烤');
    expect(understood.readBack).toContain('类别默认');
    const item = await getCase(value<CommandOutcome>(await run('大宁灵石公园附近有人露天烧烤')).caseId!);
    expect(item.leadDepartmentId).toBe('CITYMGMT');
  });

  it('dispatches the selected case or a case by number, registering it first if needed', async () => {
    const selected = await newRegisteredCase();
    expect(value<CommandOutcome>(await run('派 this 市场所 食药监', selected.id)).caseNumber).toBe(selected.number);
    expect(await getCase(selected.id)).toMatchObject({ status: 'dispatched', leadDepartmentId: 'MARKET' });

    const reported = value<Case>(await test.request('case.create', { description: '曲阜路垃圾', categoryCode: '20101', sourceId: 'street' }));
    value(await run(`dispatch ${reported.number.replace('-', '')} to cg`, null, english));
    expect(await getCase(reported.id)).toMatchObject({ status: 'dispatched', leadDepartmentId: 'CITYMGMT' });
  });

  it('refuses clearly and writes nothing: no selection, unknown number, missing reason, director-only, changed meaning', async () => {
    const item = await newRegisteredCase();
    const refused = (response: ResponseMessage) => {
      expect(response.ok).toBe(false);
      return (response as { error: { code: string; message: string } }).error;
    };
    expect(refused(await run('派 this 城管')).message).toBe('没有选中的案件。');
    expect(refused(await run('派 20990101-0001 城管')).message).toContain('找不到案件 20990101-0001');
    expect(refused(await run('退回 this', item.id)).message).toContain('请说明原因');
    expect(refused(await run('作废 this 重复上报', item.id)).message).toContain('值班主任');
    expect(refused(await run('作废 this 重复上报', item.id, english))).toBeTruthy();
    expect(refused(await test.request('command.run', { text: '派 this 城管', expectedReadBack: '派遣 · 别的案件', selectedCaseId: item.id }, operator)).message).toContain('含义已变化');
    expect(await getCase(item.id)).toMatchObject({ status: 'registered', updatedAt: item.updatedAt });
    expect(value<CommandOutcome>(await run('作废 this 重复上报', item.id, director)).readBack).toContain('作废');
    expect((await getCase(item.id)).status).toBe('voided');
  });

  it("acts on a case named by its serial — today's — whatever case is selected", async () => {
    const selected = await newRegisteredCase();
    const named = await newRegisteredCase();
    const serial = named.number.slice(-4);
    for (const line of [`派 ${serial} 城管`, `派 ${Number(serial)} 城管`, `把${serial}派给城管`, `dispatch case ${Number(serial)} to cg`]) {
      const understood = await understand(line, line.startsWith('dispatch') ? english : operator);
      expect(understood.ready, line).toBe(true);
      expect(understood.readBack, line).toContain(named.number);
    }
    const outcome = value<CommandOutcome>(await run(`派 ${serial} 城管`, selected.id));
    expect(outcome.caseNumber).toBe(named.number);
    expect(await getCase(named.id)).toMatchObject({ status: 'dispatched', leadDepartmentId: 'CITYMGMT' });
    expect(await getCase(selected.id)).toMatchObject({ status: 'registered', updatedAt: selected.updatedAt });
    // The serial is never read as a count either: "派 1042 cg" names case 1042, and there is none.
    expect((await understand('派 1042 cg')).readBack).toContain('1042 号案件');
  });

  it('refuses a serial that fits several recent days, listing them, and one that fits none — never falling back to the selected case', async () => {
    const selected = await newRegisteredCase();
    const todays = Number((await newRegisteredCase()).number.slice(-4));
    // Serials the demo's earlier days all have, but today has not reached yet.
    const serial = todays + 1;
    const several = await understand(`督办 ${serial}号`);
    expect(several.ready).toBe(false);
    expect(several.readBack).toContain('有歧义');
    expect(several.readBack.match(/\d{8}-\d{4}/g)!.length).toBeGreaterThan(1);
    const none = await understand('派 9999 城管');
    expect(none.ready).toBe(false);
    expect(none.readBack).toContain('没有 9999 号案件');
    for (const line of [`督办 ${serial}号`, '派 9999 城管', '派 this 城管 12345', '0017 交警']) {
      const response = await run(line, selected.id);
      expect(response.ok, line).toBe(false);
    }
    expect(await getCase(selected.id)).toMatchObject({ status: 'registered', updatedAt: selected.updatedAt, supervisionManual: selected.supervisionManual });
  });

  it('runs only the case that was read back: a serial that comes to mean another case is refused', async () => {
    const named = await newRegisteredCase();
    const line = `派 ${named.number.slice(-4)} 城管`;
    const readBack = (await understand(line)).readBack;
    test.advance(24 * 60 * 60 * 1000); // the room's day turns: the serial now means tomorrow's case, or none
    const response = await test.request('command.run', { text: line, expectedReadBack: readBack, selectedCaseId: null }, operator, 'command');
    expect(response.ok).toBe(false);
    expect((await getCase(named.id)).status).toBe('registered');
  });

  it('undoes the last action within the window, as an audited event, and never over a later change', async () => {
    const item = await newRegisteredCase();
    value(await run('派 this 城管', item.id));
    test.advance(5_000);
    const undone = value<CommandOutcome>(await test.request('command.undo', {}, operator, 'hotkey'));
    expect(undone.readBack).toContain('已撤销');
    expect(await getCase(item.id)).toMatchObject({ status: 'registered', assignments: [] });
    const last = value<TimelineEntry[]>(await test.request('case.timeline', { caseId: item.id })).at(-1)!;
    expect(last).toMatchObject({ kind: 'undone', input: 'hotkey', actor: 'op01' });
    // Buttons and letter keys are undoable too: before the dispatch came the registration, and before it the report.
    value(await test.request('command.undo', {}, operator));
    expect((await getCase(item.id)).status).toBe('reported');
    value(await test.request('command.undo', {}, operator));
    expect((await getCase(item.id)).status).toBe('voided');
    expect((await test.request('command.undo', {}, operator) as { error: { message: string } }).error.message).toBe('没有可撤销的操作。');

    const later = await newRegisteredCase();
    value(await run('派 this 城管', later.id));
    test.advance(31_000);
    expect((await test.request('command.undo', {}, operator) as { error: { message: string } }).error.message).toBe('已超过可撤销时间。');

    const second = await newRegisteredCase();
    value(await run('派 this 交警', second.id));
    value(await test.request('case.act', { action: 'startHandling', caseId: second.id }, director));
    expect((await test.request('command.undo', {}, operator) as { error: { message: string } }).error.message).toContain('不能撤销');
    expect((await getCase(second.id)).status).toBe('inProgress');
  });

  it('undoing a spoken order voids the case it made', async () => {
    const outcome = value<CommandOutcome>(await run('芷江西路300号建筑垃圾乱倒，环卫马上去'));
    value(await run('撤销'));
    expect((await getCase(outcome.caseId!)).status).toBe('voided');
  });

  it('changes the wall for every window: layout, module, screens, presentation — and presentation hides personal data from wall windows', async () => {
    const states: WallState[] = [];
    test.core.subscribe((message) => {
      if (message.event === 'wall.changed') states.push(message.payload.state);
    });
    value(await run('布局 16'));
    value(await run('切换 应急视频'));
    value(await run('屏11 光复路'));
    expect(states.at(-1)).toMatchObject({ layout: 16, module: 'emergency', screens: { '11': expect.stringMatching(/^cam-0[12]$/) } });
    value(await run('screen 3 Kangle Rd Primary School', null, english));
    expect(value<WallState>(await test.request('wall.get', {})).screens['3']).toBe('cam-09');
    expect((await run('布局 7') as { error: { message: string } }).error.message).toContain('1/4/6/9/16/25');

    const withReporter = value<Case>(
      await test.request('case.create', { description: '热线反映芷江西路群租', categoryCode: '20801', sourceId: 'hotline', reporter: { name: '张先生', phone: '13800000000' } }),
    );
    const videoWindow: Session = { connectionId: 'test-operator', role: 'video', audience: 'operator', locale: 'zh-CN' };
    expect(value<Case>(await test.request('case.get', { caseId: withReporter.id }, videoWindow)).reporter).not.toBeNull();
    value(await run('进入演示模式'));
    expect(value<WallState>(await test.request('wall.get', {})).presentation).toBe(true);
    // The wall windows now present: they may read the presentation only, never a case.
    expect(await test.request('case.get', { caseId: withReporter.id }, videoWindow)).toMatchObject({ ok: false, error: { code: 'presentationOnly' } });
    expect(value<Case>(await test.request('case.get', { caseId: withReporter.id }, operator)).reporter).not.toBeNull();
    value(await run('撤销'));
    expect(value<WallState>(await test.request('wall.get', {})).presentation).toBe(false);
  });

  it('places a case seen on a screen where that screen\'s camera looks', async () => {
    value(await run('屏5 康乐路小学'));
    await Promise.resolve(); // the video wall follows the wall state as soon as the event has gone out
    const outcome = value<CommandOutcome>(await run('屏5 两个摊头占道，城管去'));
    const item = await getCase(outcome.caseId!);
    expect(item.address).toBe('康乐路小学校门');
    expect(item.gridId).not.toBeNull();
    expect(item.lngLat).not.toBeNull();
  });

  it('lets the windows of one console share a sign-in, so the command bar works in each of them', async () => {
    const queueWindow: Session = { connectionId: 'app-1', consoleId: 'this-console', role: 'queue', audience: 'operator', locale: 'zh-CN' };
    const videoWindow: Session = { connectionId: 'app-2', consoleId: 'this-console', role: 'video', audience: 'operator', locale: 'zh-CN' };
    const otherPc: Session = { connectionId: 'web-7', role: 'video', audience: 'operator', locale: 'zh-CN' };
    expect((await run('布局 4', null, videoWindow) as { error: { code: string } }).error.code).toBe('notSignedIn');
    value(await test.request('session.signIn', { operatorId: 'op03', pin: '333333' }, queueWindow));
    test.core.forget('app-1'); // the queue window closed: the console stays signed in
    expect(value<CommandOutcome>(await run('布局 4', null, videoWindow)).readBack).toContain('4 分屏');
    expect((await run('布局 9', null, otherPc) as { error: { code: string } }).error.code).toBe('notSignedIn');
  });

  it('answers in the window language, and says what it did not understand', async () => {
    const understood = await understand('Rubbish piled outside Guangfu Road 120, send sanitation, blorp', english);
    expect(understood.readBack).toContain('Guangfu Road 120');
    expect(understood.readBack).toContain('Sanitation Company');
    expect(understood.readBack).toContain('Not understood: blorp');
    expect((await understand('')).readBack).toContain('请输入命令');
    expect((await understand('x'.repeat(5_000))).ready).toBe(false);
  });
});
