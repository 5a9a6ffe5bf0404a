import { describe, expect, it } from 'vitest';
import {
  computeKpis,
  computeKpisByDepartment,
  defaultDeductionRules,
  defaultScoreWeights,
  isDue,
  monthPeriod,
  percent,
  type AssessedCase,
  type Fraction,
  type KpiCaseIds,
  type Kpis,
} from '../../shared/domain/kpi';

const hour = 60 * 60 * 1000;
const march = monthPeriod(2026, 3);
const midMarch = march.from + 14 * 24 * hour;

let nextId = 1;
/** A dispatched case due in mid-March, reported back and closed two hours early. */
function makeCase(overrides: Partial<AssessedCase> = {}): AssessedCase {
  return {
    id: nextId++,
    leadDepartmentId: 'cityManagement',
    weight: 1,
    urgent: false,
    dispatchedAt: midMarch - 24 * hour,
    deadlineAt: midMarch,
    firstReportedBackAt: midMarch - 3 * hour,
    closedAt: midMarch - 2 * hour,
    status: 'closed',
    hungApproved: false,
    reworkCount: 0,
    returnCount: 0,
    extensionCount: 0,
    supervised: false,
    satisfaction: null,
    ...overrides,
  };
}

const closedLate = (overrides: Partial<AssessedCase> = {}) =>
  makeCase({ firstReportedBackAt: midMarch + hour, closedAt: midMarch + 2 * hour, ...overrides });
const stillOpen = (overrides: Partial<AssessedCase> = {}) =>
  makeCase({ firstReportedBackAt: null, closedAt: null, status: 'inProgress', ...overrides });

const sortedIds = (cases: AssessedCase[]) => cases.map((c) => c.id).sort((a, b) => a - b);
const sorted = (list: number[]) => [...list].sort((a, b) => a - b);

describe('the published monthly report', () => {
  it('972 due, 911 closed, 737 on time: closure 93.72 %, on-time closure 75.82 %', () => {
    const cases = [
      ...Array.from({ length: 737 }, () => makeCase()),
      ...Array.from({ length: 911 - 737 }, () => closedLate()),
      ...Array.from({ length: 972 - 911 }, () => stillOpen()),
      // Not due this month: they must not disturb the figures.
      makeCase({ status: 'voided' }),
      makeCase({ status: 'merged' }),
      stillOpen({ status: 'hung', hungApproved: true }),
      makeCase({ deadlineAt: march.to }),
    ];
    const kpis = computeKpis(cases, march);
    expect(kpis.due).toBe(972);
    expect(kpis.closed).toBe(911);
    expect(kpis.closedOnTime).toBe(737);
    expect(kpis.closureRate).toMatchObject({ numerator: 911, denominator: 972 });
    expect(kpis.closureRate.value).toBeCloseTo(0.93724, 5);
    expect(percent(kpis.closureRate)).toBe(93.72);
    expect(kpis.onTimeClosureRate).toMatchObject({ numerator: 737, denominator: 972 });
    expect(percent(kpis.onTimeClosureRate)).toBe(75.82);
    expect(percent(kpis.disposalRate)).toBe(93.72);
  });
});

describe('monthPeriod', () => {
  it('is the calendar month in Beijing time (UTC+8), half-open', () => {
    expect(march).toEqual({ from: Date.UTC(2026, 1, 28, 16), to: Date.UTC(2026, 2, 31, 16) });
    expect(monthPeriod(2026, 12)).toEqual({ from: Date.UTC(2026, 10, 30, 16), to: Date.UTC(2026, 11, 31, 16) });
    expect(monthPeriod(2026, 4).from).toBe(march.to);
  });

  it('refuses a month that does not exist', () => {
    expect(() => monthPeriod(2026, 0)).toThrow(RangeError);
    expect(() => monthPeriod(2026, 13)).toThrow(RangeError);
    expect(() => monthPeriod(2026, 1.5)).toThrow(RangeError);
  });
});

describe('what is due', () => {
  it('is a case whose deadline falls in [from, to)', () => {
    expect(isDue(makeCase({ deadlineAt: march.from }), march)).toBe(true);
    expect(isDue(makeCase({ deadlineAt: march.to - 1 }), march)).toBe(true);
    expect(isDue(makeCase({ deadlineAt: march.to }), march)).toBe(false);
    expect(isDue(makeCase({ deadlineAt: march.from - 1 }), march)).toBe(false);
  });

  it('leaves out a case due next month, and a case never dispatched', () => {
    const nextMonth = stillOpen({ deadlineAt: march.to + 3 * 24 * hour });
    const undispatched = stillOpen({ dispatchedAt: null, deadlineAt: null, status: 'registered' });
    expect(isDue(nextMonth, march)).toBe(false);
    expect(isDue(nextMonth, monthPeriod(2026, 4))).toBe(true);
    expect(isDue(undispatched, march)).toBe(false);
    expect(computeKpis([nextMonth, undispatched], march).due).toBe(0);
  });

  it('never includes voided, merged or approved-hung cases', () => {
    const kept = makeCase();
    const cases = [kept, makeCase({ status: 'voided' }), makeCase({ status: 'merged' }), stillOpen({ status: 'hung', hungApproved: true })];
    expect(computeKpis(cases, march).caseIds.due).toEqual([kept.id]);
  });

  it('still includes a case that was hung, resumed and is no longer in the backlog', () => {
    expect(isDue(stillOpen({ status: 'inProgress', hungApproved: false }), march)).toBe(true);
  });

  it('follows an approved extension into the month of the new deadline', () => {
    const extended = stillOpen({ deadlineAt: march.to + 2 * 24 * hour, extensionCount: 1 });
    expect(isDue(extended, march)).toBe(false);
    const april = computeKpis([extended], monthPeriod(2026, 4));
    expect(april.extensionRate).toMatchObject({ numerator: 1, denominator: 1 });
  });
});

describe('the rates', () => {
  it('count on time at or before the deadline', () => {
    const exactly = makeCase({ firstReportedBackAt: midMarch, closedAt: midMarch });
    const aMillisecondLate = makeCase({ firstReportedBackAt: midMarch + 1, closedAt: midMarch + 1 });
    const kpis = computeKpis([exactly, aMillisecondLate], march);
    expect(kpis.caseIds.closedOnTime).toEqual([exactly.id]);
    expect(kpis.caseIds.reportedBackOnTime).toEqual([exactly.id]);
    expect(kpis.closed).toBe(2);
  });

  it('separate disposal (reported back) from closure (verified and closed)', () => {
    const reportedNotVerified = makeCase({ status: 'reportedBack', closedAt: null });
    const reworkedAndOpen = makeCase({ status: 'inProgress', closedAt: null, reworkCount: 1 });
    const kpis = computeKpis([makeCase(), reportedNotVerified, reworkedAndOpen, stillOpen()], march);
    expect(kpis.disposalRate).toEqual({ numerator: 3, denominator: 4, value: 0.75 });
    expect(kpis.closureRate).toEqual({ numerator: 1, denominator: 4, value: 0.25 });
    expect(kpis.reworkRate).toEqual({ numerator: 1, denominator: 4, value: 0.25 });
  });

  it('take the figures at the end of the period unless asked for a later moment', () => {
    const closedAfterMonthEnd = makeCase({ deadlineAt: march.to - hour, firstReportedBackAt: march.to + hour, closedAt: march.to + 2 * hour });
    expect(computeKpis([closedAfterMonthEnd], march).closed).toBe(0);
    expect(computeKpis([closedAfterMonthEnd], march).reportedBack).toBe(0);
    const later = computeKpis([closedAfterMonthEnd], march, { asOf: march.to + 24 * hour });
    expect(later.closed).toBe(1);
    expect(later.closedOnTime).toBe(0);
  });

  it('do not count a case reopened after closing as closed', () => {
    const reopened = makeCase({ status: 'registered' });
    expect(computeKpis([reopened], march).closed).toBe(0);
  });

  it('give null, never NaN or 0, when there is nothing to divide by', () => {
    const nothing = computeKpis([], march);
    const rates: Fraction[] = [nothing.disposalRate, nothing.closureRate, nothing.onTimeClosureRate, nothing.reworkRate, nothing.urgentClosureRate, nothing.satisfaction];
    for (const rate of rates) expect(rate).toEqual({ numerator: 0, denominator: 0, value: null });
    expect(percent(nothing.closureRate)).toBeNull();
    expect(nothing.score).toBeNull();

    const noUrgentNoSupervision = computeKpis([makeCase()], march);
    expect(noUrgentNoSupervision.urgentClosureRate.value).toBeNull();
    expect(noUrgentNoSupervision.urgentOnTimeClosureRate.value).toBeNull();
    expect(noUrgentNoSupervision.supervisedOnTimeRate.value).toBeNull();
    expect(noUrgentNoSupervision.closureRate.value).toBe(1);
  });

  it('cover urgent, supervised, returned, extended and rated cases', () => {
    const cases = [
      makeCase({ urgent: true, supervised: true, satisfaction: 1 }),
      closedLate({ urgent: true, supervised: true, satisfaction: 0.6, returnCount: 1 }),
      stillOpen({ urgent: true, extensionCount: 2 }),
      makeCase({ satisfaction: 0.8 }),
    ];
    const kpis = computeKpis(cases, march);
    expect(kpis.urgentClosureRate).toMatchObject({ numerator: 2, denominator: 3 });
    expect(kpis.urgentOnTimeClosureRate).toMatchObject({ numerator: 1, denominator: 3 });
    expect(kpis.supervisedOnTimeRate).toMatchObject({ numerator: 1, denominator: 2 });
    expect(kpis.returnRate).toMatchObject({ numerator: 1, denominator: 4 });
    expect(kpis.extensionRate).toMatchObject({ numerator: 1, denominator: 4 });
    expect(kpis.satisfaction.denominator).toBe(3);
    expect(kpis.satisfaction.value).toBeCloseTo(0.8, 10);
  });
});

describe('drill-down', () => {
  it('lists exactly the cases behind every number', () => {
    const onTime = [makeCase(), makeCase({ urgent: true, supervised: true })];
    const late = [closedLate({ reworkCount: 1 }), closedLate({ urgent: true, returnCount: 2 })];
    const open = [stillOpen({ extensionCount: 1 }), stillOpen({ urgent: true, supervised: true, weight: 2 })];
    const reportedOnly = [makeCase({ status: 'reportedBack', closedAt: null, satisfaction: 0.6 })];
    const notDue = [makeCase({ status: 'voided' }), stillOpen({ deadlineAt: march.to + hour })];
    const kpis = computeKpis([...onTime, ...late, ...open, ...reportedOnly, ...notDue], march);
    const { caseIds } = kpis;

    expect(sorted(caseIds.due)).toEqual(sortedIds([...onTime, ...late, ...open, ...reportedOnly]));
    expect(sorted(caseIds.closed)).toEqual(sortedIds([...onTime, ...late]));
    expect(sorted(caseIds.closedOnTime)).toEqual(sortedIds(onTime));
    expect(sorted(caseIds.reportedBack)).toEqual(sortedIds([...onTime, ...late, ...reportedOnly]));
    expect(caseIds.overdueKeyCases).toEqual([open[1]!.id]);

    const pairs: [Fraction, keyof KpiCaseIds, keyof KpiCaseIds][] = [
      [kpis.disposalRate, 'reportedBack', 'due'],
      [kpis.onTimeDisposalRate, 'reportedBackOnTime', 'due'],
      [kpis.closureRate, 'closed', 'due'],
      [kpis.onTimeClosureRate, 'closedOnTime', 'due'],
      [kpis.reworkRate, 'reworked', 'due'],
      [kpis.returnRate, 'returned', 'due'],
      [kpis.extensionRate, 'extended', 'due'],
      [kpis.supervisedOnTimeRate, 'supervisedClosedOnTime', 'supervised'],
      [kpis.urgentClosureRate, 'urgentClosed', 'urgent'],
      [kpis.urgentOnTimeClosureRate, 'urgentClosedOnTime', 'urgent'],
    ];
    for (const [rate, numerator, denominator] of pairs) {
      expect(caseIds[numerator]).toHaveLength(rate.numerator);
      expect(caseIds[denominator]).toHaveLength(rate.denominator);
      for (const id of caseIds[numerator]) expect(caseIds[denominator]).toContain(id);
    }
    expect(caseIds.rated).toHaveLength(kpis.satisfaction.denominator);
    for (const list of Object.values(caseIds)) for (const id of list) expect(caseIds.due).toContain(id);
  });
});

describe('per department', () => {
  it('splits the cases by lead department and adds up to the whole', () => {
    const cases = [
      makeCase({ leadDepartmentId: 'sanitation' }),
      closedLate({ leadDepartmentId: 'sanitation' }),
      stillOpen({ leadDepartmentId: 'police' }),
      makeCase({ leadDepartmentId: 'cityManagement' }),
      makeCase({ leadDepartmentId: 'cityManagement' }),
      stillOpen({ leadDepartmentId: 'housing', deadlineAt: march.to + hour }),
    ];
    const { overall, departments } = computeKpisByDepartment(cases, march);
    expect(departments.map((d) => d.departmentId)).toEqual(['cityManagement', 'housing', 'police', 'sanitation']);

    const byId = new Map(departments.map((d) => [d.departmentId, d.kpis] as [string | null, Kpis]));
    expect(byId.get('sanitation')!.closureRate).toMatchObject({ numerator: 2, denominator: 2 });
    expect(byId.get('sanitation')!.onTimeClosureRate).toMatchObject({ numerator: 1, denominator: 2 });
    expect(byId.get('police')!.closureRate).toMatchObject({ numerator: 0, denominator: 1 });
    expect(byId.get('cityManagement')!.onTimeClosureRate.value).toBe(1);
    // Listed, but nothing due this month: no rates and no score.
    expect(byId.get('housing')!.due).toBe(0);
    expect(byId.get('housing')!.score).toBeNull();

    expect(overall.due).toBe(5);
    expect(departments.reduce((sum, d) => sum + d.kpis.due, 0)).toBe(overall.due);
    expect(departments.reduce((sum, d) => sum + d.kpis.closed, 0)).toBe(overall.closed);
    expect(sorted(departments.flatMap((d) => d.kpis.caseIds.closedOnTime))).toEqual(sorted(overall.caseIds.closedOnTime));
  });

  it('keeps cases without a lead department apart, listed last', () => {
    const { departments } = computeKpisByDepartment([makeCase({ leadDepartmentId: null }), makeCase({ leadDepartmentId: 'police' })], march);
    expect(departments.map((d) => d.departmentId)).toEqual(['police', null]);
  });
});

describe('the composite score', () => {
  it('has default weights that sum to 100, and a perfect month scores 100', () => {
    const sum = Object.values(defaultScoreWeights).reduce((a, b) => a + b, 0);
    expect(sum).toBe(100);
    const perfect = computeKpis([makeCase({ urgent: true, supervised: true, satisfaction: 1 }), makeCase({ satisfaction: 1 })], march);
    expect(perfect.score).toBe(100);
  });

  it('gives full marks for a component with nothing to judge: no urgent case is no punishment', () => {
    const kpis = computeKpis([makeCase()], march);
    expect(kpis.scoreComponents.urgent).toMatchObject({ weight: 10, points: 10 });
    expect(kpis.scoreComponents.supervision.points).toBe(5);
    expect(kpis.scoreComponents.satisfaction.points).toBe(10);
    expect(kpis.score).toBe(100);
  });

  it('is weight × rate per component, rework as weight × (1 − rework rate)', () => {
    // 4 due: 2 on time, 1 late, 1 open; 1 reworked; urgent 1 of 2 closed; mean satisfaction 0.5.
    const cases = [
      makeCase({ urgent: true, satisfaction: 1 }),
      makeCase({ reworkCount: 1 }),
      closedLate({ satisfaction: 0 }),
      stillOpen({ urgent: true }),
    ];
    const kpis = computeKpis(cases, march);
    expect(kpis.scoreComponents.onTime.points).toBeCloseTo(50 * 0.5, 10);
    expect(kpis.scoreComponents.closure.points).toBeCloseTo(20 * 0.75, 10);
    expect(kpis.scoreComponents.urgent.points).toBeCloseTo(10 * 0.5, 10);
    expect(kpis.scoreComponents.rework.points).toBeCloseTo(5 * 0.75, 10);
    expect(kpis.scoreComponents.supervision.points).toBe(5);
    expect(kpis.scoreComponents.satisfaction.points).toBeCloseTo(10 * 0.5, 10);
    expect(kpis.score).toBeCloseTo(25 + 15 + 5 + 3.75 + 5 + 5, 10);
  });

  it('takes configurable weights', () => {
    const cases = [makeCase(), closedLate()];
    const onlyOnTime = computeKpis(cases, march, { weights: { onTime: 100, closure: 0, urgent: 0, rework: 0, supervision: 0, satisfaction: 0 } });
    expect(onlyOnTime.score).toBeCloseTo(50, 10);
    const heavierClosure = computeKpis(cases, march, { weights: { closure: 40 } });
    expect(heavierClosure.scoreComponents.closure.weight).toBe(40);
    expect(heavierClosure.scoreComponents.onTime.weight).toBe(50);
    expect(heavierClosure.score).toBeCloseTo(25 + 40 + 10 + 5 + 5 + 10, 10);
  });

  it('counts leader-assigned and media-exposed cases double, while the published rates count them once', () => {
    const ordinaryLate = [makeCase(), makeCase(), closedLate()];
    const keyCaseLate = [makeCase(), makeCase(), closedLate({ weight: 2 })];
    const a = computeKpis(ordinaryLate, march);
    const b = computeKpis(keyCaseLate, march);
    expect(b.onTimeClosureRate).toEqual(a.onTimeClosureRate);
    expect(b.scoreComponents.onTime.rate).toMatchObject({ numerator: 2, denominator: 4 });
    expect(a.score).toBeCloseTo(50 * (2 / 3) + 50, 10);
    expect(b.score).toBeCloseTo(50 * (2 / 4) + 50, 10);
    expect(b.score!).toBeLessThan(a.score!);
  });

  it('deducts for overdue key cases and repeated rework, up to the cap', () => {
    expect(defaultDeductionRules).toMatchObject({ perOverdueKeyCase: 0.5, cap: 5 });
    const few = computeKpis([makeCase(), stillOpen({ weight: 2 }), stillOpen({ weight: 1 }), makeCase({ reworkCount: 3 })], march);
    expect(few.caseIds.overdueKeyCases).toHaveLength(1);
    expect(few.caseIds.repeatedRework).toHaveLength(1);
    expect(few.deductions).toEqual({ overdueKeyCases: 0.5, repeatedRework: 0.5, uncapped: 1, points: 1 });

    const many = [...Array.from({ length: 30 }, () => stillOpen({ weight: 2 })), ...Array.from({ length: 70 }, () => makeCase())];
    const capped = computeKpis(many, march);
    expect(capped.deductions.uncapped).toBe(15);
    expect(capped.deductions.points).toBe(5);
    const componentPoints = Object.values(capped.scoreComponents).reduce((sum, part) => sum + part.points, 0);
    expect(capped.score).toBeCloseTo(componentPoints - 5, 10);

    const custom = computeKpis(many, march, { deductions: { perOverdueKeyCase: 1, cap: 8 } });
    expect(custom.deductions).toMatchObject({ uncapped: 30, points: 8 });
  });

  it('does not deduct before the deadline has passed, nor below zero', () => {
    const notYetLate = stillOpen({ weight: 2, deadlineAt: march.to - hour });
    expect(computeKpis([notYetLate], march, { asOf: march.to - 2 * hour }).deductions.points).toBe(0);
    const hopeless = Array.from({ length: 20 }, () => stillOpen({ weight: 2, reworkCount: 3 }));
    const kpis = computeKpis(hopeless, march, { weights: { urgent: 0, supervision: 0, satisfaction: 0, rework: 0 }, deductions: { cap: 50 } });
    expect(kpis.score).toBe(0);
  });
});
