import type { ReferenceData } from '../../../shared/contract/contract';
import { computeKpisByDepartment, monthPeriod, type AssessedCase, type KpiOptions, type Period } from '../../../shared/domain/kpi';
import type { AssessableCase, CaseStore } from '../store/caseStore';

/**
 * Department assessment (考核): the cases due in a period, seen the way the
 * KPI module needs them (formulas in shared/domain/kpi.ts and docs/KPI.md).
 */
export function assessedCase(item: AssessableCase, weightOfSource: (sourceId: string) => number, now: number): AssessedCase {
  // Under supervision before the deadline: raised by hand, or still unanswered when the ladder reached 50 %.
  const answeredAt = item.firstReportedBackAt ?? item.closedAt ?? now;
  const laddered = item.ladderAt !== null && answeredAt >= item.ladderAt[0];
  return {
    id: item.id,
    leadDepartmentId: item.leadDepartmentId,
    weight: weightOfSource(item.sourceId),
    urgent: item.urgent,
    dispatchedAt: item.dispatchedAt,
    deadlineAt: item.deadlineAt,
    firstReportedBackAt: item.firstReportedBackAt,
    closedAt: item.closedAt,
    status: item.status,
    hungApproved: item.status === 'hung',
    reworkCount: item.reworkCount,
    returnCount: item.returnCount,
    extensionCount: item.extensionCount,
    supervised: item.supervisionManual > 0 || laddered,
    satisfaction: item.satisfaction,
  };
}

export function periodOfMonth(month: string): Period {
  const [year, monthNumber] = month.split('-').map(Number);
  return monthPeriod(year!, monthNumber!);
}

export function assessPeriod(store: CaseStore, reference: ReferenceData, period: Period, now: number, options: KpiOptions = {}) {
  const weights = new Map(reference.sources.map((source) => [source.id, source.weight]));
  const due = store.dueIn(period.from, period.to).map((item) => assessedCase(item, (id) => weights.get(id) ?? 1, now));
  return computeKpisByDepartment(due, period, { asOf: Math.min(now, period.to), ...options });
}
