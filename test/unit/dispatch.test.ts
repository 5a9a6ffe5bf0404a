import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { handoverSectionLimit, handoverSections, type Assessment, type HandoverReport, type TimelineEntry } from '../../shared/contract/contract';
import { handoverForWindow } from '../../electron/core/services/handover';
import type { ResponseMessage } from '../../shared/contract/messages';
import { isOverdue, supervisionLevel, type Case } from '../../shared/domain/case';
import { verifyAuditChain } from '../../electron/core/store/auditTrail';
import { openDatabase } from '../../electron/core/store/database';
import { director, operator, startTestCore, visitor } from '../support/testCore';

type TestCore = ReturnType<typeof startTestCore>;
const cores: TestCore[] = [];
afterEach(() => cores.splice(0).forEach((core) => core.close()));
const hour = 3_600_000;

function start() {
  const test = startTestCore({ demo: { seed: 3, historyDays: 0, historyPerDay: 0, feedRatePerMinute: 0 } });
  cores.push(test);
  const ok = <T>(response: ResponseMessage): T => {
    if (!response.ok) throw new Error(`${response.error.code}: ${response.error.message}`);
    return response.value as T;
  };
  const act = async (args: Record<string, unknown>, session = operator) => await test.request('case.act', args, session, 'hotkey');
  const create = async (extra: Record<string, unknown> = {}) =>
    ok<Case>(await test.request('case.create', { description: '光复路200号门口暴露垃圾', categoryCode: '20101', sourceId: 'street', address: '光复路200号', ...extra }));
  const registered = async (extra: Record<string, unknown> = {}) => {
    const item = await create(extra);
    ok(await act({ action: 'register', caseId: item.id }));
    return item;
  };
  return { test, ok, act, create, registered };
}

describe('dispatching and handling cases', () => {
  it('runs register → dispatch → report back → close, with a working-time deadline from dispatch', async () => {
    const { test, ok, act, registered } = start();
    const item = await registered();
    const dispatched = ok<Case>(await act({ action: 'dispatch', caseId: item.id, leadDepartmentId: 'SANITATION' }));
    expect(dispatched.status).toBe('dispatched');
    // Exposed rubbish: 4 working hours. Dispatched Thursday 10:00 → 15:00 (the lunch hour does not count).
    expect(dispatched.deadlineAt! - dispatched.dispatchedAt!).toBe(5 * hour);
    expect(dispatched.assignments).toEqual([expect.objectContaining({ departmentId: 'SANITATION', role: 'lead', status: 'dispatched' })]);
    test.advance(hour);
    ok(await act({ action: 'startHandling', caseId: item.id }));
    test.advance(hour);
    const back = ok<Case>(await act({ action: 'reportBack', caseId: item.id, reason: '已清运' }));
    expect(back.firstReportedBackAt).not.toBeNull();
    const closed = ok<Case>(await act({ action: 'close', caseId: item.id, satisfaction: 1 }));
    expect(closed.status).toBe('closed');
    expect(closed.closedAt! <= closed.deadlineAt!).toBe(true);
    const timeline = ok<TimelineEntry[]>(await test.request('case.timeline', { caseId: item.id }));
    expect(timeline.map((entry) => entry.kind)).toEqual(['created', 'register', 'dispatch', 'startHandling', 'reportBack', 'close']);
    expect(timeline.every((entry) => entry.actorName === '王敏' && entry.input !== '')).toBe(true);
    expect(timeline[4]!.data.reason).toBe('已清运');
  });

  it('refuses illegal moves with the status and the allowed actions, and writes nothing', async () => {
    const { test, act, create } = start();
    const item = await create();
    const refused = await act({ action: 'close', caseId: item.id });
    expect(refused).toMatchObject({ ok: false, error: { code: 'illegalTransition' } });
    if (!refused.ok) expect(refused.error.message).toBe('案件处于「待核实」，不能结案。现在可以：核实、立案、合并、督办。');
    const timeline = await test.request('case.timeline', { caseId: item.id });
    expect(timeline.ok && (timeline.value as TimelineEntry[]).length).toBe(1);
  });

  it('counts a return and sends the case back for re-dispatch', async () => {
    const { ok, act, registered } = start();
    const item = await registered();
    ok(await act({ action: 'dispatch', caseId: item.id, leadDepartmentId: 'CITYMGMT' }));
    expect(await act({ action: 'returnCase', caseId: item.id })).toMatchObject({ ok: false, error: { code: 'reasonRequired', fields: [{ path: 'reason' }] } });
    const returned = ok<Case>(await act({ action: 'returnCase', caseId: item.id, reason: '非城管职责，应由环卫处理' }));
    expect(returned).toMatchObject({ status: 'registered', returnCount: 1, deadlineAt: null });
    expect(returned.assignments[0]).toMatchObject({ departmentId: 'CITYMGMT', status: 'returned' });
    const again = ok<Case>(await act({ action: 'dispatch', caseId: item.id, leadDepartmentId: 'SANITATION' }));
    expect(again).toMatchObject({ status: 'dispatched', returnCount: 1, leadDepartmentId: 'SANITATION' });
    expect(again.assignments.map((entry) => entry.departmentId)).toEqual(['SANITATION']);
  });

  it('runs a joint operation: one case, a record per department', async () => {
    const { ok, act, registered } = start();
    const item = await registered({ categoryCode: '20801', description: '群租整治联合行动' });
    const joint = ok<Case>(await act({ action: 'dispatch', caseId: item.id, leadDepartmentId: 'HOUSING', helperDepartmentIds: ['POLICE', 'CITYMGMT', 'MARKET', 'FOOD', 'HOUSING'] }));
    expect(joint.assignments.map((entry) => [entry.departmentId, entry.role])).toEqual([
      ['HOUSING', 'lead'],
      ['CITYMGMT', 'helper'],
      ['FOOD', 'helper'],
      ['MARKET', 'helper'],
      ['POLICE', 'helper'],
    ]);
    const more = ok<Case>(await act({ action: 'addHelpers', caseId: item.id, helperDepartmentIds: ['SANITATION'] }));
    expect(more.assignments).toHaveLength(6);
    const progress = ok<Case>(await act({ action: 'recordHelperProgress', caseId: item.id, departmentId: 'POLICE', progress: 'reportedBack', reason: '清查 12 户' }));
    expect(progress.assignments.find((entry) => entry.departmentId === 'POLICE')).toMatchObject({ status: 'reportedBack', note: '清查 12 户' });
    expect(progress.status).toBe('dispatched');
    expect(await act({ action: 'addHelpers', caseId: item.id, helperDepartmentIds: ['FIREBRIGADE'] })).toMatchObject({ ok: false, error: { code: 'unknownDepartment' } });
  });

  it('merges a duplicate into the open case it repeats, which is proposed first', async () => {
    const { test, ok, act, create } = start();
    const first = await create({ lngLat: [121.4605, 31.2602] });
    const second = await create({ lngLat: [121.4607, 31.2603], sourceId: 'hotline' });
    const proposals = ok<Case[]>(await test.request('case.duplicates', { caseId: second.id }));
    expect(proposals.map((item) => item.id)).toEqual([first.id]);
    const merged = ok<Case>(await act({ action: 'merge', caseId: second.id, parentId: first.id }));
    expect(merged).toMatchObject({ status: 'merged', mergedInto: first.id });
    const parentTimeline = ok<TimelineEntry[]>(await test.request('case.timeline', { caseId: first.id }));
    expect(parentTimeline.at(-1)).toMatchObject({ kind: 'absorbedDuplicate', data: { childNumber: second.number } });
    expect(await act({ action: 'merge', caseId: first.id, parentId: first.id })).toMatchObject({ ok: false, error: { code: 'mergeTarget' } });
  });

  it('extends deadlines on the director’s approval only', async () => {
    const { ok, act, registered } = start();
    const item = await registered();
    const dispatched = ok<Case>(await act({ action: 'dispatch', caseId: item.id, leadDepartmentId: 'SANITATION' }));
    ok(await act({ action: 'requestExtension', caseId: item.id, limit: { value: 1, unit: 'workingDays' }, reason: '需调用机械' }));
    expect(await act({ action: 'approveExtension', caseId: item.id })).toMatchObject({ ok: false, error: { code: 'directorOnly' } });
    const approved = ok<Case>(await act({ action: 'approveExtension', caseId: item.id }, director));
    expect(approved.extensionCount).toBe(1);
    expect(approved.pendingExtension).toBeNull();
    expect(approved.timeLimitMs).toBe(dispatched.timeLimitMs! + 8 * hour);
    expect(approved.deadlineAt!).toBeGreaterThan(dispatched.deadlineAt!);
    expect(await act({ action: 'refuseExtension', caseId: item.id, reason: 'x' }, director)).toMatchObject({ ok: false, error: { code: 'noPendingExtension' } });
  });

  it('stops the clock while a case is hung and resumes it with the deadline moved', async () => {
    const { test, ok, act, registered } = start();
    const item = await registered();
    const dispatched = ok<Case>(await act({ action: 'dispatch', caseId: item.id, leadDepartmentId: 'SANITATION' }));
    test.advance(hour);
    ok(await act({ action: 'hang', caseId: item.id, reason: '待区级统一整治' }, director));
    test.advance(24 * hour); // Thursday 11:00 → Friday 11:00: 8 working hours pass while hung
    const resumed = ok<Case>(await act({ action: 'resume', caseId: item.id }, director));
    expect(resumed.status).toBe('inProgress');
    expect(resumed.pausedWorkingMs).toBe(8 * hour);
    expect(resumed.deadlineAt).toBeGreaterThan(dispatched.deadlineAt!);
  });

  it('raises supervision by the ladder at 50 % and 80 % of the time limit and when overdue', async () => {
    const { ok, act, registered } = start();
    const item = await registered();
    const dispatched = ok<Case>(await act({ action: 'dispatch', caseId: item.id, leadDepartmentId: 'SANITATION' }));
    const [half, eighty] = dispatched.ladderAt!;
    expect(supervisionLevel(dispatched, half - 1)).toBe(0);
    expect(supervisionLevel(dispatched, half)).toBe(1);
    expect(supervisionLevel(dispatched, eighty)).toBe(2);
    expect(supervisionLevel(dispatched, dispatched.deadlineAt! + 1)).toBe(3);
    expect(isOverdue(dispatched, dispatched.deadlineAt! + 1)).toBe(true);
    const manual = ok<Case>(await act({ action: 'supervise', caseId: item.id, level: 2, reason: '主任关注' }));
    expect(supervisionLevel(manual, dispatched.dispatchedAt!)).toBe(2);
  });

  it('refuses unsigned operators, future report times and unknown departments', async () => {
    const { test, act, registered } = start();
    const stranger = { ...operator, connectionId: 'nobody' };
    expect(await test.request('case.create', { description: '未签入', categoryCode: '20101', sourceId: 'street' }, stranger)).toMatchObject({
      ok: false,
      error: { code: 'notSignedIn' },
    });
    expect(await test.request('case.create', { description: '来自未来', categoryCode: '20101', sourceId: 'street', reportedAt: Date.now() + 86_400_000 * 400 })).toMatchObject({
      ok: false,
      error: { code: 'futureTimestamp' },
    });
    const item = await registered();
    expect(await act({ action: 'dispatch', caseId: item.id, leadDepartmentId: 'NOBODY' })).toMatchObject({ ok: false, error: { code: 'unknownDepartment' } });
    expect(await test.request('session.signIn', { operatorId: 'op01', pin: '0000' }, stranger)).toMatchObject({ ok: false, error: { code: 'signInFailed' } });
  });

  it('locates a case from its address through the gazetteer, or leaves it visibly unlocated', async () => {
    const { create } = start();
    const located = await create({ address: '光复路200号' });
    expect(located.lngLat).not.toBeNull();
    expect(located.gridId).toMatch(/^G\d{2}$/);
    const unknown = await create({ address: '不存在路1号', description: '某处有垃圾' });
    expect(unknown.lngLat).toBeNull();
    expect(unknown.gridId).toBeNull();
  });

  it('keeps markup as plain text', async () => {
    const { create } = start();
    const item = await create({ description: '<img src=x onerror=alert(1)>垃圾' });
    expect(item.description).toBe('<img src=x onerror=alert(1)>垃圾');
  });

  it('hash-chains the audit trail so an edited event is detected', async () => {
    const { test, ok, act, registered } = start();
    const item = await registered();
    ok(await act({ action: 'dispatch', caseId: item.id, leadDepartmentId: 'SANITATION' }));
    const db = openDatabase(test.dbPath);
    expect(verifyAuditChain(db)).toBeNull();
    const target = db.prepare("SELECT id FROM audit_events WHERE kind = 'register'").get() as { id: number };
    db.prepare("UPDATE audit_events SET actor = 'someone-else' WHERE id = ?").run(target.id);
    expect(verifyAuditChain(db)).toBe(target.id);
    db.close();
  });

  it('assesses departments by month and writes the shift handover', async () => {
    const { test, ok } = start();
    const history = startTestCore({ demo: { seed: 11, historyDays: 60, historyPerDay: 60, feedRatePerMinute: 0 } });
    cores.push(history);
    const assessment = ok<Assessment>(await history.request('kpi.get', { month: '2026-10' }));
    expect(assessment.overall.due).toBeGreaterThan(500);
    expect(assessment.overall.closureRate.value!).toBeGreaterThan(0.8);
    expect(assessment.overall.onTimeClosureRate.value!).toBeLessThan(assessment.overall.closureRate.value!);
    expect(assessment.departments.reduce((sum, department) => sum + department.kpis.due, 0)).toBe(assessment.overall.due);
    const behind = ok<Case[]>(await history.request('cases.byIds', { ids: assessment.overall.caseIds.closedOnTime.slice(0, 20) }));
    expect(behind.every((item) => item.status === 'closed' && item.closedAt! <= item.deadlineAt!)).toBe(true);

    const report = ok<HandoverReport>(await history.request('report.handover', { hours: 12 }));
    expect(report.counts.open).toBeGreaterThan(0);
    expect(report.file).toMatch(/handover-\d{12}\.html$/);
    // A window gets at most handoverSectionLimit cases per section, with the true totals; the file has every one.
    for (const section of handoverSections) {
      expect(report[section].length).toBe(Math.min(report.sectionTotals[section], handoverSectionLimit));
    }
    const cut = handoverForWindow({ ...report, urgent: Array.from({ length: handoverSectionLimit + 50 }, () => report.urgent[0]!), sectionTotals: { ...report.sectionTotals, urgent: handoverSectionLimit + 50 } });
    expect(cut.urgent).toHaveLength(handoverSectionLimit);
    expect(cut.sectionTotals.urgent).toBe(handoverSectionLimit + 50);
    // Presentation windows cannot make reports: they are read-only.
    expect(await history.request('report.handover', { hours: 12 }, visitor)).toMatchObject({ ok: false, error: { code: 'readOnly' } });
    void test;
  });
});

describe('the store under the lifecycle', () => {
  it('chains history events too, so a fresh demo database verifies', async () => {
    const test = startTestCore({ demo: { seed: 5, historyDays: 10, historyPerDay: 30, feedRatePerMinute: 0 } });
    cores.push(test);
    const db = new Database(test.dbPath, { readonly: true });
    expect(verifyAuditChain(db)).toBeNull();
    db.close();
  });
});

describe('photos on cases', () => {
  // A 1×1 PNG.
  const png = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==';

  it('keeps a photo with its audit event and outbox record, and never shows it to visitors', async () => {
    const test = startTestCore({ demo: { seed: 3, historyDays: 0, historyPerDay: 0, feedRatePerMinute: 0 } });
    cores.push(test);
    const created = await test.request('case.create', { description: '井盖缺失', categoryCode: '10101', sourceId: 'street' });
    const caseId = (created as { value: Case }).value.id;
    const attached = await test.request('case.attach', { caseId, kind: 'photo', mime: 'image/png', dataBase64: png, caption: '现场' });
    expect(attached).toMatchObject({ ok: true, value: { caseId, kind: 'photo', actorName: '王敏' } });
    const list = await test.request('case.attachments', { caseId });
    expect(list.ok && (list.value as unknown[]).length).toBe(1);
    const image = await test.request('attachment.get', { attachmentId: (attached as { value: { id: number } }).value.id });
    expect(image).toMatchObject({ ok: true, value: { mime: 'image/png', dataBase64: png } });
    expect(await test.request('case.attachments', { caseId }, visitor)).toMatchObject({ ok: false, error: { code: 'presentationOnly' } });
    expect(await test.request('attachment.get', { attachmentId: 1 }, visitor)).toMatchObject({ ok: false });
    // Not released for a highlight: not a picture a presentation window can have.
    expect(await test.request('presentation.picture', { attachmentId: (attached as { value: { id: number } }).value.id }, visitor)).toMatchObject({ ok: false, error: { code: 'notFound' } });
    const timeline = await test.request('case.timeline', { caseId }) as { value: TimelineEntry[] };
    expect(timeline.value.at(-1)!.kind).toBe('attached');
  });

  it('refuses a file that only claims to be an image, writing nothing', async () => {
    const test = startTestCore({ demo: { seed: 3, historyDays: 0, historyPerDay: 0, feedRatePerMinute: 0 } });
    cores.push(test);
    const created = await test.request('case.create', { description: '井盖缺失', categoryCode: '10101', sourceId: 'street' });
    const caseId = (created as { value: Case }).value.id;
    const fake = Buffer.from('<script>alert(1)</script> not a png at all').toString('base64');
    expect(await test.request('case.attach', { caseId, kind: 'photo', mime: 'image/png', dataBase64: fake })).toMatchObject({ ok: false, error: { code: 'notAnImage' } });
    expect(await test.request('case.attachments', { caseId })).toMatchObject({ ok: true, value: [] });
    const db = new Database(test.dbPath, { readonly: true });
    expect(db.prepare("SELECT count(*) AS n FROM outbox WHERE kind = 'case.attached'").get()).toEqual({ n: 0 });
    db.close();
  });
});
