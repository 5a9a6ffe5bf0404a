/**
 * Assessment (考核) KPIs of the "1 + 8" departments, computed from cases.
 *
 * Pure functions over a small input type of their own (`AssessedCase`), so the
 * figures do not depend on how cases are stored. Every rate keeps its
 * numerator and denominator, and `caseIds` lists the cases behind every
 * number, so the wall can drill down from a percentage to the cases.
 * The definitions are written out in docs/KPI.md; keep the two in step.
 *
 * Times are epoch milliseconds. Deadlines are computed elsewhere, in working
 * time (the working calendar); here a deadline is just an instant.
 */

/** What assessment needs to know about one case. */
export interface AssessedCase {
  id: number;
  /** The lead department (主办); the case counts for this department. */
  leadDepartmentId: string | null;
  /**
   * Source weight (from `Source.weight`): leader-assigned and media-exposed
   * cases count 2, others 1. Used only in the composite score and its
   * deductions; the published rates count every case once.
   */
  weight: number;
  urgent: boolean;
  /** When the clock started; not used in the figures, kept for drill-down lists. */
  dispatchedAt: number | null;
  /** Deadline after approved extensions; null if never dispatched. */
  deadlineAt: number | null;
  /** When the department first reported back (处置反馈). */
  firstReportedBackAt: number | null;
  /** When the case was verified and closed (结案); null unless it is closed now. */
  closedAt: number | null;
  /** The case status now: 'closed', 'voided', 'merged', 'hung' or an open status. */
  status: string;
  /**
   * The case sits in the approved long-term backlog (挂账): status 'hung',
   * set by the duty director. Such cases are never due.
   */
  hungApproved: boolean;
  /** Times verification failed and the case was sent back (返工). */
  reworkCount: number;
  /** Times a department returned it as not its duty (退回). */
  returnCount: number;
  /** Approved extensions (延期). */
  extensionCount: number;
  /**
   * The case was put under supervision (督办) before its deadline: by the
   * duty director, or by the automatic ladder at level 1 or 2 (see
   * shared/domain/workCalendar.ts). Do not set it for "went overdue" alone:
   * such a case can never be closed on time.
   */
  supervised: boolean;
  /** 0..1 (satisfied 1, basically satisfied 0.8, neutral 0.6, dissatisfied 0); null if not rated. */
  satisfaction: number | null;
}

/** A half-open interval [from, to) of epoch milliseconds. */
export interface Period {
  from: number;
  to: number;
}

/** An exact rate: `value` is numerator / denominator, null when the denominator is 0. */
export interface Fraction {
  numerator: number;
  denominator: number;
  value: number | null;
}

export function fraction(numerator: number, denominator: number): Fraction {
  return { numerator, denominator, value: denominator === 0 ? null : numerator / denominator };
}

/** A rate as a percentage rounded to `decimals` places (911/972 → 93.72); null when undefined. */
export function percent(rate: Fraction, decimals = 2): number | null {
  if (rate.denominator === 0) return null;
  const scale = 10 ** decimals;
  return Math.round((rate.numerator * 100 * scale) / rate.denominator) / scale;
}

/** Asia/Shanghai is UTC+8 all year (no daylight saving). */
const shanghaiOffsetMs = 8 * 60 * 60 * 1000;

/** The calendar month `month` (1–12) of `year` in Beijing time, as [from, to). */
export function monthPeriod(year: number, month: number): Period {
  if (!Number.isInteger(year) || !Number.isInteger(month) || month < 1 || month > 12) {
    throw new RangeError(`monthPeriod: no month ${year}-${month}`);
  }
  return {
    from: Date.UTC(year, month - 1, 1) - shanghaiOffsetMs,
    to: Date.UTC(year, month, 1) - shanghaiOffsetMs,
  };
}

/**
 * A case is due (应结) in a period when its deadline falls in [from, to).
 * Voided and merged cases, and cases in the approved backlog, are never due.
 * An extended case is due in the period of its extended deadline.
 */
export function isDue(c: AssessedCase, period: Period): boolean {
  if (c.status === 'voided' || c.status === 'merged' || c.hungApproved) return false;
  return c.deadlineAt !== null && c.deadlineAt >= period.from && c.deadlineAt < period.to;
}

/** Composite score weights; the defaults sum to 100. */
export interface ScoreWeights {
  /** × on-time closure rate, weighted by source weight. */
  onTime: number;
  /** × closure rate, weighted by source weight. */
  closure: number;
  /** × urgent closure rate. */
  urgent: number;
  /** × (1 − rework rate). */
  rework: number;
  /** × supervised-on-time rate. */
  supervision: number;
  /** × mean satisfaction. */
  satisfaction: number;
}

export const defaultScoreWeights: Readonly<ScoreWeights> = {
  onTime: 50,
  closure: 20,
  urgent: 10,
  rework: 5,
  supervision: 5,
  satisfaction: 10,
};

/** Points taken off the composite score. */
export interface DeductionRules {
  /** Per due key case (source weight > 1: leader-assigned, media-exposed) past its deadline and still not closed. */
  perOverdueKeyCase: number;
  /** Per due case that failed verification `repeatedReworkThreshold` times or more. */
  perRepeatedRework: number;
  repeatedReworkThreshold: number;
  /** At most this many points are deducted in one assessment. */
  cap: number;
}

export const defaultDeductionRules: Readonly<DeductionRules> = {
  perOverdueKeyCase: 0.5,
  perRepeatedRework: 0.5,
  repeatedReworkThreshold: 3,
  cap: 5,
};

export interface KpiOptions {
  weights?: Partial<ScoreWeights>;
  deductions?: Partial<DeductionRules>;
  /**
   * The moment the figures are taken: report-backs and closures after it do
   * not count. Defaults to the end of the period, so a month's report is the
   * same whenever it is computed.
   */
  asOf?: number;
}

/** The cases behind every number, for drill-down. Every list is a subset of `due`. */
export interface KpiCaseIds {
  due: number[];
  reportedBack: number[];
  reportedBackOnTime: number[];
  closed: number[];
  closedOnTime: number[];
  reworked: number[];
  returned: number[];
  extended: number[];
  supervised: number[];
  supervisedClosedOnTime: number[];
  urgent: number[];
  urgentClosed: number[];
  urgentClosedOnTime: number[];
  /** Due cases with a satisfaction rating. */
  rated: number[];
  /** Deduction: due key cases past their deadline and not closed. */
  overdueKeyCases: number[];
  /** Deduction: due cases that failed verification repeatedly. */
  repeatedRework: number[];
}

export type ScoreComponentKey = keyof ScoreWeights;

export interface ScoreComponent {
  weight: number;
  /** The rate this component scores (on-time and closure are weighted by source weight). */
  rate: Fraction;
  /** weight × rate, or the full weight when the rate is undefined (nothing to judge). */
  points: number;
}

export interface Deductions {
  overdueKeyCases: number;
  repeatedRework: number;
  /** The sum of the above before the cap. */
  uncapped: number;
  /** What is taken off the score: min(uncapped, cap). */
  points: number;
}

export interface Kpis {
  period: Period;
  asOf: number;
  due: number;
  reportedBack: number;
  reportedBackOnTime: number;
  closed: number;
  closedOnTime: number;
  /** 处置率: reported back by `asOf` / due. */
  disposalRate: Fraction;
  /** Reported back at or before the deadline / due. */
  onTimeDisposalRate: Fraction;
  /** 结案率 (办结率): closed by `asOf` / due. */
  closureRate: Fraction;
  /** Closed at or before the deadline / due. */
  onTimeClosureRate: Fraction;
  /** Due cases sent back at least once after failed verification / due. */
  reworkRate: Fraction;
  /** Due cases returned at least once as not the department's duty / due. */
  returnRate: Fraction;
  /** Due cases with at least one approved extension / due. */
  extensionRate: Fraction;
  /** Supervised due cases closed on time / supervised due cases. */
  supervisedOnTimeRate: Fraction;
  /** Urgent due cases closed / urgent due cases. */
  urgentClosureRate: Fraction;
  /** Urgent due cases closed on time / urgent due cases. */
  urgentOnTimeClosureRate: Fraction;
  /** Sum of ratings / rated due cases: the mean satisfaction, 0..1. */
  satisfaction: Fraction;
  scoreComponents: Record<ScoreComponentKey, ScoreComponent>;
  deductions: Deductions;
  /** Sum of component points minus deductions, not below 0; null when nothing was due. */
  score: number | null;
  caseIds: KpiCaseIds;
}

/** Report-back time; a closed case without one counts as reported back when it closed. */
function reportedBackAt(c: AssessedCase): number | null {
  return c.firstReportedBackAt ?? c.closedAt;
}

function isReportedBack(c: AssessedCase, asOf: number): boolean {
  const at = reportedBackAt(c);
  return at !== null && at < asOf;
}

function isReportedBackOnTime(c: AssessedCase, asOf: number): boolean {
  const at = reportedBackAt(c);
  return isReportedBack(c, asOf) && c.deadlineAt !== null && at !== null && at <= c.deadlineAt;
}

function isClosed(c: AssessedCase, asOf: number): boolean {
  return c.status === 'closed' && c.closedAt !== null && c.closedAt < asOf;
}

function isClosedOnTime(c: AssessedCase, asOf: number): boolean {
  return isClosed(c, asOf) && c.deadlineAt !== null && c.closedAt !== null && c.closedAt <= c.deadlineAt;
}

const ids = (cases: readonly AssessedCase[]): number[] => cases.map((c) => c.id);
const totalWeight = (cases: readonly AssessedCase[]): number => cases.reduce((sum, c) => sum + c.weight, 0);

function component(weight: number, rate: Fraction): ScoreComponent {
  return { weight, rate, points: rate.value === null ? weight : weight * rate.value };
}

/** The KPIs of the given cases for one period (filter by department first, or use `computeKpisByDepartment`). */
export function computeKpis(cases: readonly AssessedCase[], period: Period, options: KpiOptions = {}): Kpis {
  const asOf = options.asOf ?? period.to;
  const weights: ScoreWeights = { ...defaultScoreWeights, ...options.weights };
  const rules: DeductionRules = { ...defaultDeductionRules, ...options.deductions };

  const due = cases.filter((c) => isDue(c, period));
  const reportedBack = due.filter((c) => isReportedBack(c, asOf));
  const reportedBackOnTime = due.filter((c) => isReportedBackOnTime(c, asOf));
  const closed = due.filter((c) => isClosed(c, asOf));
  const closedOnTime = due.filter((c) => isClosedOnTime(c, asOf));
  const reworked = due.filter((c) => c.reworkCount > 0);
  const returned = due.filter((c) => c.returnCount > 0);
  const extended = due.filter((c) => c.extensionCount > 0);
  const supervised = due.filter((c) => c.supervised);
  const supervisedClosedOnTime = supervised.filter((c) => isClosedOnTime(c, asOf));
  const urgent = due.filter((c) => c.urgent);
  const urgentClosed = urgent.filter((c) => isClosed(c, asOf));
  const urgentClosedOnTime = urgent.filter((c) => isClosedOnTime(c, asOf));
  const rated = due.filter((c) => c.satisfaction !== null);
  const overdueKeyCases = due.filter((c) => c.weight > 1 && !isClosed(c, asOf) && c.deadlineAt !== null && c.deadlineAt < asOf);
  const repeatedRework = due.filter((c) => c.reworkCount >= rules.repeatedReworkThreshold);

  const n = due.length;
  const urgentClosureRate = fraction(urgentClosed.length, urgent.length);
  const supervisedOnTimeRate = fraction(supervisedClosedOnTime.length, supervised.length);
  const satisfaction = fraction(
    rated.reduce((sum, c) => sum + (c.satisfaction ?? 0), 0),
    rated.length,
  );

  const scoreComponents: Record<ScoreComponentKey, ScoreComponent> = {
    onTime: component(weights.onTime, fraction(totalWeight(closedOnTime), totalWeight(due))),
    closure: component(weights.closure, fraction(totalWeight(closed), totalWeight(due))),
    urgent: component(weights.urgent, urgentClosureRate),
    rework: component(weights.rework, fraction(n - reworked.length, n)),
    supervision: component(weights.supervision, supervisedOnTimeRate),
    satisfaction: component(weights.satisfaction, satisfaction),
  };

  const overduePoints = overdueKeyCases.length * rules.perOverdueKeyCase;
  const reworkPoints = repeatedRework.length * rules.perRepeatedRework;
  const uncapped = overduePoints + reworkPoints;
  const deductions: Deductions = {
    overdueKeyCases: overduePoints,
    repeatedRework: reworkPoints,
    uncapped,
    points: Math.min(uncapped, rules.cap),
  };

  const componentPoints = Object.values(scoreComponents).reduce((sum, part) => sum + part.points, 0);
  const score = n === 0 ? null : Math.max(0, componentPoints - deductions.points);

  return {
    period,
    asOf,
    due: n,
    reportedBack: reportedBack.length,
    reportedBackOnTime: reportedBackOnTime.length,
    closed: closed.length,
    closedOnTime: closedOnTime.length,
    disposalRate: fraction(reportedBack.length, n),
    onTimeDisposalRate: fraction(reportedBackOnTime.length, n),
    closureRate: fraction(closed.length, n),
    onTimeClosureRate: fraction(closedOnTime.length, n),
    reworkRate: fraction(reworked.length, n),
    returnRate: fraction(returned.length, n),
    extensionRate: fraction(extended.length, n),
    supervisedOnTimeRate,
    urgentClosureRate,
    urgentOnTimeClosureRate: fraction(urgentClosedOnTime.length, urgent.length),
    satisfaction,
    scoreComponents,
    deductions,
    score,
    caseIds: {
      due: ids(due),
      reportedBack: ids(reportedBack),
      reportedBackOnTime: ids(reportedBackOnTime),
      closed: ids(closed),
      closedOnTime: ids(closedOnTime),
      reworked: ids(reworked),
      returned: ids(returned),
      extended: ids(extended),
      supervised: ids(supervised),
      supervisedClosedOnTime: ids(supervisedClosedOnTime),
      urgent: ids(urgent),
      urgentClosed: ids(urgentClosed),
      urgentClosedOnTime: ids(urgentClosedOnTime),
      rated: ids(rated),
      overdueKeyCases: ids(overdueKeyCases),
      repeatedRework: ids(repeatedRework),
    },
  };
}

export interface DepartmentKpis {
  departmentId: string | null;
  kpis: Kpis;
}

/**
 * KPIs per lead department, plus the whole sub-centre. Every department that
 * leads at least one of the given cases is listed (sorted by id; cases without
 * a lead department last, under null), even when none of its cases is due.
 * `overall` is computed over all cases, not averaged from the departments.
 */
export function computeKpisByDepartment(
  cases: readonly AssessedCase[],
  period: Period,
  options: KpiOptions = {},
): { overall: Kpis; departments: DepartmentKpis[] } {
  const groups = new Map<string | null, AssessedCase[]>();
  for (const c of cases) {
    const group = groups.get(c.leadDepartmentId);
    if (group) group.push(c);
    else groups.set(c.leadDepartmentId, [c]);
  }
  const departmentIds = [...groups.keys()].sort((a, b) => {
    if (a === b) return 0;
    if (a === null) return 1;
    if (b === null) return -1;
    return a < b ? -1 : 1;
  });
  return {
    overall: computeKpis(cases, period, options),
    departments: departmentIds.map((departmentId) => ({
      departmentId,
      kpis: computeKpis(groups.get(departmentId) ?? [], period, options),
    })),
  };
}
