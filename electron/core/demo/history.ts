import type { ReferenceData } from '../../../shared/contract/contract';
import type { CaseStatus } from '../../../shared/domain/case';
import { formatCaseNumber, roomDayKey } from '../../../shared/domain/caseNumber';
import { createGridLocator } from '../../../shared/domain/locate';
import { seededRandom, type SeededRandom } from '../../../shared/domain/random';
import { createWorkCalendar, type WorkCalendar } from '../../../shared/domain/workCalendar';
import type { CaseStore } from '../store/caseStore';
import type { Db } from '../store/database';
import { createCaseFactory } from './caseFactory';

const minute = 60_000;
const hour = 60 * minute;
const day = 24 * hour;

export interface HistoryOptions {
  /** The instant the history leads up to; the newest cases are still open. */
  now: number;
  days: number;
  /** Average cases a day (one real sub-centre: ~20,000 in seven months ≈ 95). */
  perDay: number;
  seed: number;
}

/** Incidents by hour of day: quiet before dawn, busiest late morning and early evening. */
const hourlyWeight = [2, 1, 1, 1, 2, 3, 5, 7, 9, 10, 10, 9, 8, 8, 9, 9, 9, 8, 8, 7, 6, 5, 4, 3];

interface Step {
  kind: string;
  at: number;
}

/**
 * Months of plausible past cases so that queues, KPIs and trends mean
 * something on first start. Each case walks the real lifecycle: registered,
 * dispatched with a deadline in working time, handled (most on time, some
 * late, a few returned, reworked, extended, hung or run as joint
 * operations), closed. Deterministic: the same seed and `now` give the same
 * rows on every machine. Written in one transaction; the history counts as
 * already synchronised, so it writes no outbox rows.
 */
export function generateHistory(db: Db, store: CaseStore, reference: ReferenceData, options: HistoryOptions): number {
  const random = seededRandom(options.seed);
  const nextIncident = createCaseFactory(reference, random);
  const locate = createGridLocator(reference.geography);
  const calendar = createWorkCalendar(reference.calendar);
  const linked = reference.departments.filter((department) => department.kind === 'linked').map((department) => department.id);
  const start = options.now - options.days * day;
  const serials = new Map<string, number>();
  let written = 0;

  db.transaction(() => {
    for (let dayStart = start; dayStart < options.now; dayStart += day) {
      // A gentle upward trend over the months, busier on weekdays.
      const progress = (dayStart - start) / (options.now - start);
      const weekday = new Date(dayStart).getUTCDay();
      const weekFactor = weekday === 0 || weekday === 6 ? 0.8 : 1.08;
      const count = Math.round(options.perDay * (0.85 + 0.3 * progress) * weekFactor * (0.85 + 0.3 * random.next()));
      const times = Array.from({ length: count }, () => dayStart + random.weighted(hourlyWeight.map((w, h) => [h, w] as const)) * hour + random.int(0, hour)).filter(
        (at) => at < options.now,
      );
      times.sort((a, b) => a - b);
      for (const reportedAt of times) {
        const { draft, category } = nextIncident();
        const dayKey = roomDayKey(reportedAt);
        const serial = (serials.get(dayKey) ?? 0) + 1;
        serials.set(dayKey, serial);
        const lead = category.leadDepartmentId;
        const helpers = random.chance(0.03) ? [random.pick(linked.filter((id) => id !== lead))] : [];
        const story = walk({ reportedAt, now: options.now, urgent: draft.urgent, timeLimitMs: calendar.limitMs(category.timeLimit), calendar, random });
        const place = locate(draft.lngLat);
        const id = store.insert({
          number: formatCaseNumber(dayKey, serial),
          description: draft.description,
          categoryCode: draft.categoryCode,
          sourceId: draft.sourceId,
          status: story.status,
          urgent: draft.urgent,
          lngLat: draft.lngLat,
          // Grid, workstation and sub-district come from the same locator the live core uses.
          gridId: place?.gridId ?? null,
          workstationId: place?.workstationId ?? null,
          subDistrictId: place?.subDistrictId ?? null,
          address: draft.address,
          leadDepartmentId: lead,
          reportedAt,
          dispatchedAt: story.dispatchedAt,
          closedAt: story.closedAt,
          updatedAt: story.steps[story.steps.length - 1]!.at,
          reporter: draft.reporter,
          ...story.clock,
          firstReportedBackAt: story.reportedBackAt,
          reworkCount: story.reworks,
          returnCount: story.returns,
          extensionCount: story.extensions,
        });
        if (story.status === 'hung') store.patch(id, { hungAt: story.steps[story.steps.length - 1]!.at }, story.steps[story.steps.length - 1]!.at);
        if (story.dispatchedAt !== null) {
          const leadStatus = story.reportedBackAt !== null && story.status !== 'inProgress' ? 'reportedBack' : story.status === 'dispatched' ? 'dispatched' : 'inProgress';
          store.putAssignment(id, { departmentId: lead, role: 'lead', status: leadStatus, assignedAt: story.dispatchedAt, updatedAt: story.dispatchedAt, note: '' });
          for (const helper of helpers) {
            store.putAssignment(id, { departmentId: helper, role: 'helper', status: leadStatus, assignedAt: story.dispatchedAt, updatedAt: story.dispatchedAt, note: '' });
          }
        }
        for (const step of story.steps) {
          const data = step.kind === 'dispatch' ? { leadDepartmentId: lead, helperDepartmentIds: helpers } : {};
          store.audit.append({ caseId: id, at: step.at, actor: 'history', input: 'system', kind: step.kind, data });
        }
        written++;
      }
    }
    for (const [dayKey, last] of serials) store.serials.atLeast(dayKey, last);
  })();
  return written;
}

interface Story {
  status: CaseStatus;
  steps: Step[];
  dispatchedAt: number | null;
  reportedBackAt: number | null;
  closedAt: number | null;
  clock: { deadlineAt?: number; ladderAt?: [number, number]; timeLimitMs?: number };
  reworks: number;
  returns: number;
  extensions: number;
}

/** Where a case reported at `reportedAt` stands by `now`, and the lifecycle steps it took. */
function walk(input: { reportedAt: number; now: number; urgent: boolean; timeLimitMs: number; calendar: WorkCalendar; random: SeededRandom }): Story {
  const { reportedAt, now, calendar, random } = input;
  const steps: Step[] = [{ kind: 'created', at: reportedAt }];
  const story: Story = { status: 'reported', steps, dispatchedAt: null, reportedBackAt: null, closedAt: null, clock: {}, reworks: 0, returns: 0, extensions: 0 };
  /** Keeps only what had happened by `now`; the status is that of the last step taken. */
  const settle = (statusAfter: Record<string, CaseStatus>) => {
    story.steps = steps.filter((step) => step.at <= now).sort((a, b) => a.at - b.at);
    // The status is set by the last step that changes it (an approved extension does not).
    const deciding = story.steps.filter((step) => statusAfter[step.kind]).at(-1);
    story.status = deciding ? statusAfter[deciding.kind]! : 'reported';
    const happened = (kind: string) => story.steps.find((step) => step.kind === kind)?.at ?? null;
    story.dispatchedAt = story.status === 'registered' ? null : happened('dispatch');
    story.reportedBackAt = happened('reportBack');
    story.closedAt = story.status === 'closed' ? happened('close') : null;
    if (story.dispatchedAt === null) story.clock = {};
    return story;
  };

  if (random.chance(0.015)) {
    steps.push({ kind: 'void', at: reportedAt + random.int(10, 90) * minute });
    return settle({ void: 'voided' });
  }
  const registeredAt = reportedAt + random.int(3, 25) * minute;
  let dispatchedAt = registeredAt + random.int(2, 20) * minute;
  steps.push({ kind: 'register', at: registeredAt });
  if (random.chance(0.03)) {
    // Sent to the wrong unit first: returned as not its duty, then dispatched again.
    steps.push({ kind: 'dispatch', at: dispatchedAt });
    const returnedAt = dispatchedAt + random.int(20, 180) * minute;
    steps.push({ kind: 'returnCase', at: returnedAt });
    dispatchedAt = returnedAt + random.int(5, 30) * minute;
    story.returns = 1;
  }
  steps.push({ kind: 'dispatch', at: dispatchedAt });

  let timeLimitMs = input.timeLimitMs;
  if (!input.urgent && random.chance(0.05)) {
    steps.push({ kind: 'approveExtension', at: calendar.addWorkingTime(dispatchedAt, Math.round(timeLimitMs * 0.3)) });
    timeLimitMs *= 2;
    story.extensions = 1;
  }
  const deadlineAt = calendar.addWorkingTime(dispatchedAt, Math.round(timeLimitMs));
  story.clock = {
    deadlineAt,
    ladderAt: [calendar.addWorkingTime(dispatchedAt, Math.round(timeLimitMs * 0.5)), calendar.addWorkingTime(dispatchedAt, Math.round(timeLimitMs * 0.8))],
    timeLimitMs: Math.round(timeLimitMs),
  };
  // Share of the time limit used before reporting back: most well within it, some late.
  const share = input.urgent ? 0.1 + random.next() * 0.6 : random.weighted([[0.15 + random.next() * 0.6, 70], [0.75 + random.next() * 0.25, 16], [1 + random.next() * 1.5, 14]] as const);
  const startedAt = dispatchedAt + random.int(5, 60) * minute;
  const reportedBackAt = calendar.addWorkingTime(dispatchedAt, Math.round(timeLimitMs * share));
  steps.push({ kind: 'startHandling', at: Math.min(startedAt, reportedBackAt) }, { kind: 'reportBack', at: reportedBackAt });
  let closedAt = reportedBackAt + random.int(20, 240) * minute;
  if (random.chance(0.04)) {
    steps.push({ kind: 'rework', at: closedAt });
    const again = closedAt + random.int(2, 20) * hour;
    steps.push({ kind: 'reportBack', at: again });
    closedAt = again + random.int(20, 240) * minute;
    story.reworks = 1;
  }
  if (random.chance(0.004)) {
    steps.splice(steps.findIndex((step) => step.kind === 'reportBack'), Infinity, { kind: 'hang', at: startedAt + 2 * day });
    return settle({ hang: 'hung', register: 'registered', returnCase: 'registered', dispatch: 'dispatched', startHandling: 'inProgress' });
  }
  steps.push({ kind: 'close', at: closedAt });
  return settle({
    register: 'registered',
    dispatch: 'dispatched',
    returnCase: 'registered',
    startHandling: 'inProgress',
    reportBack: 'reportedBack',
    rework: 'inProgress',
    close: 'closed',
  });
}
